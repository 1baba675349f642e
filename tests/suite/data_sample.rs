//! The bundled sample (data/): its segmentation matches the team's gold
//! segmentation, and its messy Latin letters normalise away.

use std::path::PathBuf;

use audarma::segment::split_document;
use audarma::text::{self, Lang};

fn data(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// (position, paragraph, kk, en, ru) rows of the gold file.
pub fn gold() -> Vec<(usize, usize, String, String, String)> {
    data("integration.segments.tsv")
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 5, "bad row: {l}");
            (
                c[0].parse().unwrap(),
                c[1].parse().unwrap(),
                c[2].into(),
                c[3].into(),
                c[4].into(),
            )
        })
        .collect()
}

fn fold_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn segmentation_of_the_sample_matches_the_gold_file() {
    let got = split_document(&data("integration.kk.txt"), Lang::Kk);
    let gold = gold();
    let mut mismatches = Vec::new();
    for (i, (pos, para, kk, _, _)) in gold.iter().enumerate() {
        match got.get(i) {
            Some(s) if fold_space(&s.text) == fold_space(kk) && s.paragraph == *para => {}
            Some(s) => mismatches.push(format!(
                "{pos}: got ¶{} {:?}\n   want ¶{para} {:?}",
                s.paragraph, s.text, kk
            )),
            None => mismatches.push(format!("{pos}: missing {kk:?}")),
        }
    }
    assert!(
        mismatches.is_empty() && got.len() == gold.len(),
        "{} of {} segments differ (got {} segments):\n{}",
        mismatches.len(),
        gold.len(),
        got.len(),
        mismatches.join("\n")
    );
}

#[test]
fn latin_letters_inside_kazakh_words_are_repaired() {
    let source = data("integration.kk.txt");
    let mixed: Vec<&str> = source
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| {
            w.chars().any(|c| c.is_ascii_alphabetic())
                && w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
        })
        .collect();
    assert!(
        mixed.len() >= 100,
        "the sample should have about 100 mixed-script words, found {}",
        mixed.len()
    );
    for w in mixed {
        let key = text::match_key(w);
        assert!(
            !key.chars().any(|c| c.is_ascii_alphabetic()),
            "{w} -> {key}"
        );
    }
    assert_eq!(
        text::match_key("бiрлiгiмiздi"),
        text::match_key("бірлігімізді")
    );
}

fn audarma(db: &std::path::Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("audarma").unwrap();
    c.env_remove("AUDARMA_DB")
        .env("AUDARMA_USER", "test")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--db")
        .arg(db);
    c
}

#[test]
fn the_teams_memory_translates_the_whole_sample_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    audarma(&db).arg("init").assert().success();
    audarma(&db)
        .args(["tmx", "import", "data/integration.kk-en-ru.tmx"])
        .assert()
        .success();
    audarma(&db)
        .args(["import", "data/integration.kk.txt", "--name", "integration"])
        .assert()
        .success();
    for lang in ["en", "ru"] {
        let out = audarma(&db)
            .args(["pretranslate", "integration", "--to", lang, "--json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["exact"], 100, "{lang}: {v}");
    }
    let out = audarma(&db)
        .args(["segments", "integration", "--json"])
        .output()
        .unwrap();
    let segs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (i, (_, _, _, en, ru)) in gold().iter().enumerate() {
        assert_eq!(segs[i]["translations"]["en"]["text"], en.as_str());
        assert_eq!(segs[i]["translations"]["ru"]["text"], ru.as_str());
    }
}

#[test]
fn the_demo_runs_on_the_bundled_data() {
    let dir = tempfile::tempdir().unwrap();
    let keep = dir.path().join("demo");
    let out = audarma(&dir.path().join("unused.db"))
        .args(["demo", "--keep"])
        .arg(&keep)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("100 segments"), "{stdout}");
    assert!(stdout.contains("(numbers substituted)"), "{stdout}");
    assert!(
        stdout.contains("100 of them equal to the team's gold pairing"),
        "{stdout}"
    );
    let english = std::fs::read_to_string(keep.join("integration.en.txt")).unwrap();
    assert_eq!(english.lines().count(), 25);
    assert!(english.starts_with("Central Asia and Eurasian Integration"));
    let tmx = std::fs::read_to_string(keep.join("memory.tmx")).unwrap();
    assert!(tmx.contains("<prop type=\"x-audarma-origin\">aligned</prop>"));
    assert!(
        !dir.path().join("unused.db").exists(),
        "the demo must not touch --db"
    );
}

#[test]
fn the_demo_runs_from_any_folder_with_its_built_in_sample() {
    // An installed binary has no data/ beside it: the sample is built in.
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("elsewhere");
    std::fs::create_dir(&empty).unwrap();
    let out = audarma(&empty.join("unused.db"))
        .current_dir(&empty)
        .arg("demo")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("100 segments"), "{stdout}");
    assert!(stdout.contains("Done."), "{stdout}");
    let left: Vec<_> = std::fs::read_dir(&empty).unwrap().collect();
    assert!(left.is_empty(), "the demo leaves nothing behind: {left:?}");
}
