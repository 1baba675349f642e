//! `audarma translate DOC --to LANG`: the translation session. On a terminal
//! an editable line (rustyline) with keys that act whatever the line holds
//! (`line_editor`); with stdin not a terminal, one line per segment so it can
//! be scripted. Both front ends (`front`) drive `translate::session::Session`
//! with the syntax of `translate::command` and `translate::line` (`:?` prints
//! it); this file sets the session up and renders what it shows, every stored
//! text on one line (`text::display::one_line`).

mod front;
mod line_editor;

use std::io::IsTerminal;

use audarma::fuzzy::concordance::Hit;
use audarma::fuzzy::{DiffOp, Match};
use audarma::text::display::{one_line, short_list};
use audarma::translate::session::{Only, Options, Passed, Session, View};
use audarma::Result;

use super::common::{colour_stdout, outln, user_name, DocTarget};
use super::Ctx;

/// How the session is driven, for `translate --help`.
const SESSION_HELP: &str = "\
On the edit line:
  TEXT, Enter      save as translated (it enters the memory at once)
  Enter (empty)    skip              N           put match N on the line
  :d [TEXT]        save as draft     :b / :g N   back / go to segment N
  :c TEXT          comment           :f WORDS    concordance search
  :? / :q          help / quit       \\TEXT       save TEXT literally
A command typed right after the text the line was shown with (a draft,
a rejected translation, a match) is the command; a changed text that ends
in a command is not saved but given back without it.

Keys, whatever the line holds:
  Ctrl-D quit   PageUp back   PageDown skip   Alt-Enter save the line as draft
  Ctrl-C clear the line (on an empty line: quit); Ctrl-Y puts it back

A paste with line breaks comes back folded into one line to be checked; a
translation over three times as long as its source (and over 40 characters)
is asked about once. Each segment shown is claimed for 10 minutes (renewed
while you work on it): other sessions pass over it unless --include-claimed.

With stdin not a terminal, one line per segment (a paste cannot be told
apart from lines typed); a number saves that match, and a save refused
because the database is locked is tried again, then ends the session.";

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Keys: Ctrl-D quit, PageUp back, PageDown skip, Alt-Enter draft, Ctrl-C clears \
                  the line; `:?` in the session; --help for the commands",
    after_long_help = SESSION_HELP
)]
pub struct Args {
    #[command(flatten)]
    target: DocTarget,
    /// Start at this segment position (1-based)
    #[arg(long, value_name = "N")]
    from: Option<i64>,
    /// Which segments to visit: untranslated, draft, rejected or all
    #[arg(long, default_value = "untranslated", value_parser = |s: &str| s.parse::<Only>())]
    only: Only,
    /// Who translates [default: AUDARMA_USER, else the login name];
    /// one line, no control characters
    #[arg(long)]
    user: Option<String>,
    /// How many memory matches to show per segment
    #[arg(long, default_value_t = 3, value_name = "N")]
    matches: usize,
    /// Also visit segments another translator's session has open (claimed)
    #[arg(long)]
    include_claimed: bool,
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
        include_claimed: args.include_claimed,
    };
    let mut session = Session::start(&store, &args.target.doc, opts)?;
    if session.finished() {
        outln!(
            "nothing to translate: '{}' has no {} segment in {} from position {} (see --only)",
            one_line(&session.document().name),
            args.only.as_str(),
            args.target.to,
            args.from.unwrap_or(1)
        )?;
        if let Some(note) = passed_note(session.passed_over()) {
            outln!("{note}")?;
        }
        return Ok(());
    }
    let paint = Paint(colour_stdout());
    let ran = if std::io::stdin().is_terminal() {
        front::interactive(&mut session, &mut store, paint)
    } else {
        front::piped(&mut session, &mut store, paint)
    };
    // The claim goes whichever way the session ended.
    let closed = session.close(&mut store);
    ran.and(closed)?;
    outln!("{}", summary(&session))?;
    Ok(())
}

fn summary(session: &Session) -> String {
    let s = session.stats();
    format!(
        "session over: {} saved ({} as draft), {} repetitions filled, {} skipped",
        s.saved, s.drafts, s.propagated, s.skipped
    )
}

/// The segments passed over because other sessions have them open.
fn passed_note(passed: &[Passed]) -> Option<String> {
    if passed.is_empty() {
        return None;
    }
    let each: Vec<String> = passed
        .iter()
        .map(|p| format!("[{}] {}", p.position, one_line(&p.claimed_by)))
        .collect();
    Some(format!(
        "passed over, open in another session: {} (--include-claimed visits them)",
        short_list(&each, ", ")
    ))
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
    if let Some(note) = passed_note(&view.passed) {
        out.push_str(&format!("{}\n", paint.dim(&note)));
    }
    out.push_str(&format!(
        "\n{} ¶{}  ({} words)\n",
        paint.bold(&format!("[{}/{}]", view.position, view.total)),
        view.paragraph,
        view.words
    ));
    if let Some(prev) = &view.previous {
        let prev = one_line(prev);
        out.push_str(&format!("  {}\n", paint.dim(&format!("< {prev}"))));
    }
    let source = one_line(&view.source);
    out.push_str(&format!("  {}\n", paint.bold(&format!("» {source}"))));
    if let Some(next) = &view.next {
        let next = one_line(next);
        out.push_str(&format!("  {}\n", paint.dim(&format!("> {next}"))));
    }
    if let Some(c) = &view.claimed_by {
        let who = one_line(&c.claimed_by);
        let note = format!(
            "open in {who}'s session too (claimed until {})",
            c.expires_at
        );
        out.push_str(&format!("  {}\n", paint.red(&note)));
    }
    if let Some(t) = &view.current {
        out.push_str(&format!(
            "  current ({}, v{}, {} by {}): {}\n",
            t.status,
            t.version,
            t.origin,
            one_line(&t.author),
            one_line(&t.text)
        ));
    }
    if let Some(c) = &view.reject_comment {
        let c = one_line(c);
        out.push_str(&format!("  {}\n", paint.red(&format!("rejected: {c}"))));
    }
    for c in &view.comments {
        let (who, text) = (one_line(&c.by), one_line(&c.comment));
        let day = c.at.get(..10).unwrap_or(&c.at);
        out.push_str(&format!("  comment ({who}, {day}): {text}\n"));
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
    let mut out = format!("  {n}) {:>3.0}%  {}\n", m.score, one_line(&m.target));
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
            "delete" if paint.0 => paint.red(&one_line(&d.text)),
            "insert" if paint.0 => paint.green(&one_line(&d.text)),
            "delete" if !d.text.trim().is_empty() => format!("[-{}-]", one_line(&d.text)),
            "insert" if !d.text.trim().is_empty() => format!("{{+{}+}}", one_line(&d.text)),
            _ => one_line(&d.text).into_owned(),
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
        let (source, target) = (one_line(&h.source), one_line(&h.target));
        out.push_str(&format!("  {}\n    {target}\n", paint.dim(&source)));
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
