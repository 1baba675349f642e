//! Concordance: every memory unit containing some words, in any inflected
//! form (Kazakh through the stem index; English and Russian through their
//! light stemmers), with the hits marked.

use std::collections::HashSet;

use serde::Serialize;

use super::index::{posting_list, Source};
use crate::error::{Error, Result};
use crate::store::fuzzy_index::target_bit;
use crate::store::Reader;
use crate::text::stem::{match_tokens, stem, word_stems};
use crate::text::{match_key, Lang, TokenKind};

/// Which side of the units to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Source,
    Target,
}

/// A unit containing the words.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub unit_id: i64,
    pub source: String,
    pub target: String,
    pub target_lang: String,
    /// The words of the searched side that matched, as written.
    pub hits: Vec<String>,
    /// The unit's review standing: a search shows rejected and superseded
    /// units too (a reviewer looks for them), marked, where `suggest` does not.
    pub status: Option<String>,
    /// The TMX file whose `x-audarma-status` is the unit's only status, and
    /// that status ("approved in m.tmx": the file's claim, not a review here).
    pub claimed_by_file: Option<String>,
    pub claimed_status: Option<String>,
}

/// The units found, at most the limit, and how many there are in all.
#[derive(Debug, Clone, Serialize)]
pub struct Concordance {
    pub hits: Vec<Hit>,
    /// Every unit containing the words, shown or not.
    pub total: usize,
    /// `total` is more than the limit: some units are not in `hits`.
    pub truncated: bool,
}

/// Units whose `side` contains every word of `words` (any form), at most `limit`.
/// `target` picks the translation shown (and, with `Side::Target`, searched);
/// without it, the unit's first non-Kazakh variant.
pub fn concordance(
    conn: &Reader,
    words: &str,
    side: Side,
    target: Option<Lang>,
    limit: usize,
) -> Result<Vec<Hit>> {
    Ok(concordance_counted(conn, words, side, target, Some(limit))?.hits)
}

/// [`concordance`], also counting the units past the limit (`None`: no limit),
/// so a front end can say that it shows only some.
pub fn concordance_counted(
    conn: &Reader,
    words: &str,
    side: Side,
    target: Option<Lang>,
    limit: Option<usize>,
) -> Result<Concordance> {
    let search_lang = match side {
        Side::Source => Lang::Kk,
        Side::Target => target
            .ok_or_else(|| Error::usage("searching translations needs the language: --to en|ru"))?,
    };
    let wanted: Vec<String> = word_stems(&match_key(words), search_lang);
    if wanted.is_empty() {
        return Err(Error::usage("give at least one word to look for"));
    }
    let ids = match side {
        Side::Source => source_candidates(conn, &wanted, target)?,
        Side::Target => target_candidates(conn, &wanted, search_lang)?,
    };
    let want: HashSet<&str> = wanted.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    let mut total = 0;
    for id in ids {
        let Some((source, tgt, tlang)) = conn.unit_source_and_translation(id, target)? else {
            continue;
        };
        let searched = if side == Side::Source { &source } else { &tgt };
        let hits = hit_words(searched, search_lang, &want);
        let found: HashSet<String> = hits
            .iter()
            .map(|w| stem(&match_key(w), search_lang))
            .collect();
        if !want.iter().all(|w| found.contains(*w)) {
            continue;
        }
        total += 1;
        if limit.is_none_or(|n| out.len() < n) {
            let (claimed_by_file, claimed_status) =
                conn.unit_claim(id)?.map(|c| (c.file, c.status)).unzip();
            out.push(Hit {
                claimed_by_file,
                claimed_status,
                unit_id: id,
                source,
                target: tgt,
                target_lang: tlang,
                hits,
                status: conn.unit_status(id)?,
            });
        }
    }
    Ok(Concordance {
        truncated: total > out.len(),
        hits: out,
        total,
    })
}

/// The words of `text` (as written, punctuation trimmed) whose stem is wanted.
pub fn hit_words(text: &str, lang: Lang, want: &HashSet<&str>) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| {
            match_tokens(&match_key(w))
                .iter()
                .any(|t| t.kind == TokenKind::Word && want.contains(stem(&t.text, lang).as_str()))
        })
        .map(str::to_string)
        .collect()
}

/// Units whose source has every stem: intersect the posting lists (rarest first).
fn source_candidates(conn: &Reader, wanted: &[String], target: Option<Lang>) -> Result<Vec<i64>> {
    let mut src = conn.stored_index();
    let mut stems = Vec::new();
    for w in wanted {
        match src.stem_info(w)? {
            Some(info) => stems.push(info),
            None => return Ok(Vec::new()),
        }
    }
    stems.sort_by_key(|(_, df)| *df);
    let mut ids: Option<Vec<u32>> = None;
    for (id, _) in stems {
        let list = posting_list(&mut src, id)?;
        ids = Some(match ids {
            None => list,
            Some(prev) => prev
                .into_iter()
                .filter(|u| list.binary_search(u).is_ok())
                .collect(),
        });
    }
    let bit = target.map(|t| target_bit(t.code()));
    let mut out = Vec::new();
    for id in ids.unwrap_or_default() {
        // Postings may be stale; the unit's current stems decide.
        let mut offers = false;
        src.unit(id as i64, &mut |_, targets| {
            offers = bit.is_none_or(|b| targets & b != 0)
        })?;
        if offers {
            out.push(id as i64);
        }
    }
    Ok(out)
}

/// Units whose `lang` variant may contain every stem (a stem is a prefix of
/// its forms in English and Russian, so a substring test cannot miss one).
/// A scan: the match key is not stored, so each variant's is computed here.
fn target_candidates(conn: &Reader, wanted: &[String], lang: Lang) -> Result<Vec<i64>> {
    let mut ids: Vec<i64> = Vec::new();
    conn.each_variant_in(lang, &mut |id, plain| {
        if ids.last() == Some(&id) {
            return;
        }
        let key = crate::text::match_key(plain);
        if wanted.iter().all(|w| key.contains(w.as_str())) {
            ids.push(id);
        }
    })?;
    Ok(ids)
}
