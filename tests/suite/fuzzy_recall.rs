//! Exact recall: on a generated memory of a few thousand units and a few
//! hundred queries, the indexed retrieval returns exactly the units a
//! brute-force scan scores at or above the threshold, at several thresholds,
//! through both index sources (on-demand SQL and the in-memory session index),
//! and after single-unit writes on top of a bulk-built index.

use std::collections::BTreeSet;

use audarma::fuzzy::score::{score, Prepared};
use audarma::fuzzy::suggest::lookup;
use audarma::fuzzy::{Matcher, Query};
use audarma::store::Store;
use audarma::text::Lang;

/// A small deterministic generator (no dependency, stable across versions).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const STEMS: &[&str] = &[
    "одақ",
    "мемлекет",
    "бала",
    "кітап",
    "қала",
    "ел",
    "жыл",
    "сауда",
    "келісім",
    "экономика",
    "байланыс",
    "үкімет",
    "президент",
    "кездесу",
    "мәселе",
    "даму",
    "халық",
    "жол",
    "білім",
    "жұмыс",
    "аймақ",
    "шекара",
    "тарих",
    "саясат",
    "бағдарлама",
];
const SUFFIXES: &[&str] = &[
    "", "", "тың", "ның", "ға", "ге", "да", "дар", "лар", "ы", "ін", "тар", "мен",
];
const OTHER: &[&str] = &[",", ".", "2008", "2009", "15", "және", "бірақ", "үшін"];

fn word(rng: &mut Rng) -> String {
    if rng.below(8) == 0 {
        return OTHER[rng.below(OTHER.len())].to_string();
    }
    format!(
        "{}{}",
        STEMS[rng.below(STEMS.len())],
        SUFFIXES[rng.below(SUFFIXES.len())]
    )
}

fn sentence(rng: &mut Rng) -> Vec<String> {
    let n = 3 + rng.below(12);
    (0..n).map(|_| word(rng)).collect()
}

fn edit(rng: &mut Rng, s: &[String]) -> Vec<String> {
    let mut s = s.to_vec();
    for _ in 0..1 + rng.below(4) {
        let i = rng.below(s.len().max(1));
        match rng.below(4) {
            0 if s.len() > 2 => {
                s.remove(i);
            }
            1 => s.insert(i, word(rng)),
            _ if !s.is_empty() => s[i] = word(rng),
            _ => {}
        }
    }
    s
}

fn generated() -> (Vec<String>, Vec<String>) {
    let mut rng = Rng(20261127);
    let mut units: Vec<Vec<String>> = Vec::new();
    for _ in 0..2500 {
        let s = if !units.is_empty() && rng.below(3) == 0 {
            let j = rng.below(units.len());
            edit(&mut rng, &units[j])
        } else {
            sentence(&mut rng)
        };
        units.push(s);
    }
    let mut queries = Vec::new();
    for q in 0..250 {
        let s = if q % 5 == 4 {
            sentence(&mut rng)
        } else {
            let j = rng.below(units.len());
            edit(&mut rng, &units[j])
        };
        queries.push(s.join(" "));
    }
    (units.into_iter().map(|u| u.join(" ")).collect(), queries)
}

#[test]
fn indexed_results_equal_brute_force_exactly() {
    let (units, queries) = generated();
    let mut store = Store::in_memory().unwrap();
    let mut ids = Vec::new();
    store
        .write(|w| {
            // Most units in bulk, the last 300 one at a time (delta postings).
            for (i, u) in units.iter().enumerate() {
                let id = w.add_unit(None, &[("kk", u), ("en", &format!("unit {i}"))])?;
                if i >= 2200 {
                    w.index_unit(id)?;
                }
                ids.push(id);
            }
            w.index_units(&ids[..2200])
        })
        .unwrap();
    let conn: &audarma::store::Reader = &store;
    let prepared: Vec<Prepared> = units.iter().map(|u| Prepared::new(u, Lang::Kk)).collect();
    let matcher = Matcher::load(conn).unwrap();
    let mut compared = 0;
    let mut found_total = 0;
    for q in &queries {
        let query = Prepared::new(q, Lang::Kk);
        let scores: Vec<f64> = prepared.iter().map(|u| score(&query, u).score).collect();
        for min in [20.0, 35.0, 50.0, 70.0, 90.0] {
            let brute: BTreeSet<i64> = scores
                .iter()
                .zip(&ids)
                .filter(|(s, _)| **s >= min)
                .map(|(_, id)| *id)
                .collect();
            let query = Query {
                text: q,
                target: Lang::En,
                min,
                limit: usize::MAX,
                explain: false,
                include_rejected: false,
            };
            let sql: BTreeSet<i64> = lookup(conn, &mut conn.stored_index(), &query)
                .unwrap()
                .iter()
                .map(|m| m.unit_id)
                .collect();
            let mem: BTreeSet<i64> = matcher
                .suggest(conn, &query)
                .unwrap()
                .iter()
                .map(|m| m.unit_id)
                .collect();
            assert_eq!(sql, brute, "SQL source, min {min}, query {q}");
            assert_eq!(mem, brute, "memory source, min {min}, query {q}");
            compared += 1;
            found_total += brute.len();
        }
    }
    assert_eq!(compared, 250 * 5);
    assert!(
        found_total > 1000,
        "the generated memory should produce matches ({found_total})"
    );
}
