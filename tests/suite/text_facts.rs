//! The normalisation facts of issue 2 and the token classes of issue 4,
//! checked through the public `audarma::text` API.

use audarma::text::{
    clean, match_key, placeholder, placeholder_index, tokenize, tokens_of, word_count, TokenKind,
};

#[test]
fn latin_i_typing_keys_like_cyrillic() {
    assert_eq!(match_key("бiрлiгiмiздi"), match_key("бірлігімізді"));
    assert_eq!(
        match_key("Қазақстан халқының бiрлiгi мен ынтымағы"),
        match_key("ҚАЗАҚСТАН ХАЛҚЫНЫҢ БІРЛІГІ МЕН ЫНТЫМАҒЫ")
    );
    assert_eq!(clean("Жаhандық"), "Жаһандық");
    assert_eq!(clean("Мемлекеттiк тiл"), "Мемлекеттік тіл");
}

#[test]
fn latin_words_are_left_alone() {
    let s = "Бұл туралы kazinform.kz хабарлайды: IT-сала, NATO, Apple мен Microsoft";
    assert_eq!(clean(s), s);
    assert!(match_key(s).contains("kazinform.kz"));
    assert!(match_key(s).contains("nato") && match_key(s).contains("microsoft"));
}

#[test]
fn white_space_and_invisibles_fold() {
    assert_eq!(
        clean("Сәлем,\u{00A0}\u{00A0}әлем!\tҚалың\u{202F}қалай?\n"),
        "Сәлем, әлем! Қалың қалай?"
    );
    assert_eq!(clean("сөз\u{00AD}дер\u{200B}"), "сөздер");
    assert_eq!(match_key("А  Б"), match_key("а\u{2007}б"));
}

#[test]
fn nfc_of_short_i_and_yo() {
    assert_eq!(clean("Қараи\u{0306}ым"), "Қарайым");
    assert_eq!(match_key("Қараи\u{0306}ым"), match_key("қарайым"));
    assert_eq!(match_key("е\u{0308}лка"), "елка");
}

#[test]
fn token_classes() {
    let key = match_key(&format!(
        "{}Қазақстан{} 29.03.1994 ж. 2,8 пайызға – т.б.",
        placeholder(1),
        placeholder(2)
    ));
    let kinds: Vec<(TokenKind, String)> = tokenize(&key)
        .into_iter()
        .map(|t| (t.kind, t.text))
        .collect();
    use TokenKind::*;
    assert_eq!(
        kinds,
        vec![
            (Placeholder, placeholder(1)),
            (Word, "қазақстан".into()),
            (Placeholder, placeholder(2)),
            (Number, "29.03.1994".into()),
            (Word, "ж".into()),
            (Punct, ".".into()),
            (Number, "2,8".into()),
            (Word, "пайызға".into()),
            (Punct, "–".into()),
            (Word, "т.б".into()),
            (Punct, ".".into()),
        ]
    );
    assert_eq!(
        placeholder_index(placeholder(2).chars().next().unwrap()),
        Some(2)
    );
}

#[test]
fn case_and_spacing_differences_are_visible_to_a_scorer() {
    let a = tokens_of("Қазақстан Республикасы");
    let b = tokens_of("қазақстан республикасы");
    assert_eq!(a.len(), b.len());
    assert!(a.iter().zip(&b).all(|(x, y)| x.differs_in_case_only(y)));
    let spaced = tokens_of("Иә , солай");
    let tight = tokens_of("Иә, солай");
    let same_tokens = spaced.iter().zip(&tight).all(|(x, y)| x.token == y.token);
    assert!(same_tokens && spaced[1].space_before && !tight[1].space_before);
}

#[test]
fn cat_word_counts() {
    assert_eq!(
        word_count("Қазақстан Республикасы 1991 жылы тәуелсіздік алды."),
        6
    );
    assert_eq!(word_count("Ғылым, білім, мәдениет т.б. салалар – 2,8 %"), 6);
    assert_eq!(word_count("Қазақ-орыс сөздігі, 2008-жылы"), 3);
    assert_eq!(
        word_count(&format!("{} «» — {}", placeholder(1), placeholder(2))),
        0
    );
}
