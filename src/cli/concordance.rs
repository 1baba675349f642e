//! `audarma concordance`: every memory unit containing some words, in any
//! inflected form, with the hits highlighted (on a terminal).

use audarma::text::display::one_line;
use std::collections::HashSet;

use audarma::fuzzy::concordance::{concordance_counted, Hit, Side};
use audarma::text::Lang;
use audarma::Result;

use super::common::{colour_stdout, outln, parse_target, print_json, Quiet};
use super::Ctx;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum In {
    Source,
    Target,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The words to look for (every one must occur, in any form)
    words: String,
    /// Search the Kazakh sources or the translations
    #[arg(long = "in", value_enum, default_value = "source")]
    side: In,
    /// Translation language to show (and to search with --in target): en or ru
    #[arg(long, value_parser = Quiet(parse_target))]
    to: Option<Lang>,
    /// At most this many units (0: all); when there are more, stderr says how many
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: usize,
    /// JSON: {"hits": [{"unit_id", "source", "target", "target_lang", "hits", "status",
    /// "claimed_by_file", "claimed_status"}], "total", "truncated"} (total: every unit found;
    /// truncated: more than --limit; claimed_*: the status only the unit's TMX file gives it)
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let side = match args.side {
        In::Source => Side::Source,
        In::Target => Side::Target,
    };
    let limit = (args.limit > 0).then_some(args.limit);
    let found = concordance_counted(&store, &args.words, side, args.to, limit)?;
    if args.json {
        return print_json(&found);
    }
    if found.hits.is_empty() {
        eprintln!("no unit contains {:?}", args.words);
    }
    let colour = colour_stdout();
    for h in &found.hits {
        let (src, tgt) = match side {
            Side::Source => (mark(&h.source, h, colour), h.target.clone()),
            Side::Target => (h.source.clone(), mark(&h.target, h, colour)),
        };
        let standing = match (h.status.as_deref(), &h.claimed_status, &h.claimed_by_file) {
            (Some(s @ ("rejected" | "superseded")), _, _) => format!("  [{}]", s.to_uppercase()),
            (_, Some(claim), Some(file)) => {
                format!("  [{} in {}]", one_line(claim), one_line(file))
            }
            _ => String::new(),
        };
        outln!("unit {}{standing}", h.unit_id)?;
        outln!("  kk: {}", one_line(&src))?;
        outln!("  {}: {}", one_line(&h.target_lang), one_line(&tgt))?;
    }
    if found.truncated {
        eprintln!(
            "showing {} of {} units; --limit N shows more (0: all)",
            found.hits.len(),
            found.total
        );
    }
    Ok(())
}

/// The text with the hit words highlighted: bold yellow on a terminal, `[word]` otherwise.
fn mark(text: &str, hit: &Hit, colour: bool) -> String {
    let hits: HashSet<&str> = hit.hits.iter().map(String::as_str).collect();
    text.split(' ')
        .map(|w| {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            if core.is_empty() || !hits.contains(core) {
                return w.to_string();
            }
            let shown = if colour {
                format!("\x1b[1;33m{core}\x1b[0m")
            } else {
                format!("[{core}]")
            };
            w.replacen(core, &shown, 1)
        })
        .collect::<Vec<_>>()
        .join(" ")
}
