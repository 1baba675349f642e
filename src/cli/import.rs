//! `audarma import FILE`: split a Kazakh document into sentences and store it,
//! with a progress bar on a terminal and a warning when the text's letters
//! do not fit `--lang`.

use std::path::PathBuf;

use audarma::import::{self, ImportProgress, ImportRequest};
use audarma::store::ImportOutcome;
use audarma::text::Lang;
use audarma::Result;

use super::common::{outln, parse_lang, print_json, progress_bar, LimitArgs};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plain-text document (UTF-8, or UTF-16 with a BOM)
    file: PathBuf,
    /// Language of the document (a warning says when its letters look like another)
    #[arg(long, default_value = "kk", value_parser = parse_lang)]
    lang: Lang,
    /// Name of the document [default: the file name without its extension]
    #[arg(long)]
    name: Option<String>,
    /// Replace a changed document of the same name, keeping the translations of
    /// sentences that did not change
    #[arg(long)]
    replace: bool,
    #[command(flatten)]
    limits: LimitArgs,
    /// Print {"document": {"id", "name"}, "segments", "words", "outcome", ...}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    // One bar per phase: a new bar draws at its first step, so even a short
    // phase shows (a reused one may be between two redraws).
    let mut bar: Option<(&str, indicatif::ProgressBar)> = None;
    let imported = import::import_file_with(
        &mut store,
        &ImportRequest {
            file: &args.file,
            lang: args.lang,
            name: args.name.as_deref(),
            replace: args.replace,
            limits: args.limits.limits(),
        },
        &mut |p| {
            let (what, done, total) = match p {
                ImportProgress::Splitting { done, total } => ("splitting", done, total),
                ImportProgress::Storing { done, total } => ("storing", done, total),
            };
            if bar.as_ref().is_none_or(|(phase, _)| *phase != what) {
                if let Some((_, old)) = bar.take() {
                    old.finish_and_clear();
                }
                bar = Some((what, progress_bar(total as u64, what)));
            }
            if let Some((_, b)) = &bar {
                b.set_position(done as u64);
            }
        },
    );
    if let Some((_, b)) = bar {
        b.finish_and_clear();
    }
    let imported = imported?;
    for w in &imported.warnings {
        eprintln!("warning: {}: {w}", args.file.display());
    }
    let report = imported.report;

    if args.json {
        return print_json(&serde_json::json!({
            "document": {"id": report.document.id, "name": report.document.name},
            "segments": report.segments,
            "words": report.words,
            "outcome": report.outcome,
            "translations_kept": report.translations_kept,
            "translations_orphaned": report.translations_orphaned,
        }));
    }
    let doc = &report.document;
    match report.outcome {
        ImportOutcome::Created => outln!(
            "imported '{}' (id {}): {} segments, {} words",
            doc.name, doc.id, report.segments, report.words
        )?,
        ImportOutcome::Unchanged => outln!(
            "'{}' (id {}) is already imported with the same content; nothing to do",
            doc.name, doc.id
        )?,
        ImportOutcome::Replaced => outln!(
            "replaced '{}' (id {}): {} segments, {} words; kept {} translations, {} translations belonged to removed sentences (they stay in the memory)",
            doc.name, doc.id, report.segments, report.words, report.translations_kept, report.translations_orphaned
        )?,
    }
    Ok(())
}
