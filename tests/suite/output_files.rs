//! The files commands write: `export`, `tmx export`, `report` and `align --tsv`
//! never replace an existing file without `--force`, never the database even
//! with it, write atomically, and take `-` for stdout (issue 13, item 4).

use std::path::Path;

use predicates::prelude::*;

use crate::session_common::{audarma, setup, stdout, DOC};

const EN: &str = "The boy read a book. It is warm.\n\nThe boy read a book. The air is clean. The boy reads a book.\n";

/// The names in `dir`, sorted (a refused or failed write leaves no temporary file).
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("t.db-"))
        .collect();
    v.sort();
    v
}

#[test]
fn export_refuses_the_documents_source_and_any_existing_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let source = dir.path().join("doc.txt");
    let before = names(dir.path());
    audarma(&db)
        .args(["export", "doc", "--to", "en"])
        .arg(&source)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "doc.txt is the source file of document 'doc'",
        ))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&source).unwrap(), DOC);

    let other = dir.path().join("old.en.txt");
    std::fs::write(&other, "keep me\n").unwrap();
    let out = audarma(&db)
        .args(["export", "doc", "--to", "en"])
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("old.en.txt exists; give --force"))
        .get_output()
        .clone();
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me\n");
    let mut expected = [before, vec!["old.en.txt".into()]].concat();
    expected.sort();
    assert_eq!(names(dir.path()), expected, "no temporary file left behind");

    audarma(&db)
        .args(["export", "doc", "--to", "en", "--force"])
        .arg(&other)
        .assert()
        .success();
    let exported = std::fs::read_to_string(&other).unwrap();
    assert!(exported.contains("Күн жылы."), "{exported}");
    // A new file needs no --force; `-` is stdout.
    let new = dir.path().join("new.en.txt");
    audarma(&db)
        .args(["export", "doc", "--to", "en"])
        .arg(&new)
        .assert()
        .success();
    assert!(new.exists());
    let out = audarma(&db)
        .args(["export", "doc", "--to", "en", "-"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), exported);
}

#[test]
fn no_command_writes_over_the_database_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let spellings = [
        db.clone(),
        sub.join("..").join("t.db"),
        dir.path().join(".").join("t.db"),
    ];
    let tsv_args = |out: &Path| {
        let kk = dir.path().join("doc.txt");
        let en = dir.path().join("doc.en.txt");
        std::fs::write(&en, EN).unwrap();
        vec![
            "align".into(),
            kk.display().to_string(),
            en.display().to_string(),
            "--to".into(),
            "en".into(),
            "--dry-run".into(),
            "--force".into(),
            "--tsv".into(),
            out.display().to_string(),
        ]
    };
    for out in &spellings {
        let o = out.display().to_string();
        let commands: Vec<Vec<String>> = vec![
            ["export", "doc", "--to", "en", "--force", &o]
                .map(String::from)
                .to_vec(),
            ["tmx", "export", "--force", &o].map(String::from).to_vec(),
            ["report", "--force", &o].map(String::from).to_vec(),
            tsv_args(out),
        ];
        for args in commands {
            audarma(&db)
                .args(&args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("is the database"));
        }
    }
    audarma(&db).args(["docs"]).assert().success();
    #[cfg(unix)]
    {
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        audarma(&db)
            .args(["tmx", "export", "--force"])
            .arg(&link)
            .assert()
            .code(2);
        let hard = dir.path().join("hard.db");
        std::fs::hard_link(&db, &hard).unwrap();
        audarma(&db)
            .args(["report", "--force"])
            .arg(&hard)
            .assert()
            .code(2);
    }
    let out = audarma(&db)
        .args(["segments", "doc", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "the database still opens: {out:?}");
}

#[test]
fn tmx_export_report_and_the_review_file_keep_existing_files_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let existing = dir.path().join("existing.out");
    let en = dir.path().join("doc.en.txt");
    std::fs::write(&en, EN).unwrap();
    let kk = dir.path().join("doc.txt");
    let align = |extra: &[&str]| {
        let mut c = audarma(&db);
        c.arg("align")
            .arg(&kk)
            .arg(&en)
            .args(["--to", "en", "--dry-run", "--tsv"]);
        c.arg(&existing).args(extra);
        c
    };
    for args in [vec!["tmx", "export"], vec!["report"]] {
        std::fs::write(&existing, "mine").unwrap();
        let mut cmd = audarma(&db);
        cmd.args(args.iter()).arg(&existing);
        cmd.assert().code(2).stderr(predicate::str::contains(
            "existing.out exists; give --force",
        ));
        assert_eq!(std::fs::read_to_string(&existing).unwrap(), "mine");
        let mut forced = audarma(&db);
        forced.args(args.iter()).arg("--force").arg(&existing);
        forced.assert().success();
        assert_ne!(std::fs::read_to_string(&existing).unwrap(), "mine");
    }
    std::fs::write(&existing, "mine").unwrap();
    align(&[]).assert().code(2);
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "mine");
    align(&["--force"]).assert().success();
    assert!(std::fs::read_to_string(&existing).unwrap().contains('\t'));
    // The report on stdout.
    let out = audarma(&db).args(["report", "-"]).output().unwrap();
    assert!(
        out.status.success() && stdout(&out).contains("<html"),
        "{out:?}"
    );
    assert!(!dir.path().join("-").exists());
}

#[test]
fn untranslated_segments_are_exported_exactly_as_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // A line broken after initials, Latin `i` typed for `і`, a double space.
    let original = "Қазақстан Президенті Н.Ә.\nНазарбаев елдiң бiрлiгi туралы айтты. Екінші  сөйлем.\nҮшінші абзац.\n";
    let file = dir.path().join("e.txt");
    std::fs::write(&file, original).unwrap();
    audarma(&db).arg("init").assert().success();
    audarma(&db).arg("import").arg(&file).assert().success();
    let out = audarma(&db)
        .args(["export", "e", "--to", "en", "-"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), original);
    let out = audarma(&db)
        .args(["export", "e", "--to", "ru", "--fallback", "mark", "-"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with("[[Қазақстан Президенті Н.Ә.\nНазарбаев елдiң бiрлiгi туралы айтты.]] [[Екінші  сөйлем.]]\n"),
        "{}",
        stdout(&out)
    );
    // A translation next to the untouched source keeps the paragraphs.
    audarma(&db)
        .args([
            "set",
            "e",
            "2",
            "--to",
            "en",
            "--text",
            "The second sentence.",
        ])
        .assert()
        .success();
    let out = audarma(&db)
        .args(["export", "e", "--to", "en", "-"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "Қазақстан Президенті Н.Ә.\nНазарбаев елдiң бiрлiгi туралы айтты. The second sentence.\nҮшінші абзац.\n"
    );
}
