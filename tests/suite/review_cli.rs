//! End-to-end tests of `approve`, `reject`, `review` (piped) and `progress` on the real binary.

use crate::review_support;

use audarma::store::Status;
use audarma::text::Lang;
use predicates::prelude::*;
use review_support::Fixture;

#[test]
fn approve_positions_and_refuse_what_is_not_translated() {
    let f = Fixture::new();
    f.save(
        1,
        Lang::En,
        "First sentence.",
        Status::Translated,
        "aigerim",
    );
    f.save(2, Lang::En, "Second.", Status::Draft, "aigerim");
    f.save(3, Lang::En, "Third.", Status::Translated, "aigerim");
    // A refused position: the others are approved all the same, then exit 5.
    f.cmd(&["approve", "doc", "1,2", "--to", "en", "--user", "bolat"])
        .assert()
        .code(5)
        .stdout(predicate::str::contains("approved 1 segment of 'doc' into en: 1"))
        .stderr(predicate::str::contains(
            "1 segment not approved: segment 2: only translated segments can be reviewed (it is draft)",
        ));
    assert_eq!(f.status(1, Lang::En), Status::Approved);
    assert_eq!(f.status(2, Lang::En), Status::Draft);
    let out = f.json(&[
        "approve", "doc", "1,3", "--to", "en", "--user", "bolat", "--json",
    ]);
    assert_eq!(out["approved"], serde_json::json!([3]));
    assert_eq!(out["skipped"], serde_json::json!([1]));
    assert_eq!(f.status(3, Lang::En), Status::Approved);
    f.cmd(&["approve", "doc", "9", "--to", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("positions are 1 to 5"));
}

#[test]
fn a_range_over_approved_segments_approves_the_rest_and_reports_both() {
    let f = Fixture::new();
    for pos in 1..=4 {
        f.save(
            pos,
            Lang::En,
            &format!("Sentence {pos}."),
            Status::Translated,
            "aigerim",
        );
    }
    f.cmd(&["approve", "doc", "2,4", "--to", "en", "--user", "bolat"])
        .assert()
        .success();
    let events = f.event_count();
    f.cmd(&["approve", "doc", "1-4", "--to", "en", "--user", "bolat"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "approved 2 segments of 'doc' into en: 1, 3",
        ))
        .stdout(predicate::str::contains("skipped, already approved: 2, 4"))
        .stderr("");
    assert_eq!(
        f.event_count(),
        events + 2,
        "one event per approval, none for a skip"
    );
    let out = f.json(&["approve", "doc", "1-4", "--to", "en", "--json"]);
    assert_eq!(out["approved"], serde_json::json!([]));
    assert_eq!(out["count"], 0);
    assert_eq!(out["skipped"], serde_json::json!([1, 2, 3, 4]));
    assert_eq!(out["refused"], serde_json::json!([]));

    // Something refused: the rest is still approved, the refused are listed
    // with their reasons (in --json too), and the exit code is 5.
    f.save(
        3,
        Lang::En,
        "Sentence three, again.",
        Status::Translated,
        "aigerim",
    );
    f.save(5, Lang::En, "Sentence five.", Status::Draft, "aigerim");
    let out = f
        .cmd(&["approve", "doc", "1-5", "--to", "en", "--json"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "1 segment not approved: segment 5:",
        ))
        .get_output()
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["approved"], serde_json::json!([3]));
    assert_eq!(v["skipped"], serde_json::json!([1, 2, 4]));
    assert_eq!(v["refused"][0]["position"], 5);
    assert_eq!(v["refused"][0]["status"], "draft");
    assert!(v["refused"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("draft"));
    assert_eq!(f.status(3, Lang::En), Status::Approved);
    assert_eq!(f.status(5, Lang::En), Status::Draft);
}

#[test]
fn approve_all_needs_yes_off_a_terminal() {
    let f = Fixture::new();
    f.save(1, Lang::Ru, "Первое.", Status::Translated, "dana");
    f.save(4, Lang::Ru, "Четвёртое.", Status::Translated, "dana");
    f.save(5, Lang::Ru, "Пятое.", Status::Draft, "dana");
    f.cmd(&["approve", "doc", "all", "--to", "ru"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    f.cmd(&["approve", "doc", "all", "--to", "ru", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "approved 2 segments of 'doc' into ru: 1, 4",
        ));
    assert_eq!(f.status(5, Lang::Ru), Status::Draft);
}

#[test]
fn reject_requires_a_comment_and_logs_it() {
    let f = Fixture::new();
    f.save(
        2,
        Lang::En,
        "Second sentence is.",
        Status::Translated,
        "aigerim",
    );
    f.cmd(&["reject", "doc", "2", "--to", "en", "--comment", " "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a comment"));
    let out = f.json(&[
        "reject",
        "doc",
        "2",
        "--to",
        "en",
        "--comment",
        "word order",
        "--user",
        "bolat",
        "--json",
    ]);
    assert_eq!(out["status"], "rejected");
    let store = audarma::store::Store::open(&f.db).unwrap();
    let doc = store.find_document("doc").unwrap();
    let seg = store.segment_at(&doc, 2).unwrap();
    let audarma::store::Rejection {
        actor: who,
        comment,
        ..
    } = audarma::review::last_rejection(&store, seg.id, Lang::En)
        .unwrap()
        .unwrap();
    assert_eq!((who.as_str(), comment.as_str()), ("bolat", "word order"));
}

#[test]
fn piped_review_applies_commands_in_order() {
    let f = Fixture::new();
    for pos in 1..=4 {
        f.save(
            pos,
            Lang::En,
            &format!("Sentence {pos}."),
            Status::Translated,
            "aigerim",
        );
    }
    f.cmd(&["review", "doc", "--to", "en", "--user", "bolat", "--json"])
        .write_stdin("a\nr too literal\n\ne Sentence four, better.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"approved\""));
    assert_eq!(f.status(1, Lang::En), Status::Approved);
    assert_eq!(f.status(2, Lang::En), Status::Rejected);
    assert_eq!(f.status(3, Lang::En), Status::Translated);
    assert_eq!(f.status(4, Lang::En), Status::Approved);
    // `--only rejected` shows the rejected one; approving it is refused (it needs a fix first).
    f.cmd(&["review", "doc", "--to", "en", "--only", "rejected"])
        .write_stdin("a\n")
        .assert()
        .code(5)
        .stderr(predicate::str::contains("line 1"));
}

#[test]
fn piped_review_prints_a_line_per_decision_with_the_open_comments() {
    let f = Fixture::new();
    for pos in 1..=4 {
        f.save(
            pos,
            Lang::En,
            &format!("Sentence {pos}."),
            Status::Translated,
            "aigerim",
        );
    }
    // A note answered by a later edit is closed; one after the last edit is open.
    f.comment(1, Lang::En, "aigerim", "old question");
    f.save(1, Lang::En, "Sentence one.", Status::Translated, "aigerim");
    f.comment(2, Lang::En, "aigerim", "is the date right?");
    let out = f
        .cmd(&["review", "doc", "--to", "en", "--user", "bolat"])
        .write_stdin("a\nr too literal\n\ne Sentence four, better.\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "segment 1: approve → approved", "{text}");
    assert_eq!(lines[1], "segment 2: reject → rejected", "{text}");
    assert!(
        lines[2].starts_with("  comment by aigerim at ")
            && lines[2].ends_with(": is the date right?"),
        "{text}"
    );
    assert_eq!(lines[3], "segment 4: edit → approved", "{text}");
    assert_eq!(
        lines[4], "approved 1, rejected 1, edited and approved 1",
        "{text}"
    );
    assert_eq!(lines.len(), 5, "{text}");
    assert!(!text.contains("old question"), "{text}");

    // The rejection is an open comment now, shown with the segment next time.
    let v = f.json(&[
        "review", "doc", "--to", "en", "--only", "rejected", "--json",
    ]);
    assert_eq!(v["decisions"], serde_json::json!([]), "{v}");
    let out = f
        .cmd(&["review", "doc", "--to", "en", "--only", "all", "--json"])
        .write_stdin("s\ne Sentence two, fixed.\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["decisions"][0];
    assert_eq!(
        (
            d["position"].as_i64(),
            d["action"].as_str(),
            d["status"].as_str()
        ),
        (Some(2), Some("edit"), Some("approved")),
        "{v}"
    );
    let comments: Vec<(&str, &str)> = d["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["comment"].as_str().unwrap()))
        .collect();
    assert_eq!(
        comments,
        [
            ("comment", "is the date right?"),
            ("rejection", "too literal")
        ]
    );
    assert_eq!(v["edited"], serde_json::json!([2]));
}

#[test]
fn bad_piped_line_changes_nothing() {
    let f = Fixture::new();
    f.save(1, Lang::En, "One.", Status::Translated, "aigerim");
    f.save(2, Lang::En, "Two.", Status::Translated, "aigerim");
    let before = f.event_count();
    f.cmd(&["review", "doc", "--to", "en"])
        .write_stdin("a\nzap\n")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "<stdin>: 2:1: unknown command 'zap'",
        ));
    f.cmd(&["review", "doc", "--to", "en"])
        .write_stdin("a\nr\n")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("needs a comment"));
    assert_eq!(f.event_count(), before);
    assert_eq!(f.status(1, Lang::En), Status::Translated);
}

#[test]
fn review_filters_by_translator() {
    let f = Fixture::new();
    f.save(1, Lang::En, "One.", Status::Translated, "aigerim");
    f.save(2, Lang::En, "Two.", Status::Translated, "dana");
    f.cmd(&["review", "doc", "--to", "en", "--translator", "dana"])
        .write_stdin("a\na\n")
        .assert()
        .success();
    assert_eq!(f.status(1, Lang::En), Status::Translated);
    assert_eq!(f.status(2, Lang::En), Status::Approved);
}

#[test]
fn progress_json_csv_and_table_agree() {
    let f = Fixture::new();
    f.save(1, Lang::En, "One.", Status::Translated, "aigerim");
    f.save(2, Lang::En, "Two.", Status::Translated, "aigerim");
    f.cmd(&["approve", "doc", "1", "--to", "en", "--user", "bolat"])
        .assert()
        .success();
    let p = f.json(&["progress", "doc", "--to", "en", "--json"]);
    let row = &p["groups"][0];
    assert_eq!(row["group"], "doc/en");
    assert_eq!(row["segments"], 5);
    assert_eq!(row["segments_by_status"]["approved"], 1);
    assert_eq!(row["segments_by_status"]["translated"], 1);
    assert_eq!(row["segments_by_status"]["untranslated"], 3);
    let words = row["words"].as_i64().unwrap();
    let csv = f
        .cmd(&["progress", "doc", "--to", "en", "--csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("group,document,lang,segments,words,"));
    assert!(
        lines[1].starts_with(&format!("doc/en,doc,en,5,{words},")),
        "{csv}"
    );
    assert!(lines[2].starts_with("total,"));
    f.cmd(&["progress"])
        .assert()
        .success()
        .stdout(predicate::str::contains("doc/ru"));
    let by = f.json(&["progress", "--by", "reviewer", "--json"]);
    assert_eq!(by["groups"][0]["group"], "bolat");
    assert_eq!(by["groups"][0]["activity"]["approvals"], 1);
    let day = f.json(&["progress", "--by", "day", "--to", "en", "--json"]);
    let today = &day["groups"][0];
    assert_eq!(today["activity"]["translated_words"], 5);
    f.cmd(&["progress", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no document 'nope'"));
}
