//! `audarma analyze`: the leverage report of a document against the memory.

use audarma::fuzzy::analyze::analyze;
use audarma::Result;

use super::common::{outln, print_json, DocTarget};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: DocTarget,
    /// JSON: {"document", "target_lang", "bands": [{"band", "segments", "words", "characters"}],
    /// "total", "covered_words", "covered_share"}
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// CSV: band,segments,words,characters (with a total row)
    #[arg(long)]
    csv: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let doc = args.target.document(&store)?;
    let a = analyze(&store, &doc, args.target.to)?;
    if args.json {
        return print_json(&a);
    }
    if args.csv {
        outln!("band,segments,words,characters")?;
        for b in a.bands.iter().chain([&a.total]) {
            outln!("{},{},{},{}", b.band, b.segments, b.words, b.characters)?;
        }
        return Ok(());
    }
    outln!("{} → {}", a.document, a.target_lang)?;
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
    )?;
    Ok(())
}
