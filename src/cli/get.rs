//! `audarma get DOC POS --to LANG`: one segment's source, current translation
//! and history.

use audarma::translate;
use audarma::Result;

use super::common::{print_json, SegmentArg};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    seg: SegmentArg,
    /// Print {"document", "position", "paragraph", "source", "words", "lang", "status",
    /// "translation": {...} | null, "history": [...], "events": [...]}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let doc = args.seg.target.document(&store)?;
    let state = translate::segment_state(&store, &doc, args.seg.pos, args.seg.target.to)?;
    if args.json {
        return print_json(&state);
    }
    println!(
        "[{}] ¶{}  {}",
        state.position, state.paragraph, state.source
    );
    match &state.translation {
        Some(t) => {
            println!(
                "{} ({}, version {}): {}",
                state.lang, t.status, t.version, t.text
            );
            println!(
                "    {}{} by {}{}",
                t.origin,
                score(t.origin_score),
                t.translator,
                changed_by(&t.translator, &t.author, t.status.as_str(), &t.changed_at)
            );
        }
        None => println!("{}: untranslated", state.lang),
    }
    for e in state.events.iter().filter(|e| e.kind == "comment") {
        let text = e.comment.as_deref().unwrap_or("");
        println!("  comment by {} at {}: {text}", e.actor, e.at);
    }
    for h in state.history.iter().rev() {
        println!(
            "  v{} ({}, {} by {}{}): {}",
            h.version,
            h.status,
            h.origin,
            h.translator,
            changed_by(&h.translator, &h.author, &h.status, &h.changed_at),
            h.text
        );
    }
    Ok(())
}

/// `, approved by REVIEWER at DATE` when somebody else than the translator
/// made the last change (a status move), else ` at DATE`.
pub fn changed_by(translator: &str, author: &str, status: &str, at: &str) -> String {
    if author == translator {
        format!(" at {at}")
    } else {
        format!(", {status} by {author} at {at}")
    }
}

pub fn score(s: Option<f64>) -> String {
    s.map(|s| format!(" {s:.0}%")).unwrap_or_default()
}
