//! `audarma segment FILE`: print a file's sentences without storing anything.

use std::path::PathBuf;

use audarma::text::{self, Lang};
use audarma::{segment, Result};

use super::common::{outln, parse_lang, print_json, read_text_file, Quiet};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plain-text file (UTF-8, or UTF-16 with a BOM)
    file: PathBuf,
    /// Language rules to use: kk, en or ru (also kaz, eng, rus, kk-KZ ...)
    #[arg(long, default_value = "kk", value_parser = Quiet(parse_lang))]
    lang: Lang,
    /// Print a JSON list of {"position", "paragraph", "text", "words"}
    /// [default: tab-separated position, paragraph and text under a header line]
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, _ctx: &Ctx) -> Result<()> {
    let content = read_text_file(&args.file)?;
    let sentences = segment::split_document(&content, args.lang);
    if args.json {
        let list: Vec<_> = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                serde_json::json!({
                    "position": i + 1,
                    "paragraph": s.paragraph,
                    "text": s.text,
                    "words": text::word_count(&s.text),
                })
            })
            .collect();
        return print_json(&list);
    }
    // Column labels (named as the --json fields), so the output reads alone.
    outln!("position\tparagraph\ttext")?;
    for (i, s) in sentences.iter().enumerate() {
        outln!("{}\t{}\t{}", i + 1, s.paragraph, one_line(&s.text))?;
    }
    Ok(())
}

/// A sentence joined across a line break, shown on one line (`\r\n` → one space).
fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(
        [
            '\n', '\r', '\u{2028}', '\u{2029}', '\u{0B}', '\u{0C}', '\u{85}',
        ],
        " ",
    )
}
