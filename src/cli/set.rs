//! `audarma set DOC POS --to LANG --text TEXT`: save one segment's translation
//! (the same operation as a save in the session: history, memory, repetitions).

use audarma::store::Status;
use audarma::text::controls::{check_field, Lines};
use audarma::translate::{self, Origin, SaveRequest};
use audarma::{Error, Result};

use super::common::{outln, print_json, user_name, SegmentArg};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    seg: SegmentArg,
    /// The translation (tabs and line breaks, but no other control character:
    /// XML, and so TMX, cannot carry them)
    #[arg(long)]
    text: String,
    /// Status to save with
    #[arg(long, default_value = "translated", value_parser = parse_status)]
    status: Status,
    /// Who saves it [default: AUDARMA_USER, else the login name];
    /// one line, no control characters
    #[arg(long)]
    user: Option<String>,
    /// Refuse to save (exit code 5) unless the current version is N
    /// (0 = untranslated): the version you saw, so nobody's change is lost
    #[arg(long, value_name = "N")]
    expect_version: Option<i64>,
    /// Print {"position", "changed", "propagated", "translation": {"text", "status", "author", "changed_at", "origin", "version", ...}}
    #[arg(long)]
    json: bool,
}

fn parse_status(s: &str) -> std::result::Result<Status, String> {
    match s {
        "draft" => Ok(Status::Draft),
        "translated" => Ok(Status::Translated),
        _ => Err(format!("'{s}': a translator saves draft or translated")),
    }
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    if args.text.trim().is_empty() {
        return Err(Error::usage("--text is empty: nothing saved"));
    }
    check_field("--text", args.text.trim(), Lines::Many)?;
    let mut store = ctx.open()?;
    let doc = args.seg.target.document(&store)?;
    let segment = store.segment_at(&doc, args.seg.pos)?;
    let user = user_name(args.user);
    let saved = translate::save(
        &mut store,
        &SaveRequest {
            segment: &segment,
            lang: args.seg.target.to,
            text: &args.text,
            status: args.status,
            user: &user,
            origin: Origin::Typed,
            expected_version: args.expect_version,
        },
    )?;
    if args.json {
        return print_json(&saved);
    }
    let t = &saved.translation;
    if !saved.changed {
        outln!(
            "segment {} of '{}' already has this {} translation (version {}); nothing changed",
            saved.position,
            doc.name,
            t.status,
            t.version
        )?;
        return Ok(());
    }
    outln!(
        "saved segment {} of '{}' ({}, {}, version {})",
        saved.position,
        doc.name,
        t.lang,
        t.status,
        t.version
    )?;
    if !saved.propagated.is_empty() {
        outln!(
            "filled {} repetition(s) with the same translation: positions {}",
            saved.propagated.len(),
            join(&saved.propagated)
        )?;
    }
    Ok(())
}

/// Positions for a message: the first few and how many more.
pub fn join(positions: &[i64]) -> String {
    audarma::text::display::short_list(positions, ", ")
}
