//! End-to-end: `suggest`, `concordance`, `analyze` and `pretranslate` on the real binary.

use crate::fuzzy_support;

use assert_cmd::Command;
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

const MEETING_2010: &str =
    "Бұл мәселе 2010 жылы өткен мемлекет басшыларының кездесуінде де көтерілді.";

#[test]
fn suggest_json_has_the_issue_fields_and_substitutes_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    fuzzy_support::bundled_db(&db);
    let out = audarma(&db)
        .args([
            "suggest",
            MEETING_2010,
            "--to",
            "en",
            "--min",
            "90",
            "--json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let first = &v[0];
    for field in [
        "score",
        "source",
        "target",
        "target_lang",
        "unit_id",
        "origin",
        "status",
        "changed",
        "diff",
    ] {
        assert!(first.get(field).is_some(), "missing {field} in {first}");
    }
    assert_eq!(first["score"], 99.0);
    assert_eq!(first["substituted"], true);
    assert!(first["target"].as_str().unwrap().contains("2010"));
    let diff = first["diff"].as_array().unwrap();
    assert!(diff
        .iter()
        .any(|d| d["op"] == "insert" && d["text"].as_str().unwrap().contains("2010")));
}

#[test]
fn suggest_explain_and_stdin_and_plain_diff() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    fuzzy_support::bundled_db(&db);
    let out = audarma(&db)
        .args([
            "suggest",
            MEETING_2010,
            "--to",
            "en",
            "--limit",
            "1",
            "--explain",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("99.0%"), "{text}");
    assert!(
        text.contains("replaced") && text.contains("penalty"),
        "{text}"
    );
    assert!(
        text.contains("[-2009-] {+2010+}") || text.contains("[-2008-] {+2010+}"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour off a terminal");

    let out = audarma(&db)
        .args(["suggest", "--to", "en", "--json"])
        .write_stdin(format!(
            "{MEETING_2010}\nМысық терезенің алдында ұйықтап жатыр.\n"
        ))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| json(l.as_bytes()))
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(!lines[0]["matches"].as_array().unwrap().is_empty());
    assert!(lines[1]["matches"].as_array().unwrap().is_empty());
}

#[test]
fn suggest_refuses_bad_arguments_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    fuzzy_support::bundled_db(&db);
    audarma(&db)
        .args(["suggest", "сөз", "--to", "kk"])
        .assert()
        .failure()
        .code(2);
    let out = audarma(&db)
        .args(["suggest", "сөз", "--to", "en", "--min", "150"])
        .assert()
        .failure()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    audarma(&dir.path().join("none.db"))
        .args(["suggest", "сөз", "--to", "en"])
        .assert()
        .failure()
        .code(4);
}

#[test]
fn concordance_finds_inflected_forms() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    fuzzy_support::bundled_db(&db);
    let out = audarma(&db)
        .args(["concordance", "одақ", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["truncated"], false);
    assert_eq!(
        v["total"].as_u64(),
        Some(v["hits"].as_array().unwrap().len() as u64)
    );
    let hits: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| {
            h["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_lowercase())
        })
        .collect();
    assert!(hits.iter().any(|h| h == "одақ"), "{hits:?}");
    assert!(
        hits.iter().any(|h| h != "одақ" && h.starts_with("одағ")),
        "an inflected form: {hits:?}"
    );
    let out = audarma(&db)
        .args(["concordance", "union", "--in", "target", "--to", "en"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("[Union]"));
}

#[test]
fn concordance_says_when_it_shows_only_some_units() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    fuzzy_support::bundled_db(&db);
    let all = json(
        &audarma(&db)
            .args(["concordance", "одақ", "--limit", "0", "--json"])
            .output()
            .unwrap()
            .stdout,
    );
    let total = all["total"].as_u64().unwrap();
    assert!(total > 2, "{all}");
    assert_eq!(all["hits"].as_array().unwrap().len() as u64, total);
    let out = audarma(&db)
        .args(["concordance", "одақ", "--limit", "2"])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!("showing 2 of {total} units; --limit N shows more (0: all)\n")
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("unit ").count(), 2, "{text}");
    let v = json(
        &audarma(&db)
            .args(["concordance", "одақ", "--limit", "2", "--json"])
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(
        (v["total"].as_u64(), v["truncated"].as_bool()),
        (Some(total), Some(true))
    );
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    // Everything shown: nothing said.
    audarma(&db)
        .args(["concordance", "одақ", "--limit", &total.to_string()])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn analyze_lists_the_segments_of_each_band() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    fuzzy_support::bundled_db(&db);
    let exact = &fuzzy_support::bundled_pairs()[29].0;
    let doc = dir.path().join("doc.txt");
    let cat = "Мысық терезенің алдында ұйықтап жатыр.";
    std::fs::write(&doc, format!("{exact}\n{MEETING_2010}\n{cat}\n{exact}\n")).unwrap();
    audarma(&db).arg("import").arg(&doc).assert().success();
    let out = audarma(&db)
        .args(["analyze", "doc", "--to", "en", "--json", "--segments"])
        .output()
        .unwrap();
    let v = json(&out.stdout);
    let rows: Vec<(u64, &str, Option<u64>)> = v["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["position"].as_u64().unwrap(),
                s["band"].as_str().unwrap(),
                s["repeats"].as_u64(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, "100%", None),
            (2, "95-99%", None),
            (3, "no match", None),
            (4, "repetitions", Some(1))
        ],
        "{v}"
    );
    assert_eq!(v["segments"][0]["score"], 100.0);
    assert_eq!(v["segments"][2]["source"], cat);
    assert!(v["segments"][3]["score"].is_null());
    // Without --segments the JSON is the figures alone, as before.
    let plain = audarma(&db)
        .args(["analyze", "doc", "--to", "en", "--json"])
        .output()
        .unwrap();
    assert!(json(&plain.stdout).get("segments").is_none());

    let out = audarma(&db)
        .args(["analyze", "doc", "--to", "en", "--segments"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("no match (1 segments):\n      3            -  Мысық"),
        "{text}"
    );
    assert!(
        text.contains("repetitions (1 segments):\n      4    repeats 1  "),
        "{text}"
    );
    let out = audarma(&db)
        .args([
            "analyze",
            "doc",
            "--to",
            "en",
            "--segments",
            "--band",
            "no match",
            "--json",
        ])
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(v["segments"].as_array().unwrap().len(), 1, "{v}");
    audarma(&db)
        .args([
            "analyze",
            "doc",
            "--to",
            "en",
            "--segments",
            "--band",
            "42%",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown band '42%'"));
}

#[test]
fn analyze_and_pretranslate_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    fuzzy_support::bundled_db(&db);
    let pairs = fuzzy_support::bundled_pairs();
    let doc = dir.path().join("doc.txt");
    // Segment 30: "2005 жылы бұл ұйым Еуразиялық экономикалық қоғамдастыққа қосылды."
    let exact = &pairs[29].0;
    std::fs::write(
        &doc,
        format!("{exact}\n{MEETING_2010}\nМысық терезенің алдында ұйықтап жатыр.\n{exact}\n"),
    )
    .unwrap();
    audarma(&db).arg("import").arg(&doc).assert().success();

    let out = audarma(&db)
        .args(["analyze", "doc", "--to", "en", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let seg = |band: &str| {
        v["bands"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["band"] == band)
            .unwrap()["segments"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(v["total"]["segments"], 4);
    assert_eq!(
        (
            seg("repetitions"),
            seg("100%"),
            seg("95-99%"),
            seg("no match")
        ),
        (1, 1, 1, 1),
        "{v}"
    );
    let out = audarma(&db)
        .args(["analyze", "doc", "--to", "en", "--csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out)
        .unwrap()
        .starts_with("band,segments,words,characters\n"));

    let out = audarma(&db)
        .args(["pretranslate", "doc", "--to", "en", "--min", "90", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(
        (
            v["exact"].as_u64(),
            v["fuzzy"].as_u64(),
            v["unmatched"].as_u64()
        ),
        (Some(2), Some(1), Some(1)),
        "{v}"
    );
    let out = audarma(&db)
        .args(["pretranslate", "doc", "--to", "en", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json(&out)["already_translated"].as_u64(), Some(3));
}

fn tmx(units: &[(&str, &str)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"kk-KZ\" datatype=\"plaintext\"/><body>\n",
    );
    for (kk, en) in units {
        s.push_str(&format!(
            "<tu><tuv xml:lang=\"kk-KZ\"><seg>{kk}</seg></tuv><tuv xml:lang=\"en-US\"><seg>{en}</seg></tuv></tu>\n"
        ));
    }
    s.push_str("</body></tmx>\n");
    s
}

/// Units a TMX import brings in are indexed in bulk before its commit, and a
/// second import adds to the index.
#[test]
fn tmx_imported_units_are_found_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    audarma(&db).arg("init").assert().success();
    let first = dir.path().join("one.tmx");
    std::fs::write(
        &first,
        tmx(&[(
            "Одақ мүшелері жиналысқа келді.",
            "Union members came to the meeting.",
        )]),
    )
    .unwrap();
    audarma(&db)
        .args(["tmx", "import"])
        .arg(&first)
        .assert()
        .success();
    let second = dir.path().join("two.tmx");
    std::fs::write(
        &second,
        tmx(&[(
            "Кітаптарымызда көп сурет бар.",
            "Our books have many pictures.",
        )]),
    )
    .unwrap();
    audarma(&db)
        .args(["tmx", "import"])
        .arg(&second)
        .assert()
        .success();
    for (q, want) in [
        (
            "Одақтың мүшелері жиналысқа келді.",
            "Union members came to the meeting.",
        ),
        (
            "Кітаптарымызда сурет көп бар.",
            "Our books have many pictures.",
        ),
    ] {
        let out = audarma(&db)
            .args(["suggest", q, "--to", "en", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v = json(&out);
        assert_eq!(v[0]["target"], want, "{v}");
    }
}
