//! `audarma segments DOC`: a document's segments with their translations.

use audarma::store::documents;
use audarma::store::translations::{self, Status};
use audarma::text::Lang;
use audarma::Result;

use super::common::print_json;
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Document name or id
    doc: String,
    /// Print a JSON list of {"id", "position", "paragraph", "source", "words",
    /// "translations": {"en": {"text", "status", ...} | null, "ru": ...}}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let doc = documents::find_document(store.conn(), &args.doc)?;
    let segs = documents::segments(store.conn(), doc.id)?;
    let en = translations::for_document(store.conn(), doc.id, Lang::En)?;
    let ru = translations::for_document(store.conn(), doc.id, Lang::Ru)?;
    if args.json {
        let list: Vec<_> = segs
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.id,
                    "position": s.position,
                    "paragraph": s.paragraph,
                    "source": s.source,
                    "words": s.words,
                    "translations": {
                        "en": en.get(&s.id),
                        "ru": ru.get(&s.id),
                    },
                    "status": {
                        "en": en.get(&s.id).map_or(Status::Untranslated, |t| t.status),
                        "ru": ru.get(&s.id).map_or(Status::Untranslated, |t| t.status),
                    },
                })
            })
            .collect();
        return print_json(&list);
    }
    for s in &segs {
        println!(
            "[{}/{}] ¶{}  {}",
            s.position,
            segs.len(),
            s.paragraph,
            s.source.replace('\n', " ")
        );
        for (lang, map) in [("en", &en), ("ru", &ru)] {
            if let Some(t) = map.get(&s.id) {
                println!("    {lang} ({}): {}", t.status, t.text);
            }
        }
    }
    Ok(())
}
