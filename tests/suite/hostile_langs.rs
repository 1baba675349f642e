//! Issue 14, language tags and targets: ISO 639-2 codes (`kaz`, `eng`, `rus`)
//! are the same languages as `kk`, `en`, `ru` in TMX files and on every
//! `--to`/`--lang`; a value not shaped as a language tag is refused (exit 2,
//! listing the accepted codes, never echoed whole); and translating a document
//! into its own language is refused everywhere a target is given.

use std::path::Path;

use serde_json::Value;

use crate::hostile_support::audarma;

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = audarma(dir).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `args`, expects exit 2, returns stderr.
fn usage(dir: &Path, args: &[&str]) -> String {
    let out = audarma(dir).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    err
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init"]);
    std::fs::write(
        dir.path().join("d.txt"),
        "Бұл мәселе 2011 жылы көтерілді.\nЕкінші сөйлем осында.\n",
    )
    .unwrap();
    ok(dir.path(), &["import", "d.txt"]);
    dir
}

#[test]
fn iso_639_2_codes_work_on_every_language_flag() {
    let dir = setup();
    let d = dir.path();
    ok(
        d,
        &[
            "set",
            "d",
            "1",
            "--to",
            "ENG",
            "--text",
            "This issue was raised in 2011.",
        ],
    );
    let got: Value =
        serde_json::from_str(&ok(d, &["get", "d", "1", "--to", "en-US", "--json"])).unwrap();
    assert_eq!(got["translation"]["text"], "This issue was raised in 2011.");
    assert_eq!(got["lang"], "en");
    let found: Value = serde_json::from_str(&ok(
        d,
        &[
            "suggest",
            "Бұл мәселе 2011 жылы көтерілді.",
            "--to",
            "eng",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(found[0]["score"], 100.0, "{found}");
    ok(
        d,
        &[
            "set",
            "d",
            "1",
            "--to",
            "rus",
            "--text",
            "Этот вопрос поднят в 2011 году.",
        ],
    );
    ok(d, &["tmx", "export", "out.tmx", "--to", "Rus"]);
    std::fs::write(d.join("r.txt"), "Бұл жаңа құжат, қазақ тілінде жазылған.\n").unwrap();
    ok(d, &["import", "r.txt", "--lang", "KAZ"]);
    for flag in [
        ["set", "d", "1", "--to", "kaz", "--text", "x"].as_slice(),
        ["set", "d", "1", "--to", "kk-KZ", "--text", "x"].as_slice(),
    ] {
        let err = usage(d, flag);
        assert!(err.contains("source language"), "{err}");
    }
}

#[test]
fn values_not_shaped_as_language_tags_are_refused_listing_the_codes() {
    let dir = setup();
    let d = dir.path();
    let long = format!("en-{}", "a".repeat(100_000));
    for bad in [
        "en';DROP TABLE tm_units;--",
        long.as_str(),
        "en-US-toolongsubtag",
        "de",
        "english",
    ] {
        for args in [
            vec!["set", "d", "1", "--to", bad, "--text", "x"],
            vec!["suggest", "Бұл", "--to", bad],
            vec!["tmx", "export", "o.tmx", "--to", bad],
            vec!["import", "d.txt", "--name", "e", "--lang", bad],
        ] {
            let err = usage(d, &args);
            assert!(err.contains("en or ru"), "{args:?}: {err}");
            assert!(err.len() < 500, "echoed whole: {} bytes", err.len());
        }
    }
    let got: Value =
        serde_json::from_str(&ok(d, &["get", "d", "1", "--to", "en", "--json"])).unwrap();
    assert_eq!(got["translation"], Value::Null, "nothing was saved");
}

#[test]
fn a_tmx_in_iso_639_2_codes_is_suggested_and_stored_as_kk_en() {
    let dir = setup();
    let d = dir.path();
    let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="ENG" srclang="KAZ" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="kaz"><seg>Бұл мәселе 2011 жылы көтерілді.</seg></tuv><tuv xml:lang="eng-GB"><seg>This matter was raised in 2011.</seg></tuv><tuv xml:lang="RUS"><seg>Этот вопрос был поднят в 2011 году.</seg></tuv></tu>
</body></tmx>"#;
    std::fs::write(d.join("m.tmx"), tmx).unwrap();
    let v: Value = serde_json::from_str(&ok(d, &["tmx", "import", "m.tmx", "--json"])).unwrap();
    assert_eq!(v["suggestible"], 1, "{v}");
    assert_eq!(
        v["languages"],
        serde_json::json!(["en-GB", "kk", "ru"]),
        "{v}"
    );
    for to in ["en", "ru"] {
        let found: Value = serde_json::from_str(&ok(
            d,
            &[
                "suggest",
                "Бұл мәселе 2011 жылы көтерілді.",
                "--to",
                to,
                "--json",
            ],
        ))
        .unwrap();
        assert_eq!(found.as_array().map(Vec::len), Some(1), "{to}: {found}");
        assert_eq!(found[0]["score"], 100.0, "{to}: {found}");
    }
    ok(d, &["tmx", "export", "out.tmx"]);
    let out = std::fs::read_to_string(d.join("out.tmx")).unwrap();
    assert!(
        out.contains(r#"xml:lang="kk""#) && out.contains(r#"xml:lang="en-GB""#),
        "{out}"
    );
}

#[test]
fn a_document_is_never_translated_into_its_own_language() {
    let dir = setup();
    let d = dir.path();
    std::fs::write(
        d.join("r.txt"),
        "Этот вопрос был поднят в 2011 году. Второе предложение здесь.\n",
    )
    .unwrap();
    ok(d, &["import", "r.txt", "--lang", "ru"]);
    for args in [
        vec!["set", "r", "1", "--to", "ru", "--text", "Тот же вопрос."],
        vec!["set", "r", "1", "--to", "rus", "--text", "Тот же вопрос."],
        vec!["translate", "r", "--to", "ru"],
        vec!["pretranslate", "r", "--to", "ru"],
        vec!["export", "r", "--to", "ru", "r.ru.txt"],
        vec!["analyze", "r", "--to", "ru"],
        vec!["review", "r", "--to", "ru"],
        vec!["approve", "r", "1", "--to", "ru"],
    ] {
        let err = usage(d, &args);
        assert!(
            err.contains("'r' is in ru") && err.contains("--to en"),
            "{args:?}: {err}"
        );
    }
    assert!(!d.join("r.ru.txt").exists());
    let segs: Value = serde_json::from_str(&ok(d, &["segments", "r", "--json"])).unwrap();
    assert_eq!(segs[0]["translations"]["ru"], Value::Null, "{segs}");
    // Into the other language it works.
    ok(
        d,
        &[
            "set",
            "r",
            "1",
            "--to",
            "en",
            "--text",
            "This issue was raised in 2011.",
        ],
    );
}
