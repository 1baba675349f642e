//! `audarma history DOC POS --to LANG`: every version of a segment's
//! translation, oldest first: who, when, which status.

use audarma::text::display::one_line;
use audarma::translate;
use audarma::Result;

use super::common::{outln, print_json, SegmentArg};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    seg: SegmentArg,
    /// Print a JSON list of {"version", "text", "status", "author" (who made the version),
    /// "translator" (who wrote its text), "changed_at", "origin", "origin_score", "current"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let doc = args.seg.target.document(&store)?;
    let state = translate::segment_state(&store, &doc, args.seg.pos, args.seg.target.to)?;
    let versions = translate::versions(&state);
    if args.json {
        return print_json(&versions);
    }
    if versions.is_empty() {
        outln!(
            "segment {} of '{}' has no {} translation yet",
            state.position,
            one_line(&doc.name),
            state.lang
        )?;
        return Ok(());
    }
    for v in &versions {
        outln!(
            "v{:<3} {:<12} {:<20} {}  {}{} by {}  {}",
            v.version,
            v.status,
            one_line(&v.author),
            v.changed_at,
            v.origin,
            super::get::score(&v.origin, v.origin_score),
            one_line(&v.translator),
            one_line(&v.text)
        )?;
    }
    Ok(())
}
