//! `audarma translate DOC --to LANG`: the translation session. On a terminal
//! an editable line (rustyline); with stdin not a terminal, one line per
//! segment so it can be scripted. Both drive `translate::session::Session`
//! with the syntax of `translate::command` (`:?` prints it); this file only
//! reads lines and renders.

use std::io::{BufRead, IsTerminal, Write as _};

use audarma::fuzzy::concordance::Hit;
use audarma::fuzzy::{DiffOp, Match};
use audarma::store::Store;
use audarma::translate::command::{self, Command, HELP};
use audarma::translate::session::{Only, Options, Outcome, Session, View};
use audarma::{Error, Result};
use rustyline::error::ReadlineError;

use super::common::{colour_stdout, out, outln, user_name, DocTarget};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: DocTarget,
    /// Start at this segment position (1-based)
    #[arg(long, value_name = "N")]
    from: Option<i64>,
    /// Which segments to visit: untranslated, draft, rejected or all
    #[arg(long, default_value = "untranslated", value_parser = |s: &str| s.parse::<Only>())]
    only: Only,
    /// Who translates [default: AUDARMA_USER, else the login name]
    #[arg(long)]
    user: Option<String>,
    /// How many memory matches to show per segment
    #[arg(long, default_value_t = 3, value_name = "N")]
    matches: usize,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let opts = Options {
        lang: args.target.to,
        from: args.from,
        only: args.only,
        user: user_name(args.user),
        matches: args.matches,
        min_score: 50.0,
    };
    let mut session = Session::start(&store, &args.target.doc, opts)?;
    if session.finished() {
        outln!(
            "nothing to translate: '{}' has no {} segment in {} from position {} (see --only)",
            session.document().name,
            args.only.as_str(),
            args.target.to,
            args.from.unwrap_or(1)
        )?;
        return Ok(());
    }
    let paint = Paint(colour_stdout());
    if std::io::stdin().is_terminal() {
        interactive(&mut session, &mut store, paint)?;
    } else {
        piped(&mut session, &mut store, paint)?;
    }
    outln!("{}", summary(&session))?;
    Ok(())
}

/// What the front end does after a line.
enum Next {
    /// Read another line for the same segment, with this text on the line.
    Stay(String),
    /// Show the (next or same) segment again.
    Show,
    Quit,
}

/// Apply one typed line. In piped mode a match number saves that match as is;
/// on a terminal it puts the match on the line to edit.
fn handle(
    session: &mut Session,
    store: &mut Store,
    line: &str,
    piped: bool,
    paint: Paint,
) -> Result<Next> {
    let cmd = match command::parse(line) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("audarma: {msg}");
            return Ok(Next::Stay(String::new()));
        }
    };
    let result = session.apply(store, cmd).and_then(|out| match out {
        Outcome::Offer(text) if piped => session.apply(store, Command::Save(text)),
        other => Ok(other),
    });
    Ok(match result {
        Ok(Outcome::Offer(text)) => Next::Stay(text),
        Ok(Outcome::Quit) => Next::Quit,
        Ok(out) => {
            report(&out, paint)?;
            if out.moved() {
                Next::Show
            } else {
                Next::Stay(String::new())
            }
        }
        Err(e) => {
            // The session goes on: a conflict shows the segment again with
            // the other version, everything else asks for another line.
            eprintln!("audarma: {e}");
            match e {
                Error::Conflict(_) => Next::Show,
                _ => Next::Stay(String::new()),
            }
        }
    })
}

fn piped(session: &mut Session, store: &mut Store, paint: Paint) -> Result<()> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while let Some(view) = session.view(store)? {
        out!("{}", render(&view, paint))?;
        loop {
            out!("{}> ", view_lang(session))?;
            std::io::stdout().flush()?;
            let Some(line) = lines.next().transpose()? else {
                outln!()?;
                return Ok(());
            };
            outln!("{line}")?;
            match handle(session, store, &line, true, paint)? {
                Next::Stay(_) => continue,
                Next::Show => break,
                Next::Quit => return Ok(()),
            }
        }
    }
    outln!("end of the document")?;
    Ok(())
}

fn interactive(session: &mut Session, store: &mut Store, paint: Paint) -> Result<()> {
    let mut editor = rustyline::DefaultEditor::new()
        .map_err(|e| Error::usage(format!("cannot use the terminal: {e}")))?;
    outln!("type the translation and Enter; `:?` for help, `:q` to quit")?;
    while let Some(view) = session.view(store)? {
        out!("{}", render(&view, paint))?;
        let mut on_line = view.prefill().unwrap_or("").to_string();
        loop {
            let prompt = format!("{}> ", view_lang(session));
            let line = match editor.readline_with_initial(&prompt, (&on_line, "")) {
                Ok(line) => line,
                // Ctrl-C and Ctrl-D quit; every save was already committed.
                Err(ReadlineError::Interrupted | ReadlineError::Eof) => return Ok(()),
                Err(e) => return Err(Error::usage(format!("cannot read the terminal: {e}"))),
            };
            if !line.trim().is_empty() {
                let _ = editor.add_history_entry(line.as_str());
            }
            match handle(session, store, &line, false, paint)? {
                Next::Stay(text) => on_line = text,
                Next::Show => break,
                Next::Quit => return Ok(()),
            }
        }
    }
    outln!("end of the document")?;
    Ok(())
}

fn view_lang(session: &Session) -> &'static str {
    session.lang().code()
}

fn summary(session: &Session) -> String {
    let s = session.stats();
    format!(
        "session over: {} saved ({} as draft), {} repetitions filled, {} skipped",
        s.saved, s.drafts, s.propagated, s.skipped
    )
}

/// Messages after a command that did not end with a new line to read.
fn report(out: &Outcome, paint: Paint) -> Result<()> {
    match out {
        Outcome::Saved(saved) if !saved.changed => {
            outln!("unchanged (version {})", saved.translation.version)?
        }
        Outcome::Saved(saved) => {
            let t = &saved.translation;
            let mut msg = format!(
                "saved [{}] as {} (version {}, {})",
                saved.position, t.status, t.version, t.origin
            );
            if !saved.propagated.is_empty() {
                msg.push_str(&format!(
                    "; filled {} repetition(s): {}",
                    saved.propagated.len(),
                    super::set::join(&saved.propagated)
                ));
            }
            outln!("{}", paint.green(&msg))?;
        }
        Outcome::Commented => outln!("comment saved")?,
        Outcome::Found(hits) => out!("{}", render_hits(hits, paint))?,
        Outcome::Help => outln!("{HELP}")?,
        Outcome::Skipped | Outcome::Moved | Outcome::Offer(_) | Outcome::Quit => {}
    }
    Ok(())
}

/// ANSI colour, or none.
#[derive(Debug, Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn green(self, s: &str) -> String {
        self.wrap("32", s)
    }
    fn red(self, s: &str) -> String {
        self.wrap("31", s)
    }
}

fn render(view: &View, paint: Paint) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "\n{} ¶{}  ({} words)\n",
        paint.bold(&format!("[{}/{}]", view.position, view.total)),
        view.paragraph,
        view.words
    ));
    if let Some(prev) = &view.previous {
        out.push_str(&format!("  {}\n", paint.dim(&format!("< {prev}"))));
    }
    out.push_str(&format!(
        "  {}\n",
        paint.bold(&format!("» {}", view.source))
    ));
    if let Some(next) = &view.next {
        out.push_str(&format!("  {}\n", paint.dim(&format!("> {next}"))));
    }
    if let Some(t) = &view.current {
        out.push_str(&format!(
            "  current ({}, v{}, {} by {}): {}\n",
            t.status, t.version, t.origin, t.author, t.text
        ));
    }
    if let Some(c) = &view.reject_comment {
        out.push_str(&format!("  {}\n", paint.red(&format!("rejected: {c}"))));
    }
    for (i, m) in view.matches.iter().enumerate() {
        out.push_str(&render_match(i + 1, m, paint));
    }
    let p = view.progress;
    out.push_str(&format!(
        "  {}\n",
        paint.dim(&format!(
            "progress: {}/{} segments, {}/{} words translated, {} draft(s)",
            p.segments_done, p.segments_total, p.words_done, p.words_total, p.segments_draft
        ))
    ));
    out
}

fn render_match(n: usize, m: &Match, paint: Paint) -> String {
    let mut out = format!("  {n}) {:>3.0}%  {}\n", m.score, m.target);
    if m.score < 100.0 {
        out.push_str(&format!("        {}\n", render_diff(&m.diff, paint)));
    }
    out
}

/// Word diff of a match's source against the segment: what the match has and
/// the segment lacks is `[-removed-]`, what the segment adds is `{+added+}`
/// (coloured red and green on a terminal instead).
fn render_diff(diff: &[DiffOp], paint: Paint) -> String {
    diff.iter()
        .map(|d| match d.op.as_str() {
            "delete" if paint.0 => paint.red(&d.text),
            "insert" if paint.0 => paint.green(&d.text),
            "delete" if !d.text.trim().is_empty() => format!("[-{}-]", d.text),
            "insert" if !d.text.trim().is_empty() => format!("{{+{}+}}", d.text),
            _ => d.text.clone(),
        })
        .collect()
}

fn render_hits(hits: &[Hit], paint: Paint) -> String {
    if hits.is_empty() {
        return "concordance: nothing in the memory\n".into();
    }
    let mut out = format!(
        "concordance ({} unit(s), any inflected form):\n",
        hits.len()
    );
    for h in hits {
        out.push_str(&format!("  {}\n    {}\n", paint.dim(&h.source), h.target));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(op: &str, text: &str) -> DiffOp {
        DiffOp {
            op: op.into(),
            text: text.into(),
        }
    }

    #[test]
    fn diff_is_marked_in_plain_text_and_coloured_on_a_terminal() {
        let diff = [
            op("equal", "Бала "),
            op("delete", "оқыды"),
            op("insert", "оқиды"),
            op("equal", "."),
        ];
        assert_eq!(render_diff(&diff, Paint(false)), "Бала [-оқыды-]{+оқиды+}.");
        let coloured = render_diff(&diff, Paint(true));
        assert!(coloured.contains("\x1b[31mоқыды\x1b[0m") && coloured.contains("\x1b[32mоқиды"));
    }
}
