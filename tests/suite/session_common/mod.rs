//! Shared set-up of the `session_*` tests: a database with one small document.
#![allow(dead_code)] // each test file uses part of it

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Two paragraphs; sentence 1 repeats as sentence 3, sentence 5 is a near repeat.
pub const DOC: &str =
    "Бала кітап оқыды. Күн жылы.\n\nБала кітап оқыды. Ауа таза. Бала кітап оқиды.\n";

pub fn audarma(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("audarma").unwrap();
    cmd.arg("--db")
        .arg(db)
        .env("AUDARMA_USER", "aigerim")
        .env("NO_COLOR", "1");
    cmd
}

/// A fresh database in `dir` with DOC imported as `doc`.
pub fn setup(dir: &Path) -> PathBuf {
    let db = dir.join("t.db");
    let file = dir.join("doc.txt");
    std::fs::write(&file, DOC).unwrap();
    audarma(&db).arg("init").assert().success();
    audarma(&db).arg("import").arg(&file).assert().success();
    db
}

/// `audarma get DOC POS --to en --json` as JSON.
pub fn get(db: &Path, pos: u32) -> serde_json::Value {
    let out = audarma(db)
        .args(["get", "doc", &pos.to_string(), "--to", "en", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The same command as a plain `std::process::Command` (for spawning with pipes or a pty).
pub fn audarma_std(db: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("audarma"));
    cmd.arg("--db")
        .arg(db)
        .env("AUDARMA_USER", "aigerim")
        .env("NO_COLOR", "1");
    cmd
}

/// `audarma translate doc --to en EXTRA...` on a pseudo-terminal.
pub fn pty_translate(db: &Path, extra: &[&str]) -> rexpect::session::PtySession {
    let mut cmd = audarma_std(db);
    cmd.env("TERM", "xterm")
        .args(["translate", "doc", "--to", "en"])
        .args(extra);
    rexpect::session::spawn_command(cmd, Some(20_000)).unwrap()
}

/// Wait for the segment and its prompt before typing, so no keystroke is
/// taken for the terminal's answer to rustyline's cursor query.
pub fn at(p: &mut rexpect::session::PtySession, segment: &str) {
    p.exp_string(segment).unwrap();
    p.exp_string("en> ").unwrap();
}
