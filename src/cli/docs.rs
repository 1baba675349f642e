//! `audarma docs`: list the imported documents; `docs rm` and `docs rename`.

use std::io::IsTerminal;

use audarma::text::display::one_line;
use audarma::{documents, Error, Result};

use super::common::{confirm, outln, print_json};
use super::Ctx;

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    /// Print a JSON list of {"id", "name", "source_lang", "file_name", "content_hash", "imported_at", "segments", "words"}
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Remove a document from view, freeing its name; its segments keep their
    /// translations, history and events (the audit trail), and the memory units
    /// made from it stay. `--purge` deletes the trail too
    Rm(RmArgs),
    /// Give a document another name (its id, translations and memory stay)
    Rename(RenameArgs),
}

#[derive(Debug, clap::Args)]
struct RmArgs {
    /// Document name or id
    doc: String,
    /// Remove without asking (required when not on a terminal)
    #[arg(long)]
    yes: bool,
    /// Delete the document's segments with their translations, history and
    /// review events for good, instead of keeping them out of view
    #[arg(long)]
    purge: bool,
    /// Print {"document": {...}, "segments", "translations", "history",
    /// "events", "memory_units_kept", "purged"}
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
struct RenameArgs {
    /// Document name or id
    doc: String,
    /// The new name (not all digits: those are ids)
    new_name: String,
    /// Print {"id", "old_name", "name"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    match args.action {
        None => list(args.json, ctx),
        Some(Action::Rm(a)) => remove(a, ctx),
        Some(Action::Rename(a)) => rename(a, ctx),
    }
}

fn list(json: bool, ctx: &Ctx) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let rows = store.document_summaries()?;
    if json {
        let list: Vec<_> = rows
            .iter()
            .map(|row| {
                let mut v = serde_json::to_value(&row.document).unwrap_or_default();
                v["segments"] = row.segments.into();
                v["words"] = row.words.into();
                v
            })
            .collect();
        return print_json(&list);
    }
    if rows.is_empty() {
        eprintln!("no documents yet; add one with `audarma import FILE`");
        return Ok(());
    }
    outln!(
        "{:>4}  {:<30} {:>4} {:>8} {:>7}  imported",
        "id",
        "name",
        "lang",
        "segments",
        "words"
    )?;
    for row in rows {
        let d = &row.document;
        outln!(
            "{:>4}  {:<30} {:>4} {:>8} {:>7}  {}",
            d.id,
            one_line(&d.name),
            d.source_lang,
            row.segments,
            row.words,
            d.imported_at
        )?;
    }
    Ok(())
}

fn remove(args: RmArgs, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let doc = store.find_document(&args.doc)?;
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return Err(Error::usage(
                "removing a document needs --yes when not run on a terminal",
            ));
        }
        let segments = store.segments_of(doc.id)?.len();
        let question = if args.purge {
            format!("purge '{}' (id {}) with its {segments} segments, their translations, history and review events, for good? The memory keeps its units.", one_line(&doc.name), doc.id)
        } else {
            format!("remove '{}' (id {}) with its {segments} segments? Their translations, history and events are kept out of view; the memory keeps its units.", one_line(&doc.name), doc.id)
        };
        if !confirm(&question)? {
            eprintln!("nothing removed");
            return Ok(());
        }
    }
    let removed = documents::remove(&mut store, &doc, args.purge)?;
    if args.json {
        return print_json(&removed);
    }
    outln!(
        "{} '{}' (id {}): {} segments, {} translations ({} earlier versions, {} events); {} memory units kept",
        if removed.purged {
            "deleted"
        } else {
            "removed (trail kept out of view)"
        },
        one_line(&removed.document.name),
        removed.document.id,
        removed.segments,
        removed.translations,
        removed.history,
        removed.events,
        removed.memory_units_kept
    )
}

fn rename(args: RenameArgs, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let (old, new) = documents::rename(&mut store, &args.doc, &args.new_name)?;
    if args.json {
        return print_json(&serde_json::json!({
            "id": new.id,
            "old_name": old.name,
            "name": new.name,
        }));
    }
    outln!(
        "renamed '{}' (id {}) to '{}'",
        one_line(&old.name),
        new.id,
        one_line(&new.name)
    )
}
