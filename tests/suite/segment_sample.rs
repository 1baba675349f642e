//! The bundled sample (`data/`): the Kazakh source splits exactly into the
//! gold `kk` cells (a joined line break shows as one space in the gold file),
//! and the English and Russian translations split into their gold cells, which
//! is what the alignment feature relies on.

use std::path::PathBuf;

use audarma::segment::split_document;
use audarma::text::Lang;

fn data(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// (paragraph, cell) of a gold column: 2 = kk, 3 = en, 4 = ru.
fn gold(column: usize) -> Vec<(usize, String)> {
    data("integration.segments.tsv")
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[1].parse().expect("paragraph"), c[column].to_string())
        })
        .collect()
}

fn check(file: &str, lang: Lang, column: usize, same_paragraphs: bool) {
    let got: Vec<(usize, String)> = split_document(&data(file), lang)
        .into_iter()
        .map(|s| (s.paragraph, s.text.replace('\n', " ")))
        .collect();
    let want = gold(column);
    let texts = |v: &[(usize, String)]| v.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>();
    let (got_texts, want_texts) = (texts(&got), texts(&want));
    let first_diff = got_texts.iter().zip(&want_texts).position(|(g, w)| g != w);
    assert!(
        got_texts == want_texts,
        "{file}: {} segments, gold {}; first difference at {:?}: got {:?}, want {:?}",
        got.len(),
        want.len(),
        first_diff.map(|i| i + 1),
        first_diff.map(|i| &got_texts[i]),
        first_diff.map(|i| &want_texts[i]),
    );
    if same_paragraphs {
        assert_eq!(got, want, "{file}: paragraph numbers differ");
    }
}

#[test]
fn kazakh_source_matches_the_gold_segmentation_exactly() {
    check("integration.kk.txt", Lang::Kk, 2, true);
}

#[test]
fn english_translation_splits_into_its_gold_cells() {
    check("integration.en.txt", Lang::En, 3, false);
}

#[test]
fn russian_translation_splits_into_its_gold_cells() {
    check("integration.ru.txt", Lang::Ru, 4, false);
}
