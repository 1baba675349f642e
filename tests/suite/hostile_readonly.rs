//! Issue 14, "files and databases behave as users expect" and the smaller
//! ones: a database the user can read but not write works for every read
//! command and every write says "read-only"; a read never writes (no
//! migration: an older database is left byte for byte as it was); an empty
//! `AUDARMA_DB` and a bad `AUDARMA_BUSY_TIMEOUT_MS` are named; a failed
//! migration does not print its SQL.
// Builds older and damaged databases with a raw connection.
#![allow(clippy::disallowed_types)]

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

use crate::hostile_support::audarma;

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Run audarma as a user who may read the database but not write it or its
/// folder: `nobody` when we are root (root writes anything), else ourselves
/// with the folder and file made read-only. `None` when that cannot be set up.
fn as_reader(dir: &Path, args: &[&str]) -> Option<Output> {
    let bin = assert_cmd::cargo::cargo_bin("audarma");
    let mut cmd = if is_root() {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    cmd.arg("--db")
        .arg(dir.join("t.db"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("AUDARMA_USER", "aigerim")
        .env_remove("AUDARMA_DB")
        .current_dir(dir)
        .stdin(std::process::Stdio::null());
    cmd.output().ok()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_database_the_user_cannot_write_serves_every_read_and_refuses_writes_as_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    audarma(d).arg("init").assert().success();
    std::fs::write(d.join("a.txt"), "Бірінші сөйлем. Екінші сөйлем.\n").unwrap();
    audarma(d).args(["import", "a.txt"]).assert().success();
    audarma(d)
        .args([
            "set",
            "a",
            "1",
            "--to",
            "en",
            "--text",
            "The first sentence.",
        ])
        .assert()
        .success();
    let (dir_mode, file_mode) = if is_root() {
        (0o755, 0o644)
    } else {
        (0o555, 0o444)
    };
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(dir_mode)).unwrap();
    std::fs::set_permissions(d.join("t.db"), std::fs::Permissions::from_mode(file_mode)).unwrap();
    let before = std::fs::read(d.join("t.db")).unwrap();
    if as_reader(d, &["--version"]).is_none_or(|o| !o.status.success()) {
        eprintln!("skipped: cannot run audarma as a user without write access here");
        return;
    }
    let reads: &[&[&str]] = &[
        &["docs"],
        &["segments", "a"],
        &["get", "a", "1", "--to", "en"],
        &["history", "a", "1", "--to", "en"],
        &["suggest", "Бірінші сөйлем.", "--to", "en"],
        &["concordance", "сөйлем"],
        &["analyze", "a", "--to", "en"],
        &["progress"],
        &["tmx", "export", "-"],
        &["export", "a", "--to", "en", "-"],
    ];
    for args in reads {
        let o = as_reader(d, args).unwrap();
        assert!(o.status.success(), "{args:?}: {}", err(&o));
    }
    let docs = as_reader(d, &["docs"]).unwrap();
    assert!(String::from_utf8_lossy(&docs.stdout).contains('a'));
    let writes: &[&[&str]] = &[
        &["set", "a", "2", "--to", "en", "--text", "Second."],
        &["approve", "a", "1", "--to", "en"],
        &["docs", "rename", "a", "b"],
    ];
    for args in writes {
        let o = as_reader(d, args).unwrap();
        assert_eq!(o.status.code(), Some(4), "{args:?}: {}", err(&o));
        assert!(
            err(&o).contains("read-only") && err(&o).contains("t.db"),
            "{args:?}: {}",
            err(&o)
        );
        assert!(!err(&o).contains("not an Audarma database"), "{}", err(&o));
    }
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(before, std::fs::read(d.join("t.db")).unwrap());
}

/// A database as the previous release made it (schema version 6).
fn version_6(dir: &Path) {
    let c = rusqlite::Connection::open(dir.join("t.db")).unwrap();
    for (version, sql) in audarma::store::migrations().iter().filter(|(v, _)| *v <= 6) {
        c.execute_batch(sql).unwrap();
        c.pragma_update(None, "user_version", version).unwrap();
    }
    c.pragma_update(None, "application_id", audarma::store::APPLICATION_ID)
        .unwrap();
}

#[test]
fn a_read_never_migrates_and_a_failed_migration_names_no_sql() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    version_6(d);
    let before = std::fs::read(d.join("t.db")).unwrap();
    for args in [&["docs"][..], &["tmx", "export", "-"], &["progress"]] {
        let o = audarma(d).args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(4), "{args:?}: {}", err(&o));
        assert!(err(&o).contains("audarma init"), "{}", err(&o));
        assert_eq!(
            before,
            std::fs::read(d.join("t.db")).unwrap(),
            "{args:?} wrote"
        );
    }

    // A migration that fails (a table in its way) says why, without its SQL,
    // and leaves the file at its version.
    let c = rusqlite::Connection::open(d.join("t.db")).unwrap();
    c.execute_batch("CREATE TABLE database_meta (x)").unwrap();
    drop(c);
    let o = audarma(d).arg("init").output().unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", err(&o));
    let shown = err(&o);
    assert!(shown.contains("migration to version 7 failed"), "{shown}");
    for sql in ["ALTER TABLE", "CREATE TABLE", "INSERT INTO", "randomblob"] {
        assert!(!shown.contains(sql), "the SQL leaked: {shown}");
    }
    assert_eq!(shown.trim_end().lines().count(), 1, "{shown}");
    let c = rusqlite::Connection::open(d.join("t.db")).unwrap();
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 6);
}

#[test]
fn empty_and_malformed_settings_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    audarma(d).arg("init").assert().success();
    let o = Command::cargo_bin("audarma")
        .unwrap()
        .arg("docs")
        .env("AUDARMA_DB", "")
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("AUDARMA_DB is set but empty"),
        "{}",
        err(&o)
    );
    for bad in ["abc", "-5", "5s"] {
        let o = audarma(d)
            .arg("docs")
            .env("AUDARMA_BUSY_TIMEOUT_MS", bad)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", err(&o));
        assert!(err(&o).contains("AUDARMA_BUSY_TIMEOUT_MS") && err(&o).contains(bad));
    }
    audarma(d)
        .arg("docs")
        .env("AUDARMA_BUSY_TIMEOUT_MS", "250")
        .assert()
        .success();
}
