//! What every subcommand shares: the database location, output conventions
//! (everything on stdout through [`write_stdout`], JSON, colour only on a
//! terminal without NO_COLOR), the user name, progress bars, and reading input
//! files.

use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;

use audarma::store::{Document, Reader, Store};
use audarma::text::display::one_line;
use audarma::text::Lang;
use audarma::{Error, Result};

/// Settings shared by all subcommands.
#[derive(Debug)]
pub struct Ctx {
    pub db: PathBuf,
}

impl Ctx {
    pub fn new(db: Option<PathBuf>) -> Ctx {
        Ctx {
            db: db.unwrap_or_else(|| PathBuf::from("audarma.db")),
        }
    }

    /// Open the existing database to write (never creates one; migrates an older one).
    pub fn open(&self) -> Result<Store> {
        Store::open(&self.db)
    }

    /// Open the existing database for a read command: never written to.
    pub fn open_for_reading(&self) -> Result<Store> {
        Store::open_for_reading(&self.db)
    }
}

/// The document and target language most subcommands work on: `DOC --to en|ru`.
#[derive(Debug, clap::Args)]
pub struct DocTarget {
    /// Document name or id (see `audarma docs`); `#N` always means id N
    pub doc: String,
    /// Target language: en or ru (also eng, rus, en-US ...; not the document's own language)
    #[arg(long, value_parser = Quiet(parse_target))]
    pub to: Lang,
}

impl DocTarget {
    /// The document, or a usage error naming it (or saying that `--to` is
    /// the document's own language).
    pub fn document(&self, store: &Reader) -> Result<Document> {
        let doc = store.find_document(&self.doc)?;
        doc.check_target(self.to)?;
        Ok(doc)
    }
}

/// One segment of a document in a target language: `DOC POS --to en|ru`.
#[derive(Debug, clap::Args)]
pub struct SegmentArg {
    #[command(flatten)]
    pub target: DocTarget,
    /// Segment position (1-based, as `audarma segments` shows it)
    pub pos: i64,
}

/// Colour on stdout: only on a terminal, and never with NO_COLOR set.
pub fn colour_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Progress bars go to stderr, only when it is a terminal.
pub fn progress_bar(len: u64, what: &str) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}

/// Write to stdout: every command's data goes through here (the [`out!`] and
/// [`outln!`] macros), never through `print!`, which panics once the reader
/// has gone (`audarma segments DOC | head`). The error it returns then is an
/// [`Error::Io`] of kind `BrokenPipe`, which ends the command quietly (`main`).
pub fn write_stdout(args: std::fmt::Arguments<'_>) -> Result<()> {
    std::io::stdout().lock().write_fmt(args)?;
    Ok(())
}

/// `print!` that returns the write's error (see [`write_stdout`]).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::common::write_stdout(format_args!($($arg)*))
    };
}

/// `println!` that returns the write's error (see [`write_stdout`]).
macro_rules! outln {
    () => {
        $crate::cli::common::write_stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::cli::common::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use {out, outln};

/// Print a value as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let s = serde_json::to_string_pretty(value).map_err(|e| Error::usage(e.to_string()))?;
    outln!("{s}")
}

/// Ask a yes/no question on the terminal (stderr); anything but y/yes is a no.
pub fn confirm(question: &str) -> Result<bool> {
    eprint!("{question} [y/N] ");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// The user name: `--user`, else AUDARMA_USER, else the login name.
pub fn user_name(flag: Option<String>) -> String {
    flag.filter(|u| !u.trim().is_empty())
        .or_else(|| std::env::var("AUDARMA_USER").ok().filter(|u| !u.is_empty()))
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .or_else(|| std::env::var("LOGNAME").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// clap value parser for a target language (`en` or `ru`, `eng`, `rus`, `en-US` ...).
pub fn parse_target(s: &str) -> std::result::Result<Lang, String> {
    Lang::parse_target(s)
}

/// clap value parser for any language Audarma segments (`kk`, `en`, `ru`, `kaz` ...).
pub fn parse_lang(s: &str) -> std::result::Result<Lang, String> {
    s.parse()
}

/// A clap value parser whose error is its own message only: clap's usual
/// `invalid value 'VALUE'` echoes the value whole, and a flag's value may be
/// 100,000 characters or a terminal escape. `value_parser = Quiet(parse_target)`.
#[derive(Clone)]
pub struct Quiet<T>(pub fn(&str) -> std::result::Result<T, String>);

impl<T: Clone + Send + Sync + 'static> clap::builder::TypedValueParser for Quiet<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> std::result::Result<T, clap::Error> {
        let flag = arg.map(|a| a.to_string()).unwrap_or_default();
        let fail = |msg: String| {
            clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("invalid value for {flag}: {msg}\n"),
            )
            .with_cmd(cmd)
        };
        let text = value
            .to_str()
            .ok_or_else(|| fail("not valid UTF-8".into()))?;
        (self.0)(text).map_err(fail)
    }
}

pub use audarma::text::decode::read_text_file;

/// A path for plain output: a file name is the user's text like any other
/// (`text::display::one_line`).
pub fn shown_path(p: &std::path::Path) -> String {
    one_line(&p.display().to_string()).into_owned()
}

/// An error for stderr: every line through `one_line`, since messages quote
/// names, texts and paths (the line breaks a message has of its own stay).
pub fn shown_error(e: &Error) -> String {
    e.to_string()
        .split('\n')
        .map(|l| one_line(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}
