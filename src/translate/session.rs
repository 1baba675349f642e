//! The translation session as a state machine, independent of any terminal:
//! it knows which segment is shown, what was offered on the line, which
//! version the translator saw, and moves on after a save or a skip, passing
//! over segments another session has claimed ([`claims`](super::claims)). The
//! interactive and the piped front ends (in the CLI) only read lines, turn
//! them into commands with [`line::read`](super::line::read) and render what
//! comes back.

use std::collections::HashMap;
use std::str::FromStr;

use super::claims::Claims;
use super::command::Command;
use super::{Origin, SaveRequest, Saved};
use crate::error::{Error, Result};
use crate::fuzzy::concordance::{self, Hit, Side};
use crate::fuzzy::{self, Match};
use crate::store::{
    Claim, Document, DocumentProgress as Progress, OpenComment, Reader, Segment, Status, Store,
    Translation,
};
use crate::text::Lang;

/// Which segments the session visits when moving forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    Untranslated,
    Draft,
    Rejected,
    All,
}

impl Only {
    fn wants(self, status: Status) -> bool {
        match self {
            Only::Untranslated => status == Status::Untranslated,
            Only::Draft => status == Status::Draft,
            Only::Rejected => status == Status::Rejected,
            Only::All => true,
        }
    }
}

impl Only {
    pub fn as_str(self) -> &'static str {
        match self {
            Only::Untranslated => "untranslated",
            Only::Draft => "draft",
            Only::Rejected => "rejected",
            Only::All => "all",
        }
    }
}

impl FromStr for Only {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "untranslated" => Ok(Only::Untranslated),
            "draft" => Ok(Only::Draft),
            "rejected" => Ok(Only::Rejected),
            "all" => Ok(Only::All),
            _ => Err(format!(
                "unknown filter '{s}': expected untranslated, draft, rejected or all"
            )),
        }
    }
}

/// How a session is set up.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    /// 1-based position to start from.
    pub from: Option<i64>,
    pub only: Only,
    pub user: String,
    /// How many memory matches to show, and the lowest score shown.
    pub matches: usize,
    pub min_score: f64,
    /// Visit segments that another translator's session has claimed, too.
    pub include_claimed: bool,
}

/// Everything the front end shows for one segment.
#[derive(Debug, Clone)]
pub struct View {
    pub position: i64,
    pub total: usize,
    pub paragraph: i64,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub source: String,
    pub words: i64,
    pub current: Option<Translation>,
    pub reject_comment: Option<String>,
    /// Comments still open on the segment (no later edit answered them, as
    /// [`Reader::open_comments`] says), oldest first; the rejection is `reject_comment`.
    pub comments: Vec<OpenComment>,
    pub matches: Vec<Match>,
    pub progress: Progress,
    /// Someone else's session has this segment open (reached with `:g`, `:b`
    /// or `--include-claimed`).
    pub claimed_by: Option<Claim>,
    /// Segments passed over on the way here because others had them open.
    pub passed: Vec<Passed>,
}

/// A segment the session passed over: someone else's session has it open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passed {
    pub position: i64,
    pub claimed_by: String,
}

impl View {
    /// Text a terminal puts on the line for editing: the current translation
    /// when it still needs work (draft or rejected); otherwise nothing, so
    /// Enter on the empty line skips.
    pub fn prefill(&self) -> Option<&str> {
        self.current
            .as_ref()
            .filter(|t| matches!(t.status, Status::Draft | Status::Rejected))
            .map(|t| t.text.as_str())
    }
}

/// What a command did.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Saved (or already saved exactly so) and moved on.
    Saved(Box<Saved>),
    /// This text is on offer: the terminal puts it on the line for editing.
    Offer(String),
    Skipped,
    Moved,
    Commented,
    Found(Vec<Hit>),
    Help,
    Quit,
}

impl Outcome {
    /// Whether the session now shows another segment (or ended).
    pub fn moved(&self) -> bool {
        matches!(
            self,
            Outcome::Saved(_) | Outcome::Skipped | Outcome::Moved | Outcome::Quit
        )
    }
}

/// Totals for the end of the session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub saved: usize,
    pub drafts: usize,
    pub propagated: usize,
    pub skipped: usize,
}

/// Text on offer for the segment shown, and where it came from.
#[derive(Debug, Clone)]
struct Offer {
    text: String,
    origin: Origin,
    from_match: bool,
}

/// What the translator was shown: the version to check on save, the matches
/// their numbers refer to, and what is on offer.
#[derive(Debug, Clone)]
struct Shown {
    index: usize,
    version: i64,
    matches: Vec<Match>,
    offer: Option<Offer>,
}

/// A running session over one document.
pub struct Session {
    doc: Document,
    segments: Vec<Segment>,
    opts: Options,
    cursor: Option<usize>,
    /// The cursor has just moved forward (not by `:b` or `:g`) and the segment
    /// was not shown yet, so one claimed meanwhile is passed over rather than
    /// shown. Once shown, a segment is shown again as it is (after a conflict).
    forward: bool,
    visited: Vec<usize>,
    shown: Option<Shown>,
    claims: Claims,
    passed: Vec<Passed>,
    stats: Stats,
}

impl Session {
    /// Open a session on `doc_key` (name or id), at the first wanted segment
    /// at or after `opts.from`.
    pub fn start(store: &Store, doc_key: &str, opts: Options) -> Result<Session> {
        // The name goes on every claim and save: refused before the first.
        crate::text::controls::check_actor(&opts.user)?;
        let conn: &Reader = store;
        let doc = conn.find_document(doc_key)?;
        doc.check_target(opts.lang)?;
        let segments = conn.segments_of(doc.id)?;
        let from = opts.from.unwrap_or(1);
        if from < 1 || from as usize > segments.len() {
            return Err(Error::usage(format!(
                "document '{}' has no segment {from} (positions are 1 to {})",
                doc.name,
                segments.len()
            )));
        }
        let claims = Claims::new(opts.lang, &opts.user);
        let mut session = Session {
            doc,
            segments,
            opts,
            cursor: None,
            forward: true,
            visited: Vec::new(),
            shown: None,
            claims,
            passed: Vec::new(),
            stats: Stats::default(),
        };
        session.cursor = session.next_wanted(conn, from as usize - 1)?;
        Ok(session)
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// True when there is no segment left to show.
    pub fn finished(&self) -> bool {
        self.cursor.is_none()
    }

    pub fn lang(&self) -> Lang {
        self.opts.lang
    }

    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Segments passed over since the last view because others had them open
    /// (at the end of the session, or when it had nothing to show).
    pub fn passed_over(&self) -> &[Passed] {
        &self.passed
    }

    /// The first index at or after `start` whose status the filter wants and
    /// that nobody else has claimed (unless claimed ones are wanted too);
    /// the claimed ones passed over are noted.
    fn next_wanted(&mut self, conn: &Reader, start: usize) -> Result<Option<usize>> {
        let current: HashMap<i64, Translation> =
            conn.translations_of(self.doc.id, self.opts.lang)?;
        let claimed = match self.opts.include_claimed {
            true => HashMap::new(),
            false => self.claims.others(conn, self.doc.id)?,
        };
        for i in start..self.segments.len() {
            let seg = &self.segments[i];
            let status = current
                .get(&seg.id)
                .map_or(Status::Untranslated, |t| t.status);
            if !self.opts.only.wants(status) {
                continue;
            }
            match claimed.get(&seg.id) {
                Some(c) => self.passed.push(Passed {
                    position: seg.position,
                    claimed_by: c.claimed_by.clone(),
                }),
                None => return Ok(Some(i)),
            }
        }
        Ok(None)
    }

    /// Claim the segment at the cursor and show it ([`view`](Self::view)).
    /// Moving forward onto a segment someone else claimed in the meantime goes
    /// on to the next one; at the end the claim is given up and `None` returned.
    pub fn show(&mut self, store: &mut Store) -> Result<Option<View>> {
        while let Some(index) = self.cursor {
            let seg = &self.segments[index];
            let (id, position) = (seg.id, seg.position);
            match self.claims.take(store, id)? {
                Some(theirs) if self.forward && !self.opts.include_claimed => {
                    self.passed.push(Passed {
                        position,
                        claimed_by: theirs.claimed_by,
                    });
                    self.cursor = self.next_wanted(store, index + 1)?;
                }
                _ => {
                    self.forward = false;
                    return self.view(store);
                }
            }
        }
        self.claims.release(store)?;
        Ok(None)
    }

    /// Renew the claim on the segment shown (call it at every prompt).
    pub fn keep_claim(&mut self, store: &mut Store) -> Result<()> {
        self.claims.renew(store)
    }

    /// Give up the claim on the segment shown (the session is over).
    pub fn close(&mut self, store: &mut Store) -> Result<()> {
        self.claims.release(store)
    }

    /// The segment at the cursor (reloading its translation, so a change made
    /// by someone else is seen); `None` when the session reached the end.
    /// [`show`](Self::show) claims it first.
    pub fn view(&mut self, store: &Store) -> Result<Option<View>> {
        let Some(index) = self.cursor else {
            return Ok(None);
        };
        let conn: &Reader = store;
        let seg = &self.segments[index];
        let current = conn.current_translation(seg.id, self.opts.lang)?;
        let matches = self.matches_for(conn, seg)?;
        let offer = current.as_ref().map(|t| Offer {
            text: t.text.clone(),
            origin: Origin::of(t),
            from_match: false,
        });
        self.shown = Some(Shown {
            index,
            version: current.as_ref().map_or(0, |t| t.version),
            matches: matches.clone(),
            offer,
        });
        let reject_comment = crate::review::last_rejection(conn, seg.id, self.opts.lang)?
            .map(|r| format!("{} ({})", r.comment, r.actor));
        let claimed_by = conn
            .claim_on(seg.id, self.opts.lang)?
            .filter(|c| c.claimed_by != self.opts.user);
        Ok(Some(View {
            position: seg.position,
            total: self.segments.len(),
            paragraph: seg.paragraph,
            previous: index
                .checked_sub(1)
                .map(|i| self.segments[i].source.clone()),
            next: self.segments.get(index + 1).map(|s| s.source.clone()),
            source: seg.source.clone(),
            words: seg.words,
            current,
            reject_comment,
            comments: self.open_comments(conn, seg)?,
            matches,
            progress: conn.document_progress(self.doc.id, self.opts.lang)?,
            claimed_by,
            passed: std::mem::take(&mut self.passed),
        }))
    }

    fn open_comments(&self, conn: &Reader, seg: &Segment) -> Result<Vec<OpenComment>> {
        let mut all = conn.open_comments(Some(self.doc.id), Some(self.opts.lang))?;
        all.retain(|c| c.position == seg.position && c.kind == "comment");
        Ok(all)
    }

    /// Memory matches for a segment, leaving out the unit made from the
    /// segment itself (it only repeats the current translation).
    fn matches_for(&self, conn: &Reader, seg: &Segment) -> Result<Vec<Match>> {
        let own = conn.units_of_segment(seg.id)?;
        let limit = self.opts.matches + own.len();
        let mut found = fuzzy::suggest(
            conn,
            &seg.source,
            self.opts.lang,
            self.opts.min_score,
            limit,
        )?;
        found.retain(|m| !own.contains(&m.unit_id));
        found.truncate(self.opts.matches);
        Ok(found)
    }

    /// The text on offer for the segment shown (the terminal pre-fills the line with it).
    pub fn offer(&self) -> Option<&str> {
        self.shown.as_ref()?.offer.as_ref().map(|o| o.text.as_str())
    }

    /// Carry out one command on the segment shown (call [`view`](Self::view) first).
    pub fn apply(&mut self, store: &mut Store, cmd: Command) -> Result<Outcome> {
        match cmd {
            Command::Save(text) => self.save(store, &text, Status::Translated),
            Command::Draft(Some(text)) => self.save(store, &text, Status::Draft),
            Command::Draft(None) => {
                let text = self.offer().map(str::to_string).ok_or_else(|| {
                    Error::usage("nothing to save as draft: type `:d TEXT` or take a match first")
                })?;
                self.save(store, &text, Status::Draft)
            }
            Command::Skip => {
                self.stats.skipped += 1;
                self.advance(store)?;
                Ok(Outcome::Skipped)
            }
            Command::TakeMatch(n) => self.take_match(n),
            Command::Back => self.back(),
            Command::Goto(position) => self.goto(position),
            Command::Comment(text) => {
                let seg = self.shown_segment()?.clone();
                super::comment(store, &seg, self.opts.lang, &self.opts.user, &text)?;
                Ok(Outcome::Commented)
            }
            Command::Find(words) => Ok(Outcome::Found(concordance::concordance(
                store,
                &words,
                Side::Source,
                Some(self.opts.lang),
                10,
            )?)),
            Command::Help => Ok(Outcome::Help),
            Command::Quit => {
                self.cursor = None;
                self.claims.release(store)?;
                Ok(Outcome::Quit)
            }
        }
    }

    fn shown(&self) -> Result<&Shown> {
        self.shown
            .as_ref()
            .filter(|s| Some(s.index) == self.cursor)
            .ok_or_else(|| Error::usage("no segment is shown"))
    }

    fn shown_segment(&self) -> Result<&Segment> {
        Ok(&self.segments[self.shown()?.index])
    }

    fn take_match(&mut self, n: usize) -> Result<Outcome> {
        let shown = self.shown()?;
        let Some(m) = shown.matches.get(n - 1).cloned() else {
            return Err(Error::usage(match shown.matches.len() {
                0 => format!("there is no match {n}: the memory has none for this segment"),
                k => format!("there is no match {n}: matches are 1 to {k}"),
            }));
        };
        let offer = Offer {
            text: m.target.clone(),
            origin: Origin::Match {
                score: m.score,
                unit_id: m.unit_id,
            },
            from_match: true,
        };
        if let Some(s) = self.shown.as_mut() {
            s.offer = Some(offer);
        }
        Ok(Outcome::Offer(m.target))
    }

    /// Where `text` came from: a match taken (edited or not) keeps the match;
    /// the current translation unchanged keeps its origin; anything else is typed.
    fn origin_of(&self, text: &str) -> Origin {
        match self.shown.as_ref().and_then(|s| s.offer.as_ref()) {
            Some(o) if o.from_match => o.origin,
            Some(o) if o.text.trim() == text.trim() => o.origin,
            _ => Origin::Typed,
        }
    }

    fn save(&mut self, store: &mut Store, text: &str, status: Status) -> Result<Outcome> {
        let shown = self.shown()?;
        let seg = self.segments[shown.index].clone();
        self.refuse_unchanged_rejected(store, &seg, text)?;
        let saved = super::save(
            store,
            &SaveRequest {
                segment: &seg,
                lang: self.opts.lang,
                text,
                status,
                user: &self.opts.user,
                origin: self.origin_of(text),
                expected_version: Some(shown.version),
            },
        )?;
        if saved.changed {
            self.stats.saved += 1;
            self.stats.drafts += usize::from(status == Status::Draft);
            self.stats.propagated += saved.propagated.len();
        }
        self.advance(store)?;
        Ok(Outcome::Saved(Box::new(saved)))
    }

    /// A rejected translation saved again without a change would silently undo
    /// the reviewer's rejection: the session asks for a fix instead.
    fn refuse_unchanged_rejected(&self, conn: &Reader, seg: &Segment, text: &str) -> Result<()> {
        match conn.current_translation(seg.id, self.opts.lang)? {
            Some(t) if t.status == Status::Rejected && t.text.trim() == text.trim() => Err(Error::usage(
                "this translation was rejected: change it before saving (or skip with an empty line)",
            )),
            _ => Ok(()),
        }
    }

    fn advance(&mut self, conn: &Reader) -> Result<()> {
        if let Some(i) = self.cursor {
            self.visited.push(i);
            self.forward = true;
            self.cursor = self.next_wanted(conn, i + 1)?;
        }
        Ok(())
    }

    fn back(&mut self) -> Result<Outcome> {
        let Some(previous) = self.visited.pop() else {
            return Err(Error::usage(
                "this is the first segment of the session; nothing to go back to",
            ));
        };
        self.cursor = Some(previous);
        self.forward = false;
        Ok(Outcome::Moved)
    }

    fn goto(&mut self, position: i64) -> Result<Outcome> {
        let total = self.segments.len();
        if position < 1 || position as usize > total {
            return Err(Error::usage(format!(
                "no segment {position}: positions are 1 to {total}"
            )));
        }
        if let Some(i) = self.cursor {
            self.visited.push(i);
        }
        self.cursor = Some(position as usize - 1);
        self.forward = false;
        Ok(Outcome::Moved)
    }
}
