//! Suggestions: the memory's translations of the sentences most similar to a
//! query, best first, with the word differences and number substitution.

use serde::Serialize;

use super::diff::{aligned_diff, surfaces};
pub use super::diff::{word_diff, DiffOp};
use super::index::{self, MemIndex, Source};
use super::score::{score, substitute_numbers, Penalty, Prepared, Scored};
use crate::error::{Error, Result};
use crate::store::fuzzy_index::target_bit;
use crate::store::Reader;
pub use crate::store::UnitTexts;
use crate::text::Lang;

/// A suggestion from the memory.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    pub score: f64,
    /// The matched unit's source text.
    pub source: String,
    /// Its translation (numbers replaced when `substituted`).
    pub target: String,
    pub target_lang: String,
    pub unit_id: i64,
    pub origin: String,
    pub status: Option<String>,
    /// The points taken off the score for the unit's standing (see
    /// [`standing_penalties`]), already deducted from `score`.
    pub standing_penalty: f64,
    /// True for a rejected or superseded unit (shown only when asked for).
    pub withdrawn: bool,
    /// When the unit was last changed (or created).
    pub changed: Option<String>,
    /// Word-level differences between the matched source and the query.
    pub diff: Vec<DiffOp>,
    /// True when the query differed only in numbers and `target` has them replaced.
    pub substituted: bool,
    /// The file whose `x-audarma-status` is the unit's only status (it came
    /// from that file; nothing was decided here): "approved in m.tmx".
    pub claimed_by_file: Option<String>,
    /// The status that file claims (`status` is this database's standing).
    pub claimed_status: Option<String>,
    /// The score's explanation (`--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Scored>,
}

/// A suggestion request.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    pub text: &'a str,
    pub target: Lang,
    /// Threshold in percent (0–100).
    pub min: f64,
    pub limit: usize,
    pub explain: bool,
    /// Also offer rejected and superseded units (marked `withdrawn`).
    pub include_rejected: bool,
}

/// Suggestions for `source_text` into `target`, scoring at least `min` percent,
/// at most `limit` of them, best first. Reads only the index entries it needs.
pub fn suggest(
    conn: &Reader,
    source_text: &str,
    target: Lang,
    min: f64,
    limit: usize,
) -> Result<Vec<Match>> {
    let q = Query {
        text: source_text,
        target,
        min,
        limit,
        explain: false,
        include_rejected: false,
    };
    lookup(conn, &mut conn.stored_index(), &q)
}

/// An open matcher for a session: the index held in memory (warm lookups),
/// still seeing every unit written after it was loaded.
pub struct Matcher {
    index: MemIndex,
}

impl Matcher {
    pub fn load(conn: &Reader) -> Result<Matcher> {
        Ok(Matcher {
            index: MemIndex::load(conn)?,
        })
    }

    pub fn index(&self) -> &MemIndex {
        &self.index
    }

    pub fn suggest(&self, conn: &Reader, q: &Query<'_>) -> Result<Vec<Match>> {
        lookup(conn, &mut self.index.source(conn)?, q)
    }
}

/// Suggestions read through any index source.
pub fn lookup(conn: &Reader, src: &mut dyn Source, q: &Query<'_>) -> Result<Vec<Match>> {
    if !(0.0..=100.0).contains(&q.min) {
        return Err(Error::usage(format!(
            "--min must be between 0 and 100, not {}",
            q.min
        )));
    }
    if q.target == Lang::Kk {
        return Err(Error::usage(
            "suggestions are for a target language: en or ru",
        ));
    }
    let query = Prepared::new(q.text, Lang::Kk);
    let stems: Vec<String> = query.stems.iter().flatten().cloned().collect();
    let ids = if conn.index_is_current()? {
        index::candidates(src, &stems, q.min / 100.0, target_bit(q.target.code()))?
    } else {
        // Stems from another stemmer version: score every unit (exact, slower)
        // until the next write rebuilds the index.
        conn.units_with_kazakh_source()?
    };
    let mut found = Vec::new();
    for id in ids {
        let Some(unit) = conn.unit_texts(id, q.target)? else {
            continue;
        };
        if is_withdrawn(unit.status.as_deref()) && !q.include_rejected {
            continue;
        }
        let mut scored = score(&query, &Prepared::new(&unit.source, Lang::Kk));
        let standing = standing_penalties(&unit.origin, unit.status.as_deref());
        let deducted: f64 = standing.iter().map(|p| p.points).sum();
        scored.score = (scored.score - deducted).max(0.0);
        scored.penalties.extend(standing);
        if scored.score + 1e-9 < q.min {
            continue;
        }
        found.push(to_match(unit, &scored, deducted));
    }
    found.sort_by(rank);
    found.truncate(q.limit);
    // Only the matches shown get a diff and an explanation: scored again
    // (a few units) rather than every candidate's alignment kept meanwhile.
    let typed = surfaces(q.text, &query.tokens);
    for m in &mut found {
        let unit_text = Prepared::new(&m.source, Lang::Kk);
        let mut scored = score(&query, &unit_text);
        scored.score = m.score;
        scored
            .penalties
            .extend(standing_penalties(&m.origin, m.status.as_deref()));
        m.diff = aligned_diff(
            &scored.alignment,
            &surfaces(&m.source, &unit_text.tokens),
            &typed,
        );
        m.explain = q.explain.then_some(scored);
        if let Some(claim) = conn.unit_claim(m.unit_id)? {
            m.claimed_by_file = Some(claim.file);
            m.claimed_status = Some(claim.status);
        }
    }
    Ok(found)
}

/// The order of matches, best first: by score; at the same score what was
/// approved in this database before anything else (an approval a file
/// claims is not one: see `store::tm` import provenance), then the most
/// recently changed, then the oldest unit.
pub fn rank(a: &Match, b: &Match) -> std::cmp::Ordering {
    let approved_here = |m: &Match| m.status.as_deref() == Some("approved");
    b.score
        .total_cmp(&a.score)
        .then_with(|| approved_here(b).cmp(&approved_here(a)))
        .then_with(|| b.changed.cmp(&a.changed))
        .then_with(|| a.unit_id.cmp(&b.unit_id))
}

/// A unit a reviewer rejected, or whose segment moved to another text.
pub fn is_withdrawn(status: Option<&str>) -> bool {
    matches!(status, Some("rejected" | "superseded"))
}

/// Points taken off a match for the unit's standing, as CAT tools penalise
/// less trusted memories (OmegaT's penalty folders, Trados' alignment
/// penalty, memoQ's role penalties): a draft 5, an aligned pair nobody
/// approved 2, a superseded unit 10 and a rejected one 20 (these two only when
/// asked for). Approved, translated and imported units lose nothing, so a
/// 100% from them stays 100%; a file's claim to a unit's approval is no
/// standing (the import keeps only the claims that lower it) and only
/// [`rank`] puts what was approved here first.
pub fn standing_penalties(origin: &str, status: Option<&str>) -> Vec<Penalty> {
    let mut out = Vec::new();
    let mut add = |points: f64, reason: &str| {
        out.push(Penalty {
            points,
            reason: reason.to_string(),
        })
    };
    match status {
        Some("rejected") => add(20.0, "rejected by a reviewer"),
        Some("superseded") => add(10.0, "superseded: its segment has another translation"),
        Some("draft") => add(5.0, "a draft, not confirmed by its translator"),
        _ => {}
    }
    if origin == "aligned" && status != Some("approved") {
        add(2.0, "aligned from an old translation, not approved");
    }
    out
}

/// The match for `unit` (its diff and explanation are added once it is
/// shown); `deducted` is its standing penalty, already in `scored`.
fn to_match(unit: UnitTexts, scored: &Scored, deducted: f64) -> Match {
    let substituted_target = scored
        .differs_only_in_numbers()
        .then(|| substitute_numbers(scored, &unit.target))
        .flatten();
    Match {
        score: scored.score,
        diff: Vec::new(),
        substituted: substituted_target.is_some(),
        target: substituted_target.unwrap_or(unit.target),
        source: unit.source,
        target_lang: unit.target_lang,
        unit_id: unit.unit_id,
        standing_penalty: deducted,
        withdrawn: is_withdrawn(unit.status.as_deref()),
        origin: unit.origin,
        status: unit.status,
        changed: unit.changed,
        explain: None,
        claimed_by_file: None,
        claimed_status: None,
    }
}
