//! Issue 14, "names that are ids": a document name that reads as an id is
//! refused (`2.txt` needs `--name`), `#N` always means the id, and a name
//! that an older database holds and that is also another document's id is an
//! error naming both, never a write into the wrong document.
// Plants an id-like name as an older database could hold it (a raw connection).
#![allow(clippy::disallowed_types)]

use assert_cmd::Command;

use crate::hostile_support::audarma;

fn code_and_err(c: &mut Command) -> (Option<i32>, String) {
    let out = c.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn names_that_read_as_ids_are_refused_and_ids_are_never_ambiguous() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    audarma(d).arg("init").assert().success();
    std::fs::write(d.join("2.txt"), "Бірінші сөйлем.").unwrap();
    std::fs::write(d.join("b.txt"), "Екінші сөйлем.").unwrap();

    let (code, err) = code_and_err(audarma(d).args(["import", "2.txt"]));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--name") && err.contains("2.txt"), "{err}");
    for name in ["+3", "01", "-1", "#4"] {
        let (code, err) = code_and_err(audarma(d).args(["import", "b.txt", "--name", name]));
        assert_eq!(code, Some(2), "{name}: {err}");
    }
    audarma(d)
        .args(["import", "2.txt", "--name", "first"])
        .assert()
        .success();
    audarma(d).args(["import", "b.txt"]).assert().success();

    // An older database may hold a document named "2" (here: document 1).
    let conn = rusqlite::Connection::open(d.join("t.db")).unwrap();
    conn.execute("UPDATE documents SET name = '2' WHERE id = 1", [])
        .unwrap();
    drop(conn);
    let (code, err) =
        code_and_err(audarma(d).args(["set", "2", "1", "--to", "en", "--text", "Which one?"]));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("#2"), "{err}");
    for doc in ["#1", "#2"] {
        let got = audarma(d)
            .args(["get", doc, "1", "--to", "en", "--json"])
            .output()
            .unwrap();
        assert_eq!(got.status.code(), Some(0), "{doc}");
        let v: serde_json::Value = serde_json::from_slice(&got.stdout).unwrap();
        assert_eq!(v["status"], "untranslated", "{doc}: nothing was written");
    }
    let b: serde_json::Value = serde_json::from_slice(
        &audarma(d)
            .args(["get", "#2", "1", "--to", "en", "--json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(b["document"], "b");
}
