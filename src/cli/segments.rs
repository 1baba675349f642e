//! `audarma segments DOC`: a document's segments with their translations.

use audarma::store::Status;
use audarma::text::display::one_line;
use audarma::text::Lang;
use audarma::Result;

use super::common::{outln, print_json};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Document name or id
    doc: String,
    /// Print a JSON list of {"id", "position", "paragraph", "source", "words",
    /// "translations": {"en": {"text", "status", "translator", "author", ...} | null, "ru": ...},
    /// "status": {"en", "ru"}, "comments": [{"lang", "kind", "by", "at", "comment"}]} (the open
    /// comments: comments and rejections no later edit answered)
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let doc = store.find_document(&args.doc)?;
    let segs = store.segments_of(doc.id)?;
    let en = store.translations_of(doc.id, Lang::En)?;
    let ru = store.translations_of(doc.id, Lang::Ru)?;
    let mut comments: std::collections::HashMap<i64, Vec<_>> = std::collections::HashMap::new();
    for c in store.open_comments(Some(doc.id), None)? {
        comments.entry(c.position).or_default().push(c);
    }
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
                    "comments": comments.get(&s.position).map_or(Vec::new(), |cs| cs
                        .iter()
                        .map(|c| serde_json::json!({
                            "lang": c.lang, "kind": c.kind, "by": c.by, "at": c.at, "comment": c.comment,
                        }))
                        .collect()),
                })
            })
            .collect();
        return print_json(&list);
    }
    for s in &segs {
        outln!(
            "[{}/{}] ¶{}  {}",
            s.position,
            segs.len(),
            s.paragraph,
            one_line(&s.source)
        )?;
        for (lang, map) in [("en", &en), ("ru", &ru)] {
            if let Some(t) = map.get(&s.id) {
                outln!("    {lang} ({}): {}", t.status, one_line(&t.text))?;
            }
        }
        for c in comments.get(&s.position).into_iter().flatten() {
            outln!(
                "    {} {} by {}: {}",
                c.lang,
                c.kind,
                one_line(&c.by),
                one_line(&c.comment)
            )?;
        }
    }
    Ok(())
}
