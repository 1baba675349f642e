//! `audarma report OUT.html [DOC] [--to en|ru]`: the self-contained HTML report.

use std::path::PathBuf;

use audarma::report::html;
use audarma::text::Lang;
use audarma::{Error, Result};

use super::common::{out, outln, parse_target, print_json, Quiet};
use super::output_file::{Inputs, Output};
use super::Ctx;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "The page: a headline per language pair (its words, % translated and approved, \
expected finish), status bars per document and language, the burn-down (from 3 days of log on), \
what each person did (progress --by person) and the open comments (comments and rejections no later \
edit answered). Its numbers are those of progress --json."
)]
pub struct Args {
    /// Where to write the HTML file (`-`: stdout); written atomically (a
    /// symlink: its target). An existing file is refused without --force; the
    /// database and any SQLite file always
    out: PathBuf,
    /// Only this document (name or id)
    doc: Option<String>,
    /// Only this target language
    #[arg(long, value_parser = Quiet(parse_target))]
    to: Option<Lang>,
    /// Replace OUT if it exists (never the database or an SQLite file)
    #[arg(long)]
    force: bool,
    /// Print {"path", "bytes"} (not with `-`)
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    if args.json && args.out.as_os_str() == "-" {
        return Err(Error::usage(
            "--json prints a summary on stdout; it cannot go with `-` (the report itself on stdout)",
        ));
    }
    let store = ctx.open_for_reading()?;
    let output = Output::new(&args.out, args.force, ctx, &Inputs::default())?;
    let doc = match &args.doc {
        Some(key) => Some(store.find_document(key)?),
        None => None,
    };
    let data = html::gather(&store, doc.as_ref(), args.to)?;
    let page = html::render(&data);
    let file = match output {
        Output::Stdout => return out!("{page}"),
        Output::File(file) => file,
    };
    file.write(page.as_bytes())?;
    if args.json {
        return print_json(&serde_json::json!({
            "path": args.out.display().to_string(),
            "bytes": page.len(),
        }));
    }
    outln!("wrote {} ({} bytes)", args.out.display(), page.len())?;
    Ok(())
}
