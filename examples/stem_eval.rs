//! Measure the Kazakh stemmer against the gold lemmas of UD Kazakh-KTB:
//! how often `stem(word) == stem(lemma)`, next to a plain 5-letter-prefix baseline;
//! and on the hand-written case forms of foreign surnames in
//! `src/text/stem/names.txt`: how often a form gets its nominative's stem.
//!
//! Usage: cargo run --release --example stem_eval [-- [--misses] PATH.conllu ...]
//! (`--misses` also lists the commonest word/lemma pairs the stemmer gets wrong)
//! (default: every .conllu in ../shared/corpora/ud_kazakh_ktb)

use audarma::text::{match_key, stem::stem, Lang};

fn prefix5(w: &str) -> String {
    w.chars().take(5).collect()
}

fn main() {
    let show_misses = std::env::args().any(|a| a == "--misses");
    let mut misses: std::collections::HashMap<(String, String), usize> = Default::default();
    let mut files: Vec<std::path::PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| a != "--misses")
        .map(Into::into)
        .collect();
    if files.is_empty() {
        // ../shared from the repo root; ../../shared from a worktree under wt/.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = ["../shared", "../../shared"]
            .iter()
            .map(|s| root.join(s).join("corpora/ud_kazakh_ktb"))
            .find(|d| d.is_dir())
            .unwrap_or_else(|| root.join("../shared/corpora/ud_kazakh_ktb"));
        match std::fs::read_dir(&dir) {
            Ok(rd) => files.extend(
                rd.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "conllu")),
            ),
            Err(e) => {
                eprintln!("{}: {e}; pass .conllu files as arguments", dir.display());
                std::process::exit(2);
            }
        }
    }
    files.sort();
    let (mut total, mut ours, mut base, mut inflected, mut ours_infl, mut base_infl) =
        (0, 0, 0, 0, 0, 0);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for line in text.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            // Word lines only (skip comments, multi-word ranges, empty nodes, punctuation).
            if cols.len() < 4
                || cols[0].contains(['-', '.'])
                || matches!(cols[3], "PUNCT" | "NUM" | "SYM" | "X")
            {
                continue;
            }
            let (word, lemma) = (match_key(cols[1]), match_key(cols[2]));
            if !word.chars().all(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
                || word.chars().count() < 2
            {
                continue;
            }
            total += 1;
            let hit = stem(&word, Lang::Kk) == stem(&lemma, Lang::Kk);
            let base_hit = prefix5(&word) == prefix5(&lemma);
            ours += hit as usize;
            if !hit {
                *misses.entry((word.clone(), lemma.clone())).or_default() += 1;
            }
            base += base_hit as usize;
            if word != lemma {
                inflected += 1;
                ours_infl += hit as usize;
                base_infl += base_hit as usize;
            }
        }
    }
    if show_misses {
        let mut list: Vec<_> = misses.into_iter().collect();
        list.sort_by_key(|e| std::cmp::Reverse(e.1));
        for ((w, l), n) in list.iter().take(60) {
            println!(
                "{n:>4}  {w} → {}   lemma {l} → {}",
                stem(w, Lang::Kk),
                stem(l, Lang::Kk)
            );
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let (forms, named) = surname_forms();
    println!("tokens: {total} (inflected, word != lemma: {inflected})");
    println!(
        "stemmer   stem(word)=stem(lemma): {:.1}%  (inflected only: {:.1}%)",
        pct(ours, total),
        pct(ours_infl, inflected)
    );
    println!(
        "prefix-5  prefix(word)=prefix(lemma): {:.1}%  (inflected only: {:.1}%)",
        pct(base, total),
        pct(base_infl, inflected)
    );
    println!(
        "surnames  stem(form)=stem(nominative): {:.1}% of {forms} case forms",
        pct(named, forms)
    );
}

/// The surname case forms of `names.txt` (`NOMINATIVE: FORM ...`), and how
/// many of them get the nominative's stem.
fn surname_forms() -> (usize, usize) {
    let (mut forms, mut same) = (0, 0);
    for line in include_str!("../src/text/stem/names.txt").lines() {
        let Some((nom, rest)) = line.split_once(':').filter(|_| !line.starts_with('#')) else {
            continue;
        };
        let want = stem(&match_key(nom.trim()), Lang::Kk);
        for form in rest.split_whitespace() {
            forms += 1;
            same += usize::from(stem(&match_key(form), Lang::Kk) == want);
        }
    }
    (forms, same)
}
