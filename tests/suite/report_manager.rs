//! The report a manager reads (issue 13): the headline per language pair, the
//! burn-down only with enough history, what each person did from the event
//! log, the expected finish date from the recent pace, and the open comments.
//! Every figure is worked out by hand from a scripted day of work.

use crate::review_report::{backdate, table_rows};
use crate::review_support;

use audarma::text::Lang;
use review_support::Fixture;
use serde_json::Value;

/// The HTML report of the fixture's database (`extra`: DOC, --to ...).
fn report(f: &Fixture, extra: &[&str]) -> String {
    let out = f.path("report.html");
    let mut args = vec!["report", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    f.cmd(&args).assert().success();
    std::fs::read_to_string(&out).unwrap()
}

/// The headline cards: everything between the cards' div and the first section.
fn cards(html: &str) -> &str {
    let start = html.find(r#"<div class="cards">"#).expect("headline cards");
    let end = start + html[start..].find("<section").unwrap();
    &html[start..end]
}

/// The attributes of the card tagged `data-card="{kind}"` (and `data-lang`).
fn card(html: &str, kind: &str, lang: Option<&str>) -> Vec<(String, String)> {
    let cards = cards(html);
    cards
        .split("<div ")
        .map(|d| &d[..d.find('>').unwrap_or(d.len())])
        .map(crate::review_report::attrs)
        .find(|a| {
            let has = |k: &str, v: &str| a.iter().any(|(ak, av)| ak == k && av == v);
            has("data-card", kind) && lang.is_none_or(|l| has("data-lang", l))
        })
        .unwrap_or_else(|| panic!("no {kind} card for {lang:?} in {cards}"))
}

fn attr<'a>(a: &'a [(String, String)], key: &str) -> &'a str {
    a.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {key} in {a:?}"))
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A Kazakh document of exactly 2,669 words: 667 sentences of four words
/// (the number counts) and a last one of one word.
fn words_2669(f: &Fixture) -> std::path::PathBuf {
    let mut paragraphs: Vec<String> = (0..667)
        .collect::<Vec<_>>()
        .chunks(10)
        .map(|c| {
            c.iter()
                .map(|n| format!("Бүгін {} адам келді.", n + 1))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    paragraphs.push("Аяқталды.".into());
    let path = f.path("big.txt");
    std::fs::write(&path, paragraphs.join("\n\n") + "\n").unwrap();
    path
}

#[test]
fn the_headline_counts_each_word_once_per_language() {
    let f = Fixture::new();
    let big = words_2669(&f);
    let imported = f.json(&["import", big.to_str().unwrap(), "--json"]);
    assert_eq!(imported["words"], 2669, "the fixture has 2,669 words");
    for (lang, text) in [
        ("en", "Today one person came."),
        ("ru", "Сегодня пришёл один."),
    ] {
        f.cmd(&["set", "big", "1", "--to", lang, "--text", text])
            .assert()
            .success();
    }
    let html = report(&f, &["big"]);
    let head = cards(&html);
    for lang in ["en", "ru"] {
        let c = card(&html, "lang", Some(lang));
        assert_eq!(attr(&c, "data-words"), "2669", "{lang}: {head}");
        assert!(head.contains(&format!("kk → {lang}")), "{head}");
    }
    assert!(head.contains("2\u{202f}669"), "{head}");
    for twice in ["5\u{202f}338", "5 338", "5,338"] {
        assert!(!html.contains(twice), "{twice} in the report");
    }
    // The same figures as progress --json: the source counted once.
    let p = f.json(&["progress", "big", "--json"]);
    assert_eq!(
        (p["source_words"].clone(), p["total"]["words"].clone()),
        (2669.into(), 5338.into())
    );
    assert_eq!(attr(&card(&html, "source", None), "data-words"), "2669");
}

#[test]
fn one_day_of_history_shows_a_sentence_instead_of_a_burn_down() {
    let f = Fixture::new();
    f.save(
        1,
        Lang::En,
        "First.",
        audarma::store::Status::Translated,
        "aigerim",
    );
    f.save(
        2,
        Lang::En,
        "Second.",
        audarma::store::Status::Translated,
        "aigerim",
    );
    let html = report(&f, &[]);
    assert!(
        !html.contains("aria-label=\"burn-down"),
        "no chart of one day"
    );
    assert!(
        html.contains("A burn-down needs at least 3 days of history; the log covers 1 day"),
        "the sentence saying why"
    );
    // The day's figures are still there, as in progress --by day.
    assert_eq!(
        table_rows(&html, "by-day").len(),
        2,
        "one day and the total"
    );
    // Three days (a gap filled) are enough.
    let last = backdate(&f, 0, &(today() - chrono::Days::new(2)).to_string());
    f.save(
        3,
        Lang::En,
        "Third.",
        audarma::store::Status::Translated,
        "aigerim",
    );
    backdate(&f, last, &today().to_string());
    let html = report(&f, &[]);
    assert!(
        html.contains("aria-label=\"burn-down"),
        "three days draw it"
    );
}

/// Run `audarma ARGS` with `input` on stdin as `user`; it must succeed.
fn piped(f: &Fixture, args: &[&str], user: &str, input: &str) {
    let mut all = args.to_vec();
    all.extend(["--user", user]);
    let out = f.cmd(&all).write_stdin(input).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The fixture's segments have 2, 3, 3, 2 and 5 words. A scripted day:
/// aigerim translates 1-3 into en and drafts 4; dana translates 1 into ru and
/// comments on 2; bolat approves 1, rejects 2 and edits-and-approves 3;
/// aigerim fixes 2.
fn scripted_day(f: &Fixture) {
    piped(
        f,
        &["translate", "doc", "--to", "en"],
        "aigerim",
        "First sentence.\nThere is a second sentence.\nThe third sentence is here.\n:d Fourth.\n:q\n",
    );
    piped(
        f,
        &["translate", "doc", "--to", "ru"],
        "dana",
        "Первое предложение.\n:c термин?\n:q\n",
    );
    piped(
        f,
        &["review", "doc", "--to", "en"],
        "bolat",
        "a\nr wrong tense\ne The third sentence stands here.\n",
    );
    f.cmd(&[
        "set",
        "doc",
        "2",
        "--to",
        "en",
        "--text",
        "A second sentence exists.",
        "--user",
        "aigerim",
    ])
    .assert()
    .success();
}

/// (edits, translated_words, approved_words, rejected_words, approvals, rejections, comments)
type Did = (i64, i64, i64, i64, i64, i64, i64);

fn did(a: &Value) -> Did {
    let n = |k: &str| a[k].as_i64().unwrap_or_else(|| panic!("no {k} in {a}"));
    (
        n("edits"),
        n("translated_words"),
        n("approved_words"),
        n("rejected_words"),
        n("approvals"),
        n("rejections"),
        n("comments"),
    )
}

#[test]
fn each_person_shows_what_they_did_from_the_log() {
    let f = Fixture::new();
    scripted_day(&f);
    // By hand: aigerim saved 1, 2, 3, draft 4 and the fix of 2 (5 edits);
    // 2 + 3 + 3 words went into translated, and 3 again with the fix.
    let expected: [(&str, Did); 3] = [
        ("aigerim", (5, 11, 0, 0, 0, 0, 0)),
        ("bolat", (1, 0, 5, 3, 2, 1, 0)),
        ("dana", (1, 2, 0, 0, 0, 0, 1)),
    ];
    let p = f.json(&["progress", "--by", "person", "--json"]);
    let groups = p["groups"].as_array().unwrap();
    let names: Vec<&str> = groups
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["aigerim", "bolat", "dana"], "people only");
    for ((name, want), g) in expected.iter().zip(groups) {
        assert_eq!(did(&g["activity"]), *want, "{name}");
    }
    assert_eq!(did(&p["total"]["activity"]), (7, 13, 5, 3, 2, 1, 1));

    let html = report(&f, &[]);
    let rows = table_rows(&html, "by-person");
    assert!(!rows.contains_key("(untranslated)") && !rows.contains_key("(not reviewed)"));
    assert_eq!(rows.len(), 4, "three people and the total: {rows:?}");
    let fields = [
        "edits",
        "translated_words",
        "approved_words",
        "rejected_words",
        "approvals",
        "rejections",
        "comments",
    ];
    for (name, want) in expected {
        let cell = |field: &str| -> i64 {
            rows[name]
                .iter()
                .find(|c| c.get("data-field").map(String::as_str) == Some(field))
                .unwrap_or_else(|| panic!("{name}: no {field}"))["data-value"]
                .parse()
                .unwrap()
        };
        let got: Vec<i64> = fields.iter().map(|f| cell(f)).collect();
        let want = [want.0, want.1, want.2, want.3, want.4, want.5, want.6];
        assert_eq!(got, want, "{name} in the table");
        // The chart draws the same words as the table (bolat edited too).
        for (piece, words) in [
            ("translated", want[1]),
            ("approved", want[2]),
            ("rejected", want[3]),
        ] {
            let title = format!("<title>{name}: {piece} {words} words</title>");
            assert_eq!(
                html.contains(&title),
                words > 0,
                "{name}: chart piece {title}"
            );
        }
    }
    assert!(
        !html.contains("touched last"),
        "no shares of what they touched"
    );
}

#[test]
fn the_finish_date_comes_from_the_pace_of_the_last_seven_days() {
    use audarma::store::Status::{Draft, Translated};
    let day = |back: u64| (today() - chrono::Days::new(back)).to_string();
    let f = Fixture::new();
    // en, 15 words: 2 translated ten days ago (before the window), 3 three
    // days ago, 3 yesterday (and segment 1 approved, 2 words), a draft today.
    f.save(1, Lang::En, "First.", Translated, "aigerim");
    let mut last = backdate(&f, 0, &day(10));
    f.save(2, Lang::En, "Second.", Translated, "aigerim");
    last = backdate(&f, last, &day(3));
    f.save(3, Lang::En, "Third.", Translated, "aigerim");
    f.cmd(&["approve", "doc", "1", "--to", "en", "--user", "bolat"])
        .assert()
        .success();
    last = backdate(&f, last, &day(1));
    f.save(4, Lang::En, "Fourth.", Draft, "aigerim");
    backdate(&f, last, &day(0));

    let (p, html) = loop {
        let before = today();
        let p = f.json(&["progress", "--json"]);
        let html = report(&f, &[]);
        if today() == before {
            break (p, html);
        }
    };
    let fc = p["forecast"].as_array().unwrap();
    let en = fc.iter().find(|x| x["lang"] == "en").unwrap();
    // Translation: 13 words left at the start of the window, 7 now: 6 words
    // in 7 days; 7 / (6/7) = 8.17 days, so the 9th day from today.
    assert_eq!(en["pace_days"], 7);
    assert_eq!(en["pace_from"], day(6));
    assert_eq!(en["translation"]["remaining_words"], 7);
    assert!((en["translation"]["words_per_day"].as_f64().unwrap() - 6.0 / 7.0).abs() < 0.01);
    let in_9 = (today() + chrono::Days::new(9)).to_string();
    assert_eq!(en["translation"]["finish"], in_9.as_str());
    // Approval: 15 → 13 words left, 2 in 7 days: 13 / (2/7) = 45.5 → 46 days.
    let in_46 = (today() + chrono::Days::new(46)).to_string();
    assert_eq!(en["approval"]["remaining_words"], 13);
    assert_eq!(en["approval"]["finish"], in_46.as_str());
    // ru: nothing done, no pace, no date.
    let ru = fc.iter().find(|x| x["lang"] == "ru").unwrap();
    assert_eq!(ru["translation"]["finish"], Value::Null);
    assert_eq!(ru["translation"]["words_per_day"], 0.0);

    let en_card = card(&html, "lang", Some("en"));
    assert_eq!(attr(&en_card, "data-finish"), in_9);
    assert!(cards(&html).contains(&in_9));
    let ru_card = card(&html, "lang", Some("ru"));
    assert_eq!(attr(&ru_card, "data-finish"), "");
    assert!(cards(&html).contains("no finish date"), "{}", cards(&html));
    assert!(
        html.contains("divided by the pace"),
        "the report says how the date is computed"
    );
}

#[test]
fn open_comments_are_those_no_later_edit_answered() {
    let f = Fixture::new();
    // aigerim asks on 1 and then translates it (answered), asks on 4 (open).
    piped(
        &f,
        &["translate", "doc", "--to", "en"],
        "aigerim",
        ":c is Бірінші a name?\nFirst sentence.\nSecond.\nThird.\n:c what is this one?\n:q\n",
    );
    // dana asks on 1 in ru: an en edit does not answer it.
    piped(
        &f,
        &["translate", "doc", "--to", "ru"],
        "dana",
        ":c термин?\n:q\n",
    );
    // bolat rejects 2 (open) and 3 (fixed by aigerim: answered).
    for (pos, why) in [("2", "wrong tense"), ("3", "too literal")] {
        f.cmd(&[
            "reject",
            "doc",
            pos,
            "--to",
            "en",
            "--comment",
            why,
            "--user",
            "bolat",
        ])
        .assert()
        .success();
    }
    f.cmd(&[
        "set",
        "doc",
        "3",
        "--to",
        "en",
        "--text",
        "The third one.",
        "--user",
        "aigerim",
    ])
    .assert()
    .success();

    let html = report(&f, &[]);
    let start = html
        .find(r#"<table id="open-comments">"#)
        .expect("open comments");
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let rows: Vec<(String, String, String)> = table
        .split("<tr ")
        .skip(1)
        .map(|tr| {
            let a = crate::review_report::attrs(&tr[..tr.find('>').unwrap()]);
            (
                attr(&a, "data-position").to_string(),
                attr(&a, "data-lang").to_string(),
                attr(&a, "data-kind").to_string(),
            )
        })
        .collect();
    let want = [
        ("1", "ru", "comment"),
        ("2", "en", "rejection"),
        ("4", "en", "comment"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(rows, want, "{table}");
    for text in ["термин?", "wrong tense", "what is this one?"] {
        assert!(table.contains(text), "{text}");
    }
    for answered in ["is Бірінші a name?", "too literal"] {
        assert!(!table.contains(answered), "{answered} was answered");
    }
    assert_eq!(attr(&card(&html, "comments", None), "data-count"), "3");
    let ru = report(&f, &["doc", "--to", "ru"]);
    assert!(ru.contains("термин?") && !ru.contains("wrong tense"));
}
