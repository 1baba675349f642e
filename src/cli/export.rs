//! `audarma export DOC --to LANG OUT.txt`: the translated document as plain
//! text, with the source's paragraphs; fallbacks are counted on stderr.

use std::io::Write as _;
use std::path::PathBuf;

use audarma::text::display::one_line;
use audarma::translate::export::{self, Accept, Fallback};
use audarma::Result;

use super::common::DocTarget;
use super::output_file::{Inputs, Output};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: DocTarget,
    /// Output file (`-` for stdout); written atomically (a symlink: its
    /// target). An existing file is refused without --force; the database,
    /// the document's source file and any SQLite file always
    out: PathBuf,
    /// Replace OUT if it exists (never the database, the source file or an SQLite file)
    #[arg(long)]
    force: bool,
    /// Lowest status that counts as translated: translated (also approved) or approved
    #[arg(long, default_value = "translated", value_parser = |s: &str| s.parse::<Accept>())]
    status: Accept,
    /// For segments without such a translation: the source as is, or the source marked [[like this]]
    #[arg(long, default_value = "source", value_parser = |s: &str| s.parse::<Fallback>())]
    fallback: Fallback,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let doc = args.target.document(&store)?;
    let inputs = Inputs {
        source_of: Some(&doc),
        ..Inputs::default()
    };
    let output = Output::new(&args.out, args.force, ctx, &inputs)?;
    let out = export::export(&store, &doc, args.target.to, args.status, args.fallback)?;
    let target = match &output {
        Output::Stdout => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(out.text.as_bytes())?;
            stdout.flush()?;
            "stdout".to_string()
        }
        Output::File(file) => {
            file.write(out.text.as_bytes())?;
            file.path().display().to_string()
        }
    };
    let n = out.fallback_positions.len();
    let how = match args.fallback {
        Fallback::Source => "left in the source language",
        Fallback::Mark => "marked [[...]] in the source language",
    };
    eprintln!(
        "exported '{}' ({}) to {target}: {} segments in {} paragraphs; {n} without an accepted translation, {how}",
        one_line(&doc.name), args.target.to, out.segments, out.paragraphs
    );
    Ok(())
}
