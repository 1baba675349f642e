//! End-to-end: Kazakh case endings on foreign surnames (issue 13, item 12).
//! `concordance` finds every case form of a name, and `suggest` scores
//! another case of it as an inflection, not a replacement.

use crate::fuzzy_support;

use assert_cmd::Command;
use audarma::store::Store;
use serde_json::Value;

fn audarma(db: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("audarma").unwrap();
    c.arg("--db")
        .arg(db)
        .env("NO_COLOR", "1")
        .env("AUDARMA_USER", "tester");
    c
}

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(out)))
}

/// A database whose memory has a `Назарбаев` sentence (and others).
fn names_db(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("names.db");
    let (mut store, _) = Store::create(&db).unwrap();
    let pairs = [
        (
            "Бұл кітапты Назарбаев жазды.",
            "Nazarbayev wrote this book.",
        ),
        (
            "Пушкиннің өлеңдері қазақ тіліне аударылды.",
            "Pushkin's poems were translated into Kazakh.",
        ),
        (
            "Мысық терезенің алдында ұйықтап жатыр.",
            "The cat is sleeping by the window.",
        ),
    ];
    fuzzy_support::add_indexed(&mut store, pairs.into_iter());
    db
}

#[test]
fn concordance_finds_a_surname_in_another_case() {
    let dir = tempfile::tempdir().unwrap();
    let db = names_db(dir.path());
    for (query, unit) in [
        ("Назарбаевтың", "Назарбаев жазды"),
        ("Назарбаевқа", "Назарбаев жазды"),
        ("Назарбаевпен", "Назарбаев жазды"),
        ("Пушкинге", "Пушкиннің"),
    ] {
        let out = audarma(&db)
            .args(["concordance", query, "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v = json(&out);
        let hits = v["hits"].as_array().unwrap();
        assert_eq!(hits.len(), 1, "{query}: {v}");
        assert!(
            hits[0]["source"].as_str().unwrap().contains(unit),
            "{query}: {v}"
        );
    }
}

#[test]
fn suggest_explains_another_case_of_a_surname_as_inflected() {
    let dir = tempfile::tempdir().unwrap();
    let db = names_db(dir.path());
    let query = "Бұл кітапты Назарбаевқа жазды.";
    let out = audarma(&db)
        .args(["suggest", query, "--to", "en", "--explain", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let best = &v[0];
    let step = best["explain"]["alignment"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["unit"] == "назарбаев")
        .unwrap_or_else(|| panic!("no step for the name: {best}"))
        .clone();
    assert_eq!(step["op"], "inflect", "{step}");
    assert_eq!(step["query"], "назарбаевқа", "{step}");
    // Four words, half an edit: 100 × (1 − 0.5/4).
    assert_eq!(best["score"], 87.5, "{best}");

    let out = audarma(&db)
        .args(["suggest", query, "--to", "en", "--explain"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let step = text
        .lines()
        .find(|l| l.contains("назарбаевқа") && !l.contains("tokens"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(step.trim_start().starts_with("inflected"), "{step}");
}
