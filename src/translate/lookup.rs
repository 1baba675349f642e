//! Read-only lookups the session shows: document progress, a rejected
//! segment's last reviewer comment, and a concordance search.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::error::Result;
use crate::text::{self, Lang};

/// Progress of a document in one language. "Done" means translated or approved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub segments_total: i64,
    pub segments_done: i64,
    pub segments_draft: i64,
    pub words_total: i64,
    pub words_done: i64,
}

/// Count the document's segments and words by status.
pub fn progress(conn: &Connection, document_id: i64, lang: Lang) -> Result<Progress> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(s.words), 0),
                coalesce(sum(t.status IN ('translated', 'approved')), 0),
                coalesce(sum(CASE WHEN t.status IN ('translated', 'approved') THEN s.words ELSE 0 END), 0),
                coalesce(sum(t.status = 'draft'), 0)
         FROM segments s LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = ?2
         WHERE s.document_id = ?1",
        params![document_id, lang.code()],
        |r| {
            Ok(Progress {
                segments_total: r.get(0)?,
                words_total: r.get(1)?,
                segments_done: r.get(2)?,
                words_done: r.get(3)?,
                segments_draft: r.get(4)?,
            })
        },
    )?)
}

/// A memory unit found by a concordance search.
#[derive(Debug, Clone, Serialize)]
pub struct ConcordanceHit {
    pub unit_id: i64,
    pub source: String,
    pub target: String,
}

/// Units whose source contains every one of `words` (any case), with their
/// `lang` target; at most `limit`, newest first.
///
/// PROVISIONAL: a plain substring search over `tm_variants` (no stemming, so
/// inflected forms are only found when they contain the typed text), used
/// because `fuzzy::concordance` is not there yet.
pub fn concordance(
    conn: &Connection,
    words: &str,
    lang: Lang,
    limit: usize,
) -> Result<Vec<ConcordanceHit>> {
    let key = text::match_key(words);
    let terms: Vec<&str> = key.split_whitespace().collect();
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT u.id, s.plain, s.normalized, t.plain FROM tm_units u
         JOIN tm_variants s ON s.unit_id = u.id AND s.primary_lang = substr(u.source_lang, 1, 2)
         JOIN tm_variants t ON t.unit_id = u.id AND t.primary_lang = ?1
         WHERE instr(s.normalized, ?2) > 0
         ORDER BY u.id DESC",
    )?;
    let rows = stmt.query_map(params![lang.code(), terms[0]], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (unit_id, source, normalized, target) = row?;
        if terms.iter().all(|t| normalized.contains(t)) {
            hits.push(ConcordanceHit {
                unit_id,
                source,
                target,
            });
            if hits.len() == limit {
                break;
            }
        }
    }
    Ok(hits)
}
