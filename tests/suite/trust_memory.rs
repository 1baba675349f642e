//! Issue 13, items 2, 3 and 7: what the memory offers and how it counts and
//! attributes its units. The real binary on files in a temporary directory.
//!
//! - A rejected translation is not offered by `suggest` (unless
//!   `--include-rejected`, marked and penalised), never pretranslated, and not
//!   exported unless `--status` asks for it.
//! - One unit per distinct pair: saving, pretranslating or confirming the same
//!   pair again uses the stored unit (its `usagecount` goes up); an export →
//!   import round trip gives back as many units with the same counts.
//! - The translator (who wrote the text) and the reviewer (who approved it)
//!   are kept apart in `get`, `history` and the TMX `creationid`/`changeid`.

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        env.ok(&["init"]);
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn file(&self, name: &str, content: &str) -> String {
        let p = self.path(name);
        std::fs::write(&p, content).unwrap();
        p.to_str().unwrap().to_string()
    }

    fn run_as(&self, user: &str, args: &[&str]) -> Output {
        Command::cargo_bin("audarma")
            .unwrap()
            .arg("--db")
            .arg(self.path("t.db"))
            .args(args)
            .env("AUDARMA_USER", user)
            .env("NO_COLOR", "1")
            .env_remove("AUDARMA_DB")
            .current_dir(self.dir.path())
            .write_stdin("")
            .output()
            .unwrap()
    }

    fn ok_as(&self, user: &str, args: &[&str]) -> String {
        let out = self.run_as(user, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        self.ok_as("aigerim", args)
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Import a document from `text` under `name`.
    fn doc(&self, name: &str, text: &str) {
        let f = self.file(&format!("{name}.txt"), text);
        self.ok(&["import", &f, "--name", name]);
    }

    /// The memory exported as TMX (`extra` flags added).
    fn export(&self, extra: &[&str]) -> String {
        let out = self.path("out.tmx");
        let _ = std::fs::remove_file(&out);
        let mut args = vec!["tmx", "export", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        self.ok(&args);
        std::fs::read_to_string(out).unwrap()
    }
}

const CUSTOMS: &str = "Кеден одағы 2010 жылы құрылды.";
const CUSTOMS_EN: &str = "The Customs Union was set up in 2010.";

fn units(tmx: &str) -> usize {
    tmx.matches("<tu ").count() + tmx.matches("<tu>").count()
}

#[test]
fn a_rejected_translation_is_not_offered_pretranslated_or_exported() {
    let env = Env::new();
    env.doc("a", &format!("{CUSTOMS} Бұл жаңалық."));
    env.ok(&["set", "a", "1", "--to", "en", "--text", CUSTOMS_EN]);
    let offered = env.json(&["suggest", CUSTOMS, "--to", "en", "--json"]);
    assert_eq!(
        offered[0]["score"], 100.0,
        "before the rejection: {offered}"
    );
    env.ok_as(
        "dana",
        &["reject", "a", "1", "--to", "en", "--comment", "wrong term"],
    );

    let offered = env.json(&["suggest", CUSTOMS, "--to", "en", "--json"]);
    assert_eq!(offered, serde_json::json!([]), "rejected text offered");
    let asked = env.json(&[
        "suggest",
        CUSTOMS,
        "--to",
        "en",
        "--include-rejected",
        "--json",
    ]);
    assert_eq!(asked[0]["target"], CUSTOMS_EN);
    assert_eq!(asked[0]["withdrawn"], true);
    assert_eq!(asked[0]["status"], "rejected");
    assert_eq!(asked[0]["score"], 80.0, "20 points off for a rejection");
    let plain = env.ok(&["suggest", CUSTOMS, "--to", "en", "--include-rejected"]);
    assert!(plain.contains("REJECTED"), "{plain}");

    env.doc("b", CUSTOMS);
    let pre = env.json(&["pretranslate", "b", "--to", "en", "--json"]);
    assert_eq!(pre["exact"], 0, "{pre}");
    let b = env.json(&["get", "b", "1", "--to", "en", "--json"]);
    assert_eq!(b["status"], "untranslated", "{b}");

    assert!(!env.export(&[]).contains(CUSTOMS_EN), "exported by default");
    let asked = env.export(&["--status", "rejected"]);
    assert!(asked.contains(CUSTOMS_EN));
    assert!(asked.contains(r#"<prop type="x-audarma-status">rejected</prop>"#));
}

#[test]
fn a_draft_unit_is_offered_with_its_penalty() {
    let env = Env::new();
    env.doc("a", CUSTOMS);
    env.ok(&[
        "set", "a", "1", "--to", "en", "--text", CUSTOMS_EN, "--status", "draft",
    ]);
    let m = env.json(&["suggest", CUSTOMS, "--to", "en", "--json"]);
    assert_eq!(m[0]["score"], 95.0, "{m}");
    assert_eq!(m[0]["standing_penalty"], 5.0);
    assert_eq!(m[0]["withdrawn"], false);
    // A draft is no 100% match: never filled as translated, only as a draft.
    env.doc("b", CUSTOMS);
    let pre = env.json(&["pretranslate", "b", "--to", "en", "--json"]);
    assert_eq!(pre["exact"], 0, "{pre}");
    let pre = env.json(&["pretranslate", "b", "--to", "en", "--min", "90", "--json"]);
    assert_eq!(
        (pre["exact"].clone(), pre["fuzzy"].clone()),
        (0.into(), 1.into())
    );
}

#[test]
fn a_replaced_translation_leaves_no_unit_behind_to_offer() {
    let env = Env::new();
    env.doc("a", CUSTOMS);
    env.doc("b", CUSTOMS);
    env.ok(&["set", "a", "1", "--to", "en", "--text", "Old wording."]);
    env.ok(&["set", "b", "1", "--to", "en", "--text", "Old wording."]);
    env.ok(&["set", "a", "1", "--to", "en", "--text", CUSTOMS_EN]);
    // b still holds the old wording: it is offered beside the new one.
    let m = env.json(&["suggest", CUSTOMS, "--to", "en", "--json"]);
    assert_eq!(m.as_array().unwrap().len(), 2, "{m}");
    env.ok(&["set", "b", "1", "--to", "en", "--text", CUSTOMS_EN]);
    let m = env.json(&["suggest", CUSTOMS, "--to", "en", "--json"]);
    let targets: Vec<&str> = m
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, [CUSTOMS_EN], "nobody holds the old wording");
    let with = env.json(&[
        "suggest",
        CUSTOMS,
        "--to",
        "en",
        "--include-rejected",
        "--json",
    ]);
    assert_eq!(with[1]["status"], "superseded", "{with}");
    assert_eq!(with[1]["score"], 90.0);
}

#[test]
fn one_unit_per_distinct_pair_with_its_use_count() {
    let env = Env::new();
    env.doc("a", CUSTOMS);
    env.doc("b", &format!("{CUSTOMS} Бұл жаңалық."));
    env.doc("c", CUSTOMS);
    env.ok(&["set", "a", "1", "--to", "en", "--text", CUSTOMS_EN]);
    // The same pair typed again in another document, then saved once more.
    env.ok(&["set", "b", "1", "--to", "en", "--text", CUSTOMS_EN]);
    env.ok(&["set", "b", "1", "--to", "en", "--text", CUSTOMS_EN]);
    // A 100% pretranslation of the pair, then confirmed as it is.
    let pre = env.json(&["pretranslate", "c", "--to", "en", "--json"]);
    assert_eq!(pre["exact"], 1, "{pre}");
    let offered = env.json(&["suggest", CUSTOMS, "--to", "en", "--json"]);
    assert_eq!(
        offered.as_array().unwrap().len(),
        1,
        "duplicates: {offered}"
    );

    let tmx = env.export(&[]);
    assert_eq!(units(&tmx), 1, "{tmx}");
    assert!(tmx.contains(r#"usagecount="3""#), "{tmx}");
    assert!(tmx.contains("lastusagedate=\""), "{tmx}");

    // Into a fresh database and out again: the same units, the same counts.
    let copy = Env::new();
    let file = copy.file("in.tmx", &tmx);
    copy.ok(&["tmx", "import", &file]);
    copy.ok(&["tmx", "import", &file]);
    let again = copy.export(&[]);
    assert_eq!(units(&again), 1, "{again}");
    assert!(again.contains(r#"usagecount="3""#), "{again}");
}

#[test]
fn the_translator_and_the_reviewer_are_kept_apart() {
    let env = Env::new();
    env.doc("a", CUSTOMS);
    env.ok_as(
        "aigerim",
        &["set", "a", "1", "--to", "en", "--text", CUSTOMS_EN],
    );
    env.ok_as("dana", &["approve", "a", "1", "--to", "en"]);

    let got = env.json(&["get", "a", "1", "--to", "en", "--json"]);
    assert_eq!(got["translation"]["translator"], "aigerim", "{got}");
    assert_eq!(got["translation"]["author"], "dana");
    let plain = env.ok(&["get", "a", "1", "--to", "en"]);
    assert!(plain.contains("typed by aigerim"), "{plain}");
    assert!(plain.contains("approved by dana"), "{plain}");
    assert!(!plain.contains("by dana at") || plain.contains("approved by dana at"));

    let versions = env.json(&["history", "a", "1", "--to", "en", "--json"]);
    let v = versions.as_array().unwrap();
    assert_eq!(v.len(), 2);
    assert!(v.iter().all(|x| x["translator"] == "aigerim"), "{versions}");
    assert_eq!(v[1]["author"], "dana");

    let tmx = env.export(&[]);
    assert!(tmx.contains(r#"creationid="aigerim""#), "{tmx}");
    assert!(tmx.contains(r#"changeid="dana""#), "{tmx}");
}

#[test]
fn open_comments_are_listed_with_the_segments() {
    let env = Env::new();
    env.doc("a", &format!("{CUSTOMS} Бұл жаңалық."));
    env.ok(&["set", "a", "1", "--to", "en", "--text", CUSTOMS_EN]);
    env.ok_as(
        "dana",
        &[
            "reject",
            "a",
            "1",
            "--to",
            "en",
            "--comment",
            "use 'customs union'",
        ],
    );
    let segs = env.json(&["segments", "a", "--json"]);
    let c = &segs[0]["comments"];
    assert_eq!(c[0]["kind"], "rejection", "{segs}");
    assert_eq!(c[0]["by"], "dana");
    assert_eq!(c[0]["comment"], "use 'customs union'");
    assert_eq!(segs[1]["comments"], serde_json::json!([]));
    let plain = env.ok(&["segments", "a"]);
    assert!(plain.contains("use 'customs union'"), "{plain}");
    // The fix answers it.
    env.ok(&[
        "set",
        "a",
        "1",
        "--to",
        "en",
        "--text",
        "The customs union was set up in 2010.",
    ]);
    let segs = env.json(&["segments", "a", "--json"]);
    assert_eq!(segs[0]["comments"], serde_json::json!([]), "{segs}");
}

/// Item 14: a source that kept a line break (initials joined across lines)
/// prints on one line in `segments`, `get`, `history`, `concordance` and the
/// piped review; a control character in a comment never reaches the terminal.
#[test]
fn a_segment_with_a_line_break_prints_on_one_line_everywhere() {
    let env = Env::new();
    env.doc(
        "a",
        "Елбасы Н.Ә.\nНазарбаев Астанада сөйледі. Бұл маңызды.\n",
    );
    let segs = env.json(&["segments", "a", "--json"]);
    assert!(
        segs[0]["source"].as_str().unwrap().contains('\n'),
        "the stored source keeps its line break: {segs}"
    );
    env.ok(&[
        "set",
        "a",
        "1",
        "--to",
        "en",
        "--text",
        "President N.A. Nazarbayev spoke in Astana.",
    ]);
    env.ok_as(
        "dana",
        &["reject", "a", "1", "--to", "en", "--comment", "name form"],
    );
    // A control character can no longer be typed in (issue 14), but an older
    // database may hold one.
    #[allow(clippy::disallowed_types)]
    let conn = rusqlite::Connection::open(env.path("t.db")).unwrap();
    conn.execute(
        "UPDATE review_events SET comment = 'name\x1b[2J form' WHERE comment = 'name form'",
        [],
    )
    .unwrap();
    drop(conn);
    let outputs = [
        env.ok(&["segments", "a"]),
        env.ok(&["get", "a", "1", "--to", "en"]),
        env.ok(&["concordance", "Назарбаев"]),
    ];
    let history = env.ok(&["history", "a", "1", "--to", "en"]);
    assert_eq!(history.lines().count(), 2, "{history}");
    for out in &outputs {
        let lines: Vec<&str> = out.lines().filter(|l| l.contains("Назарбаев")).collect();
        assert!(!lines.is_empty(), "{out}");
        for l in lines {
            assert!(l.contains("Н.Ә.⏎Назарбаев"), "split over lines: {out}");
        }
        assert!(!out.contains('\x1b'), "a raw ESC printed: {out:?}");
    }
    assert!(outputs[1].contains("name␛[2J form"), "{}", outputs[1]);
    // A search shows the rejected unit too, marked.
    assert!(outputs[2].contains("[REJECTED]"), "{}", outputs[2]);
}
