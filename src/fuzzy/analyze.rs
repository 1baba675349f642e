//! The leverage report: how much of a document the memory already covers,
//! as segments, words and characters per match band.

use std::collections::HashSet;

use serde::Serialize;

use super::suggest::{lookup, Query};
use crate::error::Result;
use crate::store::{Document, Reader};
use crate::text::{match_key, word_count, Lang};

/// The bands, in report order: name and lowest score (repetitions and "no
/// match" are decided apart from the score).
pub const BANDS: [(&str, f64); 7] = [
    ("repetitions", f64::INFINITY),
    ("100%", 100.0),
    ("95-99%", 95.0),
    ("85-94%", 85.0),
    ("75-84%", 75.0),
    ("50-74%", 50.0),
    ("no match", f64::NEG_INFINITY),
];

/// Counts of one band (or the total).
#[derive(Debug, Clone, Default, Serialize)]
pub struct BandCount {
    pub band: String,
    pub segments: usize,
    pub words: usize,
    /// Characters without white space, as CAT tools count them.
    pub characters: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub document: String,
    pub target_lang: String,
    pub bands: Vec<BandCount>,
    pub total: BandCount,
    /// Words in repetitions and 100% matches: needing no new translation.
    pub covered_words: usize,
    /// `covered_words / total.words` (0 for an empty document).
    pub covered_share: f64,
}

/// The band index of a segment's best score.
pub fn band_of(best: Option<f64>) -> usize {
    match best {
        Some(s) if s >= 100.0 => 1,
        Some(s) if s >= 95.0 => 2,
        Some(s) if s >= 85.0 => 3,
        Some(s) if s >= 75.0 => 4,
        Some(s) if s >= 50.0 => 5,
        _ => 6,
    }
}

/// Analyse a document against the memory for one target language.
pub fn analyze(conn: &Reader, doc: &Document, target: Lang) -> Result<Analysis> {
    let mut bands: Vec<BandCount> = BANDS
        .iter()
        .map(|(name, _)| BandCount {
            band: name.to_string(),
            ..Default::default()
        })
        .collect();
    let mut seen = HashSet::new();
    for seg in conn.segments_of(doc.id)? {
        let band = if !seen.insert(match_key(&seg.source)) {
            0
        } else {
            let q = Query {
                text: &seg.source,
                target,
                min: 50.0,
                limit: 1,
                explain: false,
                include_rejected: false,
            };
            band_of(
                lookup(conn, &mut conn.stored_index(), &q)?
                    .first()
                    .map(|m| m.score),
            )
        };
        let b = &mut bands[band];
        b.segments += 1;
        b.words += word_count(&seg.source);
        b.characters += seg.source.chars().filter(|c| !c.is_whitespace()).count();
    }
    let mut total = BandCount {
        band: "total".into(),
        ..Default::default()
    };
    for b in &bands {
        total.segments += b.segments;
        total.words += b.words;
        total.characters += b.characters;
    }
    let covered_words = bands[0].words + bands[1].words;
    let covered_share = if total.words == 0 {
        0.0
    } else {
        covered_words as f64 / total.words as f64
    };
    Ok(Analysis {
        document: doc.name.clone(),
        target_lang: target.code().into(),
        bands,
        total,
        covered_words,
        covered_share: (covered_share * 1000.0).round() / 1000.0,
    })
}
