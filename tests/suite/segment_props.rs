//! Property tests: the segmenter never panics, and its sentences put together
//! give back the document modulo white space (and the second dot of a `..`
//! glue, which it drops).

use audarma::segment::split_document;
use audarma::text::Lang;
use proptest::prelude::*;

/// White space as the segmenter trims it: Unicode White_Space plus the
/// invisible format characters.
fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

fn squeeze(s: &str) -> Vec<char> {
    s.chars().filter(|c| !is_blank(*c)).collect()
}

/// `got` equals `original` except for dots dropped right after another dot.
fn same_modulo_glue(original: &[char], got: &[char]) -> bool {
    let mut g = 0;
    for (i, &c) in original.iter().enumerate() {
        if g < got.len() && got[g] == c {
            g += 1;
        } else if !(c == '.' && i > 0 && original[i - 1] == '.') {
            return false;
        }
    }
    g == got.len()
}

/// Pieces that exercise every rule: initials, abbreviations, glue, citations,
/// quotes, dashes, odd spaces, line breaks, Latin look-alikes.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = vec![
        "Н.",
        "Ә.",
        "Қ.-Ж.",
        "Т.Жүргенов",
        "т.б.",
        "т.c.c.",
        "ж.",
        "млн.",
        "г.",
        "в.",
        "XIV",
        "U.S.",
        "e.g.",
        "Mr.",
        "1.",
        "12",
        "4.1",
        "2,8",
        "..",
        "...",
        "…",
        ".",
        "?",
        "!",
        "?»",
        "»",
        "«",
        "\"",
        "(",
        ")",
        "[1]",
        "[",
        "]",
        " ",
        "  ",
        "\u{A0}",
        "\u{202F}",
        "\u{200B}",
        "\u{FEFF}",
        "\n",
        "\r\n",
        "\r",
        "\u{2028}",
        "\n\n",
        "–",
        "-",
        ",",
        ":",
        ";",
        "Бұл",
        "сөз",
        "бiр",
        "Осыдан",
        "a",
        "The",
        "é",
        "İ",
        "ё",
        "\u{301}",
        "😀",
        "\t",
        "Әдебиеттер..",
        "References",
        "\n1. ",
    ];
    prop::collection::vec(prop::sample::select(pieces), 0..40).prop_map(|v| v.concat())
}

fn langs() -> impl Strategy<Value = Lang> {
    prop::sample::select(vec![Lang::Kk, Lang::Ru, Lang::En])
}

fn check(text: &str, lang: Lang) -> Result<(), TestCaseError> {
    let sentences = split_document(text, lang);
    let mut last_paragraph = 0;
    for s in &sentences {
        prop_assert!(!s.text.is_empty());
        prop_assert_eq!(s.text.trim_matches(is_blank), s.text.as_str());
        prop_assert!(text.contains(s.text.as_str()), "not a slice: {:?}", s.text);
        prop_assert!(s.paragraph == last_paragraph || s.paragraph == last_paragraph + 1);
        last_paragraph = s.paragraph;
    }
    let joined: String = sentences.iter().map(|s| s.text.as_str()).collect();
    prop_assert!(
        same_modulo_glue(&squeeze(text), &squeeze(&joined)),
        "text {:?} came back as {:?}",
        text,
        sentences
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string_round_trips(text in any::<String>(), lang in langs()) {
        check(&text, lang)?;
    }

    #[test]
    fn tricky_strings_round_trip(text in tricky(), lang in langs()) {
        check(&text, lang)?;
    }
}

#[test]
fn glue_comparison_accepts_only_dropped_second_dots() {
    let chars = |s: &str| s.chars().collect::<Vec<_>>();
    assert!(same_modulo_glue(&chars("а..Б"), &chars("а.Б")));
    assert!(!same_modulo_glue(&chars("а.Б"), &chars("аБ")));
    assert!(!same_modulo_glue(&chars("аБ"), &chars("аБв")));
}
