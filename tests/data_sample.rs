//! The bundled sample (data/): its segmentation matches the team's gold
//! segmentation, and its messy Latin letters normalise away.

use std::path::PathBuf;

use audarma::segment::split_document;
use audarma::text::{self, Lang};

fn data(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// (position, paragraph, kk, en, ru) rows of the gold file.
pub fn gold() -> Vec<(usize, usize, String, String, String)> {
    data("integration.segments.tsv")
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 5, "bad row: {l}");
            (
                c[0].parse().unwrap(),
                c[1].parse().unwrap(),
                c[2].into(),
                c[3].into(),
                c[4].into(),
            )
        })
        .collect()
}

fn fold_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn segmentation_of_the_sample_matches_the_gold_file() {
    let got = split_document(&data("integration.kk.txt"), Lang::Kk);
    let gold = gold();
    let mut mismatches = Vec::new();
    for (i, (pos, para, kk, _, _)) in gold.iter().enumerate() {
        match got.get(i) {
            Some(s) if fold_space(&s.text) == fold_space(kk) && s.paragraph == *para => {}
            Some(s) => mismatches.push(format!(
                "{pos}: got ¶{} {:?}\n   want ¶{para} {:?}",
                s.paragraph, s.text, kk
            )),
            None => mismatches.push(format!("{pos}: missing {kk:?}")),
        }
    }
    assert!(
        mismatches.is_empty() && got.len() == gold.len(),
        "{} of {} segments differ (got {} segments):\n{}",
        mismatches.len(),
        gold.len(),
        got.len(),
        mismatches.join("\n")
    );
}

#[test]
fn latin_letters_inside_kazakh_words_are_repaired() {
    let source = data("integration.kk.txt");
    let mixed: Vec<&str> = source
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| {
            w.chars().any(|c| c.is_ascii_alphabetic())
                && w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
        })
        .collect();
    assert!(
        mixed.len() >= 100,
        "the sample should have about 100 mixed-script words, found {}",
        mixed.len()
    );
    for w in mixed {
        let key = text::match_key(w);
        assert!(
            !key.chars().any(|c| c.is_ascii_alphabetic()),
            "{w} -> {key}"
        );
    }
    assert_eq!(
        text::match_key("бiрлiгiмiздi"),
        text::match_key("бірлігімізді")
    );
}
