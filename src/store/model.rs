//! The data the store keeps, as features see it: documents, segments,
//! translations with their history, and the event log. Plain values, the same
//! for every backend.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::text::Lang;

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub id: i64,
    pub name: String,
    pub source_lang: String,
    pub file_name: String,
    pub content_hash: String,
    pub imported_at: String,
}

impl Document {
    /// Refuse `to` when it is the document's own language (a Russian
    /// document `--to ru`): a translation into the source language is a slip,
    /// and stored it would be counted, offered and exported as a translation.
    pub fn check_target(&self, to: Lang) -> crate::error::Result<()> {
        if crate::tmx::lang::primary(&self.source_lang) != to.code() {
            return Ok(());
        }
        let other = [Lang::En, Lang::Ru]
            .into_iter()
            .filter(|l| *l != to)
            .map(Lang::code)
            .collect::<Vec<_>>()
            .join(" or ");
        Err(crate::error::Error::usage(format!(
            "document '{}' is in {}: it cannot be translated into its own language (--to {other})",
            self.name,
            to.code()
        )))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    pub id: i64,
    pub document_id: i64,
    pub position: i64,
    pub paragraph: i64,
    pub source: String,
    pub normalized: String,
    pub words: i64,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    Created,
    /// Same name, same content: nothing written.
    Unchanged,
    /// Same name, new content, `--replace` given.
    Replaced,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub outcome: ImportOutcome,
    pub document: Document,
    pub segments: usize,
    pub words: usize,
    /// With `Replaced`: translations carried over to unchanged sentences.
    pub translations_kept: usize,
    /// With `Replaced`: translations whose sentence is gone (they stay in the memory).
    pub translations_orphaned: usize,
    /// With `Replaced`: the sentences the new text no longer has (kept, hidden).
    pub removed: SentencesRemoved,
}

/// What `import --replace` takes out of a document: the old sentences the new
/// text no longer has. They are not deleted: each keeps its translations,
/// history and events, hidden from the document, and a later import that
/// brings its text back takes them up again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SentencesRemoved {
    pub segments: usize,
    /// Their current translations, by language, then by status.
    pub translations: std::collections::BTreeMap<String, std::collections::BTreeMap<String, usize>>,
    /// Replaced versions of those translations.
    pub history: usize,
    /// Review and status events on them (comments included).
    pub events: usize,
}

impl SentencesRemoved {
    /// Whether anyone's work is on the removed sentences (a translation or an
    /// event): what makes a replace need the user's yes.
    pub fn holds_work(&self) -> bool {
        !self.translations.is_empty() || self.events > 0 || self.history > 0
    }

    /// `12 sentences: en 2 approved, 1 translated; ru 1 draft; 5 events, 3 older versions`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (lang, by_status) in &self.translations {
            let counts: Vec<String> = by_status.iter().map(|(s, n)| format!("{n} {s}")).collect();
            parts.push(format!("{lang} {}", counts.join(", ")));
        }
        let mut out = format!(
            "{} sentence{}",
            self.segments,
            if self.segments == 1 { "" } else { "s" }
        );
        if !parts.is_empty() {
            out.push_str(&format!(" with translations ({})", parts.join("; ")));
        }
        out.push_str(&format!(
            ", {} event{}, {} older version{}",
            self.events,
            if self.events == 1 { "" } else { "s" },
            self.history,
            if self.history == 1 { "" } else { "s" }
        ));
        out
    }
}

/// Status of a segment in one target language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Untranslated,
    Draft,
    Translated,
    Approved,
    Rejected,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Untranslated,
        Status::Draft,
        Status::Translated,
        Status::Approved,
        Status::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Untranslated => "untranslated",
            Status::Draft => "draft",
            Status::Translated => "translated",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| {
                format!("unknown status '{s}': expected untranslated, draft, translated, approved or rejected")
            })
    }
}

/// The current translation of one segment into one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Translation {
    pub segment_id: i64,
    pub lang: String,
    pub text: String,
    pub status: Status,
    /// Whoever changed this row last (a reviewer approving, say).
    pub author: String,
    pub changed_at: String,
    pub origin: String,
    pub origin_score: Option<f64>,
    pub origin_unit: Option<i64>,
    pub version: i64,
    /// Who wrote the text: kept when only the status changes.
    pub translator: String,
    /// The memory unit holding this text (shared by every segment with the pair).
    pub unit_id: Option<i64>,
}

/// A replaced version of a translation.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub version: i64,
    pub text: String,
    pub status: String,
    pub author: String,
    pub changed_at: String,
    pub origin: String,
    pub origin_score: Option<f64>,
    pub replaced_at: String,
    pub replaced_by: String,
    /// Who wrote the text of this version.
    pub translator: String,
}

/// One entry of the event log.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub id: i64,
    pub segment_id: i64,
    pub lang: String,
    pub actor: String,
    pub at: String,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub words: i64,
    pub comment: Option<String>,
}

/// A write of a segment's translation (text and/or status).
#[derive(Debug, Clone)]
pub struct Write<'a> {
    pub segment_id: i64,
    pub lang: Lang,
    pub text: &'a str,
    pub status: Status,
    pub user: &'a str,
    pub origin: &'a str,
    pub origin_score: Option<f64>,
    pub origin_unit: Option<i64>,
    /// The version the writer saw (0 = untranslated). `None` skips the check.
    pub expected_version: Option<i64>,
    pub comment: Option<&'a str>,
}

/// A document with its size, as `audarma docs` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    pub document: Document,
    pub segments: i64,
    pub words: i64,
}

/// What removing a document took with it, and the memory units it left.
/// Field names are `docs rm --json`'s.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedDocument {
    pub document: Document,
    pub segments: i64,
    pub translations: i64,
    /// Replaced versions of those translations.
    pub history: i64,
    /// Review and status events of its segments.
    pub events: i64,
    /// Memory units made from its segments: kept (purged: no longer tied to a segment).
    pub memory_units_kept: i64,
    /// Deleted with its trail (`docs rm --purge`), not only removed from view.
    pub purged: bool,
}

/// A segmented document to store ([`Writer::import_document`](super::Writer::import_document)).
#[derive(Debug, Clone, Copy)]
pub struct NewDocument<'a> {
    pub name: &'a str,
    pub file_name: &'a str,
    pub lang: Lang,
    /// The decoded text (its hash tells a re-import of the same content).
    pub text: &'a str,
    pub sentences: &'a [crate::segment::Sentence],
    /// Replace a changed document of the same name, keeping the translations
    /// of unchanged sentences.
    pub replace: bool,
    /// The user agreed to remove sentences that hold work
    /// ([`SentencesRemoved::holds_work`]); without it such a replace is refused.
    pub removal_confirmed: bool,
}

/// An event for the log that is not a translation write (a comment, say).
#[derive(Debug, Clone, Copy)]
pub struct NewEvent<'a> {
    pub segment_id: i64,
    pub lang: Lang,
    pub actor: &'a str,
    pub kind: &'a str,
    pub from: Option<Status>,
    pub to: Option<Status>,
    pub comment: Option<&'a str>,
}

/// A memory unit's Kazakh source and one translation, with what a suggestion shows.
#[derive(Debug, Clone)]
pub struct UnitTexts {
    pub unit_id: i64,
    pub source: String,
    pub target: String,
    pub target_lang: String,
    pub origin: String,
    pub status: Option<String>,
    pub changed: Option<String>,
}

/// A review status that a memory unit has only because the TMX file it came
/// from says so (its `x-audarma-status`), with nothing decided in this
/// database since: shown as "approved in m.tmx", never as an approval here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileClaim {
    /// The file as it was imported (`m.tmx`, `pack.zip!m.tmx`).
    pub file: String,
    /// The status the file gives the unit.
    pub status: String,
}

/// A (segment, target language) pair with its size and current status: what
/// progress figures count.
#[derive(Debug, Clone)]
pub struct WorkItem {
    pub segment_id: i64,
    pub document: String,
    pub lang: String,
    pub words: i64,
    pub status: Status,
}

/// An event of the log as activity figures need it (`day` is its UTC date).
#[derive(Debug, Clone)]
pub struct ActivityEvent {
    pub segment_id: i64,
    pub lang: String,
    pub actor: String,
    pub day: String,
    pub kind: String,
    pub from: Option<Status>,
    pub to: Option<Status>,
    pub words: i64,
}

/// A comment (`:c`) or a rejection that no later edit of the segment in that
/// language has answered: what is still waiting for the translator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenComment {
    pub document: String,
    pub position: i64,
    pub lang: String,
    /// `comment` or `rejection`.
    pub kind: String,
    pub source: String,
    /// The current translation (None: untranslated).
    pub translation: Option<String>,
    pub by: String,
    pub at: String,
    pub comment: String,
}

/// A status move recorded in the event log (`from` None: from untranslated).
#[derive(Debug, Clone)]
pub struct StatusMove {
    pub segment_id: i64,
    pub lang: String,
    pub from: Option<String>,
    pub to: String,
}

/// The latest rejection of a segment: who, when, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    pub actor: String,
    pub at: String,
    pub comment: String,
}

/// Progress of one document in one language. "Done" means translated or approved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DocumentProgress {
    pub segments_total: i64,
    pub segments_done: i64,
    pub segments_draft: i64,
    pub words_total: i64,
    pub words_done: i64,
}

/// A soft claim on a segment: `claimed_by` has it open in a session until
/// `expires_at` (RFC 3339 UTC). Advisory: saves are still guarded by versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    pub segment_id: i64,
    pub lang: String,
    pub claimed_by: String,
    pub expires_at: String,
}
