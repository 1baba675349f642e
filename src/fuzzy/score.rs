//! The match percentage (score version 1), with its explanation.
//!
//! `score = 100 × (1 − D / N)` minus small penalties, where
//! * `N = max(words in query, words in unit)` (only word tokens count);
//! * `D` is a weighted token edit distance over the normalised words: inserting,
//!   deleting or replacing a word costs 1, replacing a word by another form of
//!   the same stem (Kazakh inflection) costs 0.5;
//! * numbers, inline placeholders and punctuation are their own classes: each
//!   inserted, deleted or changed one costs a 1-point penalty, not a word;
//! * a difference only in case or spacing (same tokens, different clean text)
//!   costs 1 point; 100 is given only when the cleaned sources are identical,
//!   so any other match is capped at 99.
//!
//! The alignment is computed by one dynamic programme whose costs are in
//! points (a word edit costs `100/N`), so the result is the cheapest alignment
//! under exactly the score a translator sees. Retrieval (`index.rs`) relies on
//! two facts of this definition: a word whose stem differs always costs a full
//! edit, and penalties only ever lower a score.

use serde::Serialize;

use crate::text::stem::{match_tokens, stem};
use crate::text::{clean, match_key, Lang, Token, TokenKind};

/// The version of the match percentage definition (documented in the README).
pub const SCORE_VERSION: u32 = 1;

/// Cost of replacing a word by another form of the same stem, in word edits.
pub const SAME_STEM_COST: f64 = 0.5;
/// Penalty in points for each differing number, tag or punctuation mark.
pub const CLASS_PENALTY: f64 = 1.0;

/// A text prepared for scoring: cleaned, tokenised, words stemmed.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub clean: String,
    pub tokens: Vec<Token>,
    /// The stem of each token (words only; `None` for other classes).
    pub stems: Vec<Option<String>>,
    pub words: usize,
}

impl Prepared {
    pub fn new(text: &str, lang: Lang) -> Prepared {
        let tokens = match_tokens(&match_key(text));
        let stems: Vec<Option<String>> = tokens
            .iter()
            .map(|t| (t.kind == TokenKind::Word).then(|| stem(&t.text, lang)))
            .collect();
        let words = stems.iter().filter(|s| s.is_some()).count();
        Prepared {
            clean: clean(text),
            tokens,
            stems,
            words,
        }
    }
}

/// What happened to a token in the alignment of the query with a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Same token in both.
    Keep,
    /// Another form of the same stem.
    Inflect,
    /// A different token in the same position.
    Replace,
    /// In the query, not in the unit.
    Insert,
    /// In the unit, not in the query.
    Delete,
}

/// One step of the alignment, with its cost in points.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub op: Op,
    pub kind: &'static str,
    pub query: Option<String>,
    pub unit: Option<String>,
    pub points: f64,
}

/// A deduction from 100 and why.
#[derive(Debug, Clone, Serialize)]
pub struct Penalty {
    pub points: f64,
    pub reason: String,
}

/// The score of a unit for a query, and how it was reached (`--explain`).
#[derive(Debug, Clone, Serialize)]
pub struct Scored {
    pub score: f64,
    pub score_version: u32,
    /// Word edits (D), same-stem replacements counting half.
    pub word_edits: f64,
    /// N = max(words in query, words in unit).
    pub words: usize,
    pub query_tokens: Vec<String>,
    pub unit_tokens: Vec<String>,
    pub alignment: Vec<Step>,
    pub penalties: Vec<Penalty>,
}

impl Scored {
    /// True when the only differences are numbers replaced by other numbers.
    pub fn differs_only_in_numbers(&self) -> bool {
        let mut any = false;
        for s in &self.alignment {
            match (s.op, s.kind) {
                (Op::Keep, _) => {}
                (Op::Replace, "number") => any = true,
                _ => return false,
            }
        }
        any
    }
}

fn kind_name(k: TokenKind) -> &'static str {
    match k {
        TokenKind::Word => "word",
        TokenKind::Number => "number",
        TokenKind::Punct => "punct",
        TokenKind::Placeholder => "placeholder",
    }
}

/// Score `unit` against `query` (both prepared with the same language).
pub fn score(query: &Prepared, unit: &Prepared) -> Scored {
    let n = query.words.max(unit.words);
    let word_cost = if n > 0 {
        100.0 / n as f64
    } else {
        100.0 / query.tokens.len().max(unit.tokens.len()).max(1) as f64
    };
    let alignment = align(query, unit, word_cost);
    let mut total = 0.0;
    let mut word_edits = 0.0;
    let mut penalties = Vec::new();
    for s in &alignment {
        total += s.points;
        if s.points == 0.0 {
            continue;
        }
        let (words, points) = match s.kind {
            "word" => (s.points / word_cost, 0.0),
            "mixed" => (1.0, s.points - word_cost),
            _ => (0.0, s.points),
        };
        word_edits += words;
        if points > 0.0 {
            penalties.push(Penalty {
                points,
                reason: format!("{} {}: {}", s.kind, op_name(s.op), show(s)),
            });
        }
    }
    let mut score = (100.0 - total).max(0.0);
    if query.clean != unit.clean {
        if total == 0.0 {
            penalties.push(Penalty {
                points: 1.0,
                reason: "differs only in case or spacing".into(),
            });
        }
        score = score.min(99.0);
    }
    Scored {
        score: (score * 100.0).round() / 100.0,
        score_version: SCORE_VERSION,
        word_edits,
        words: n,
        query_tokens: query.tokens.iter().map(|t| t.text.clone()).collect(),
        unit_tokens: unit.tokens.iter().map(|t| t.text.clone()).collect(),
        alignment,
        penalties,
    }
}

fn op_name(op: Op) -> &'static str {
    match op {
        Op::Keep => "kept",
        Op::Inflect => "inflected",
        Op::Replace => "replaced",
        Op::Insert => "inserted",
        Op::Delete => "deleted",
    }
}

fn show(s: &Step) -> String {
    match (&s.query, &s.unit) {
        (Some(q), Some(u)) => format!("'{u}' → '{q}'"),
        (Some(q), None) => format!("'{q}'"),
        (None, Some(u)) => format!("'{u}'"),
        (None, None) => String::new(),
    }
}

/// Cost in points of inserting or deleting a token.
fn indel(t: &Token, word_cost: f64) -> f64 {
    if t.kind == TokenKind::Word {
        word_cost
    } else {
        CLASS_PENALTY
    }
}

/// Cost and op of aligning query token `i` with unit token `j`.
fn substitution(q: &Prepared, i: usize, u: &Prepared, j: usize, word_cost: f64) -> (f64, Op) {
    let (a, b) = (&q.tokens[i], &u.tokens[j]);
    if a.text == b.text {
        return (0.0, Op::Keep);
    }
    if a.kind != b.kind {
        return (indel(a, word_cost) + indel(b, word_cost), Op::Replace);
    }
    match a.kind {
        TokenKind::Word if q.stems[i] == u.stems[j] => (SAME_STEM_COST * word_cost, Op::Inflect),
        TokenKind::Word => (word_cost, Op::Replace),
        _ => (CLASS_PENALTY, Op::Replace),
    }
}

/// The cheapest alignment of the query's tokens with the unit's.
fn align(q: &Prepared, u: &Prepared, word_cost: f64) -> Vec<Step> {
    let (m, n) = (q.tokens.len(), u.tokens.len());
    let w = n + 1;
    let mut d = vec![0.0f64; (m + 1) * w];
    for i in 1..=m {
        d[i * w] = d[(i - 1) * w] + indel(&q.tokens[i - 1], word_cost);
    }
    for j in 1..=n {
        d[j] = d[j - 1] + indel(&u.tokens[j - 1], word_cost);
    }
    for i in 1..=m {
        for j in 1..=n {
            let sub = d[(i - 1) * w + j - 1] + substitution(q, i - 1, u, j - 1, word_cost).0;
            let ins = d[(i - 1) * w + j] + indel(&q.tokens[i - 1], word_cost);
            let del = d[i * w + j - 1] + indel(&u.tokens[j - 1], word_cost);
            d[i * w + j] = sub.min(ins).min(del);
        }
    }
    // Trace back, preferring the diagonal so replacements read naturally.
    let mut steps = Vec::new();
    let (mut i, mut j) = (m, n);
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    while i > 0 || j > 0 {
        if i > 0 && j > 0 {
            let (c, op) = substitution(q, i - 1, u, j - 1, word_cost);
            if close(d[i * w + j], d[(i - 1) * w + j - 1] + c) {
                let kind = if op == Op::Replace && q.tokens[i - 1].kind != u.tokens[j - 1].kind {
                    "mixed"
                } else {
                    kind_name(q.tokens[i - 1].kind)
                };
                steps.push(Step {
                    op,
                    kind,
                    query: Some(q.tokens[i - 1].text.clone()),
                    unit: Some(u.tokens[j - 1].text.clone()),
                    points: c,
                });
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0
            && close(
                d[i * w + j],
                d[(i - 1) * w + j] + indel(&q.tokens[i - 1], word_cost),
            )
        {
            steps.push(Step {
                op: Op::Insert,
                kind: kind_name(q.tokens[i - 1].kind),
                query: Some(q.tokens[i - 1].text.clone()),
                unit: None,
                points: indel(&q.tokens[i - 1], word_cost),
            });
            i -= 1;
        } else {
            steps.push(Step {
                op: Op::Delete,
                kind: kind_name(u.tokens[j - 1].kind),
                query: None,
                unit: Some(u.tokens[j - 1].text.clone()),
                points: indel(&u.tokens[j - 1], word_cost),
            });
            j -= 1;
        }
    }
    steps.reverse();
    steps
}

/// Replace, in a target text, the numbers the query changed (`2008` → `2009`).
/// Returns `None` unless every changed number occurs in the target exactly once
/// as a whole number, so a substitution is never a guess.
pub fn substitute_numbers(scored: &Scored, target: &str) -> Option<String> {
    let mut out = target.to_string();
    for s in scored.alignment.iter().filter(|s| s.op == Op::Replace) {
        let (new, old) = (s.query.as_deref()?, s.unit.as_deref()?);
        let spots = number_spots(&out, old);
        if spots.len() != 1 {
            return None;
        }
        out.replace_range(spots[0]..spots[0] + old.len(), new);
    }
    Some(out)
}

/// Byte offsets where `num` occurs not glued to other digits.
fn number_spots(text: &str, num: &str) -> Vec<usize> {
    text.match_indices(num)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + num.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
        .map(|(at, _)| at)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sc(a: &str, b: &str) -> Scored {
        score(&Prepared::new(a, Lang::Kk), &Prepared::new(b, Lang::Kk))
    }

    #[test]
    fn only_numbers_differ_is_exact() {
        assert!(sc("Бала 2009 жылы келді.", "Бала 2011 жылы келді.").differs_only_in_numbers());
        assert!(!sc("Бала 2009 жылы келді.", "Ана 2011 жылы келді.").differs_only_in_numbers());
        assert!(!sc("Бала 2009 жылы келді.", "Бала 2009 жылы келді.").differs_only_in_numbers());
    }

    #[test]
    fn identical_is_100_and_case_costs_one() {
        assert_eq!(sc("Бала үйге келді.", "Бала үйге келді.").score, 100.0);
        assert_eq!(sc("бала үйге келді.", "Бала үйге келді.").score, 99.0);
    }

    #[test]
    fn same_stem_costs_half_a_word() {
        let s = sc("Қазақстанға барды", "Қазақстанның барды");
        assert_eq!(s.score, 75.0);
        assert_eq!(s.alignment[0].op, Op::Inflect);
        let full = sc("Ресейге барды", "Қазақстанның барды");
        assert_eq!(full.score, 50.0);
    }

    #[test]
    fn numbers_and_punctuation_cost_a_point() {
        let s = sc("2009 жылы келді.", "2008 жылы келді.");
        assert_eq!(s.score, 99.0);
        assert!(s.differs_only_in_numbers());
        assert_eq!(sc("жылы келді!", "жылы келді.").score, 99.0);
        let sub = substitute_numbers(&s, "He came in 2008.").unwrap();
        assert_eq!(sub, "He came in 2009.");
        assert!(substitute_numbers(&s, "In 2008 and 2008").is_none());
    }

    #[test]
    fn falls_as_edits_grow() {
        let base = "Одақ мүшелері жиналысқа келді";
        let one = sc("Одақ мүшелері кеңеске келді", base).score;
        let two = sc("Одақ адамдары кеңеске келді", base).score;
        assert!(100.0 > one && one > two, "{one} {two}");
    }
}
