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
        "0", "ҥ", "ѳ", "А", "С", "К", "Ү", "У", "Һ", "Ә", "Ѳ", "www.", "kz", "://", "\u{E000}",
        "\u{E001}", "%",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Kazakh words that each hold a letter with no Latin twin (an anchor).
const KAZAKH_WORDS: [&str; 16] = [
    "бірлігімізді",
    "Жаһандық",
    "мемлекеттік",
    "Қазақстан",
    "тәуелсіздік",
    "өмір",
    "біздің",
    "халқының",
    "ынтымағы",
    "құқықтары",
    "әлеуметтік",
    "білім",
    "Президенті",
    "ғылым",
    "жылы",
    "ӘКІМШІЛІК",
];

/// The Latin look-alike a hurried typist may use for a Cyrillic letter.
fn latin_twin(c: char) -> Option<char> {
    Some(match c {
        'і' => 'i',
        'І' => 'I',
        'һ' => 'h',
        'ә' => 'ə',
        'Ә' => 'Ə',
        'ө' => 'ɵ',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'х' => 'x',
        'у' => 'y',
        'к' => 'k',
        'А' => 'A',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'Т' => 'T',
        'С' => 'C',
        _ => return None,
    })
}

/// A Kazakh sentence and a copy with some letters swapped for Latin twins.
fn kazakh_with_typos() -> impl Strategy<Value = (String, String)> {
    prop::collection::vec(
        (prop::sample::select(KAZAKH_WORDS.to_vec()), any::<u64>()),
        1..8,
    )
    .prop_map(|words| {
        let clean: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
        let noisy: Vec<String> = words
            .iter()
            .map(|(w, bits)| {
                w.chars()
                    .enumerate()
                    .map(|(i, c)| match latin_twin(c) {
                        Some(l) if bits >> (i % 64) & 1 == 1 => l,
                        _ => c,
                    })
                    .collect()
            })
            .collect();
        (clean.join(" "), noisy.join(" "))
    })
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
    fn key_of_the_cleaned_text_is_the_key(s in messy()) {
        prop_assert_eq!(match_key(&clean(&s)), match_key(&s));
    }

    #[test]
    fn latin_typos_in_kazakh_words_key_like_the_original((good, typed) in kazakh_with_typos()) {
        prop_assert_eq!(match_key(&typed), match_key(&good));
        prop_assert_eq!(clean(&typed), good);
    }

    #[test]
    fn word_count_at_most_chunks(s in messy()) {
        prop_assert!(word_count(&s) <= s.split_whitespace().count());
        prop_assert_eq!(word_count(&clean(&s)), word_count(&s));
    }

    #[test]
    fn tokens_concatenate_to_the_key_without_spaces(s in messy()) {
        let key = match_key(&s);
        let joined: String = tokenize(&key).into_iter().flat_map(|t| t.text.split(' ').map(str::to_string).collect::<Vec<_>>()).collect();
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
