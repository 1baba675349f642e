//! `audarma import FILE`: split a Kazakh document into sentences and store it,
//! with a progress bar on a terminal and a warning when the text's letters
//! do not fit `--lang`.

use std::io::IsTerminal;
use std::path::PathBuf;

use audarma::import::{self, ImportProgress, ImportRequest};
use audarma::store::ImportOutcome;
use audarma::text::display::one_line;
use audarma::text::Lang;
use audarma::Result;

use super::common::{outln, parse_lang, print_json, progress_bar, shown_path, Quiet};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plain-text document (UTF-8, or UTF-16 with a BOM)
    file: PathBuf,
    /// Language of the document (a warning says when its letters look like another)
    #[arg(long, default_value = "kk", value_parser = Quiet(parse_lang))]
    lang: Lang,
    /// Name of the document [default: the file name without its extension]
    #[arg(long)]
    name: Option<String>,
    /// Replace a changed document of the same name, keeping the translations of
    /// sentences that did not change
    #[arg(long)]
    replace: bool,
    /// With --replace: agree, without being asked, to remove the sentences the new
    /// text no longer has even when they hold translations or review events (they
    /// are kept with their history and events, hidden from the document)
    #[arg(long, requires = "replace")]
    yes: bool,
    /// Print {"document": {"id", "name"}, "segments", "words", "outcome", ...}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let mut request = ImportRequest {
        file: &args.file,
        lang: args.lang,
        name: args.name.as_deref(),
        replace: args.replace,
        removal_confirmed: args.yes,
    };
    if args.replace && !args.yes && std::io::stdin().is_terminal() {
        request.removal_confirmed = match ask_about_removal(&store, &request)? {
            Some(false) => {
                return Err(audarma::Error::usage(
                    "replace cancelled; nothing was changed",
                ))
            }
            Some(true) => true,
            None => false,
        };
    }
    // One bar per phase: a new bar draws at its first step, so even a short
    // phase shows (a reused one may be between two redraws).
    let mut bar: Option<(&str, indicatif::ProgressBar)> = None;
    let imported = import::import_file_with(&mut store, &request, &mut |p| {
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
    });
    if let Some((_, b)) = bar {
        b.finish_and_clear();
    }
    let imported = imported?;
    for w in &imported.warnings {
        eprintln!("warning: {}: {}", shown_path(&args.file), one_line(w));
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
            "removed": report.removed,
        }));
    }
    let doc = &report.document;
    match report.outcome {
        ImportOutcome::Created => outln!(
            "imported '{}' (id {}): {} segments, {} words",
            one_line(&doc.name),
            doc.id,
            report.segments,
            report.words
        )?,
        ImportOutcome::Unchanged => outln!(
            "'{}' (id {}) is already imported with the same content; nothing to do",
            one_line(&doc.name),
            doc.id
        )?,
        ImportOutcome::Replaced => {
            outln!(
                "replaced '{}' (id {}): {} segments, {} words; kept {} translations, {} translations belonged to removed sentences (they stay in the memory)",
                one_line(&doc.name), doc.id, report.segments, report.words, report.translations_kept, report.translations_orphaned
            )?;
            if report.removed.segments > 0 {
                outln!(
                    "removed {}: kept with their history and events, hidden from the document",
                    report.removed.describe()
                )?;
            }
        }
    }
    Ok(())
}

/// On a terminal, say what the replace would remove when work is on it and
/// ask: the answer, or `None` when there is nothing to ask about.
fn ask_about_removal(
    store: &audarma::store::Store,
    request: &ImportRequest<'_>,
) -> Result<Option<bool>> {
    let Some(removed) = import::replace_preview(store, request)? else {
        return Ok(None);
    };
    if !removed.holds_work() {
        return Ok(None);
    }
    eprint!(
        "replacing removes {}; they are kept with their history, hidden from the document. Replace? [y/N] ",
        removed.describe()
    );
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(Some(matches!(
        answer.trim(),
        "y" | "Y" | "yes" | "YES" | "Yes"
    )))
}
