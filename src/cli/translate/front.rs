//! The two front ends of the session: the terminal (an edit line, keys) and
//! the pipe (one line per segment). Both turn a line into a command with
//! `translate::line::read` and run it on the `Session`; they differ in what a
//! line that cannot be done yet becomes. On a terminal it goes back on the
//! line (text refused, a failed or conflicting save, pasted line breaks
//! folded), so typed work is never lost; from a pipe there is no line to
//! give back, so a save the database refuses for a lock is tried again, and a
//! lock that outlasts the tries ends the session rather than let the next
//! line of the script land on the wrong segment.

use std::io::{BufRead, Write as _};
use std::time::Duration;

use audarma::store::Store;
use audarma::text::display::one_line;
use audarma::translate::command::{Command, HELP};
use audarma::translate::line::{self, Refused};
use audarma::translate::session::{Outcome, Session, View};
use audarma::{Error, Result};

use super::line_editor::{Key, LineEditor, Read, KEYS};
use super::{render, render_hits, Paint};
use crate::cli::common::{out, outln, shown_error};

/// How often a piped save refused for a lock is tried again, and the pause between.
const PIPED_RETRIES: u32 = 5;
const RETRY_PAUSE: Duration = Duration::from_millis(500);

/// What the front end does after a line.
enum Next {
    /// Read another line for the same segment, with this text on the line.
    Stay(String),
    /// Show the (next or same) segment.
    Show,
    /// Show the segment again (it changed) with this text on the line.
    ShowWith(String),
    Quit,
}

/// The segment and line a command was read from.
struct Turn<'a> {
    view: &'a View,
    /// The line as read, and what was on it when it was shown.
    line: &'a str,
    offered: &'a str,
    piped: bool,
    paint: Paint,
}

pub fn interactive(session: &mut Session, store: &mut Store, paint: Paint) -> Result<()> {
    let mut editor = LineEditor::new()?;
    outln!("type the translation and Enter; `:?` for help and keys; Ctrl-D quits")?;
    // The translator's text to put back on the line of the segment at this position.
    let mut carry: Option<(i64, String)> = None;
    while let Some(view) = session.show(store)? {
        out!("{}", render(&view, paint))?;
        let mut on_line = match carry.take() {
            Some((position, text)) if position == view.position => text,
            _ => view.prefill().unwrap_or("").to_string(),
        };
        // The long translation the translator was warned about (Enter again saves it).
        let mut asked: Option<String> = None;
        loop {
            session.keep_claim(store)?;
            let prompt = format!("{}> ", session.lang().code());
            let (cmd, line) = match editor.read(&prompt, &on_line)? {
                Read::Line(line) => (line::read(&line, &on_line), line),
                Read::Key(key, line) => {
                    if key != Key::Draft {
                        note_unsaved(&line, &view);
                    }
                    (key_command(key, &line), line)
                }
            };
            let turn = Turn {
                view: &view,
                line: &line,
                offered: &on_line,
                piped: false,
                paint,
            };
            let next = match cmd {
                Ok(cmd) => apply(session, store, cmd, &turn, &mut asked)?,
                Err(refused) => refuse(refused),
            };
            match next {
                Next::Stay(text) => on_line = text,
                Next::Show => break,
                Next::ShowWith(text) => {
                    carry = Some((view.position, text));
                    break;
                }
                Next::Quit => return Ok(()),
            }
        }
    }
    end_of_document(session)?;
    Ok(())
}

pub fn piped(session: &mut Session, store: &mut Store, paint: Paint) -> Result<()> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while let Some(view) = session.show(store)? {
        out!("{}", render(&view, paint))?;
        loop {
            session.keep_claim(store)?;
            out!("{}> ", session.lang().code())?;
            std::io::stdout().flush()?;
            let Some(line) = lines.next().transpose()? else {
                outln!()?;
                return Ok(());
            };
            outln!("{}", one_line(&line))?;
            let turn = Turn {
                view: &view,
                line: &line,
                offered: "",
                piped: true,
                paint,
            };
            let next = match line::read(&line, "") {
                Ok(cmd) => apply(session, store, cmd, &turn, &mut None)?,
                Err(refused) => refuse(refused),
            };
            match next {
                Next::Stay(_) => continue,
                Next::Show | Next::ShowWith(_) => break,
                Next::Quit => return Ok(()),
            }
        }
    }
    end_of_document(session)?;
    Ok(())
}

fn end_of_document(session: &Session) -> Result<()> {
    outln!("end of the document")?;
    if let Some(note) = super::passed_note(session.passed_over()) {
        outln!("{note}")?;
    }
    Ok(())
}

/// The command a key stands for, whatever the line holds.
fn key_command(key: Key, line: &str) -> Result<Command, Refused> {
    match key {
        Key::Quit => Ok(Command::Quit),
        Key::Back => Ok(Command::Back),
        Key::Skip => Ok(Command::Skip),
        Key::Draft => line::draft(line),
    }
}

/// Text typed on the line and left unsaved by a key (quit, back, skip) is
/// printed, so it can be copied back.
fn note_unsaved(line: &str, view: &View) {
    let text = line.trim();
    let saved = view.current.as_ref().map(|t| t.text.as_str());
    if !text.is_empty() && Some(text) != saved {
        eprintln!("audarma: not saved: {}", one_line(text));
    }
}

fn refuse(refused: Refused) -> Next {
    eprintln!("audarma: {}", one_line(&refused.message));
    Next::Stay(refused.keep)
}

/// The text a command would save, if it saves one.
fn saving<'c>(cmd: &'c Command, session: &'c Session) -> Option<&'c str> {
    match cmd {
        Command::Save(t) | Command::Draft(Some(t)) => Some(t),
        Command::Draft(None) => session.offer(),
        _ => None,
    }
}

/// Run one command and say what to do next. In piped mode a match number
/// saves that match as is; on a terminal it puts the match on the line.
fn apply(
    session: &mut Session,
    store: &mut Store,
    cmd: Command,
    turn: &Turn<'_>,
    asked: &mut Option<String>,
) -> Result<Next> {
    let text = saving(&cmd, session).map(str::to_string);
    let saved_already = turn.view.current.as_ref().map(|c| c.text.as_str());
    if let (Some(t), false) = (&text, turn.piped) {
        if let Some(notice) = line::too_long(&turn.view.source, t) {
            if asked.as_deref() != Some(t.as_str()) && saved_already != Some(t.as_str()) {
                eprintln!("audarma: {notice} Press Enter again to save it as it is.");
                *asked = Some(t.clone());
                return Ok(Next::Stay(turn.line.trim().to_string()));
            }
        }
    }
    let mut tries = 0;
    loop {
        let result = session.apply(store, cmd.clone()).and_then(|out| match out {
            Outcome::Offer(t) if turn.piped => session.apply(store, Command::Save(t)),
            other => Ok(other),
        });
        let e = match result {
            Ok(Outcome::Offer(t)) => return Ok(Next::Stay(t)),
            Ok(Outcome::Quit) => return Ok(Next::Quit),
            Ok(out) => {
                report(&out, turn)?;
                return Ok(match out.moved() {
                    true => Next::Show,
                    false => Next::Stay(turn.offered.to_string()),
                });
            }
            Err(e) => e,
        };
        let Some(text) = &text else {
            eprintln!("audarma: {}", shown_error(&e));
            return Ok(Next::Stay(turn.offered.to_string()));
        };
        match e {
            Error::Database { .. } if turn.piped && tries < PIPED_RETRIES => {
                tries += 1;
                eprintln!(
                    "audarma: {}; trying again ({tries}/{PIPED_RETRIES})",
                    shown_error(&e)
                );
                std::thread::sleep(RETRY_PAUSE);
            }
            Error::Database { .. } if turn.piped => return Err(e),
            Error::Database { .. } => {
                eprintln!("audarma: {}\n  not saved: your text is back on the line; press Enter to try again", shown_error(&e));
                return Ok(Next::Stay(line::after_failure(turn.line, turn.offered)));
            }
            // Someone else saved first: the segment is shown again with
            // their version, the translator's text on the line.
            Error::Conflict(_) if turn.piped => {
                eprintln!("audarma: {}", shown_error(&e));
                return Ok(Next::Show);
            }
            Error::Conflict(_) => {
                eprintln!(
                    "audarma: {}\n  your text is back on the line, below their version",
                    shown_error(&e)
                );
                return Ok(Next::ShowWith(text.clone()));
            }
            _ => {
                eprintln!("audarma: {}", shown_error(&e));
                return Ok(Next::Stay(line::after_failure(turn.line, turn.offered)));
            }
        }
    }
}

/// Messages after a command that did not end with a new line to read.
fn report(out: &Outcome, turn: &Turn<'_>) -> Result<()> {
    let paint = turn.paint;
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
                    crate::cli::set::join(&saved.propagated)
                ));
            }
            outln!("{}", paint.green(&msg))?;
            // A terminal asked before saving; a script is told after.
            if let Some(notice) = line::too_long(&turn.view.source, &t.text).filter(|_| turn.piped)
            {
                eprintln!("audarma: note: segment {}: {notice}", saved.position);
            }
        }
        Outcome::Commented => outln!("comment saved")?,
        Outcome::Found(hits) => out!("{}", render_hits(hits, paint))?,
        Outcome::Help if turn.piped => outln!("{HELP}")?,
        Outcome::Help => outln!("{HELP}\n{KEYS}")?,
        Outcome::Skipped | Outcome::Moved | Outcome::Offer(_) | Outcome::Quit => {}
    }
    Ok(())
}
