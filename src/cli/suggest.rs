//! `audarma suggest`: translations from the memory for a sentence (or one
//! sentence per line on stdin), best first, with the differences shown.

use std::io::BufRead;

use audarma::fuzzy::score::{Op, Scored};
use audarma::fuzzy::suggest::{lookup, DiffOp};
use audarma::fuzzy::{Match, Query};
use audarma::text::display::one_line;
use audarma::text::Lang;
use audarma::{Error, Result};

use super::common::{colour_stdout, outln, parse_target, print_json, Quiet};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Kazakh sentence; without it, one sentence per line is read from stdin
    text: Option<String>,
    /// Target language: en or ru (also eng, rus, en-US ...)
    #[arg(long, value_parser = Quiet(parse_target))]
    to: Lang,
    /// Lowest match percentage to show (0–100)
    #[arg(long, default_value_t = 50.0)]
    min: f64,
    /// At most this many suggestions per sentence
    #[arg(long, default_value_t = 5)]
    limit: usize,
    /// Show the tokens, the alignment and every penalty behind each score
    #[arg(long)]
    explain: bool,
    /// Also show rejected and superseded units (marked; 20 and 10 points off)
    #[arg(long)]
    include_rejected: bool,
    /// JSON: a list of {"score", "source", "target", "target_lang", "unit_id", "origin",
    /// "status", "standing_penalty", "withdrawn", "changed", "diff", "substituted",
    /// "claimed_by_file", "claimed_status"} (with stdin: one {"query", "matches"} per line;
    /// claimed_*: the status is only what the TMX file the unit came from says)
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let find = |text: &str| {
        let q = Query {
            text,
            target: args.to,
            min: args.min,
            limit: args.limit,
            explain: args.explain,
            include_rejected: args.include_rejected,
        };
        lookup(&store, &mut store.stored_index(), &q)
    };
    if let Some(text) = &args.text {
        if text.trim().is_empty() {
            return Err(Error::usage("the sentence to look up is empty"));
        }
        let matches = find(text)?;
        return if args.json {
            print_json(&matches)
        } else {
            render(text, &matches, args.min)
        };
    }
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let matches = find(&line)?;
        if args.json {
            let v = serde_json::json!({ "query": line, "matches": matches });
            outln!("{v}")?;
        } else {
            render(&line, &matches, args.min)?;
        }
    }
    Ok(())
}

fn render(query: &str, matches: &[Match], min: f64) -> Result<()> {
    let colour = colour_stdout();
    outln!("{}", one_line(query))?;
    if matches.is_empty() {
        outln!("  no match at or above {min}%")?;
    }
    for m in matches {
        let status = match (&m.claimed_status, &m.claimed_by_file) {
            (Some(claim), Some(file)) => format!("{} in {}", one_line(claim), one_line(file)),
            _ => m.status.as_deref().unwrap_or("-").to_string(),
        };
        let changed = m.changed.as_deref().unwrap_or("-");
        let standing = match (m.withdrawn, m.standing_penalty > 0.0) {
            (true, _) => format!("  [{} — not offered by default]", status.to_uppercase()),
            (false, true) => format!("  (−{:.0} for its standing)", m.standing_penalty),
            _ => String::new(),
        };
        outln!(
            "  {:>5.1}%  unit {}  {}, {status}, {changed}{standing}",
            m.score,
            m.unit_id,
            one_line(&m.origin)
        )?;
        outln!("    source: {}", diff_text(&m.diff, colour))?;
        let note = if m.substituted {
            "  (numbers substituted)"
        } else {
            ""
        };
        outln!(
            "    {}: {}{note}",
            one_line(&m.target_lang),
            one_line(&m.target)
        )?;
        if let Some(e) = &m.explain {
            explain(e)?;
        }
    }
    Ok(())
}

/// The diff as text: coloured on a terminal, `[-old-]{+new+}` otherwise.
fn diff_text(diff: &[DiffOp], colour: bool) -> String {
    diff.iter()
        .map(|p| match (p.op.as_str(), colour) {
            ("equal", _) => one_line(&p.text).into_owned(),
            ("delete", true) => format!("\x1b[31;9m{}\x1b[0m", one_line(&p.text)),
            ("insert", true) => format!("\x1b[32m{}\x1b[0m", one_line(&p.text)),
            ("delete", false) => format!("[-{}-]", one_line(&p.text)),
            _ => format!("{{+{}+}}", one_line(&p.text)),
        })
        .collect()
}

fn explain(e: &Scored) -> Result<()> {
    outln!(
        "    query tokens: {}",
        one_line(&e.query_tokens.join(" | "))
    )?;
    outln!("    unit tokens:  {}", one_line(&e.unit_tokens.join(" | ")))?;
    outln!("    N = {} words, D = {} word edits", e.words, e.word_edits)?;
    for s in &e.alignment {
        let what = match s.op {
            Op::Keep => "kept",
            Op::Inflect => "inflected",
            Op::Replace => "replaced",
            Op::Insert => "inserted",
            Op::Delete => "deleted",
        };
        let q = one_line(s.query.as_deref().unwrap_or(""));
        let u = one_line(s.unit.as_deref().unwrap_or(""));
        outln!(
            "      {what:<9} {:<11} {u:>20} → {q:<20} −{:.2}",
            s.kind,
            s.points
        )?;
    }
    for p in &e.penalties {
        outln!("    penalty −{:.0}: {}", p.points, one_line(&p.reason))?;
    }
    outln!(
        "    score = {} (score version {})",
        e.score,
        e.score_version
    )
}
