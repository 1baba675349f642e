//! `audarma analyze`: the leverage report of a document against the memory,
//! and with `--segments` which segment is in which band.

use audarma::fuzzy::analyze::{analyze, Analysis, AnalyzedSegment, BANDS};
use audarma::text::display::one_line;
use audarma::{Error, Result};

use super::common::{outln, print_json, DocTarget};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: DocTarget,
    /// JSON: {"document", "target_lang", "bands": [{"band", "segments", "words", "characters"}],
    /// "total", "covered_words", "covered_share"}; with --segments also "segments":
    /// [{"position", "band", "score", "repeats", "words", "source"}]
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// CSV: band,segments,words,characters (with a total row)
    #[arg(long)]
    csv: bool,
    /// Also list the segments of each band (position, best score, source)
    #[arg(long, conflicts_with = "csv")]
    segments: bool,
    /// With --segments: only this band (repetitions, 100%, 95-99%, 85-94%,
    /// 75-84%, 50-74% or "no match")
    #[arg(long, requires = "segments", value_parser = parse_band)]
    band: Option<String>,
}

fn parse_band(s: &str) -> std::result::Result<String, String> {
    let wanted = s.trim().trim_end_matches('%');
    BANDS
        .iter()
        .map(|(name, _)| *name)
        .find(|name| name.trim_end_matches('%').eq_ignore_ascii_case(wanted))
        .map(str::to_string)
        .ok_or_else(|| {
            let names: Vec<&str> = BANDS.iter().map(|(n, _)| *n).collect();
            format!("unknown band '{s}': expected one of {}", names.join(", "))
        })
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let doc = args.target.document(&store)?;
    let a = analyze(&store, &doc, args.target.to)?;
    let listed: Vec<&AnalyzedSegment> = a
        .segments
        .iter()
        .filter(|s| args.band.as_ref().is_none_or(|b| &s.band == b))
        .collect();
    if args.json {
        let mut v = serde_json::to_value(&a).map_err(|e| Error::usage(e.to_string()))?;
        if args.segments {
            v["segments"] =
                serde_json::to_value(&listed).map_err(|e| Error::usage(e.to_string()))?;
        }
        return print_json(&v);
    }
    if args.csv {
        outln!("band,segments,words,characters")?;
        for b in a.bands.iter().chain([&a.total]) {
            outln!("{},{},{},{}", b.band, b.segments, b.words, b.characters)?;
        }
        return Ok(());
    }
    table(&a)?;
    if args.segments {
        segments(&listed)?;
    }
    Ok(())
}

fn table(a: &Analysis) -> Result<()> {
    outln!("{} → {}", one_line(&a.document), a.target_lang)?;
    outln!(
        "{:<12} {:>8} {:>8} {:>10}",
        "band",
        "segments",
        "words",
        "characters"
    )?;
    for b in a.bands.iter().chain([&a.total]) {
        outln!(
            "{:<12} {:>8} {:>8} {:>10}",
            b.band,
            b.segments,
            b.words,
            b.characters
        )?;
    }
    outln!(
        "covered: {} of {} words ({:.1}%) in repetitions and 100% matches",
        a.covered_words,
        a.total.words,
        a.covered_share * 100.0
    )
}

/// The segments band by band, in the table's order.
fn segments(listed: &[&AnalyzedSegment]) -> Result<()> {
    if listed.is_empty() {
        return outln!("\nno segment in this band");
    }
    for (band, _) in BANDS {
        let in_band: Vec<_> = listed.iter().filter(|s| s.band == band).collect();
        if in_band.is_empty() {
            continue;
        }
        outln!()?;
        outln!("{band} ({} segments):", in_band.len())?;
        for s in in_band {
            let how = match (s.repeats, s.score) {
                (Some(first), _) => format!("repeats {first}"),
                (None, Some(score)) => format!("{score:.0}%"),
                (None, None) => "-".into(),
            };
            outln!("  {:>5}  {:>11}  {}", s.position, how, one_line(&s.source))?;
        }
    }
    Ok(())
}
