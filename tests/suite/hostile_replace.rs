//! Issue 14, "`import --replace` deletes the audit trail": the sentences a
//! replace drops are removed, not deleted. Their translations, history and
//! events stay (every event before is there after), hidden from the
//! document; the replace says what it removes and needs `--yes` when work is
//! on it; and putting the right file back brings the work back.
// Reads the event log and history straight from the file to compare them.
#![allow(clippy::disallowed_types)]

use assert_cmd::Command;

use crate::hostile_support::audarma;

fn json(c: &mut Command) -> serde_json::Value {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every row of the event log and the history, as text.
fn audit_trail(db: &std::path::Path) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut rows = Vec::new();
    for sql in [
        "SELECT id, lang, actor, at, kind, from_status, to_status, words, comment FROM review_events ORDER BY id",
        "SELECT id, lang, version, text, status, author, changed_at, origin FROM translation_history ORDER BY id",
    ] {
        let mut stmt = c.prepare(sql).unwrap();
        let n = stmt.column_count();
        let found = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(Result::unwrap);
        rows.extend(found);
    }
    rows
}

const ORIGINAL: &str = "Бірінші сөйлем. Екінші сөйлем. Үшінші сөйлем.\n";
const CHANGED: &str = "Бірінші сөйлем. Жаңа сөйлем.\n";

#[test]
fn a_replace_removes_sentences_without_losing_their_trail_and_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    audarma(d).arg("init").assert().success();
    std::fs::write(d.join("a.txt"), ORIGINAL).unwrap();
    audarma(d).args(["import", "a.txt"]).assert().success();
    for (pos, text) in [
        ("2", "Second one."),
        ("2", "The second sentence."),
        ("3", "Third."),
    ] {
        audarma(d)
            .args(["set", "a", pos, "--to", "en", "--text", text])
            .assert()
            .success();
    }
    audarma(d)
        .args(["approve", "a", "2", "--to", "en", "--user", "dana"])
        .assert()
        .success();
    let trail = audit_trail(&d.join("t.db"));
    assert!(trail.len() >= 5, "{trail:?}");

    // Without --yes (a script), the replace is refused and nothing changes.
    std::fs::write(d.join("a.txt"), CHANGED).unwrap();
    let before = std::fs::read(d.join("t.db")).unwrap();
    let out = audarma(d)
        .args(["import", "--replace", "a.txt"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--yes") && err.contains("1 approved"), "{err}");
    assert_eq!(audit_trail(&d.join("t.db")), trail);
    assert_eq!(before.len(), std::fs::read(d.join("t.db")).unwrap().len());

    let v = json(audarma(d).args(["import", "--replace", "--yes", "--json", "a.txt"]));
    assert_eq!(v["outcome"], "replaced");
    assert_eq!(v["removed"]["segments"], 2, "{v}");
    assert_eq!(v["removed"]["translations"]["en"]["approved"], 1, "{v}");
    assert_eq!(v["removed"]["translations"]["en"]["translated"], 1, "{v}");
    // Every event and every older version is still there, unchanged.
    let after = audit_trail(&d.join("t.db"));
    assert_eq!(after, trail, "the audit trail changed");
    // The document shows the new text only.
    let segs = json(audarma(d).args(["segments", "a", "--json"]));
    let sources: Vec<&str> = segs
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["Бірінші сөйлем.", "Жаңа сөйлем."]);
    let docs = json(audarma(d).args(["docs", "--json"]));
    assert_eq!(docs[0]["segments"], 2, "{docs}");

    // Putting the right file back brings the approved translation back.
    std::fs::write(d.join("a.txt"), ORIGINAL).unwrap();
    json(audarma(d).args(["import", "--replace", "--yes", "--json", "a.txt"]));
    let segs = json(audarma(d).args(["segments", "a", "--json"]));
    assert_eq!(segs.as_array().unwrap().len(), 3);
    assert_eq!(
        segs[1]["translations"]["en"]["text"],
        "The second sentence."
    );
    assert_eq!(segs[1]["translations"]["en"]["status"], "approved");
    assert_eq!(segs[2]["translations"]["en"]["text"], "Third.");
    let history = json(audarma(d).args(["history", "a", "2", "--to", "en", "--json"]));
    assert!(
        history.to_string().contains("Second one."),
        "the older version is back with its sentence: {history}"
    );
    assert_eq!(audit_trail(&d.join("t.db"))[..trail.len()], trail[..]);
}

#[test]
fn a_replace_that_removes_no_work_needs_no_yes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    audarma(d).arg("init").assert().success();
    std::fs::write(d.join("a.txt"), ORIGINAL).unwrap();
    audarma(d).args(["import", "a.txt"]).assert().success();
    std::fs::write(d.join("a.txt"), CHANGED).unwrap();
    let v = json(audarma(d).args(["import", "--replace", "--json", "a.txt"]));
    assert_eq!(v["removed"]["segments"], 2, "{v}");
    assert_eq!(v["removed"]["events"], 0, "{v}");
}

#[test]
fn docs_rm_keeps_the_trail_out_of_view_and_purge_deletes_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    audarma(d).arg("init").assert().success();
    std::fs::write(d.join("a.txt"), ORIGINAL).unwrap();
    audarma(d).args(["import", "a.txt"]).assert().success();
    audarma(d)
        .args(["set", "a", "1", "--to", "en", "--text", "First."])
        .assert()
        .success();
    audarma(d)
        .args(["set", "a", "1", "--to", "en", "--text", "The first."])
        .assert()
        .success();
    let trail = audit_trail(&d.join("t.db"));
    let v = json(audarma(d).args(["docs", "rm", "a", "--yes", "--json"]));
    assert_eq!(v["purged"], false, "{v}");
    assert_eq!(
        audit_trail(&d.join("t.db")),
        trail,
        "docs rm lost the trail"
    );
    assert_eq!(
        json(audarma(d).args(["docs", "--json"])),
        serde_json::json!([])
    );
    // The name is free: the same file comes back as a new, untranslated document.
    audarma(d).args(["import", "a.txt"]).assert().success();
    let segs = json(audarma(d).args(["segments", "a", "--json"]));
    assert!(segs[0]["translations"]["en"].is_null(), "{segs}");
    let v = json(audarma(d).args(["docs", "rm", "a", "--yes", "--purge", "--json"]));
    assert_eq!(v["purged"], true, "{v}");
    assert_eq!(
        audit_trail(&d.join("t.db")),
        trail,
        "only the purged document's trail goes"
    );
}
