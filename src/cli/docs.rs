//! `audarma docs`: list the imported documents.

use audarma::store::documents;
use audarma::Result;

use super::common::print_json;
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print a JSON list of {"id", "name", "source_lang", "file_name", "content_hash", "imported_at", "segments", "words"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let docs = documents::list_documents(store.conn())?;
    let mut rows = Vec::new();
    for d in &docs {
        let (segments, words): (i64, i64) = store.conn().query_row(
            "SELECT count(*), coalesce(sum(words), 0) FROM segments WHERE document_id = ?1",
            [d.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        rows.push((d, segments, words));
    }
    if args.json {
        let list: Vec<_> = rows
            .iter()
            .map(|(d, s, w)| {
                let mut v = serde_json::to_value(d).unwrap_or_default();
                v["segments"] = (*s).into();
                v["words"] = (*w).into();
                v
            })
            .collect();
        return print_json(&list);
    }
    if rows.is_empty() {
        eprintln!("no documents yet; add one with `audarma import FILE`");
        return Ok(());
    }
    println!(
        "{:>4}  {:<30} {:>4} {:>8} {:>7}  imported",
        "id", "name", "lang", "segments", "words"
    );
    for (d, s, w) in rows {
        println!(
            "{:>4}  {:<30} {:>4} {:>8} {:>7}  {}",
            d.id, d.name, d.source_lang, s, w, d.imported_at
        );
    }
    Ok(())
}
