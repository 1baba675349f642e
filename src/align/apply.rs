//! Turning aligned pairs into work: each pair of one source sentence with its
//! translation becomes a draft translation of that segment (origin `aligned`,
//! so it goes through review and counts in `progress` like any draft) and a
//! memory unit with origin `aligned`. All in one transaction.
//!
//! The document: if no document of that name exists, the source file is
//! imported under it first; if one exists it must have been imported from the
//! same text (same content hash) and split into the same sentences, otherwise
//! nothing is written.
//!
//! Not applied (counted in the report instead): unpaired sentences, pairs
//! below the confidence threshold, pairs whose source side is two sentences (a
//! draft must translate exactly its own segment), and segments that already
//! have a translation that is not an aligned draft (aligned drafts from an
//! earlier run are updated, so a corrected review file can be re-applied).

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::segment::Sentence;
use crate::store::{content_hash, NewDocument, Segment, Status, Store, Write, Writer};
use crate::text::{self, Lang};

use super::review_file::Row;
use super::Pair;

/// The origin recorded on drafts and memory units made by alignment.
pub const ORIGIN: &str = "aligned";

/// The source document the pairs belong to.
#[derive(Debug, Clone, Copy)]
pub struct SourceDoc<'a> {
    pub name: &'a str,
    pub file_name: &'a str,
    pub text: &'a str,
    pub sentences: &'a [Sentence],
}

/// What applying did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    pub document: String,
    pub document_imported: bool,
    pub drafts_written: usize,
    pub unchanged: usize,
    /// Distinct memory units the written drafts hold (two segments with the
    /// same pair share one).
    pub memory_units: usize,
    pub below_confidence: usize,
    pub unpaired: usize,
    pub merged_source: usize,
    pub kept_existing: usize,
}

/// Check review-file rows against the document's sentences: positions in range,
/// the `source` column still the sentences at those positions, and no sentence
/// (source or target) in two rows: a file that pairs one sentence twice is a
/// mistake to show its line for, not two drafts where one overwrites the other.
pub fn validate_rows(
    rows: &[Row],
    sentences: &[Sentence],
    to_len: usize,
    path: &Path,
) -> Result<()> {
    // Sentence position → the line of the row that has it, per side.
    let mut seen: [std::collections::HashMap<usize, usize>; 2] = Default::default();
    for row in rows {
        let p = &row.pair;
        let bad = |what: String| Error::input(path, format!("{}:1: {what}", row.line));
        let sides = [
            ("source", &p.source_positions),
            ("target", &p.target_positions),
        ];
        for ((side, positions), lines) in sides.into_iter().zip(seen.iter_mut()) {
            for &pos in positions.iter() {
                if let Some(first) = lines.insert(pos, row.line) {
                    let place = if first == row.line {
                        "twice in this row".to_string()
                    } else {
                        format!("already paired on line {first}")
                    };
                    return Err(bad(format!(
                        "{side} sentence {pos} is {place}; a sentence goes in one row (merge them as 3,4 or delete one)"
                    )));
                }
            }
        }
        if let Some(&pos) = p.source_positions.iter().find(|&&x| x > sentences.len()) {
            return Err(bad(format!(
                "source position {pos} is past the end of the document ({} sentences)",
                sentences.len()
            )));
        }
        if let Some(&pos) = p.target_positions.iter().find(|&&x| x > to_len) {
            return Err(bad(format!(
                "target position {pos} is past the end of the translation ({to_len} sentences)"
            )));
        }
        let expected = p
            .source_positions
            .iter()
            .map(|&i| sentences[i - 1].text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if text::match_key(&expected) != text::match_key(&p.source) {
            return Err(bad(format!(
                "the source column does not match sentence {:?} of the document ({:?}); keep the source column as written",
                p.source_positions, expected
            )));
        }
    }
    Ok(())
}

/// Write the pairs at or above `min_confidence` as aligned drafts and memory units.
pub fn apply_pairs(
    store: &mut Store,
    doc: SourceDoc<'_>,
    to: Lang,
    pairs: &[Pair],
    min_confidence: f64,
    user: &str,
) -> Result<ApplyReport> {
    store.write(|w| write_pairs(w, doc, to, pairs, min_confidence, user))
}

fn write_pairs(
    tx: &Writer<'_>,
    doc: SourceDoc<'_>,
    to: Lang,
    pairs: &[Pair],
    min_confidence: f64,
    user: &str,
) -> Result<ApplyReport> {
    let (segments, imported) = document_segments(tx, doc, to)?;
    let mut report = ApplyReport {
        document: doc.name.to_string(),
        document_imported: imported,
        ..ApplyReport::default()
    };
    let mut units = std::collections::HashSet::new();
    for pair in pairs {
        if pair.source_positions.is_empty()
            || pair.target_positions.is_empty()
            || pair.target.trim().is_empty()
        {
            report.unpaired += 1;
            continue;
        }
        if pair.source_positions.len() > 1 {
            report.merged_source += 1;
            continue;
        }
        if pair.confidence < min_confidence {
            report.below_confidence += 1;
            continue;
        }
        let segment = segments.get(pair.source_positions[0] - 1).ok_or_else(|| {
            Error::usage(format!(
                "source position {} is past the end of '{}'",
                pair.source_positions[0], doc.name
            ))
        })?;
        units.extend(write_one(tx, segment, to, pair, user, &mut report)?);
    }
    report.memory_units = units.len();
    Ok(report)
}

/// The document's segments, importing the source first when it is not in the database.
fn document_segments(
    tx: &Writer<'_>,
    doc: SourceDoc<'_>,
    to: Lang,
) -> Result<(Vec<Segment>, bool)> {
    let imported = match tx.find_document(doc.name) {
        Ok(existing) if existing.content_hash != content_hash(doc.text) => {
            return Err(Error::usage(format!(
                "document '{}' in the database was imported from other text ({}); align the same file, choose another --doc, or re-import it with `audarma import --replace`",
                existing.name, existing.file_name
            )));
        }
        Ok(_) => false,
        Err(Error::Usage(_)) => {
            tx.import_document(&NewDocument {
                name: doc.name,
                file_name: doc.file_name,
                lang: Lang::Kk,
                text: doc.text,
                sentences: doc.sentences,
                replace: false,
                removal_confirmed: false,
            })?;
            true
        }
        Err(e) => return Err(e),
    };
    let found = tx.find_document(doc.name)?;
    found.check_target(to)?;
    let segments = tx.segments_of(found.id)?;
    let same = segments.len() == doc.sentences.len()
        && segments
            .iter()
            .zip(doc.sentences)
            .all(|(g, s)| g.source == s.text);
    if !same {
        return Err(Error::usage(format!(
            "document '{}' was split into other sentences when it was imported ({} segments, now {}); re-import it with `audarma import --replace`",
            doc.name,
            segments.len(),
            doc.sentences.len()
        )));
    }
    Ok((segments, imported))
}

fn write_one(
    tx: &Writer<'_>,
    segment: &Segment,
    to: Lang,
    pair: &Pair,
    user: &str,
    report: &mut ApplyReport,
) -> Result<Option<i64>> {
    if let Some(existing) = tx.current_translation(segment.id, to)? {
        let ours = existing.origin == ORIGIN && existing.status == Status::Draft;
        if !ours {
            report.kept_existing += 1;
            return Ok(None);
        }
        if existing.text == pair.target {
            report.unchanged += 1;
            return Ok(None);
        }
    }
    let previous_unit = tx
        .current_translation(segment.id, to)?
        .and_then(|t| t.unit_id);
    let written = tx.save_translation(&Write {
        segment_id: segment.id,
        lang: to,
        text: &pair.target,
        status: Status::Draft,
        user,
        origin: ORIGIN,
        origin_score: Some(pair.confidence),
        origin_unit: None,
        expected_version: None,
        comment: None,
    })?;
    let unit = tx.remember_translation(segment, &written, previous_unit, user)?;
    report.drafts_written += 1;
    Ok(Some(unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences() -> Vec<Sentence> {
        ["Бір.", "Екі.", "Үш."]
            .iter()
            .map(|t| Sentence {
                paragraph: 1,
                text: t.to_string(),
            })
            .collect()
    }

    fn pair(s: &[usize], t: &[usize], conf: f64, target: &str) -> Pair {
        Pair {
            source_positions: s.to_vec(),
            target_positions: t.to_vec(),
            confidence: conf,
            source: String::new(),
            target: target.into(),
        }
    }

    #[test]
    fn imports_the_document_and_writes_aligned_drafts_and_units() {
        let mut store = Store::in_memory().unwrap();
        let s = sentences();
        let doc = SourceDoc {
            name: "d",
            file_name: "d.txt",
            text: "Бір. Екі. Үш.",
            sentences: &s,
        };
        let pairs = vec![
            pair(&[1], &[1], 0.9, "One."),
            pair(&[2, 3], &[2], 0.9, "Two three."),
            pair(&[], &[3], 0.0, "Four."),
        ];
        let r = apply_pairs(&mut store, doc, Lang::En, &pairs, 0.5, "u").unwrap();
        assert!(r.document_imported);
        assert_eq!((r.drafts_written, r.merged_source, r.unpaired), (1, 1, 1));
        let d = store.find_document("d").unwrap();
        let seg = store.segments_of(d.id).unwrap()[0].clone();
        let t = store
            .current_translation(seg.id, Lang::En)
            .unwrap()
            .unwrap();
        assert_eq!(
            (t.text.as_str(), t.status, t.origin.as_str()),
            ("One.", Status::Draft, "aligned")
        );
        let unit = store.units_of_segment(seg.id).unwrap()[0];
        let origin = store.unit_texts(unit, Lang::En).unwrap().unwrap().origin;
        assert_eq!(origin, "aligned");

        // Re-applying a corrected pair updates the aligned draft; low confidence is skipped.
        let again = apply_pairs(
            &mut store,
            doc,
            Lang::En,
            &[
                pair(&[1], &[1], 0.9, "First."),
                pair(&[2], &[2], 0.1, "Two."),
            ],
            0.5,
            "u",
        )
        .unwrap();
        assert_eq!(
            (
                again.document_imported,
                again.drafts_written,
                again.below_confidence
            ),
            (false, 1, 1)
        );
    }

    #[test]
    fn other_content_under_the_same_name_is_refused() {
        let mut store = Store::in_memory().unwrap();
        let s = sentences();
        let doc = SourceDoc {
            name: "d",
            file_name: "d.txt",
            text: "Бір. Екі. Үш.",
            sentences: &s,
        };
        apply_pairs(&mut store, doc, Lang::En, &[], 0.5, "u").unwrap();
        let other = SourceDoc {
            text: "Бір. Екі. Үш. Төрт.",
            ..doc
        };
        let err = apply_pairs(&mut store, other, Lang::En, &[], 0.5, "u")
            .unwrap_err()
            .to_string();
        assert!(err.contains("other text"), "{err}");
    }
}
