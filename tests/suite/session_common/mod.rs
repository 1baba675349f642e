//! Shared set-up of the `session_*` tests: a database with one small document.
#![allow(dead_code)] // each test file uses part of it

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
    pty_translate_with(audarma_std(db), extra)
}

/// The same, from a command already set up (another user, a shorter busy timeout ...).
pub fn pty_translate_with(
    mut cmd: std::process::Command,
    extra: &[&str],
) -> rexpect::session::PtySession {
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

/// Collect a child's output stream in the background.
pub fn collect(mut stream: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let buf = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&buf);
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = stream.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
    });
    buf
}

/// Wait (30 s at most) until `needle` has been collected.
pub fn wait_for(buf: &Arc<Mutex<String>>, needle: &str) {
    let start = Instant::now();
    while !buf.lock().unwrap().contains(needle) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {needle:?} in:\n{}",
            buf.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A running piped session: the child, its stdin, its stdout and stderr as collected.
pub type Running = (Child, ChildStdin, Arc<Mutex<String>>, Arc<Mutex<String>>);

/// A piped `translate doc --to en EXTRA...` session (busy timeout 200 ms) with its output collected.
pub fn piped_translate(db: &Path, extra: &[&str]) -> Running {
    let mut cmd = audarma_std(db);
    let mut child = cmd
        .env("AUDARMA_BUSY_TIMEOUT_MS", "200")
        .args(["translate", "doc", "--to", "en"])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let out = collect(child.stdout.take().unwrap());
    let err = collect(child.stderr.take().unwrap());
    (child, stdin, out, err)
}
