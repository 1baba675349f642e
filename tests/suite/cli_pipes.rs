//! A closed stdout (`audarma segments DOC | head`) ends every command quietly:
//! no panic (exit 101), nothing on stderr, exit 0 (issue 13, item 10).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::session_common::audarma_std;

/// A database with a document large enough that its listing outgrows a pipe's
/// buffer (64 KiB), the bundled memory, and one translation.
fn big_setup(dir: &Path) -> (PathBuf, PathBuf) {
    let db = dir.join("t.db");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let article = std::fs::read_to_string(data.join("integration.kk.txt")).unwrap();
    let file = dir.join("big.txt");
    std::fs::write(&file, article.repeat(8)).unwrap();
    for args in [
        vec!["init".into()],
        vec!["import".into(), file.display().to_string()],
        vec![
            "tmx".into(),
            "import".into(),
            data.join("integration.kk-en-ru.tmx").display().to_string(),
        ],
        ["set", "big", "1", "--to", "en", "--text", "Central Asia."]
            .map(String::from)
            .to_vec(),
    ] {
        let out = audarma_std(&db).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    (db, file)
}

/// Run `cmd` with stdout a pipe whose reader goes away: at once, or (`lines`
/// > 0) after reading that many lines, as `head` does. Returns (exit code, stderr).
fn with_reader_gone(mut cmd: Command, lines: usize) -> (Option<i32>, String) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    if lines > 0 {
        let mut reader = BufReader::new(stdout);
        for _ in 0..lines {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
        }
    } else {
        drop(stdout);
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_command_exits_quietly_when_the_reader_of_its_output_goes() {
    let dir = tempfile::tempdir().unwrap();
    let (db, file) = big_setup(dir.path());
    let file = file.display().to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["segments", "big"],
        vec!["segments", "big", "--json"],
        vec!["segment", &file],
        vec!["segment", &file, "--json"],
        vec!["concordance", "одақ", "--limit", "100000"],
        vec!["progress", "--csv"],
        vec!["progress"],
        vec!["docs"],
        vec!["docs", "--json"],
        vec!["export", "big", "--to", "en", "-"],
        vec!["tmx", "export", "-"],
        vec!["analyze", "big", "--to", "en"],
        vec!["get", "big", "1", "--to", "en"],
        vec!["history", "big", "1", "--to", "en"],
        vec!["suggest", "Кеңес Одағы ыдырады.", "--to", "en"],
        vec!["translate", "big", "--to", "en"],
        vec!["review", "big", "--to", "en"],
        vec!["report", "-"],
    ];
    for args in &commands {
        for lines in [0, 1] {
            let mut cmd = audarma_std(&db);
            cmd.args(args);
            let (code, stderr) = with_reader_gone(cmd, lines);
            assert_eq!(
                code,
                Some(0),
                "{args:?} (reader gone after {lines} lines): {stderr}"
            );
            assert!(
                !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
                "{args:?} (after {lines} lines): {stderr}"
            );
        }
    }
    // The listings that outgrow the pipe's buffer say nothing at all.
    for args in [vec!["segments", "big"], vec!["segment", &file]] {
        let mut cmd = audarma_std(&db);
        cmd.args(&args);
        let (code, stderr) = with_reader_gone(cmd, 1);
        assert_eq!((code, stderr.as_str()), (Some(0), ""), "{args:?}");
    }
}

/// Where `print!` or `println!` (which panic on a closed stdout) is called in `text`.
fn print_calls(text: &str) -> Vec<usize> {
    let mut at = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for macro_call in ["println!(", "print!("] {
            let hit = line
                .match_indices(macro_call)
                .any(|(i, _)| !line[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
            if hit && !line.trim_start().starts_with("//") {
                at.push(n + 1);
            }
        }
    }
    at
}

#[test]
fn nothing_in_the_program_prints_past_the_stdout_writer() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    assert_eq!(
        print_calls("    println!(\"x\");\n eprintln!(\"y\");\nprint!(\"z\")"),
        [1, 3]
    );
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let found: Vec<String> = files
        .iter()
        .flat_map(|p| {
            let lines = print_calls(&std::fs::read_to_string(p).unwrap());
            lines
                .into_iter()
                .map(move |n| format!("{}:{n}", p.display()))
        })
        .collect();
    assert!(
        found.is_empty(),
        "print!/println! panic on a closed pipe; use out!/outln! (cli::common): {found:?}"
    );
}
