//! Pre-translation: fill a document's untranslated segments from the memory.

use serde::Serialize;

use super::suggest::{lookup, Query};
use crate::error::Result;
use crate::store::{Document, Status, Store, Write, Writer};
use crate::text::controls::{check_actor, find_bad, Lines};
use crate::text::Lang;

/// What a pre-translation did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Pretranslated {
    pub document: String,
    pub target_lang: String,
    pub segments: usize,
    /// Segments that already had a translation (left alone).
    pub already_translated: usize,
    /// Filled from a 100% match (status `translated`).
    pub exact: usize,
    /// Filled from a fuzzy match at or above `min` (status `draft`).
    pub fuzzy: usize,
    /// Left untranslated: nothing good enough in the memory.
    pub unmatched: usize,
    /// Left untranslated: the best match holds a control character (a unit
    /// stored before they were refused), which a translation may not.
    pub refused_matches: usize,
}

/// Fill every untranslated segment of `doc` with its best match scoring at
/// least `min`: 100% matches as `translated`, fuzzy ones as `draft`, each with
/// origin `pretranslated`, its score and unit. One transaction.
pub fn pretranslate(
    store: &mut Store,
    doc: &Document,
    target: Lang,
    min: f64,
    user: &str,
) -> Result<Pretranslated> {
    check_actor(user)?;
    doc.check_target(target)?;
    store.write(|w| fill_untranslated(w, doc, target, min, user))
}

fn fill_untranslated(
    tx: &Writer<'_>,
    doc: &Document,
    target: Lang,
    min: f64,
    user: &str,
) -> Result<Pretranslated> {
    let mut report = Pretranslated {
        document: doc.name.clone(),
        target_lang: target.code().into(),
        ..Default::default()
    };
    let existing = tx.translations_of(doc.id, target)?;
    for seg in tx.segments_of(doc.id)? {
        report.segments += 1;
        if existing.contains_key(&seg.id) {
            report.already_translated += 1;
            continue;
        }
        let q = Query {
            text: &seg.source,
            target,
            min,
            limit: 1,
            explain: false,
            include_rejected: false,
        };
        let Some(best) = lookup(tx, &mut tx.stored_index(), &q)?.into_iter().next() else {
            report.unmatched += 1;
            continue;
        };
        if find_bad(&best.target, Lines::Many).is_some() {
            report.refused_matches += 1;
            continue;
        }
        let status = if best.score >= 100.0 {
            Status::Translated
        } else {
            Status::Draft
        };
        tx.save_translation(&Write {
            segment_id: seg.id,
            lang: target,
            text: &best.target,
            status,
            user,
            origin: "pretranslated",
            origin_score: Some(best.score),
            origin_unit: Some(best.unit_id),
            expected_version: Some(0),
            comment: None,
        })?;
        if status == Status::Translated {
            // The very pair the unit holds: one more use of it, not a new unit.
            if !best.substituted {
                tx.link_translation_to_unit(seg.id, target, best.unit_id, true)?;
            }
            report.exact += 1;
        } else {
            report.fuzzy += 1;
        }
    }
    Ok(report)
}
