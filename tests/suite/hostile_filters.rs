//! Issue 14, "filters that accept nonsense": a misspelt status or a date that
//! is not on the calendar is a usage error (exit 2) naming the value, never a
//! filter that silently matches nothing or everything.

use crate::hostile_support::audarma;

#[test]
fn tmx_export_refuses_unknown_statuses_and_impossible_dates() {
    let dir = tempfile::tempdir().unwrap();
    audarma(dir.path()).arg("init").assert().success();
    for (flag, value) in [
        ("--status", "aproved"),
        ("--status", "approved,untranslated"),
        ("--changed-since", "2026-13-45"),
        ("--changed-since", "2026-00-00"),
        ("--changed-since", "2026-02-30"),
        ("--changed-since", "last week"),
    ] {
        let out = audarma(dir.path())
            .args(["tmx", "export", "out.tmx", flag, value])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {err}");
        let named = value.rsplit(',').next().unwrap();
        assert!(err.contains(named), "{flag} {value}: {err}");
        assert!(
            !dir.path().join("out.tmx").exists(),
            "{flag} {value}: wrote a file"
        );
    }
    audarma(dir.path())
        .args(["tmx", "export", "out.tmx", "--status", "approved,rejected"])
        .args(["--changed-since", "2026-01-31T17:00:00+05:00"])
        .assert()
        .success();
}
