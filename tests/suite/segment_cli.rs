//! End-to-end: `audarma segment FILE [--lang L] [--json]` on real files.

use assert_cmd::Command;
use predicates::prelude::*;

fn audarma() -> Command {
    Command::cargo_bin("audarma").expect("binary built")
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

const KAZAKH: &str = "1994 жылғы 29 наурыз күні Қазақстан Президенті Н.Ә.\r\n\
Назарбаев М.В. Ломоносов атындағы университетте идеясын ұсынды. Бұл идея қолдау тапты.\r\n\
\r\n\
Талап етті..Осыдан біраз уақыт бұрын т.б. ұсыныс айтқан болатын.\r\n";

#[test]
fn json_lists_positions_paragraphs_and_exact_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "doc.txt", KAZAKH.as_bytes());
    let out = audarma()
        .args(["segment", file.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows: Vec<(u64, u64, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["position"].as_u64().unwrap(),
                r["paragraph"].as_u64().unwrap(),
                r["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                1,
                1,
                "1994 жылғы 29 наурыз күні Қазақстан Президенті Н.Ә.\r\nНазарбаев М.В. Ломоносов \
                 атындағы университетте идеясын ұсынды."
            ),
            (2, 1, "Бұл идея қолдау тапты."),
            (3, 2, "Талап етті."),
            (4, 3, "Осыдан біраз уақыт бұрын т.б. ұсыныс айтқан болатын."),
        ]
    );
    assert!(list[0]["words"].as_u64().unwrap() > 10);
}

#[test]
fn plain_output_is_one_sentence_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "doc.txt", KAZAKH.as_bytes());
    audarma()
        .args(["segment", file.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1\t1\t1994 жылғы 29 наурыз күні Қазақстан Президенті Н.Ә. Назарбаев М.В.",
        ))
        .stdout(predicate::str::contains("3\t2\tТалап етті.\n"))
        .stdout(predicate::str::starts_with(
            "position\tparagraph\ttext\n1\t1\t",
        ))
        .stdout(predicate::function(|s: &str| s.lines().count() == 5));
}

#[test]
fn russian_and_english_rules_are_selected_by_lang() {
    let dir = tempfile::tempdir().unwrap();
    let ru = write(
        &dir,
        "ru.txt",
        "Это было 29 сентября 2018 г. В другом интервью он сказал иначе.".as_bytes(),
    );
    audarma()
        .args(["segment", ru.to_str().unwrap(), "--lang", "ru"])
        .assert()
        .success()
        .stdout(predicate::function(|s: &str| s.lines().count() == 3));
    let en = write(
        &dir,
        "en.txt",
        b"Mr. Smith met Dr. Jones at 5 p.m. on Monday. They talked.",
    );
    audarma()
        .args(["segment", en.to_str().unwrap(), "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::function(|s: &str| s.lines().count() == 3));
}

#[test]
fn utf16_with_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Бір сөйлем. Екінші сөйлем.".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let file = write(&dir, "utf16.txt", &bytes);
    audarma()
        .args(["segment", file.to_str().unwrap()])
        .assert()
        .success()
        .stdout("position\tparagraph\ttext\n1\t1\tБір сөйлем.\n2\t1\tЕкінші сөйлем.\n");
}

#[test]
fn bad_input_gets_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let empty = write(&dir, "empty.txt", b"");
    let binary = write(&dir, "latin1.txt", b"caf\xe9 \x00\x01");
    for path in [
        missing.as_path(),
        empty.as_path(),
        binary.as_path(),
        dir.path(),
    ] {
        let out = audarma()
            .args(["segment", path.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(stderr.contains(name), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn unknown_language_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "doc.txt", "Бір.".as_bytes());
    audarma()
        .args(["segment", file.to_str().unwrap(), "--lang", "de"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown language"));
}
