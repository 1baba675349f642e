//! Translator operations: saving a translation (status rules, history,
//! propagation to repetitions, entry into the memory), reading a segment's
//! state, exporting the translated document, and the translation session:
//! its state machine shared by the interactive and the piped front ends
//! (`session`), what its edit line means (`command`, `line`) and its soft
//! claims on the segment shown (`claims`).
//!
//! Every save is its own short write transaction, so an interrupted session
//! never loses a saved translation and never leaves the database locked.
//! It must not overwrite a translation without a trace (the store keeps every
//! replaced version) nor let a status move past `review::allowed`.

pub mod claims;
pub mod command;
pub mod export;
pub mod line;
pub mod session;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::review;
use crate::store::{Document, NewEvent, Segment, Status, Store, Translation, Write, Writer};
use crate::text::controls::{check_actor, check_field, Lines};
use crate::text::Lang;

/// Where the text of a translation came from (stored in `translations.origin`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "origin", rename_all = "snake_case")]
pub enum Origin {
    /// Typed by the translator.
    Typed,
    /// A memory match taken as it is: its score and unit.
    Match { score: f64, unit_id: i64 },
    /// A memory match the translator edited but kept most of (see
    /// [`settle_origin`]): the match's score and unit.
    MatchEdited { score: f64, unit_id: i64 },
    /// Filled from the memory by `pretranslate`, confirmed as is.
    Pretranslated {
        score: Option<f64>,
        unit_id: Option<i64>,
    },
    /// Copied from a repetition of the same sentence in the document.
    Propagated { unit_id: Option<i64> },
    /// Paired with the source by `align` from an existing translation.
    Aligned { unit_id: Option<i64> },
}

impl Origin {
    pub fn as_str(&self) -> &'static str {
        match self {
            Origin::Typed => "typed",
            Origin::Match { .. } => "match",
            Origin::MatchEdited { .. } => "match-edited",
            Origin::Pretranslated { .. } => "pretranslated",
            Origin::Propagated { .. } => "propagated",
            Origin::Aligned { .. } => "aligned",
        }
    }

    fn score(&self) -> Option<f64> {
        match self {
            Origin::Match { score, .. } | Origin::MatchEdited { score, .. } => Some(*score),
            Origin::Pretranslated { score, .. } => *score,
            _ => None,
        }
    }

    fn unit(&self) -> Option<i64> {
        match self {
            Origin::Match { unit_id, .. } | Origin::MatchEdited { unit_id, .. } => Some(*unit_id),
            Origin::Pretranslated { unit_id, .. }
            | Origin::Propagated { unit_id }
            | Origin::Aligned { unit_id } => *unit_id,
            Origin::Typed => None,
        }
    }

    /// The origin an unchanged text keeps when it is saved again (for example a
    /// draft confirmed as translated): whatever the current translation says.
    pub fn of(t: &Translation) -> Origin {
        match t.origin.as_str() {
            "match" => Origin::Match {
                score: t.origin_score.unwrap_or(0.0),
                unit_id: t.origin_unit.unwrap_or(0),
            },
            "match-edited" => Origin::MatchEdited {
                score: t.origin_score.unwrap_or(0.0),
                unit_id: t.origin_unit.unwrap_or(0),
            },
            "pretranslated" => Origin::Pretranslated {
                score: t.origin_score,
                unit_id: t.origin_unit,
            },
            "propagated" => Origin::Propagated {
                unit_id: t.origin_unit,
            },
            "aligned" => Origin::Aligned {
                unit_id: t.origin_unit,
            },
            _ => Origin::Typed,
        }
    }
}

/// A translator saving one segment's translation.
#[derive(Debug, Clone)]
pub struct SaveRequest<'a> {
    pub segment: &'a Segment,
    pub lang: Lang,
    pub text: &'a str,
    /// `Draft` or `Translated`.
    pub status: Status,
    pub user: &'a str,
    pub origin: Origin,
    /// The version the translator was shown (0 = untranslated); `None` skips the check.
    pub expected_version: Option<i64>,
}

/// What a save did.
#[derive(Debug, Clone, Serialize)]
pub struct Saved {
    pub position: i64,
    pub translation: Translation,
    /// False when the text and status were already exactly these (nothing written).
    pub changed: bool,
    /// Positions of the repetitions that received the same translation.
    pub propagated: Vec<i64>,
    /// The memory unit holding this translation.
    pub unit_id: Option<i64>,
}

/// Save a translation in one transaction: check the status move, write it
/// (the previous version goes to the history, an event is logged), put it in
/// the memory and, when it is `translated`, propagate it to the repetitions.
pub fn save(store: &mut Store, req: &SaveRequest<'_>) -> Result<Saved> {
    let text = req.text.trim();
    if text.is_empty() {
        return Err(Error::usage(format!(
            "empty translation for segment {}: nothing saved (skip it instead)",
            req.segment.position
        )));
    }
    if !matches!(req.status, Status::Draft | Status::Translated) {
        return Err(Error::usage(format!(
            "a translator saves 'draft' or 'translated', not '{}'",
            req.status
        )));
    }
    check_field("translation", text, Lines::Many)?;
    check_actor(req.user)?;
    store.write(|w| save_within(w, req, text))
}

fn save_within(tx: &Writer<'_>, req: &SaveRequest<'_>, text: &str) -> Result<Saved> {
    let seg = req.segment;
    let old = tx.current_translation(seg.id, req.lang)?;
    if let Some(o) = &old {
        let version_ok = req.expected_version.is_none_or(|v| v == o.version);
        if version_ok && o.text == text && o.status == req.status {
            return Ok(Saved {
                position: seg.position,
                translation: o.clone(),
                changed: false,
                propagated: Vec::new(),
                unit_id: o.origin_unit,
            });
        }
    }
    let from = old.as_ref().map_or(Status::Untranslated, |t| t.status);
    let edit = old.as_ref().is_none_or(|t| t.text != text);
    if !review::allowed(from, req.status, edit) {
        let how = if edit {
            ""
        } else {
            " without a change of text"
        };
        return Err(Error::Conflict(format!(
            "segment {} is {from}; it cannot become {}{how}",
            seg.position, req.status
        )));
    }
    // Saving the same text again (a draft confirmed, say) does not change
    // where the text came from.
    let origin = match &old {
        Some(o) if !edit && req.origin == Origin::Typed => Origin::of(o),
        _ => settle_origin(tx, req.origin, text, req.lang)?,
    };
    let translation = tx.save_translation(&Write {
        segment_id: seg.id,
        lang: req.lang,
        text,
        status: req.status,
        user: req.user,
        origin: origin.as_str(),
        origin_score: origin.score(),
        origin_unit: origin.unit(),
        expected_version: req.expected_version,
        comment: None,
    })?;
    let previous_unit = old.as_ref().and_then(|o| o.unit_id);
    let unit_id = tx.remember_translation(seg, &translation, previous_unit, req.user)?;
    let propagated = if req.status == Status::Translated {
        propagate(tx, seg, req.lang, text, req.user, unit_id)?
    } else {
        Vec::new()
    };
    Ok(Saved {
        position: seg.position,
        translation,
        changed: true,
        propagated,
        unit_id: Some(unit_id),
    })
}

/// Share of a match's words a saved text must keep to be `match-edited`;
/// below it the translator retyped it (`typed`).
pub const MATCH_KEPT_SHARE: f64 = 0.5;

/// The origin the final text earns: a match saved as it is stays `match`; one
/// edited but keeping at least [`MATCH_KEPT_SHARE`] of its words (word edit
/// distance against the longer side) is `match-edited` with the match's
/// score; one retyped past that is `typed`, whatever the session started from.
pub fn settle_origin(tx: &Writer<'_>, origin: Origin, text: &str, lang: Lang) -> Result<Origin> {
    let Origin::Match { score, unit_id } = origin else {
        return Ok(origin);
    };
    let Some(unit) = tx.unit_texts(unit_id, lang)? else {
        return Ok(origin);
    };
    if unit.target.trim() == text {
        return Ok(origin);
    }
    Ok(if words_kept(&unit.target, text) >= MATCH_KEPT_SHARE {
        Origin::MatchEdited { score, unit_id }
    } else {
        Origin::Typed
    })
}

/// 1 − word edit distance / the longer side's words (case folded).
pub fn words_kept(from: &str, to: &str) -> f64 {
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_lowercase).collect() };
    let (a, b) = (words(from), words(to));
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    1.0 - strsim::generic_levenshtein(&a, &b) as f64 / longer as f64
}

/// Whether a repetition's current translation may be replaced by propagation.
///
/// Replaced: no translation yet, or one that a machine filled (origin
/// `propagated` or `pretranslated`) and nobody has reviewed (draft or
/// translated). Kept: anything a person typed or chose (translated
/// differently on purpose), and anything approved or rejected (a reviewer
/// looked at that very occurrence).
pub fn replaceable_by_propagation(current: Option<&Translation>) -> bool {
    match current {
        None => true,
        Some(t) => {
            matches!(t.origin.as_str(), "propagated" | "pretranslated")
                && matches!(t.status, Status::Draft | Status::Translated)
        }
    }
}

/// Copy a translation to the other segments of the document with the same
/// normalised source. Returns their positions. The memory already holds the
/// pair through the saved segment, so repetitions add no units of their own.
fn propagate(
    tx: &Writer<'_>,
    seg: &Segment,
    lang: Lang,
    text: &str,
    user: &str,
    unit_id: i64,
) -> Result<Vec<i64>> {
    let mut filled = Vec::new();
    for rep in tx.repetitions_of(seg)? {
        let (id, position) = (rep.id, rep.position);
        let current = tx.current_translation(id, lang)?;
        if !replaceable_by_propagation(current.as_ref())
            || current
                .as_ref()
                .is_some_and(|t| t.text == text && t.status == Status::Translated)
        {
            continue;
        }
        tx.save_translation(&Write {
            segment_id: id,
            lang,
            text,
            status: Status::Translated,
            user,
            origin: "propagated",
            origin_score: None,
            origin_unit: Some(unit_id),
            expected_version: None,
            comment: None,
        })?;
        tx.link_translation_to_unit(id, lang, unit_id, false)?;
        filled.push(position);
    }
    Ok(filled)
}

/// Add a comment to a segment's event log (kind `comment`).
pub fn comment(
    store: &mut Store,
    segment: &Segment,
    lang: Lang,
    user: &str,
    text: &str,
) -> Result<()> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::usage("empty comment: nothing saved"));
    }
    check_field("comment", text, Lines::Many)?;
    check_actor(user)?;
    store.write(|w| {
        w.log_event(&NewEvent {
            segment_id: segment.id,
            lang,
            actor: user,
            kind: "comment",
            from: None,
            to: None,
            comment: Some(text),
        })
    })
}

/// One segment with its current translation, history and events (for `get`).
#[derive(Debug, Clone, Serialize)]
pub struct SegmentState {
    pub document: String,
    pub position: i64,
    pub paragraph: i64,
    pub source: String,
    pub words: i64,
    pub lang: String,
    pub status: Status,
    pub translation: Option<Translation>,
    pub history: Vec<crate::store::HistoryEntry>,
    pub events: Vec<crate::store::Event>,
    /// When the translation came from a memory unit (`origin_unit`) whose
    /// status is only its TMX file's claim: that file, and the status it
    /// claims ("approved in m.tmx"), so nobody takes it for a review here.
    pub claimed_by_file: Option<String>,
    pub claimed_status: Option<String>,
}

/// The state of the segment at `position` of `doc` in `lang`.
pub fn segment_state(
    store: &Store,
    doc: &Document,
    position: i64,
    lang: Lang,
) -> Result<SegmentState> {
    let conn = store;
    let seg = conn.segment_at(doc, position)?;
    let translation = conn.current_translation(seg.id, lang)?;
    let claim = match translation.as_ref().and_then(|t| t.origin_unit) {
        Some(unit) => conn.unit_claim(unit)?,
        None => None,
    };
    let (claimed_by_file, claimed_status) = claim.map(|c| (c.file, c.status)).unzip();
    Ok(SegmentState {
        claimed_by_file,
        claimed_status,
        document: doc.name.clone(),
        position: seg.position,
        paragraph: seg.paragraph,
        words: seg.words,
        lang: lang.code().to_string(),
        status: translation
            .as_ref()
            .map_or(Status::Untranslated, |t| t.status),
        history: conn.history(seg.id, lang)?,
        events: conn.events(seg.id, lang)?,
        source: seg.source,
        translation,
    })
}

/// One version of a translation, oldest first; the last one is current.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub version: i64,
    pub text: String,
    pub status: String,
    /// Whoever made this version (a reviewer approving, say).
    pub author: String,
    pub changed_at: String,
    pub origin: String,
    pub origin_score: Option<f64>,
    pub current: bool,
    /// Who wrote the text of this version.
    pub translator: String,
}

/// Every version of a segment's translation: the history, then the current one.
pub fn versions(state: &SegmentState) -> Vec<Version> {
    let mut out: Vec<Version> = state
        .history
        .iter()
        .map(|h| Version {
            version: h.version,
            text: h.text.clone(),
            status: h.status.clone(),
            author: h.author.clone(),
            changed_at: h.changed_at.clone(),
            origin: h.origin.clone(),
            origin_score: h.origin_score,
            current: false,
            translator: h.translator.clone(),
        })
        .collect();
    if let Some(t) = &state.translation {
        out.push(Version {
            version: t.version,
            text: t.text.clone(),
            status: t.status.as_str().to_string(),
            author: t.author.clone(),
            changed_at: t.changed_at.clone(),
            origin: t.origin.clone(),
            origin_score: t.origin_score,
            current: true,
            translator: t.translator.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests;
