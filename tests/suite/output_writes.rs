//! How every output file is written (issue 14, "atomic, consistent writers"):
//! a new file gets `0666 & !umask`, a replaced one keeps its mode (and owner),
//! a symlink is written through to its target, no `.NAME.audarma-tmp-*` file
//! stays after a success or a failure, and a full disk is exit 4 naming the
//! file, whichever command hit it.
#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::session_common::{audarma, setup, stderr};

const EN: &str = "The boy read a book. It is warm.\n\nThe boy read a book. The air is clean. The boy reads a book.\n";

/// The file-writing commands, each writing to `out` with `--force`.
fn writers(dir: &Path, out: &Path) -> Vec<(&'static str, Vec<String>)> {
    let o = out.display().to_string();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let d = |p: &str| dir.join(p).display().to_string();
    vec![
        ("export", s(&["export", "doc", "--to", "en", "--force", &o])),
        ("tmx export", s(&["tmx", "export", "--force", &o])),
        ("report", s(&["report", "--force", &o])),
        (
            "align --tsv",
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
        ),
    ]
}

/// `audarma --db DB ARGS` run by bash after `PRELUDE` (a umask, a ulimit).
fn run_after(prelude: &str, db: &Path, args: &[String]) -> Output {
    Command::new("bash")
        .arg("-c")
        .arg(format!("{prelude}; exec \"$@\""))
        .arg("audarma")
        .arg(assert_cmd::cargo::cargo_bin("audarma"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("AUDARMA_USER", "aigerim")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Names in `dir` that look like one of our temporary files.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".audarma-tmp-"))
        .collect()
}

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    std::fs::write(dir.path().join("doc.en.txt"), EN).unwrap();
    (dir, db)
}

#[test]
fn a_new_file_gets_the_mode_the_umask_gives() {
    let (dir, db) = fixture();
    for (umask, expected) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let out = dir.path().join(format!("out-{umask}"));
        for (name, args) in writers(dir.path(), &out) {
            let _ = std::fs::remove_file(&out);
            let o = run_after(&format!("umask {umask}"), &db, &args);
            assert!(o.status.success(), "{name}: {}", stderr(&o));
            assert_eq!(mode(&out), expected, "{name} under umask {umask}");
        }
    }
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

#[test]
fn a_replaced_file_keeps_its_mode_and_owner() {
    let (dir, db) = fixture();
    let out = dir.path().join("shared.out");
    let root = unsafe_is_root(dir.path());
    for (name, args) in writers(dir.path(), &out) {
        std::fs::write(&out, "old").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
        if root {
            std::os::unix::fs::chown(&out, Some(4321), Some(4321)).unwrap();
        }
        let o = run_after("umask 077", &db, &args);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert_ne!(std::fs::read_to_string(&out).unwrap(), "old", "{name}");
        assert_eq!(mode(&out), 0o640, "{name} keeps the mode");
        if root {
            let m = std::fs::metadata(&out).unwrap();
            assert_eq!((m.uid(), m.gid()), (4321, 4321), "{name} keeps the owner");
        }
    }
    if !root {
        eprintln!("not root: the owner cannot be given away, so only the mode was checked");
    }
}

/// Whether this process may give files away (root), found by trying.
fn unsafe_is_root(dir: &Path) -> bool {
    let probe = dir.join("probe");
    std::fs::write(&probe, "").unwrap();
    let root = std::os::unix::fs::chown(&probe, Some(4321), None).is_ok();
    std::fs::remove_file(&probe).unwrap();
    root
}

#[test]
fn a_symlink_is_written_through_to_its_target() {
    let (dir, db) = fixture();
    let real = dir.path().join("real.out");
    let link = dir.path().join("link.out");
    std::os::unix::fs::symlink("real.out", &link).unwrap();
    for (name, args) in writers(dir.path(), &link) {
        // A dangling link creates its target; an existing target is replaced.
        let _ = std::fs::remove_file(&real);
        for round in ["new", "replace"] {
            let o = run_after("umask 022", &db, &args);
            assert!(o.status.success(), "{name} {round}: {}", stderr(&o));
            let m = std::fs::symlink_metadata(&link).unwrap();
            assert!(m.file_type().is_symlink(), "{name} {round}: the link stays");
            assert!(
                std::fs::metadata(&real).unwrap().len() > 0,
                "{name} {round}"
            );
        }
    }
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

#[test]
fn a_write_that_fails_leaves_the_old_file_and_no_temporary_one() {
    // An output larger than the file size limit: the write fails half way
    // (EFBIG, the signal ignored), as a full disk would.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let big: String = (0..1500)
        .map(|i| format!("Бала кітап оқыды {i}. Күн жылы {i}.\n"))
        .collect();
    std::fs::write(dir.path().join("doc.txt"), &big).unwrap();
    std::fs::write(dir.path().join("doc.en.txt"), EN.repeat(300)).unwrap();
    audarma(&db).arg("init").assert().success();
    audarma(&db)
        .arg("import")
        .arg(dir.path().join("doc.txt"))
        .assert()
        .success();
    let out = dir.path().join("kept.out");
    for (name, args) in writers(dir.path(), &out) {
        if name == "report" || name == "tmx export" {
            continue; // their output here is smaller than the limit
        }
        std::fs::write(&out, "old").unwrap();
        let o = run_after("trap '' XFSZ; ulimit -f 48", &db, &args);
        assert_eq!(o.status.code(), Some(3), "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("kept.out: cannot write"),
            "{name}: {}",
            stderr(&o)
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old", "{name}");
        assert_eq!(temporaries(dir.path()), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn a_full_disk_is_exit_4_naming_the_file_whichever_command() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("no /dev/full here: skipped");
        return;
    }
    let (dir, db) = fixture();
    // With and without --force: a device is written as it is, never replaced.
    for (name, mut args) in writers(dir.path(), full) {
        for _ in 0..2 {
            let o = audarma(&db).args(&args).output().unwrap();
            assert_eq!(o.status.code(), Some(4), "{name}: {}", stderr(&o));
            let err = stderr(&o);
            assert!(
                err.contains("/dev/full: no space left on the disk"),
                "{name}: {err}"
            );
            args.retain(|a| a != "--force");
        }
    }
    assert!(std::fs::metadata(full)
        .unwrap()
        .file_type()
        .is_char_device());
    // Data on stdout into a full disk: the same code.
    let stdout = std::fs::OpenOptions::new().write(true).open(full).unwrap();
    let o = crate::session_common::audarma_std(&db)
        .args(["export", "doc", "--to", "en", "-"])
        .stdout(stdout)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
}
