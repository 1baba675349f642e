//! Segmentation on real text whose sentence boundaries are known: NTREX-128
//! news documents (kk, en, ru) and the UD Kazakh KTB treebank sentences. Each
//! document's sentences are joined with a space and split again; boundaries
//! are compared by character offset.
//!
//! Run `cargo test --test segment_corpora -- --nocapture` to see the figures
//! (`SEGMENT_SHOW_ERRORS=1` also prints every wrong or missed boundary).
//! The thresholds sit just under what was measured, so a regression fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use audarma::segment::split_paragraph;
use audarma::text::Lang;

/// `../shared` beside the repository, or `$AUDARMA_SHARED` (for git worktrees
/// that live elsewhere).
fn shared() -> PathBuf {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    match std::env::var_os("AUDARMA_SHARED") {
        Some(d) if !beside.is_dir() => PathBuf::from(d),
        _ => beside,
    }
}

/// Documents in file order: for each `doc`, its sentences in one language.
fn documents(tsv: &str, column: usize) -> Vec<Vec<String>> {
    let mut order: Vec<String> = Vec::new();
    let mut docs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(doc), Some(text)) = (cols.get(1), cols.get(column)) else {
            continue;
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if !docs.contains_key(*doc) {
            order.push(doc.to_string());
        }
        docs.entry(doc.to_string())
            .or_default()
            .push(text.to_string());
    }
    order.into_iter().filter_map(|d| docs.remove(&d)).collect()
}

#[derive(Default, Debug)]
struct Score {
    gold: usize,
    predicted: usize,
    correct: usize,
    /// Gold boundaries after final punctuation, and how many were found: a
    /// headline with no full stop cannot be found by any punctuation rule.
    punctuated: usize,
    punctuated_found: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }
    fn punctuated_recall(&self) -> f64 {
        self.punctuated_found as f64 / self.punctuated.max(1) as f64
    }
}

/// End offsets (bytes) of all sentences but the last.
fn ends_of(joined: &str, sentences: &[String]) -> BTreeSet<usize> {
    let mut cursor = 0;
    let mut ends = BTreeSet::new();
    for s in sentences {
        let at = joined[cursor..]
            .find(s.as_str())
            .expect("sentence is a slice")
            + cursor;
        cursor = at + s.len();
        ends.insert(cursor);
    }
    ends.remove(&joined.len());
    ends
}

/// Print the context of every wrong or missed boundary (set SEGMENT_SHOW_ERRORS).
fn show_errors(joined: &str, gold: &BTreeSet<usize>, got: &BTreeSet<usize>, lang: Lang) {
    let context = |at: usize| {
        let from = joined[..at]
            .char_indices()
            .rev()
            .nth(40)
            .map_or(0, |(i, _)| i);
        let to = joined[at..]
            .char_indices()
            .nth(40)
            .map_or(joined.len(), |(i, _)| at + i);
        format!("{}⟦|⟧{}", &joined[from..at], &joined[at..to])
    };
    for at in got.difference(gold) {
        eprintln!("{lang} EXTRA  {}", context(*at));
    }
    for at in gold.difference(got) {
        eprintln!("{lang} MISSED {}", context(*at));
    }
}

fn score(docs: &[Vec<String>], lang: Lang) -> Score {
    let mut sc = Score::default();
    for sentences in docs {
        let joined = sentences.join(" ");
        let gold = ends_of(&joined, sentences);
        let got = ends_of(&joined, &split_paragraph(&joined, lang));
        sc.gold += gold.len();
        sc.predicted += got.len();
        sc.correct += gold.intersection(&got).count();
        if std::env::var_os("SEGMENT_SHOW_ERRORS").is_some() {
            show_errors(&joined, &gold, &got, lang);
        }
        for end in &gold {
            let last = joined[..*end].trim_end_matches(['»', '"', '”', '“', '\'', '’', ')']);
            if last.ends_with(['.', '!', '?', '…']) {
                sc.punctuated += 1;
                sc.punctuated_found += usize::from(got.contains(end));
            }
        }
    }
    sc
}

#[test]
fn ntrex_boundaries_are_found() {
    let path = shared().join("corpora/ntrex128/ntrex128.kk-en-ru.tsv");
    let Ok(tsv) = std::fs::read_to_string(&path) else {
        skip(format!("{} is absent", path.display()));
        return;
    };
    // (column, language, minimum precision, minimum recall, minimum recall of
    // punctuated boundaries). Measured: kk 0.9623 / 0.9258 / 0.9988,
    // en 0.9948 / 0.9221 / 0.9983, ru 0.9686 / 0.9221 / 0.9994. Most "wrong"
    // breaks are NTREX rows that hold two sentences; most misses are headlines.
    let checks = [
        (3, Lang::Kk, 0.955, 0.92, 0.995),
        (2, Lang::En, 0.99, 0.915, 0.995),
        (4, Lang::Ru, 0.96, 0.915, 0.995),
    ];
    let mut failures = Vec::new();
    for (column, lang, min_precision, min_recall, min_punctuated) in checks {
        let sc = score(&documents(&tsv, column), lang);
        eprintln!(
            "NTREX {lang}: gold {} predicted {} correct {} | precision {:.4} recall {:.4} | \
             punctuated boundaries {} recall {:.4}",
            sc.gold,
            sc.predicted,
            sc.correct,
            sc.precision(),
            sc.recall(),
            sc.punctuated,
            sc.punctuated_recall()
        );
        if sc.precision() < min_precision
            || sc.recall() < min_recall
            || sc.punctuated_recall() < min_punctuated
        {
            failures.push(format!("{lang}: {sc:?}"));
        }
    }
    assert!(failures.is_empty(), "below threshold: {failures:?}");
}

/// UD Kazakh KTB: the `# text =` sentences, in file order, as documents of 10.
fn ktb_documents(conllu: &str) -> Vec<Vec<String>> {
    let sentences: Vec<String> = conllu
        .lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    sentences.chunks(10).map(<[String]>::to_vec).collect()
}

#[test]
fn ud_kazakh_ktb_boundaries_are_found() {
    let dir = shared().join("corpora/ud_kazakh_ktb");
    let mut docs = Vec::new();
    for name in ["kk_ktb-ud-test.conllu", "kk_ktb-ud-train.conllu"] {
        let path = dir.join(name);
        let Ok(conllu) = std::fs::read_to_string(&path) else {
            skip(format!("{} is absent", path.display()));
            return;
        };
        docs.extend(ktb_documents(&conllu));
    }
    let sc = score(&docs, Lang::Kk);
    eprintln!(
        "UD KTB kk: gold {} predicted {} correct {} | precision {:.4} recall {:.4} | \
         punctuated boundaries {} recall {:.4}",
        sc.gold,
        sc.predicted,
        sc.correct,
        sc.precision(),
        sc.recall(),
        sc.punctuated,
        sc.punctuated_recall()
    );
    // measured: precision 0.9979, recall 0.9959, punctuated recall 1.0000
    assert!(
        sc.precision() >= 0.995 && sc.recall() >= 0.995 && sc.punctuated_recall() >= 0.999,
        "below threshold: {sc:?}"
    );
}

/// A missing prerequisite: skipped (with a message), except under `CI=true`,
/// where the test fails instead of passing silently.
fn skip(why: impl std::fmt::Display) {
    if std::env::var_os("CI").is_some_and(|v| v == "true") {
        panic!("CI=true: {why}");
    }
    eprintln!("skipping: {why}");
}
