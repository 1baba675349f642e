//! Fuzzy matching: the match score, the stem index and retrieval with exact recall.
//!
//! PROVISIONAL: a brute-force scan with a plain word-level score, so that
//! callers can be built; the fuzzy-matching issue replaces the internals and
//! keeps `suggest` and `Match`.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::error::Result;
use crate::text::{self, Lang};

/// One suggestion from the memory.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    /// Match percentage, 0–100.
    pub score: f64,
    pub source: String,
    pub target: String,
    pub target_lang: String,
    pub unit_id: i64,
    pub origin: String,
    pub status: Option<String>,
    pub changed: Option<String>,
    /// Word-level differences between the query and the matched source.
    pub diff: Vec<DiffOp>,
}

/// One step of a word diff: `equal`, `delete` (in the match, not the query),
/// `insert` (in the query, not the match).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DiffOp {
    pub op: String,
    pub text: String,
}

/// Suggestions for `source` into `target`, best first, at or above `min` percent.
pub fn suggest(
    conn: &Connection,
    source: &str,
    target: Lang,
    min: f64,
    limit: usize,
) -> Result<Vec<Match>> {
    let query_key = text::match_key(source);
    let query: Vec<String> = text::tokenize(&query_key)
        .into_iter()
        .map(|t| t.text)
        .collect();
    let mut stmt = conn.prepare(
        "SELECT u.id, s.plain, s.normalized, t.plain, t.lang, u.origin, u.status, u.changed_at
         FROM tm_units u
         JOIN tm_variants s ON s.unit_id = u.id AND s.primary_lang = substr(u.source_lang, 1, 2)
         JOIN tm_variants t ON t.unit_id = u.id AND t.primary_lang = ?1",
    )?;
    let rows = stmt.query_map(params![target.code()], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (unit_id, src, key, tgt, lang, origin, status, changed) = row?;
        let unit: Vec<String> = text::tokenize(&key).into_iter().map(|t| t.text).collect();
        let n = query.len().max(unit.len()).max(1);
        let d = strsim::generic_levenshtein(&query, &unit);
        let score = if key == query_key {
            100.0
        } else {
            (100.0 * (1.0 - d as f64 / n as f64)).min(99.0)
        };
        if score >= min {
            out.push(Match {
                score,
                diff: word_diff(&src, source),
                source: src,
                target: tgt,
                target_lang: lang,
                unit_id,
                origin,
                status,
                changed,
            });
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.unit_id.cmp(&b.unit_id)));
    out.truncate(limit);
    Ok(out)
}

/// Word diff from a memory source to the query.
pub fn word_diff(from: &str, to: &str) -> Vec<DiffOp> {
    similar::TextDiff::from_words(from, to)
        .iter_all_changes()
        .map(|c| DiffOp {
            op: match c.tag() {
                similar::ChangeTag::Equal => "equal",
                similar::ChangeTag::Delete => "delete",
                similar::ChangeTag::Insert => "insert",
            }
            .to_string(),
            text: c.value().to_string(),
        })
        .collect()
}
