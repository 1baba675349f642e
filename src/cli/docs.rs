//! `audarma docs`: list the imported documents.

use audarma::Result;

use super::common::{outln, print_json};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print a JSON list of {"id", "name", "source_lang", "file_name", "content_hash", "imported_at", "segments", "words"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let rows = store.document_summaries()?;
    if args.json {
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
            d.name,
            d.source_lang,
            row.segments,
            row.words,
            d.imported_at
        )?;
    }
    Ok(())
}
