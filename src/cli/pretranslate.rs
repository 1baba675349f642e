//! `audarma pretranslate`: fill a document's untranslated segments from the memory.

use audarma::fuzzy::pretranslate::pretranslate;
use audarma::text::display::one_line;
use audarma::{Error, Result};

use super::common::{outln, print_json, user_name, DocTarget};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: DocTarget,
    /// Lowest match percentage used; below 100 the fills are stored as drafts
    #[arg(long, default_value_t = 100.0)]
    min: f64,
    /// Who the fills are recorded as [default: AUDARMA_USER, else the login name];
    /// one line, no control characters
    #[arg(long)]
    user: Option<String>,
    /// JSON: {"document", "target_lang", "segments", "already_translated", "exact", "fuzzy", "unmatched",
    /// "refused_matches"} (refused_matches: segments whose best match holds a
    /// control character, left untranslated)
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    if !(0.0..=100.0).contains(&args.min) {
        return Err(Error::usage(format!(
            "--min must be between 0 and 100, not {}",
            args.min
        )));
    }
    let mut store = ctx.open()?;
    let doc = args.target.document(&store)?;
    let r = pretranslate(
        &mut store,
        &doc,
        args.target.to,
        args.min,
        &user_name(args.user),
    )?;
    if args.json {
        return print_json(&r);
    }
    outln!(
        "{} → {}: {} segments; filled {} from 100% matches (translated), {} from fuzzy matches (draft); {} without a match; {} already translated",
        one_line(&r.document), r.target_lang, r.segments, r.exact, r.fuzzy, r.unmatched, r.already_translated
    )?;
    if r.refused_matches > 0 {
        outln!(
            "{} left untranslated: their best match holds a control character (stored before they were refused)",
            r.refused_matches
        )?;
    }
    Ok(())
}
