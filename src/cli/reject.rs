//! `audarma reject DOC POS --to en|ru --comment "..."`: reject a translation.

use audarma::text::Lang;
use audarma::{review, Result};

use super::common::{parse_target, print_json, user_name};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Document name or id
    doc: String,
    /// 1-based position of the segment
    position: i64,
    /// Target language
    #[arg(long, value_parser = parse_target)]
    to: Lang,
    /// What is wrong (required; the translator sees it next time)
    #[arg(long)]
    comment: String,
    /// Reviewer name [default: AUDARMA_USER, else the login name]
    #[arg(long)]
    user: Option<String>,
    /// Print {"document", "lang", "position", "status", "comment", "reviewer"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let doc = store.find_document(&args.doc)?;
    let user = user_name(args.user);
    let (seg, t) = store.write(|w| {
        let seg = w.segment_at(&doc, args.position)?;
        let t = review::reject(w, &seg, args.to, &user, &args.comment, None)?;
        Ok((seg, t))
    })?;
    if args.json {
        return print_json(&serde_json::json!({
            "document": doc.name,
            "lang": args.to.code(),
            "position": seg.position,
            "status": t.status,
            "comment": args.comment.trim(),
            "reviewer": user,
        }));
    }
    println!(
        "rejected segment {} of '{}' into {}: {}",
        seg.position,
        doc.name,
        args.to,
        args.comment.trim()
    );
    Ok(())
}
