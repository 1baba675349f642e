//! `audarma report OUT.html [DOC] [--to en|ru]`: the self-contained HTML report.

use std::path::PathBuf;

use audarma::report::html;
use audarma::text::Lang;
use audarma::{Error, Result};

use super::common::{io_reason, parse_target, print_json};
use super::Ctx;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "The page: a headline per language pair (its words, % translated and approved, \
expected finish), status bars per document and language, the burn-down (from 3 days of log on), \
what each person did (progress --by person) and the open comments (comments and rejections no later \
edit answered). Its numbers are those of progress --json."
)]
pub struct Args {
    /// Where to write the HTML file
    out: PathBuf,
    /// Only this document (name or id)
    doc: Option<String>,
    /// Only this target language
    #[arg(long, value_parser = parse_target)]
    to: Option<Lang>,
    /// Print {"path", "bytes"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let doc = match &args.doc {
        Some(key) => Some(store.find_document(key)?),
        None => None,
    };
    let data = html::gather(&store, doc.as_ref(), args.to)?;
    let page = html::render(&data);
    std::fs::write(&args.out, &page).map_err(|e| {
        Error::input(
            &args.out,
            format!("cannot write the report: {}", io_reason(&e)),
        )
    })?;
    if args.json {
        return print_json(&serde_json::json!({
            "path": args.out.display().to_string(),
            "bytes": page.len(),
        }));
    }
    println!("wrote {} ({} bytes)", args.out.display(), page.len());
    Ok(())
}
