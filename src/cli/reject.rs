//! `audarma reject DOC POS --to en|ru --comment "..."`: reject a translation.

use audarma::text::display::one_line;
use audarma::{review, Result};

use super::common::{outln, print_json, user_name, DocTarget};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: DocTarget,
    /// 1-based position of the segment
    position: i64,
    /// What is wrong (required; the translator sees it next time; no control
    /// characters but tab and line breaks)
    #[arg(long)]
    comment: String,
    /// Reviewer name [default: AUDARMA_USER, else the login name];
    /// one line, no control characters
    #[arg(long)]
    user: Option<String>,
    /// Print {"document", "lang", "position", "status", "comment", "reviewer"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let doc = args.target.document(&store)?;
    let user = user_name(args.user);
    let (seg, t) = store.write(|w| {
        let seg = w.segment_at(&doc, args.position)?;
        let t = review::reject(w, &seg, args.target.to, &user, &args.comment, None)?;
        Ok((seg, t))
    })?;
    if args.json {
        return print_json(&serde_json::json!({
            "document": doc.name,
            "lang": args.target.to.code(),
            "position": seg.position,
            "status": t.status,
            "comment": args.comment.trim(),
            "reviewer": user,
        }));
    }
    outln!(
        "rejected segment {} of '{}' into {}: {}",
        seg.position,
        one_line(&doc.name),
        args.target.to,
        one_line(args.comment.trim())
    )?;
    Ok(())
}
