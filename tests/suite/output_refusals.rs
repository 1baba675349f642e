//! An output path that names something the command must not destroy: the
//! database (or its journal), an input of the same command, the exported
//! document's source file, any SQLite file. Every spelling (relative, `../`,
//! a symlink, a hard link) is refused with exit 2, even with `--force`, and the
//! file is left as it was (issue 14, "an output path that is the database or
//! an input").

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::session_common::{audarma, setup, DOC};

const EN: &str = "The boy read a book. It is warm.\n\nThe boy read a book. The air is clean. The boy reads a book.\n";

/// The ways to name `file` (in `dir`) other than its own path: relative to
/// `dir` (the command runs there), through `sub/..`, a symlink, a hard link.
fn spellings(dir: &Path, file: &str) -> Vec<PathBuf> {
    let sub = dir.join("sub");
    let _ = std::fs::create_dir(&sub);
    let mut v = vec![
        dir.join(file),
        PathBuf::from(file),
        PathBuf::from("sub/..").join(file),
    ];
    #[cfg(unix)]
    {
        let link = dir.join(format!("link-to-{file}"));
        let _ = std::os::unix::fs::symlink(dir.join(file), &link);
        let hard = dir.join(format!("hard-{file}"));
        let _ = std::fs::hard_link(dir.join(file), &hard);
        v.push(link);
        v.push(hard);
    }
    v
}

fn align_tsv(db: &Path, dir: &Path, out: &Path) -> assert_cmd::Command {
    let mut c = audarma(db);
    c.current_dir(dir)
        .arg("align")
        .arg(dir.join("doc.txt"))
        .arg(dir.join("doc.en.txt"))
        .args(["--to", "en", "--dry-run", "--force", "--tsv"])
        .arg(out);
    c
}

#[test]
fn align_never_writes_its_review_file_over_one_of_its_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    std::fs::write(dir.path().join("doc.en.txt"), EN).unwrap();
    for input in ["doc.txt", "doc.en.txt"] {
        for out in spellings(dir.path(), input) {
            align_tsv(&db, dir.path(), &out)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("is an input of this command"));
        }
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("doc.txt")).unwrap(),
        DOC
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("doc.en.txt")).unwrap(),
        EN
    );
    // Another file is fine.
    align_tsv(&db, dir.path(), Path::new("pairs.tsv"))
        .assert()
        .success();
    assert!(dir.path().join("pairs.tsv").exists());
}

#[test]
fn export_never_replaces_the_documents_source_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    for out in spellings(dir.path(), "doc.txt") {
        audarma(&db)
            .current_dir(dir.path())
            .args(["export", "doc", "--to", "en", "--force"])
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "is the source file of document 'doc'",
            ))
            .stderr(predicate::str::contains(
                "never replaced, even with --force",
            ));
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("doc.txt")).unwrap(),
        DOC
    );
}

/// Every command that writes a file, with `--force`, writing to `out`.
fn writers(dir: &Path, out: &Path) -> Vec<Vec<String>> {
    let o = out.display().to_string();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let d = |p: &str| dir.join(p).display().to_string();
    vec![
        s(&["export", "doc", "--to", "en", "--force", &o]),
        s(&["tmx", "export", "--force", &o]),
        s(&["report", "--force", &o]),
        s(&[
            "align",
            &d("doc.txt"),
            &d("doc.en.txt"),
            "--to",
            "en",
            "--dry-run",
            "--force",
            "--tsv",
            &o,
        ]),
    ]
}

#[test]
fn no_command_replaces_an_sqlite_file_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    std::fs::write(dir.path().join("doc.en.txt"), EN).unwrap();
    // Another database, named like a text file.
    let other = dir.path().join("notes.txt");
    audarma(&other).arg("init").assert().success();
    let before = std::fs::read(&other).unwrap();
    for out in spellings(dir.path(), "notes.txt") {
        for args in writers(dir.path(), &out) {
            audarma(&db)
                .current_dir(dir.path())
                .args(&args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("is an SQLite database"));
        }
    }
    assert_eq!(std::fs::read(&other).unwrap(), before);
    audarma(&other).arg("docs").assert().success();
}

#[test]
fn the_database_and_its_journal_files_are_refused_by_every_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    std::fs::write(dir.path().join("doc.en.txt"), EN).unwrap();
    let mut outs = spellings(dir.path(), "t.db");
    // The journal files, there or not: through a symlinked folder, relative.
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), dir.path().join("alias")).unwrap();
    for suffix in ["-wal", "-shm", "-journal"] {
        outs.push(PathBuf::from(format!("t.db{suffix}")));
        outs.push(dir.path().join(format!("alias/t.db{suffix}")));
    }
    for out in &outs {
        for args in writers(dir.path(), out) {
            audarma(&db)
                .current_dir(dir.path())
                .args(&args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("is the database"));
        }
    }
    audarma(&db).args(["docs"]).assert().success();
    assert!(!dir.path().join("t.db-journal").exists());
}
