//! Property tests for normalisation, tokens and word counts: idempotence,
//! no panics, word counts bounded by white-space chunks.

use audarma::text::{clean, match_key, placeholder, tokenize, tokens_of, word_count};
use proptest::prelude::*;

/// Strings biased towards the hard cases: Kazakh and Latin look-alikes,
/// combining marks, invisible characters, every white space kind, punctuation.
fn messy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "а", "е", "о", "р", "с", "х", "у", "к", "н", "м", "т", "в", "і", "һ", "ә", "ө", "қ", "ң",
        "б", "Ж", "Н", "Т", "a", "e", "o", "p", "c", "x", "y", "k", "i", "h", "ı", "ə", "ɵ", "H",
        "M", "T", "B", "Y", "I", "İ", "z", "n", "ё", "Ё", "й", "\u{306}", "\u{308}", "\u{301}",
        "\u{AD}", "\u{200B}", "\u{FEFF}", "\u{A0}", "\u{202F}", "\u{2007}", "\t", "\n", " ", " ",
        "-", "‐", "–", "—", ".", ",", "…", "«", "»", "“", "’", "ʼ", "`", "@", "/", ":", "1", "2",
        "0", "ҥ", "ѳ", "\u{E000}", "\u{E001}", "%",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn clean_is_idempotent(s in messy()) {
        let once = clean(&s);
        prop_assert_eq!(clean(&once), once);
    }

    #[test]
    fn match_key_is_idempotent(s in messy()) {
        let once = match_key(&s);
        prop_assert_eq!(match_key(&once), once);
    }

    #[test]
    fn arbitrary_text_never_panics(s in any::<String>()) {
        let key = match_key(&s);
        prop_assert_eq!(match_key(&key), key.clone());
        let _ = tokenize(&key);
        let _ = tokens_of(&s);
        prop_assert!(word_count(&s) <= s.split_whitespace().count());
    }

    #[test]
    fn word_count_at_most_chunks(s in messy()) {
        prop_assert!(word_count(&s) <= s.split_whitespace().count());
        prop_assert_eq!(word_count(&clean(&s)), word_count(&s));
    }

    #[test]
    fn tokens_concatenate_to_the_key_without_spaces(s in messy()) {
        let key = match_key(&s);
        let joined: String = tokenize(&key).into_iter().map(|t| t.text).collect();
        let squeezed: String = key.split_whitespace().collect();
        prop_assert_eq!(joined, squeezed);
        prop_assert_eq!(tokens_of(&s).len(), tokenize(&key).len());
    }

    #[test]
    fn placeholders_survive_normalisation(n in 0usize..80_000, s in messy()) {
        let p = placeholder(n);
        let key = match_key(&format!("{s} {p} {s}"));
        prop_assert!(key.contains(&p));
    }
}
