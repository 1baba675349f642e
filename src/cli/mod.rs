//! Command-line interface: one file per subcommand. Each parses its arguments,
//! calls the library and renders the result; no logic of its own.

#[allow(dead_code)] // shared helpers; not every one is used by every build stage
mod common;

mod align;
mod analyze;
mod approve;
mod concordance;
mod demo;
mod docs;
mod export;
mod get;
mod history;
mod import;
mod init;
mod output_file;
mod pretranslate;
mod progress;
mod reject;
mod report;
mod review;
mod segment;
mod segments;
mod set;
mod suggest;
mod tmx;
mod translate;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use audarma::Result;
pub use common::{shown_error, Ctx};

/// Audarma: a translation memory for Kazakh → English and Russian.
///
/// Import Kazakh documents (split into sentences), translate them with fuzzy
/// suggestions from the memory, review, report progress, and move memories in and
/// out as TMX. Everything lives in one SQLite file.
#[derive(Debug, Parser)]
#[command(name = "audarma", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// The database file [default: ./audarma.db]
    #[arg(long, global = true, env = "AUDARMA_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (or migrate an existing one)
    Init(init::Args),
    /// Import a Kazakh plain-text document, split into sentences
    Import(import::Args),
    /// Split a file into sentences and print them, storing nothing
    Segment(segment::Args),
    /// List the imported documents
    Docs(docs::Args),
    /// List a document's segments with their translations
    Segments(segments::Args),
    /// Import and export translation memories as TMX
    #[command(subcommand)]
    Tmx(tmx::Command),
    /// Suggest translations from the memory for a sentence
    Suggest(suggest::Args),
    /// Find every memory unit containing some words (any inflected form)
    Concordance(concordance::Args),
    /// Leverage report: how much of a document the memory already covers
    Analyze(analyze::Args),
    /// Fill untranslated segments from the memory
    Pretranslate(pretranslate::Args),
    /// Translate a document segment by segment (interactive, or piped)
    Translate(translate::Args),
    /// Save the translation of one segment
    Set(set::Args),
    /// Show the translation of one segment, with its history
    Get(get::Args),
    /// Show every version of a segment's translation
    History(history::Args),
    /// Write the translated document as plain text
    Export(export::Args),
    /// Review a document's translations (interactive, or piped)
    Review(review::Args),
    /// Approve translated segments
    Approve(approve::Args),
    /// Reject a segment's translation with a comment
    Reject(reject::Args),
    /// Progress per document, language, translator, reviewer, person or day; expected finish
    Progress(progress::Args),
    /// Write a self-contained HTML progress report
    Report(report::Args),
    /// Align a Kazakh document with an existing translation
    Align(align::Args),
    /// Run the demo on the bundled data in a throw-away database
    Demo(demo::Args),
}

/// Print clap's error (or help) and exit. An error echoes the value typed
/// (`invalid value '…' for '--to'`), so it is printed through `one_line`
/// like any other; help and version go out as clap writes them.
pub fn usage_error(e: clap::Error) -> ! {
    if !e.use_stderr() {
        e.exit();
    }
    let text = e.render().to_string();
    let lines: Vec<_> = text.lines().map(audarma::text::display::one_line).collect();
    eprintln!("{}", lines.join("\n"));
    std::process::exit(e.exit_code());
}

pub fn run(cli: Cli) -> Result<()> {
    let ctx = Ctx::new(cli.db);
    match cli.command {
        Command::Init(a) => init::run(a, &ctx),
        Command::Import(a) => import::run(a, &ctx),
        Command::Segment(a) => segment::run(a, &ctx),
        Command::Docs(a) => docs::run(a, &ctx),
        Command::Segments(a) => segments::run(a, &ctx),
        Command::Tmx(c) => tmx::run(c, &ctx),
        Command::Suggest(a) => suggest::run(a, &ctx),
        Command::Concordance(a) => concordance::run(a, &ctx),
        Command::Analyze(a) => analyze::run(a, &ctx),
        Command::Pretranslate(a) => pretranslate::run(a, &ctx),
        Command::Translate(a) => translate::run(a, &ctx),
        Command::Set(a) => set::run(a, &ctx),
        Command::Get(a) => get::run(a, &ctx),
        Command::History(a) => history::run(a, &ctx),
        Command::Export(a) => export::run(a, &ctx),
        Command::Review(a) => review::run(a, &ctx),
        Command::Approve(a) => approve::run(a, &ctx),
        Command::Reject(a) => reject::run(a, &ctx),
        Command::Progress(a) => progress::run(a, &ctx),
        Command::Report(a) => report::run(a, &ctx),
        Command::Align(a) => align::run(a, &ctx),
        Command::Demo(a) => demo::run(a, &ctx),
    }
}
