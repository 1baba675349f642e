//! `audarma review DOC --to en|ru`: go through translated segments and approve,
//! reject (with a comment) or edit-and-approve them. Interactive on a terminal;
//! piped, it reads one command a line (a, r COMMENT, e TEXT, s, b, q) and runs
//! the whole script in one transaction, then prints a line per segment it
//! decided. Both show the comments nobody has answered yet.

use audarma::text::display::one_line;
use std::io::{IsTerminal, Read};

use audarma::fuzzy::DiffOp;
use audarma::review::session::{self, Command, Only, ReviewItem, Session, Step};
use audarma::store::OpenComment;
use audarma::store::Status;
use audarma::{Error, Result};
use rustyline::error::ReadlineError;

use super::common::{colour_stdout, outln, print_json, shown_error, user_name, DocTarget};
use super::Ctx;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Keys on a terminal: a approve · r reject (asks for the comment) · e edit and approve \
(the translation pre-filled) · s or Enter skip · b back · q quit.\n\
Piped (one command a line, the whole script in one transaction): a | r COMMENT | e TEXT | s or empty | b | q."
)]
pub struct Args {
    #[command(flatten)]
    target: DocTarget,
    /// Which segments to show
    #[arg(long, value_enum, default_value = "translated")]
    only: OnlyArg,
    /// Only segments last written by this translator
    #[arg(long)]
    translator: Option<String>,
    /// Reviewer name [default: AUDARMA_USER, else the login name];
    /// one line, no control characters
    #[arg(long)]
    user: Option<String>,
    /// Piped mode: print {"approved": [pos], "rejected": [pos], "edited": [pos],
    /// "decisions": [{"position", "action", "status", "comments": [{"kind",
    /// "actor", "at", "text"}]}]} (decisions in the order made; comments: the
    /// open ones shown with the segment)
    #[arg(long)]
    json: bool,
}

/// `--only`: the CLI's own argument type, mapped to the library's [`Only`].
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum OnlyArg {
    /// Translated, waiting for review
    Translated,
    /// Rejected, waiting for a fix (to re-read the comments)
    Rejected,
    /// Every segment that has a translation
    All,
}

impl From<OnlyArg> for Only {
    fn from(o: OnlyArg) -> Only {
        match o {
            OnlyArg::Translated => Only::Translated,
            OnlyArg::Rejected => Only::Rejected,
            OnlyArg::All => Only::All,
        }
    }
}

/// What a session changed, by position.
#[derive(Debug, Default, serde::Serialize)]
struct Summary {
    approved: Vec<i64>,
    rejected: Vec<i64>,
    edited: Vec<i64>,
    decisions: Vec<Decision>,
}

/// One segment decided: what was done and the status it has now.
#[derive(Debug, serde::Serialize)]
struct Decision {
    position: i64,
    action: &'static str,
    status: Status,
    /// The open comments the segment was shown with.
    comments: Vec<Shown>,
}

/// An open comment as `segments --json` gives it.
#[derive(Debug, serde::Serialize)]
struct Shown {
    lang: String,
    kind: String,
    by: String,
    at: String,
    comment: String,
}

impl From<OpenComment> for Shown {
    fn from(c: OpenComment) -> Shown {
        Shown {
            lang: c.lang,
            kind: c.kind,
            by: c.by,
            at: c.at,
            comment: c.comment,
        }
    }
}

impl Summary {
    fn record(&mut self, cmd: &Command, step: &Step, comments: Vec<OpenComment>) {
        if let Step::Changed { position, status } = step {
            let action = match (cmd, status) {
                (Command::Edit(_), _) => {
                    self.edited.push(*position);
                    "edit"
                }
                (_, Status::Rejected) => {
                    self.rejected.push(*position);
                    "reject"
                }
                _ => {
                    self.approved.push(*position);
                    "approve"
                }
            };
            let comments = comments.into_iter().map(Shown::from).collect();
            self.decisions.push(Decision {
                position: *position,
                action,
                status: *status,
                comments,
            });
        }
    }

    /// A line per segment decided (the piped mode's record), with its comments.
    fn decision_lines(&self) -> Result<()> {
        for d in &self.decisions {
            outln!("segment {}: {} → {}", d.position, d.action, d.status)?;
            for c in &d.comments {
                outln!(
                    "  {}",
                    comment_line(&c.kind, &c.by, &c.at, &c.comment, false)
                )?;
            }
        }
        Ok(())
    }

    fn line(&self) -> String {
        format!(
            "approved {}, rejected {}, edited and approved {}",
            self.approved.len(),
            self.rejected.len(),
            self.edited.len()
        )
    }
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let doc = args.target.document(&store)?;
    let user = user_name(args.user);
    let items = session::queue(
        &store,
        &doc,
        args.target.to,
        args.only.into(),
        args.translator.as_deref(),
    )?;
    let mut session = Session::new(items, args.target.to, &user);
    if session.items.is_empty() {
        eprintln!(
            "nothing to review in '{}' into {}",
            one_line(&doc.name),
            args.target.to
        );
    }
    let summary = if std::io::stdin().is_terminal() {
        if session.items.is_empty() {
            return Ok(());
        }
        interactive(&mut session, &mut store)?
    } else {
        let summary = piped(&mut session, &mut store)?;
        if !args.json {
            summary.decision_lines()?;
        }
        summary
    };
    if args.json {
        return print_json(&summary);
    }
    outln!("{}", summary.line())?;
    Ok(())
}

/// Read every line first (a bad one changes nothing), then apply them in one transaction.
fn piped(session: &mut Session, store: &mut audarma::store::Store) -> Result<Summary> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| Error::input("<stdin>", e.to_string()))?;
    let mut commands = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let cmd = session::parse_command(line)
            .map_err(|msg| Error::input("<stdin>", format!("{}:1: {msg}", n + 1)))?;
        if let Command::Reject(c) = &cmd {
            if c.is_empty() {
                return Err(Error::input(
                    "<stdin>",
                    format!("{}:1: `r` needs a comment: r WHAT IS WRONG", n + 1),
                ));
            }
        }
        commands.push((n + 1, cmd));
    }
    store.write(|w| {
        let mut summary = Summary::default();
        for (line, cmd) in commands {
            if session.finished() && !matches!(cmd, Command::Back | Command::Quit) {
                break;
            }
            let shown = shown_comments(session);
            let step = session
                .apply_within(w, cmd.clone())
                .map_err(|e| with_line(e, line))?;
            if step == Step::Quit {
                break;
            }
            summary.record(&cmd, &step, shown);
        }
        Ok(summary)
    })
}

/// The open comments of the segment the next command is for.
fn shown_comments(session: &Session) -> Vec<OpenComment> {
    session
        .current()
        .map(|item| item.comments.clone())
        .unwrap_or_default()
}

/// `rejected by bolat at 2026-…: wrong tense` or `comment by aigerim at …: …`.
fn comment_line(kind: &str, by: &str, at: &str, text: &str, colour: bool) -> String {
    let what = match kind {
        "rejection" => paint("rejected", "31", colour),
        other => paint(other, "33", colour),
    };
    format!("{what} by {} at {at}: {}", one_line(by), one_line(text))
}

fn with_line(e: Error, line: usize) -> Error {
    match e {
        Error::Conflict(m) => Error::Conflict(format!("<stdin>: line {line}: {m}; nothing saved")),
        Error::Usage(m) => Error::Usage(format!("<stdin>: line {line}: {m}; nothing saved")),
        other => other,
    }
}

fn paint(s: &str, code: &str, colour: bool) -> String {
    if colour {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// A word diff: deletions as [-x-], insertions as {+y+} (coloured on a terminal).
fn render_diff(diff: &[DiffOp], colour: bool) -> String {
    diff.iter()
        .map(|d| match d.op.as_str() {
            "delete" if colour => paint(&d.text, "31;9", true),
            "insert" if colour => paint(&d.text, "32;1", true),
            "delete" => format!("[-{}-]", one_line(&d.text)),
            "insert" => format!("{{+{}+}}", one_line(&d.text)),
            _ => one_line(&d.text).into_owned(),
        })
        .collect()
}

fn show(item: &ReviewItem, index: usize, total: usize, colour: bool) -> Result<()> {
    let t = &item.translation;
    outln!()?;
    outln!(
        "{} ¶{} · {}",
        paint(
            &format!(
                "[{}/{}] segment {}",
                index + 1,
                total,
                item.segment.position
            ),
            "1",
            colour
        ),
        item.segment.paragraph,
        t.status
    )?;
    outln!("  kk  {}", one_line(&item.segment.source))?;
    outln!("  {}  {}", t.lang, paint(&one_line(&t.text), "1", colour))?;
    outln!("  by {}, {}", one_line(&item.translator), item.how)?;
    if t.status == Status::Approved {
        outln!(
            "  {} by {} at {}",
            paint("approved", "32", colour),
            one_line(&t.author),
            t.changed_at
        )?;
    }
    if let Some(m) = &item.memory {
        outln!("  memory #{}: {}", m.unit_id, render_diff(&m.diff, colour))?;
        outln!("        → {}", one_line(&m.target))?;
    }
    // Open comments (the rejection among them) until an edit answers them.
    for c in &item.comments {
        outln!(
            "  {}",
            comment_line(&c.kind, &c.by, &c.at, &c.comment, colour)
        )?;
    }
    Ok(())
}

/// Ask until the answer is not empty; `None` when the reviewer gives up (Ctrl-C/D).
fn ask(rl: &mut rustyline::DefaultEditor, prompt: &str, initial: &str) -> Result<Option<String>> {
    loop {
        match rl.readline_with_initial(prompt, (initial, "")) {
            Ok(s) if !s.trim().is_empty() => return Ok(Some(s.trim().to_string())),
            Ok(_) => eprintln!("  (cannot be empty; Ctrl-C to cancel)"),
            Err(ReadlineError::Interrupted | ReadlineError::Eof) => return Ok(None),
            Err(e) => return Err(Error::usage(e.to_string())),
        }
    }
}

fn interactive(session: &mut Session, store: &mut audarma::store::Store) -> Result<Summary> {
    let colour = colour_stdout();
    let mut rl = rustyline::DefaultEditor::new().map_err(|e| Error::usage(e.to_string()))?;
    let mut summary = Summary::default();
    let total = session.items.len();
    while let Some(item) = session.current().cloned() {
        show(&item, session.index, total, colour)?;
        let key = match rl.readline("[a]pprove [r]eject [e]dit+approve [s]kip [b]ack [q]uit > ") {
            Ok(k) => k.trim().to_lowercase(),
            Err(ReadlineError::Interrupted | ReadlineError::Eof) => break,
            Err(e) => return Err(Error::usage(e.to_string())),
        };
        let cmd = match key.as_str() {
            "a" => Command::Approve,
            "r" => match ask(&mut rl, "  comment (what is wrong): ", "")? {
                Some(c) => Command::Reject(c),
                None => continue,
            },
            "e" => match ask(&mut rl, "  edit: ", &item.translation.text)? {
                Some(t) => Command::Edit(t),
                None => continue,
            },
            "" | "s" => Command::Skip,
            "b" => Command::Back,
            "q" => break,
            other => {
                eprintln!("  unknown key '{other}': a, r, e, s, b or q");
                continue;
            }
        };
        let shown = shown_comments(session);
        match session.apply(store, cmd.clone()) {
            Ok(step) => summary.record(&cmd, &step, shown),
            Err(e @ Error::Conflict(_)) => {
                eprintln!("  {}; showing the current version", shown_error(&e))
            }
            Err(e) => eprintln!("  {}", shown_error(&e)),
        }
    }
    Ok(summary)
}
