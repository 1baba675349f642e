//! Issue 14, forged provenance: a TMX file's `x-audarma-status`, origin and
//! dates are the file's claims. Its unit keeps origin `tmx`, is shown as
//! "approved in FILE" (text and `claimed_by_file`/`claimed_status` in JSON) in
//! `suggest`, `concordance` and `get`, ranks after what was approved in this
//! database, cannot date itself in the future (strict: refused; lenient: the
//! import time, with a warning), and a file with our props that this database
//! did not export is warned about; our own export names the database.

use std::path::Path;

use serde_json::Value;

use crate::hostile_support::audarma;

const SOURCE: &str = "Бұл мәселе 2011 жылы көтерілді.";

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = audarma(dir).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(dir, args);
    assert_eq!(code, Some(0), "{args:?}: {err}");
    out
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).unwrap()
}

/// A TMX from elsewhere that claims our props: approved, typed, dated 2099.
fn forged(date: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="kk" datatype="plaintext"/>
<body>
<tu creationdate="{date}" changedate="{date}" creationid="mallory"><prop type="x-audarma-status">approved</prop><prop type="x-audarma-origin">typed</prop><tuv xml:lang="kk"><seg>{SOURCE}</seg></tuv><tuv xml:lang="en"><seg>Forged translation.</seg></tuv></tu>
</body></tmx>"#
    )
}

/// A database with document `d` whose sentence the team translated and approved.
fn team() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init"]);
    std::fs::write(d.join("d.txt"), format!("{SOURCE}\n")).unwrap();
    ok(d, &["import", "d.txt"]);
    ok(
        d,
        &[
            "set",
            "d",
            "1",
            "--to",
            "en",
            "--text",
            "The team's translation.",
            "--user",
            "ana",
        ],
    );
    ok(d, &["approve", "d", "1", "--to", "en", "--user", "boss"]);
    dir
}

#[test]
fn a_future_date_is_refused_in_strict_mode_and_clamped_in_lenient() {
    let dir = team();
    let d = dir.path();
    std::fs::write(d.join("m.tmx"), forged("20990101T000000Z")).unwrap();
    let (code, _, err) = run(d, &["tmx", "import", "m.tmx"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("m.tmx:4:1:") && err.contains("[date-in-future]"),
        "{err}"
    );
    assert!(err.contains("20990101T000000Z"), "{err}");
    let matches = json(d, &["suggest", SOURCE, "--to", "en", "--json"]);
    assert_eq!(
        matches.as_array().unwrap().len(),
        1,
        "strict wrote nothing: {matches}"
    );

    let summary = json(d, &["tmx", "import", "m.tmx", "--lenient", "--json"]);
    assert_eq!(summary["imported"], 1, "{summary}");
    let rules: Vec<&str> = summary["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"date-in-future"), "{summary}");
    let matches = json(d, &["suggest", SOURCE, "--to", "en", "--json"]);
    let from_file = matches
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["target"] == "Forged translation.")
        .unwrap();
    let changed = from_file["changed"].as_str().unwrap();
    assert!(changed < "2098", "clamped to the import time: {changed}");
    // The export says the clamped date too, not the forged one.
    ok(d, &["tmx", "export", "out.tmx"]);
    let out = std::fs::read_to_string(d.join("out.tmx")).unwrap();
    assert!(!out.contains("2099"), "{out}");
    // A day of skew is allowed.
    let tomorrow = (chrono::Utc::now() + chrono::Duration::hours(12))
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let other = forged(&tomorrow).replace("Forged translation.", "Tomorrow's.");
    std::fs::write(d.join("soon.tmx"), other).unwrap();
    ok(d, &["tmx", "import", "soon.tmx"]);
}

#[test]
fn a_file_claimed_approval_is_shown_as_the_files_and_ranks_after_ours() {
    let dir = team();
    let d = dir.path();
    // Dated after the team's approval (within the day allowed), so only the
    // standing can put the team's unit first.
    let now = (chrono::Utc::now() + chrono::Duration::hours(1))
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    std::fs::write(d.join("m.tmx"), forged(&now)).unwrap();
    let (code, _, err) = run(d, &["tmx", "import", "m.tmx"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("[foreign-audarma-props]"), "{err}");

    let matches = json(d, &["suggest", SOURCE, "--to", "en", "--json"]);
    assert_eq!(matches[0]["target"], "The team's translation.", "{matches}");
    assert_eq!(matches[0]["claimed_by_file"], Value::Null, "{matches}");
    let file = &matches[1];
    assert_eq!(file["target"], "Forged translation.");
    assert_eq!(file["origin"], "tmx", "{file}");
    assert_eq!(file["status"], Value::Null, "{file}");
    assert_eq!(file["claimed_status"], "approved", "{file}");
    assert!(
        file["claimed_by_file"].as_str().unwrap().ends_with("m.tmx"),
        "{file}"
    );
    let text = ok(d, &["suggest", SOURCE, "--to", "en"]);
    assert!(text.contains("tmx, approved in m.tmx"), "{text}");

    let hits = json(d, &["concordance", "мәселе", "--json"]);
    let hit = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["target"] == "Forged translation.")
        .unwrap();
    assert_eq!(hit["claimed_status"], "approved", "{hit}");
    let text = ok(d, &["concordance", "мәселе"]);
    assert!(text.contains("[approved in m.tmx]"), "{text}");

    // Pretranslation takes the team's approved translation, not the file's.
    std::fs::write(d.join("e.txt"), format!("{SOURCE}\n")).unwrap();
    ok(d, &["import", "e.txt"]);
    ok(d, &["pretranslate", "e", "--to", "en"]);
    let got = json(d, &["get", "e", "1", "--to", "en", "--json"]);
    assert_eq!(
        got["translation"]["text"], "The team's translation.",
        "{got}"
    );
    assert_eq!(got["claimed_by_file"], Value::Null);

    // Where the file's unit is the only match, `get` says whose approval it is.
    std::fs::write(
        d.join("n.tmx"),
        forged(&now)
            .replace(SOURCE, "Екінші сөйлем осында жазылған.")
            .replace("Forged translation.", "Second sentence."),
    )
    .unwrap();
    ok(d, &["tmx", "import", "n.tmx"]);
    std::fs::write(d.join("f.txt"), "Екінші сөйлем осында жазылған.\n").unwrap();
    ok(d, &["import", "f.txt"]);
    ok(d, &["pretranslate", "f", "--to", "en"]);
    let got = json(d, &["get", "f", "1", "--to", "en", "--json"]);
    assert_eq!(got["claimed_status"], "approved", "{got}");
    assert!(
        got["claimed_by_file"].as_str().unwrap().ends_with("n.tmx"),
        "{got}"
    );
    let text = ok(d, &["get", "f", "1", "--to", "en"]);
    assert!(
        text.contains("approved in") && text.contains("n.tmx"),
        "{text}"
    );
}

#[test]
fn our_export_names_the_database_and_only_another_databases_file_is_warned_about() {
    let dir = team();
    let d = dir.path();
    ok(d, &["tmx", "export", "ours.tmx"]);
    let ours = std::fs::read_to_string(d.join("ours.tmx")).unwrap();
    assert!(
        ours.contains(r#"<prop type="x-audarma-database">"#),
        "{ours}"
    );
    let (code, _, err) = run(d, &["tmx", "import", "ours.tmx"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("foreign-audarma-props"), "{err}");

    // Another database reads the same file: warned, and the approval is a claim.
    let other = tempfile::tempdir().unwrap();
    let o = other.path();
    ok(o, &["init"]);
    std::fs::copy(d.join("ours.tmx"), o.join("ours.tmx")).unwrap();
    let (code, _, err) = run(o, &["tmx", "import", "ours.tmx"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("ours.tmx:") && err.contains("[foreign-audarma-props]"),
        "{err}"
    );
    let matches = json(o, &["suggest", SOURCE, "--to", "en", "--json"]);
    assert_eq!(matches[0]["origin"], "tmx", "{matches}");
    assert_eq!(matches[0]["claimed_status"], "approved", "{matches}");
    // A file's rejection is kept: it lowers trust.
    let rejected = std::fs::read_to_string(d.join("ours.tmx"))
        .unwrap()
        .replace(">approved<", ">rejected<")
        .replace("The team's translation.", "A rejected one.");
    std::fs::write(o.join("rejected.tmx"), rejected).unwrap();
    ok(o, &["tmx", "import", "rejected.tmx"]);
    let matches = json(o, &["suggest", SOURCE, "--to", "en", "--json"]);
    assert!(
        matches
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["target"] != "A rejected one."),
        "{matches}"
    );
}
