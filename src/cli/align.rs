//! `audarma align SOURCE TARGET --to en|ru`: pair a Kazakh document's sentences
//! with an existing translation's, write a review file, and turn confident
//! pairs into aligned drafts and memory (or apply a corrected review file).

use std::path::PathBuf;

use audarma::align::apply::ApplyReport;
use audarma::align::files::{align_files, AlignRequest};
use audarma::align::{self, review_file};
use audarma::store::Store;
use audarma::text::display::one_line;
use audarma::text::Lang;
use audarma::{Error, Result};

use super::common::{out, outln, parse_target, print_json, shown_path, user_name, Quiet};
use super::output_file::{Inputs, Output};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Kazakh document (plain text, UTF-8 or UTF-16 with a BOM)
    source: PathBuf,
    /// Its existing translation, in the same encoding
    target: PathBuf,
    /// Language of the translation: en or ru (also eng, rus, en-US ...)
    #[arg(long, value_parser = Quiet(parse_target))]
    to: Lang,
    /// Document name in the database [default: SOURCE's file name without its
    /// extension]. A document not yet in the database is imported from SOURCE;
    /// an existing one must have been imported from the same text.
    #[arg(long, value_name = "NAME")]
    doc: Option<String>,
    /// Print {"pairs": [{"source_positions", "target_positions", "confidence",
    /// "source", "target"}], "by_paragraph", "applied", "warnings"}
    #[arg(long, conflicts_with = "tsv")]
    json: bool,
    /// Write the review file (TSV) to OUT instead of printing it (atomically;
    /// an existing file is refused without --force; SOURCE, TARGET, the
    /// database and any SQLite file always); a text a spreadsheet would read
    /// as a formula starts with ' (--apply takes it off)
    #[arg(long, value_name = "OUT")]
    tsv: Option<PathBuf>,
    /// Replace the --tsv file if it exists (never an input, the database or an SQLite file)
    #[arg(long, requires = "tsv")]
    force: bool,
    /// Apply a (corrected) review file instead of aligning
    #[arg(long, value_name = "FILE", conflicts_with = "tsv")]
    apply: Option<PathBuf>,
    /// Pairs below this confidence do not become drafts [default: 0.5, or 0
    /// with --apply: the person reviewed them]
    #[arg(long, value_name = "X")]
    min_confidence: Option<f64>,
    /// Align and print only: write nothing to the database
    #[arg(long, conflicts_with = "apply")]
    dry_run: bool,
    /// Author of the drafts [default: AUDARMA_USER, else the login name];
    /// one line, no control characters
    #[arg(long)]
    user: Option<String>,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    // Checked before the work: a refused review file changes nothing.
    let tsv = match &args.tsv {
        Some(path) => {
            let files = [args.source.as_path(), args.target.as_path()];
            let inputs = Inputs {
                files: &files,
                source_of: None,
            };
            Output::new(path, args.force, ctx, &inputs)?
        }
        None => Output::Stdout,
    };
    let user = user_name(args.user.clone());
    let mut store = None;
    let (slot, dry_run) = (&mut store, args.dry_run);
    let outcome = align_files(
        move || {
            *slot = open_store(dry_run, ctx)?;
            Ok(slot.as_mut())
        },
        &AlignRequest {
            source: &args.source,
            target: &args.target,
            to: args.to,
            doc: args.doc.as_deref(),
            min_confidence: args.min_confidence,
            review: args.apply.as_deref(),
            user: &user,
        },
    )?;
    for w in &outcome.warnings {
        eprintln!("warning: {}", one_line(w));
    }
    let Some(alignment) = &outcome.alignment else {
        if args.json {
            return print_json(
                &serde_json::json!({"applied": outcome.applied, "warnings": outcome.warnings}),
            );
        }
        if let Some(r) = &outcome.applied {
            outln!("{}", summary(r, args.to))?;
        }
        return Ok(());
    };
    if let Output::File(file) = &tsv {
        file.write(review_file::write(&alignment.pairs).as_bytes())?;
    }
    if args.json {
        return print_json(&serde_json::json!({
            "pairs": alignment.pairs,
            "by_paragraph": alignment.by_paragraph,
            "applied": outcome.applied,
            "warnings": outcome.warnings,
        }));
    }
    if let Output::Stdout = tsv {
        out!("{}", review_file::write(&alignment.pairs))?;
    }
    eprintln!("{}", alignment_summary(alignment, &args));
    if let Some(r) = &outcome.applied {
        eprintln!("{}", summary(r, args.to));
    }
    Ok(())
}

/// The database, unless this is a dry run (clap keeps --apply and --dry-run apart).
fn open_store(dry_run: bool, ctx: &Ctx) -> Result<Option<Store>> {
    if dry_run {
        return Ok(None);
    }
    ctx.open().map(Some).map_err(|e| match e {
        Error::Database { path, message } if !path.exists() => Error::database(
            path,
            format!("{message}; or only print the alignment with --dry-run"),
        ),
        e => e,
    })
}

fn alignment_summary(a: &align::Alignment, args: &Args) -> String {
    let paired = a
        .pairs
        .iter()
        .filter(|p| !p.source_positions.is_empty() && !p.target_positions.is_empty())
        .count();
    let unpaired = a.pairs.len() - paired;
    let place = args
        .tsv
        .as_ref()
        .map(|p| format!("; review file: {}", shown_path(p)))
        .unwrap_or_default();
    let paragraphs = if a.by_paragraph {
        "paragraph by paragraph"
    } else {
        "as one run (paragraph counts differ)"
    };
    format!("aligned {paired} pairs and {unpaired} unpaired sentences, {paragraphs}{place}")
}

fn summary(r: &ApplyReport, to: Lang) -> String {
    let imported = if r.document_imported {
        " (imported now)"
    } else {
        ""
    };
    format!(
        "'{}'{imported}: {} aligned drafts into {to} and {} memory units written, {} unchanged; not applied: {} below confidence, {} unpaired, {} with two source sentences, {} segments already translated",
        one_line(&r.document), r.drafts_written, r.memory_units, r.unchanged, r.below_confidence, r.unpaired, r.merged_source, r.kept_existing
    )
}
