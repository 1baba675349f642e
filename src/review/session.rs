//! A review session over one document and language: the queue of segments to
//! review (with who made each translation and how, and a word diff against the
//! memory unit it came from), the reviewer's commands, and applying them with
//! an optimistic version check so a translator's concurrent save is never lost.
//!
//! Used by `audarma review` both interactively and piped (one command a line).

use serde::Serialize;

use crate::error::{Error, Result};
use crate::fuzzy::{self, DiffOp};
use crate::store::{Document, OpenComment, Segment};
use crate::store::{Reader, Store, Writer};
use crate::store::{Status, Translation};
use crate::text::Lang;

/// Which segments a session shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    /// Translated, waiting for review
    Translated,
    /// Rejected, waiting for a fix (to re-read the comments)
    Rejected,
    /// Every segment that has a translation
    All,
}

/// The memory unit a translation came from, with the differences between its
/// source and the segment's source.
#[derive(Debug, Clone, Serialize)]
pub struct MemorySource {
    pub unit_id: i64,
    pub source: String,
    pub target: String,
    pub diff: Vec<DiffOp>,
}

/// One segment in the review queue.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewItem {
    pub segment: Segment,
    pub translation: Translation,
    /// Who last wrote the text (the author of the last edit event).
    pub translator: String,
    /// How the text was made: typed, from a 87% match, propagated ...
    pub how: String,
    pub memory: Option<MemorySource>,
    pub rejection: Option<super::Rejection>,
    /// Comments no edit has answered yet, oldest first (the rejection among them).
    pub comments: Vec<OpenComment>,
}

/// A reviewer's command. Piped mode: one a line (`a`, `r COMMENT`, `e TEXT`,
/// `s` or an empty line, `b`, `q`; or the long names `approve`, `reject` ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Approve,
    Reject(String),
    Edit(String),
    Skip,
    Back,
    Quit,
}

/// Parse one line of piped input.
pub fn parse_command(line: &str) -> std::result::Result<Command, String> {
    let line = line.trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim().to_string();
    match word {
        "a" | "approve" => Ok(Command::Approve),
        "r" | "reject" => Ok(Command::Reject(rest)),
        "e" | "edit" => Ok(Command::Edit(rest)),
        "" | "s" | "skip" => Ok(Command::Skip),
        "b" | "back" => Ok(Command::Back),
        "q" | "quit" => Ok(Command::Quit),
        _ => Err(format!(
            "unknown command '{word}': expected a (approve), r COMMENT (reject), e TEXT (edit and approve), s (skip), b (back) or q (quit)"
        )),
    }
}

/// Describe a translation's origin for the reviewer.
pub fn describe_origin(t: &Translation) -> String {
    let pct = t.origin_score.map(|s| format!("{s:.0}%"));
    match (t.origin.as_str(), pct) {
        ("match", Some(p)) => format!("from a {p} match"),
        ("match-edited", Some(p)) => format!("edited from a {p} match"),
        ("pretranslated", Some(p)) => format!("pretranslated from a {p} match"),
        ("propagated", _) => "propagated from a repetition".into(),
        ("aligned", _) => match t.origin_score {
            Some(c) => format!("aligned from an old translation (confidence {c:.2})"),
            None => "aligned from an old translation".into(),
        },
        (other, _) => other.to_string(),
    }
}

/// The memory unit `unit_id` as source and `lang` target, diffed against `source`.
pub fn memory_source(
    conn: &Reader,
    unit_id: i64,
    lang: Lang,
    source: &str,
) -> Result<Option<MemorySource>> {
    let found = conn.unit_pair(unit_id, lang)?;
    Ok(found.map(|(unit_source, target)| MemorySource {
        unit_id,
        diff: fuzzy::word_diff(&unit_source, source),
        source: unit_source,
        target,
    }))
}

/// The open comments of one segment in `lang`.
fn comments_of(conn: &Reader, seg: &Segment, lang: Lang) -> Result<Vec<OpenComment>> {
    let mut all = conn.open_comments(Some(seg.document_id), Some(lang))?;
    all.retain(|c| c.position == seg.position);
    Ok(all)
}

fn item_for(
    conn: &Reader,
    seg: Segment,
    t: Translation,
    lang: Lang,
    comments: Vec<OpenComment>,
) -> Result<ReviewItem> {
    let memory = match t.origin_unit {
        Some(unit) => memory_source(conn, unit, lang, &seg.source)?,
        None => None,
    };
    let rejection = super::last_rejection(conn, seg.id, lang)?;
    Ok(ReviewItem {
        translator: conn
            .last_editor(seg.id, lang)?
            .unwrap_or_else(|| t.author.clone()),
        how: describe_origin(&t),
        memory,
        rejection,
        comments,
        segment: seg,
        translation: t,
    })
}

/// The segments of `doc` to review in `lang`, in document order.
pub fn queue(
    conn: &Reader,
    doc: &Document,
    lang: Lang,
    only: Only,
    translator: Option<&str>,
) -> Result<Vec<ReviewItem>> {
    let mut current = conn.translations_of(doc.id, lang)?;
    // One query for the document's open comments, not one per segment.
    let mut comments: std::collections::HashMap<i64, Vec<OpenComment>> = Default::default();
    for c in conn.open_comments(Some(doc.id), Some(lang))? {
        comments.entry(c.position).or_default().push(c);
    }
    let mut items = Vec::new();
    for seg in conn.segments_of(doc.id)? {
        let Some(t) = current.remove(&seg.id) else {
            continue;
        };
        let wanted = match only {
            Only::Translated => t.status == Status::Translated,
            Only::Rejected => t.status == Status::Rejected,
            Only::All => true,
        };
        if !wanted {
            continue;
        }
        let open = comments.remove(&seg.position).unwrap_or_default();
        let item = item_for(conn, seg, t, lang, open)?;
        if translator.is_none_or(|name| item.translator == name) {
            items.push(item);
        }
    }
    Ok(items)
}

/// What applying a command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The segment at `position` now has `status`.
    Changed {
        position: i64,
        status: Status,
    },
    Moved,
    Quit,
}

/// A review session: the queue and where the reviewer is in it.
pub struct Session {
    pub items: Vec<ReviewItem>,
    pub index: usize,
    pub lang: Lang,
    pub user: String,
}

impl Session {
    pub fn new(items: Vec<ReviewItem>, lang: Lang, user: &str) -> Session {
        Session {
            items,
            index: 0,
            lang,
            user: user.to_string(),
        }
    }

    pub fn current(&self) -> Option<&ReviewItem> {
        self.items.get(self.index)
    }

    pub fn finished(&self) -> bool {
        self.index >= self.items.len()
    }

    /// Apply a command to the current segment in its own transaction, checked
    /// against the version the reviewer saw; on a conflict the item is reloaded
    /// (the reviewer sees the new text) and the error returned.
    pub fn apply(&mut self, store: &mut Store, cmd: Command) -> Result<Step> {
        let result = store.write(|w| self.apply_within(w, cmd));
        if result.is_err() {
            self.reload(store)?;
        }
        result
    }

    /// Apply a command inside the caller's transaction (piped mode: the whole
    /// script is one transaction).
    pub fn apply_within(&mut self, tx: &Writer<'_>, cmd: Command) -> Result<Step> {
        match cmd {
            Command::Quit => return Ok(Step::Quit),
            Command::Skip => {
                self.index = (self.index + 1).min(self.items.len());
                return Ok(Step::Moved);
            }
            Command::Back => {
                self.index = self.index.saturating_sub(1);
                return Ok(Step::Moved);
            }
            _ => {}
        }
        let Some(item) = self.items.get(self.index) else {
            return Err(Error::usage("no segment left to review"));
        };
        let (seg, seen) = (item.segment.clone(), Some(item.translation.version));
        let (lang, user) = (self.lang, self.user.as_str());
        let t = match &cmd {
            Command::Approve => super::approve(tx, &seg, lang, user, seen)?,
            Command::Reject(c) => super::reject(tx, &seg, lang, user, c, seen)?,
            Command::Edit(text) => super::edit_and_approve(tx, &seg, lang, user, text, seen)?,
            Command::Skip | Command::Back | Command::Quit => unreachable!("handled above"),
        };
        let step = Step::Changed {
            position: seg.position,
            status: t.status,
        };
        let open = comments_of(tx, &seg, lang)?;
        self.items[self.index] = item_for(tx, seg, t, lang, open)?;
        self.index += 1;
        Ok(step)
    }

    /// Read the current item again from the database.
    pub fn reload(&mut self, conn: &Reader) -> Result<()> {
        let Some(item) = self.items.get(self.index) else {
            return Ok(());
        };
        let seg = item.segment.clone();
        if let Some(t) = conn.current_translation(seg.id, self.lang)? {
            let open = comments_of(conn, &seg, self.lang)?;
            self.items[self.index] = item_for(conn, seg, t, self.lang, open)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse_short_and_long() {
        assert_eq!(parse_command("a"), Ok(Command::Approve));
        assert_eq!(parse_command("  approve "), Ok(Command::Approve));
        assert_eq!(
            parse_command("r wrong tense"),
            Ok(Command::Reject("wrong tense".into()))
        );
        assert_eq!(
            parse_command("e The text."),
            Ok(Command::Edit("The text.".into()))
        );
        assert_eq!(parse_command(""), Ok(Command::Skip));
        assert_eq!(parse_command("b"), Ok(Command::Back));
        assert_eq!(parse_command("quit"), Ok(Command::Quit));
        assert!(parse_command("x")
            .unwrap_err()
            .contains("unknown command 'x'"));
    }
}
