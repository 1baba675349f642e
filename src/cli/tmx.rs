//! `audarma tmx import|export`: argument parsing and rendering; the work is
//! `Store::import_tmx_files` and `Reader::export_tmx`.

use std::path::PathBuf;

use audarma::store::tm::{ExportOptions, ImportOptions, OnDuplicate};
use audarma::text::display::one_line;
use audarma::{Error, Result};

use super::common::{outln, print_json, progress_bar, shown_path, Quiet};
use super::output_file::{Inputs, Output};
use super::Ctx;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Import TMX files (.tmx, .tmx.gz, .zip) into the memory, in one transaction
    Import(ImportArgs),
    /// Export the memory as TMX 1.4b
    Export(ExportArgs),
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Duplicate {
    Skip,
    Update,
    Keep,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// TMX files (TMX 1.1 to 1.4b; UTF-8, UTF-16 or a declared encoding; .gz and .zip accepted)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Import the sound units and write unsound ones to a quarantine next to
    /// each input (m.tmx → m.rejected.tmx; a taken name gets a number, never
    /// replaced), instead of stopping at the first error
    #[arg(long)]
    lenient: bool,
    /// A unit whose source is already stored with another translation:
    /// skip it, update the stored unit, or keep both as alternatives
    #[arg(long, value_enum, default_value = "keep")]
    on_duplicate: Duplicate,
    /// Print {"units_read", "imported", "duplicates_skipped", "alternatives_kept",
    /// "updated", "rejected", "warnings", "languages", "suggestible",
    /// "rejected_files", "problems"} (suggestible: units with a Kazakh and an
    /// en or ru variant, the only ones suggestions can offer)
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output file (`-` writes to stdout); written atomically (a symlink: its
    /// target). An existing file is refused without --force; the database and
    /// any SQLite file always
    out: PathBuf,
    /// Replace OUT if it exists (never the database or an SQLite file)
    #[arg(long)]
    force: bool,
    /// Target language to export: en, ru or all
    #[arg(long, default_value = "all", value_parser = Quiet(parse_to))]
    to: ToLang,
    /// Only units of this document (name or id)
    #[arg(long)]
    doc: Option<String>,
    /// Only units with these review statuses (comma-separated)
    #[arg(long, value_delimiter = ',')]
    status: Vec<String>,
    /// Only units changed since this date (2026-01-31, RFC 3339 or TMX form)
    #[arg(long)]
    changed_since: Option<String>,
    /// Print {"path", "units", "variants", "dropped_characters"} on stdout (not
    /// with `-`); dropped_characters: [{"unit", "characters"}], what units stored
    /// before such characters were refused held that XML cannot carry
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone)]
struct ToLang(Option<String>);

fn parse_to(s: &str) -> std::result::Result<ToLang, String> {
    if s.eq_ignore_ascii_case("all") {
        return Ok(ToLang(None));
    }
    audarma::text::Lang::parse_target(s).map(|l| ToLang(Some(l.code().to_string())))
}

pub fn run(cmd: Command, ctx: &Ctx) -> Result<()> {
    match cmd {
        Command::Import(a) => import(a, ctx),
        Command::Export(a) => export(a, ctx),
    }
}

fn import(args: ImportArgs, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let options = ImportOptions {
        lenient: args.lenient,
        on_duplicate: match args.on_duplicate {
            Duplicate::Skip => OnDuplicate::Skip,
            Duplicate::Update => OnDuplicate::Update,
            Duplicate::Keep => OnDuplicate::Keep,
        },
    };
    let bar = progress_bar(0, "importing");
    let summary = store.import_tmx_files(&args.files, &options, &mut |p| {
        bar.set_length(p.bytes_total);
        bar.set_position(p.bytes_read);
    })?;
    bar.finish_and_clear();
    for p in &summary.problems {
        eprintln!(
            "{}:{}:{}: {}: {} [{}]",
            one_line(&p.file),
            p.line,
            p.column,
            p.severity,
            one_line(&p.message),
            p.rule
        );
    }
    if args.json {
        return print_json(&summary);
    }
    outln!(
        "read {} units: imported {}, duplicates skipped {}, alternatives kept {}, updated {}, rejected {}, warnings {}",
        summary.units_read,
        summary.imported,
        summary.duplicates_skipped,
        summary.alternatives_kept,
        summary.updated,
        summary.rejected,
        summary.warnings
    )?;
    let langs: Vec<&str> = summary.languages.iter().map(String::as_str).collect();
    if !langs.is_empty() {
        outln!("languages: {}", one_line(&langs.join(", ")))?;
    }
    let sound = summary.units_read - summary.rejected;
    if sound > 0 && summary.suggestible == 0 {
        outln!(
            "none of these units can ever be suggested: suggestions need a Kazakh source with an English or Russian translation (these are {})",
            one_line(&langs.join(", "))
        )?;
    } else if summary.suggestible < sound {
        outln!(
            "{} of {sound} units can never be suggested (no Kazakh variant, or no English or Russian one)",
            sound - summary.suggestible
        )?;
    }
    for f in &summary.rejected_files {
        outln!("rejected units written to {}", one_line(f))?;
    }
    Ok(())
}

fn export(args: ExportArgs, ctx: &Ctx) -> Result<()> {
    if args.json && args.out.as_os_str() == "-" {
        return Err(Error::usage(
            "--json prints a summary on stdout; it cannot go with `-` (the TMX itself on stdout)",
        ));
    }
    let store = ctx.open_for_reading()?;
    let output = Output::new(&args.out, args.force, ctx, &Inputs::default())?;
    let options = ExportOptions {
        to: args.to.0,
        doc: args.doc,
        statuses: args.status,
        changed_since: args.changed_since,
    };
    let bar = progress_bar(0, "exporting");
    let mut tick = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let summary = match &output {
        Output::Stdout => {
            let stdout = std::io::stdout().lock();
            store.export_tmx(std::io::BufWriter::new(stdout), &options, &mut tick)?
        }
        Output::File(file) => file.write_with(|w| store.export_tmx(w, &options, &mut tick))?,
    };
    bar.finish_and_clear();
    for d in &summary.dropped {
        eprintln!(
            "warning: {}: left out {}, which XML cannot carry (stored before such characters were refused)",
            one_line(&d.unit),
            d.characters.join(", ")
        );
    }
    if args.json {
        return print_json(&serde_json::json!({
            "path": args.out.display().to_string(),
            "units": summary.units,
            "variants": summary.variants,
            "dropped_characters": summary.dropped,
        }));
    }
    if args.out.as_os_str() != "-" {
        eprintln!(
            "exported {} units ({} variants) to {}",
            summary.units,
            summary.variants,
            shown_path(&args.out)
        );
    }
    Ok(())
}
