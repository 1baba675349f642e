//! `audarma get DOC POS --to LANG`: one segment's source, current translation
//! and history.

use audarma::text::display::one_line;
use audarma::translate;
use audarma::Result;

use super::common::{outln, print_json, SegmentArg};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    seg: SegmentArg,
    /// Print {"document", "position", "paragraph", "source", "words", "lang", "status",
    /// "translation": {...} | null, "history": [...], "events": [...], "claimed_by_file",
    /// "claimed_status"} (the claimed_* fields: the memory unit the translation came from has
    /// its status only as that TMX file's claim)
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let doc = args.seg.target.document(&store)?;
    let state = translate::segment_state(&store, &doc, args.seg.pos, args.seg.target.to)?;
    if args.json {
        return print_json(&state);
    }
    outln!(
        "[{}] ¶{}  {}",
        state.position,
        state.paragraph,
        one_line(&state.source)
    )?;
    match &state.translation {
        Some(t) => {
            outln!(
                "{} ({}, version {}): {}",
                state.lang,
                t.status,
                t.version,
                one_line(&t.text)
            )?;
            outln!(
                "    {}{} by {}{}",
                t.origin,
                score(&t.origin, t.origin_score),
                one_line(&t.translator),
                changed_by(&t.translator, &t.author, t.status.as_str(), &t.changed_at)
            )?;
            if let (Some(file), Some(status), Some(unit)) =
                (&state.claimed_by_file, &state.claimed_status, t.origin_unit)
            {
                outln!(
                    "    from memory unit {unit}: {} in {} (the file's claim, not a review here)",
                    one_line(status),
                    one_line(file)
                )?;
            }
        }
        None => outln!("{}: untranslated", state.lang)?,
    }
    // Comments, and the reviewers' reasons for a rejection.
    for e in state.events.iter().filter(|e| e.comment.is_some()) {
        let text = e.comment.as_deref().unwrap_or("");
        let what = match e.to_status.as_deref() {
            Some("rejected") if e.kind != "comment" => "rejected",
            _ => "comment",
        };
        outln!(
            "  {what} by {} at {}: {}",
            one_line(&e.actor),
            e.at,
            one_line(text)
        )?;
    }
    for h in state.history.iter().rev() {
        outln!(
            "  v{} ({}, {} by {}{}): {}",
            h.version,
            h.status,
            h.origin,
            one_line(&h.translator),
            changed_by(&h.translator, &h.author, &h.status, &h.changed_at),
            one_line(&h.text)
        )?;
    }
    Ok(())
}

/// `, approved by REVIEWER at DATE` when somebody else than the translator
/// made the last change (a status move), else ` at DATE`.
pub fn changed_by(translator: &str, author: &str, status: &str, at: &str) -> String {
    if author == translator {
        format!(" at {at}")
    } else {
        format!(", {status} by {} at {at}", one_line(author))
    }
}

/// The origin's figure: a match's percentage, or an alignment's confidence
/// (0–1, shown as such: 0.674 is not "1%").
pub fn score(origin: &str, s: Option<f64>) -> String {
    match (origin, s) {
        ("aligned", Some(c)) => format!(" (confidence {c:.2})"),
        (_, Some(s)) => format!(" {s:.0}%"),
        (_, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::score;

    #[test]
    fn an_alignment_shows_its_confidence_and_a_match_its_percentage() {
        assert_eq!(score("aligned", Some(0.674)), " (confidence 0.67)");
        assert_eq!(score("match", Some(87.4)), " 87%");
        assert_eq!(score("typed", None), "");
    }
}
