//! Review workflow: which status moves are allowed; approve, reject (with a
//! required comment), edit-and-approve, approve every translated segment of a
//! document; the last rejection of a segment (shown to the translator); and
//! replaying the event log from empty to the current statuses.
//!
//! Every change goes through `Writer::save_translation`, so the history and
//! the event log are complete: a status-only change rewrites the same text with
//! the new status, the reviewer being the user. The interactive session's state
//! (queue, commands) lives in `session`.
//!
//! It owns the rules of which move is allowed; it must not write past them,
//! and never writes the log itself (the store does, with every change).

pub mod session;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Result};
pub use crate::store::Rejection;
use crate::store::{Document, Reader, Segment, Status, Translation, Write, Writer};
use crate::text::controls::{check_actor, check_field, Lines};
use crate::text::Lang;

/// Whether a segment may move from one status to another.
///
/// draft ⇄ translated → approved | rejected; rejected → translated or draft
/// only with a changed text (a fix: the rejected text itself never comes back
/// as good work); approved → translated only through an edit (the approval is
/// withdrawn).
/// Saving the same status again (a new text) is always allowed, except on approved.
pub fn allowed(from: Status, to: Status, edit: bool) -> bool {
    use Status::*;
    match (from, to) {
        (Untranslated, Draft | Translated) => true,
        (Draft, Draft | Translated) | (Translated, Draft | Translated) => true,
        (Translated, Approved | Rejected) => true,
        (Rejected, Translated) | (Rejected, Draft) => edit,
        (Approved, Translated) => edit,
        _ => false,
    }
}

/// The refusal message for a move `allowed` refuses.
pub fn refusal(position: i64, from: Status, to: Status) -> Error {
    let why = refusal_reason(from, to);
    Error::Conflict(format!("segment {position} cannot be {to}: {why}"))
}

/// Why `allowed` refuses a move, in a few words.
pub fn refusal_reason(from: Status, to: Status) -> String {
    match (from, to) {
        (Status::Untranslated, _) => "it has no translation yet".to_string(),
        (Status::Approved, Status::Approved) => "it is already approved".to_string(),
        (Status::Rejected, Status::Rejected) => "it is already rejected".to_string(),
        (_, Status::Approved | Status::Rejected) => {
            format!("only translated segments can be reviewed (it is {from})")
        }
        _ => format!("{from} → {to} is not an allowed move"),
    }
}

/// Who did what to a segment, for the translator's next session.
/// The most recent rejection of a segment's translation: (reviewer, when, comment).
/// Only returned while the segment is still rejected, so a fixed segment no
/// longer shows an old complaint.
pub fn last_rejection(r: &Reader, segment_id: i64, lang: Lang) -> Result<Option<Rejection>> {
    let current = r.current_translation(segment_id, lang)?;
    if current.is_none_or(|t| t.status != Status::Rejected) {
        return Ok(None);
    }
    r.latest_rejection(segment_id, lang)
}

/// The current translation of a segment, or a message saying there is none.
fn require_translation(
    tx: &Writer<'_>,
    seg: &Segment,
    lang: Lang,
    to: Status,
) -> Result<Translation> {
    tx.current_translation(seg.id, lang)?
        .ok_or_else(|| refusal(seg.position, Status::Untranslated, to))
}

/// A status-only write: same text, same origin, new status, `user` as author.
fn set_status(
    tx: &Writer<'_>,
    seg: &Segment,
    lang: Lang,
    to: Status,
    user: &str,
    expected_version: Option<i64>,
    comment: Option<&str>,
) -> Result<Translation> {
    check_actor(user)?;
    if let Some(c) = comment {
        check_field("comment", c, Lines::Many)?;
    }
    let t = require_translation(tx, seg, lang, to)?;
    if !allowed(t.status, to, false) {
        return Err(refusal(seg.position, t.status, to));
    }
    let written = tx.save_translation(&Write {
        segment_id: seg.id,
        lang,
        text: &t.text,
        status: to,
        user,
        origin: &t.origin,
        origin_score: t.origin_score,
        origin_unit: t.origin_unit,
        expected_version: Some(expected_version.unwrap_or(t.version)),
        comment,
    })?;
    tx.remember_translation(seg, &written, t.unit_id, user)?;
    Ok(written)
}

/// Approve a translated segment. `expected_version` (the version the reviewer
/// saw) refuses the approval if the translator changed it meanwhile.
pub fn approve(
    tx: &Writer<'_>,
    seg: &Segment,
    lang: Lang,
    user: &str,
    expected_version: Option<i64>,
) -> Result<Translation> {
    set_status(
        tx,
        seg,
        lang,
        Status::Approved,
        user,
        expected_version,
        None,
    )
}

/// Reject a translated segment; the comment (why) is required.
pub fn reject(
    tx: &Writer<'_>,
    seg: &Segment,
    lang: Lang,
    user: &str,
    comment: &str,
    expected_version: Option<i64>,
) -> Result<Translation> {
    let comment = comment.trim();
    if comment.is_empty() {
        return Err(Error::usage(format!(
            "segment {}: a rejection needs a comment saying what is wrong",
            seg.position
        )));
    }
    set_status(
        tx,
        seg,
        lang,
        Status::Rejected,
        user,
        expected_version,
        Some(comment),
    )
}

/// The reviewer corrects the text and approves it: the edit is logged (as
/// `translated`, by the reviewer, origin `typed`), then the approval. An
/// approved segment's approval is withdrawn by the edit and given again.
pub fn edit_and_approve(
    tx: &Writer<'_>,
    seg: &Segment,
    lang: Lang,
    user: &str,
    text: &str,
    expected_version: Option<i64>,
) -> Result<Translation> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::usage(format!(
            "segment {}: the edited translation is empty",
            seg.position
        )));
    }
    check_actor(user)?;
    check_field("the edited translation", text, Lines::Many)?;
    let t = require_translation(tx, seg, lang, Status::Approved)?;
    if t.text == text {
        return approve(tx, seg, lang, user, expected_version);
    }
    if !allowed(t.status, Status::Translated, true) {
        return Err(refusal(seg.position, t.status, Status::Translated));
    }
    let edited = tx.save_translation(&Write {
        segment_id: seg.id,
        lang,
        text,
        status: Status::Translated,
        user,
        origin: "typed",
        origin_score: None,
        origin_unit: None,
        expected_version: Some(expected_version.unwrap_or(t.version)),
        comment: None,
    })?;
    approve(tx, seg, lang, user, Some(edited.version))
}

/// Parse `POS[,POS...]` (1-based, ranges `A-B` allowed) or `all` (→ `None`).
pub fn parse_positions(spec: &str) -> Result<Option<Vec<i64>>> {
    if spec.trim().eq_ignore_ascii_case("all") {
        return Ok(None);
    }
    let bad = |p: &str| {
        Error::usage(format!(
            "bad position '{p}': expected numbers from 1 like 3 or 2,5,7-9, or 'all'"
        ))
    };
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let a: i64 = a.trim().parse().map_err(|_| bad(part))?;
        let b: i64 = b.trim().parse().map_err(|_| bad(part))?;
        if a < 1 || b < a || b - a > 1_000_000 {
            return Err(bad(part));
        }
        out.extend(a..=b);
    }
    if out.is_empty() {
        return Err(bad(spec));
    }
    out.sort_unstable();
    out.dedup();
    Ok(Some(out))
}

/// The segments of a document with the given status in `lang`.
pub fn segments_with_status(
    conn: &Reader,
    doc: &Document,
    lang: Lang,
    status: Status,
) -> Result<Vec<Segment>> {
    let current = conn.translations_of(doc.id, lang)?;
    Ok(conn
        .segments_of(doc.id)?
        .into_iter()
        .filter(|s| {
            current
                .get(&s.id)
                .map_or(Status::Untranslated, |t| t.status)
                == status
        })
        .collect())
}

/// What approving several segments did, by position. Field names are
/// `approve --json`'s.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApproveReport {
    pub approved: Vec<i64>,
    /// Already approved: nothing to do.
    pub skipped: Vec<i64>,
    /// Not translated (no translation, a draft, rejected): left as they were.
    pub refused: Vec<Refused>,
}

/// A segment `approve_positions` left alone, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refused {
    pub position: i64,
    pub status: Status,
    pub reason: String,
}

/// Approve the segments at `positions`, or every translated one (`None`), in
/// the caller's transaction. A range is a reviewer's "all of these": what is
/// already approved is skipped and what cannot be approved is refused (both
/// reported) while the rest is approved. A position outside the document is
/// a usage error before anything is written.
pub fn approve_positions(
    tx: &Writer<'_>,
    doc: &Document,
    lang: Lang,
    positions: Option<&[i64]>,
    user: &str,
) -> Result<ApproveReport> {
    check_actor(user)?;
    let segs = match positions {
        None => segments_with_status(tx, doc, lang, Status::Translated)?,
        Some(ps) => ps
            .iter()
            .map(|p| tx.segment_at(doc, *p))
            .collect::<Result<_>>()?,
    };
    let current = tx.translations_of(doc.id, lang)?;
    let mut report = ApproveReport::default();
    for s in &segs {
        let status = current
            .get(&s.id)
            .map_or(Status::Untranslated, |t| t.status);
        match status {
            Status::Approved => report.skipped.push(s.position),
            Status::Translated => {
                approve(tx, s, lang, user, None)?;
                report.approved.push(s.position);
            }
            other => report.refused.push(Refused {
                position: s.position,
                status: other,
                reason: refusal_reason(other, Status::Approved),
            }),
        }
    }
    Ok(report)
}

/// Statuses of every (segment id, language) obtained by replaying the event
/// log from empty, in log order. Only segments that exist are in the log (a
/// deleted segment takes its events with it).
pub fn replay(r: &Reader) -> Result<BTreeMap<(i64, String), Status>> {
    let mut state = BTreeMap::new();
    for m in r.status_moves()? {
        let to: Status = m.to.parse().map_err(Error::Conflict)?;
        state.insert((m.segment_id, m.lang), to);
    }
    Ok(state)
}

/// A place where the event log and the translations table disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogMismatch {
    pub segment_id: i64,
    pub lang: String,
    pub replayed: Status,
    pub current: Status,
}

/// Compare the replayed log with the translations table (and check that each
/// event starts where the previous one ended). Empty when they agree.
pub fn verify_log(r: &Reader) -> Result<Vec<LogMismatch>> {
    let mut out = Vec::new();
    let mut state: BTreeMap<(i64, String), Status> = BTreeMap::new();
    for m in r.status_moves()? {
        let key = (m.segment_id, m.lang);
        let from = m.from.map_or(Ok(Status::Untranslated), |s| {
            s.parse().map_err(Error::Conflict)
        })?;
        let to: Status = m.to.parse().map_err(Error::Conflict)?;
        let before = state.get(&key).copied().unwrap_or(Status::Untranslated);
        if before != from {
            out.push(LogMismatch {
                segment_id: key.0,
                lang: key.1.clone(),
                replayed: before,
                current: from,
            });
        }
        state.insert(key, to);
    }
    let table: BTreeMap<(i64, String), Status> = r.current_statuses()?.into_iter().collect();
    for (key, &current) in &table {
        let replayed = state.get(key).copied().unwrap_or(Status::Untranslated);
        if replayed != current {
            out.push(LogMismatch {
                segment_id: key.0,
                lang: key.1.clone(),
                replayed,
                current,
            });
        }
    }
    for (key, &replayed) in state.iter().filter(|(k, _)| !table.contains_key(*k)) {
        out.push(LogMismatch {
            segment_id: key.0,
            lang: key.1.clone(),
            replayed,
            current: Status::Untranslated,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
