//! `audarma import` on the real binary: a progress bar on a terminal (none
//! when stderr is piped) and a warning when the text's letters contradict
//! `--lang` (issue 13, item 15).

use std::path::Path;

use rexpect::session::spawn_command;

use crate::session_common::{audarma, audarma_std};

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

/// The bundled article many times over: an import that takes a while.
fn large_file(dir: &Path) -> std::path::PathBuf {
    let article = std::fs::read_to_string(data("integration.kk.txt")).unwrap();
    let file = dir.join("large.txt");
    std::fs::write(&file, article.repeat(30)).unwrap();
    file
}

#[test]
fn a_large_import_shows_a_progress_bar_on_a_terminal_and_none_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let file = large_file(dir.path());
    let db = dir.path().join("t.db");
    audarma(&db).arg("init").assert().success();

    let out = audarma(&db).arg("import").arg(&file).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "nothing but the summary"
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("imported 'large'"));

    let mut cmd = audarma_std(&db);
    cmd.env("TERM", "xterm")
        .arg("import")
        .arg(&file)
        .args(["--name", "again"]);
    let mut p = spawn_command(cmd, Some(60_000)).unwrap();
    let (before, _) = p.exp_regex(r"storing \[[=> ]+\] \d+/3000").unwrap();
    assert!(before.contains("splitting ["), "{before:?}");
    p.exp_string("imported 'again'").unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn letters_that_contradict_the_language_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    audarma(&db).arg("init").assert().success();
    let cases = [
        ("integration.kk.txt", "ru", Some("are Kazakh (ә ғ қ ң ө ұ ү һ і): is it Kazakh? (--lang kk); imported as ru all the same")),
        ("integration.kk.txt", "en", Some("is it Kazakh? (--lang kk)")),
        ("integration.en.txt", "ru", Some("it has no Cyrillic letters")),
        ("integration.en.txt", "kk", Some("it has no Cyrillic letters")),
        ("integration.ru.txt", "en", Some("letters are Cyrillic: is it Russian? (--lang ru)")),
        ("integration.ru.txt", "kk", Some("is it Russian? (--lang ru)")),
        ("integration.kk.txt", "kk", None),
        ("integration.ru.txt", "ru", None),
        ("integration.en.txt", "en", None),
    ];
    for (i, (file, lang, warning)) in cases.iter().enumerate() {
        let out = audarma(&db)
            .arg("import")
            .arg(data(file))
            .args(["--lang", lang, "--name", &format!("d{i}")])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        match warning {
            Some(w) => {
                assert!(
                    err.starts_with("warning: ") && err.contains(file),
                    "{file} {lang}: {err}"
                );
                assert!(err.contains(w), "{file} as {lang}: {err}");
                assert_eq!(err.lines().count(), 1, "{err}");
            }
            None => assert_eq!(err, "", "{file} as {lang}"),
        }
    }
}
