//! The shared segmentation cases (`../shared/segmentation/cases.jsonl`): every
//! case must split as expected, except those marked `known_limitation`.

use std::path::PathBuf;

use audarma::segment::split_paragraph;
use audarma::text::Lang;

#[derive(serde::Deserialize)]
struct Case {
    lang: String,
    text: String,
    expected: Vec<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    known_limitation: bool,
}

/// `../shared` beside the repository, or `$AUDARMA_SHARED` (for git worktrees
/// that live elsewhere).
fn shared() -> PathBuf {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    match std::env::var_os("AUDARMA_SHARED") {
        Some(d) if !beside.is_dir() => PathBuf::from(d),
        _ => beside,
    }
}

#[test]
fn shared_cases_split_as_expected() {
    let path = shared().join("segmentation/cases.jsonl");
    let Ok(content) = std::fs::read_to_string(&path) else {
        skip(format!("{} is absent", path.display()));
        return;
    };
    let (mut passed, mut failed, mut limits, mut limits_passed) = (0, Vec::new(), 0, 0);
    for (n, line) in content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Case = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1));
        let lang: Lang = case.lang.parse().expect("case language");
        let got = split_paragraph(&case.text, lang);
        let ok = got == case.expected;
        if case.known_limitation {
            limits += 1;
            limits_passed += usize::from(ok);
        } else if ok {
            passed += 1;
        } else {
            failed.push(format!(
                "line {}: {}\n  expected {:?}\n  got      {:?}",
                n + 1,
                case.note,
                case.expected,
                got
            ));
        }
    }
    eprintln!(
        "segmentation cases: {passed}/{} pass; known limitations passing: {limits_passed}/{limits}",
        passed + failed.len()
    );
    assert!(failed.is_empty(), "failing cases:\n{}", failed.join("\n"));
}

/// A missing prerequisite: skipped (with a message), except under `CI=true`,
/// where the test fails instead of passing silently.
fn skip(why: impl std::fmt::Display) {
    if std::env::var_os("CI").is_some_and(|v| v == "true") {
        panic!("CI=true: {why}");
    }
    eprintln!("skipping: {why}");
}
