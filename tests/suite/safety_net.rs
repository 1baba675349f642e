//! The safety net of issue 12: end-to-end tests of the real `audarma` binary on
//! real files in temporary directories, each with an expected value worked out
//! by hand from the README (never from the code under test), so that moving
//! code between modules cannot change what a user sees without a test failing.
//!
//! Only the CLI and the SQLite file are used (the file directly only to make a
//! database "newer"); nothing here calls the library.
//!
//! Deliberate bugs each test was seen to kill (introduced one at a time in
//! `src/`, the test run, then `git checkout src/`):
//!
//! | bug | killed by |
//! |---|---|
//! | (a) `review/mod.rs` `allowed`: `(Approved, Translated) => edit` made `true` (approved back to translated without an edit) | `status_moves_follow_the_readme_table` |
//! | (b) `report/mod.rs` `Activity::add`: guard `e.from != Some(Translated)` dropped (a re-saved text counts its words again) | `translator_figures_count_words_once_per_move_into_translated` |
//! | (c) `align/dp.rs` `bead_cost`: the `anchors::bead_cost` term dropped | `anchors_decide_which_sentence_was_dropped` |
//! | (d) `fuzzy/score.rs` `score`: `N = query.words` instead of `max(query, unit)` | `score_uses_the_longer_side_as_n` |
//! | (d') the same with `N = unit.words`, and with `min` | `score_uses_the_longer_side_as_n` |
//! | (e) `tmx/inline.rs` `escape_attr`: the `'\n' => "&#10;"` arm dropped | `tmx_attribute_white_space_is_escaped_and_kept` |
// Plants newer or foreign databases as another program would (a raw connection).
#![allow(clippy::disallowed_types)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

// ---------------------------------------------------------------- helpers

/// A temporary directory with a database `t.db` in it.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// A directory with an initialised database.
    fn new() -> Env {
        let env = Env::bare();
        let out = env.run(&["init"]);
        assert_eq!(out.status.code(), Some(0), "init: {}", stderr(&out));
        env
    }

    /// A directory without a database.
    fn bare() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> PathBuf {
        self.path("t.db")
    }

    fn file(&self, name: &str, content: impl AsRef<[u8]>) -> String {
        let p = self.path(name);
        std::fs::write(&p, content).unwrap();
        p.to_str().unwrap().to_string()
    }

    /// The binary on this database, as user `aigerim`, no colour, no stdin.
    fn cmd(&self) -> Command {
        self.cmd_as("aigerim")
    }

    fn cmd_as(&self, user: &str) -> Command {
        let mut c = Command::cargo_bin("audarma").unwrap();
        c.arg("--db")
            .arg(self.db())
            .env("AUDARMA_USER", user)
            .env("NO_COLOR", "1")
            .env_remove("AUDARMA_DB")
            .current_dir(self.dir.path())
            .write_stdin("");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    fn run_as(&self, user: &str, args: &[&str]) -> Output {
        self.cmd_as(user).args(args).output().unwrap()
    }

    /// Run, expect exit code 0, parse stdout as JSON.
    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// Run, expect exit code 0.
    fn ok(&self, args: &[&str]) {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }

    fn ok_as(&self, user: &str, args: &[&str]) {
        let out = self.run_as(user, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{user} {args:?}: {}",
            stderr(&out)
        );
    }

    /// Import a document from `text` under `name`.
    fn import(&self, name: &str, text: &str) {
        let file = self.file(&format!("{name}.txt"), text);
        self.ok(&["import", &file, "--name", name]);
    }

    /// (status, version, text) of a segment in English, from `get --json`.
    fn state(&self, doc: &str, pos: usize) -> (String, i64, Option<String>) {
        let v = self.json(&["get", doc, &pos.to_string(), "--to", "en", "--json"]);
        let t = &v["translation"];
        (
            v["status"].as_str().unwrap().to_string(),
            t["version"].as_i64().unwrap_or(0),
            t["text"].as_str().map(str::to_string),
        )
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

// ------------------------------------------- (a) the status-move table

/// How a segment is put into a starting status, and what is tried on it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Try {
    /// `set --status draft` with the current text.
    DraftSame,
    /// `set --status draft` with a new text.
    DraftNew,
    /// `set --status translated` with the current text.
    TranslatedSame,
    /// `set --status translated` with a new text.
    TranslatedNew,
    Approve,
    Reject,
}

/// What the README says happens. `Ok(status)`: exit 0 and that status;
/// `Refused`: exit 5 and nothing changes; `Same`: exit 0 and nothing changes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Ok(&'static str),
    Same,
    Refused,
}

/// The README's table ("Review": draft ⇄ translated → approved | rejected;
/// rejected → translated after a fix; an edit of an approved translation
/// withdraws the approval; everything else is refused, exit 5), written out
/// for every move the CLI can express. Saving exactly the current text and
/// status again changes nothing ("Re-saving" is not a move).
///
/// A rejected segment goes back to translated or draft only with a fix (a
/// changed text).
fn readme_oracle(from: &str, t: Try) -> Expect {
    use Expect::*;
    use Try::*;
    match (from, t) {
        ("untranslated", DraftNew) => Ok("draft"),
        ("untranslated", TranslatedNew) => Ok("translated"),
        ("untranslated", Approve | Reject) => Refused,

        ("draft", DraftSame) => Same,
        ("draft", DraftNew) => Ok("draft"),
        ("draft", TranslatedSame | TranslatedNew) => Ok("translated"),
        ("draft", Approve | Reject) => Refused,

        ("translated", DraftSame | DraftNew) => Ok("draft"),
        ("translated", TranslatedSame) => Same,
        ("translated", TranslatedNew) => Ok("translated"),
        ("translated", Approve) => Ok("approved"),
        ("translated", Reject) => Ok("rejected"),

        // only an edit withdraws an approval, and it makes it `translated`
        ("approved", TranslatedNew) => Ok("translated"),
        // approving again is skipped: already in the state asked for (issue 13, item 13)
        ("approved", Approve) => Same,
        ("approved", DraftSame | DraftNew | TranslatedSame | Reject) => Refused,

        ("rejected", TranslatedNew) => Ok("translated"),
        ("rejected", TranslatedSame | DraftSame) => Refused,
        ("rejected", DraftNew) => Ok("draft"),
        ("rejected", Approve | Reject) => Refused,

        (from, t) => unreachable!("no such case {from} {t:?}"),
    }
}

const STATUSES: [&str; 5] = [
    "untranslated",
    "draft",
    "translated",
    "approved",
    "rejected",
];
const TRIES: [Try; 6] = [
    Try::DraftSame,
    Try::DraftNew,
    Try::TranslatedSame,
    Try::TranslatedNew,
    Try::Approve,
    Try::Reject,
];

fn put_in_status(env: &Env, doc: &str, pos: &str, status: &str) {
    let set = |st: &str| {
        env.ok_as(
            "tolkyn",
            &[
                "set",
                doc,
                pos,
                "--to",
                "en",
                "--text",
                "Old text.",
                "--status",
                st,
            ],
        )
    };
    match status {
        "untranslated" => {}
        "draft" => set("draft"),
        "translated" => set("translated"),
        "approved" => {
            set("translated");
            env.ok_as("rita", &["approve", doc, pos, "--to", "en"]);
        }
        "rejected" => {
            set("translated");
            env.ok_as(
                "rita",
                &["reject", doc, pos, "--to", "en", "--comment", "wrong term"],
            );
        }
        _ => unreachable!(),
    }
}

fn attempt(env: &Env, doc: &str, pos: &str, t: Try) -> Output {
    let set = |text: &str, st: &str| {
        env.run_as(
            "tolkyn",
            &[
                "set", doc, pos, "--to", "en", "--text", text, "--status", st,
            ],
        )
    };
    match t {
        Try::DraftSame => set("Old text.", "draft"),
        Try::DraftNew => set("New text.", "draft"),
        Try::TranslatedSame => set("Old text.", "translated"),
        Try::TranslatedNew => set("New text.", "translated"),
        Try::Approve => env.run_as("rita", &["approve", doc, pos, "--to", "en"]),
        Try::Reject => env.run_as(
            "rita",
            &["reject", doc, pos, "--to", "en", "--comment", "still wrong"],
        ),
    }
}

#[test]
fn status_moves_follow_the_readme_table() {
    let env = Env::new();
    let cases: Vec<(&str, Try)> = STATUSES
        .iter()
        .flat_map(|s| TRIES.iter().map(move |t| (*s, *t)))
        .filter(|(s, t)| {
            !(*s == "untranslated" && matches!(t, Try::DraftSame | Try::TranslatedSame))
        })
        .collect();
    assert_eq!(cases.len(), 28);
    // One distinct sentence per case, so nothing propagates between them.
    let words = [
        "алма",
        "алмұрт",
        "өрік",
        "шие",
        "жүзім",
        "қарбыз",
        "қауын",
        "құлпынай",
        "таңқурай",
        "қарақат",
        "анар",
        "лимон",
        "апельсин",
        "банан",
        "киви",
        "манго",
        "інжір",
        "хурма",
        "жаңғақ",
        "бадам",
        "пісте",
        "фундук",
        "кокос",
        "ананас",
        "папайя",
        "грейпфрут",
        "мандарин",
        "айва",
    ];
    let doc: String = words
        .iter()
        .map(|w| format!("Бұл жерде {w} өседі.\n"))
        .collect();
    env.import("st", &doc);
    let mut failures = Vec::new();
    for (i, (from, t)) in cases.iter().enumerate() {
        let pos = (i + 1).to_string();
        put_in_status(&env, "st", &pos, from);
        let before = env.state("st", i + 1);
        assert_eq!(before.0, *from, "setting up {from} at {pos}");
        let out = attempt(&env, "st", &pos, *t);
        let after = env.state("st", i + 1);
        let expected = readme_oracle(from, *t);
        let ok = match expected {
            Expect::Ok(to) => code(&out) == Some(0) && after.0 == to && after.1 == before.1 + 1,
            Expect::Same => code(&out) == Some(0) && after == before,
            Expect::Refused => code(&out) == Some(5) && after == before,
        };
        if !ok {
            failures.push(format!(
                "{from} --{t:?}--> expected {expected:?}; got exit {:?}, {:?} (was {:?}): {}",
                code(&out),
                after,
                before,
                stderr(&out).trim()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "moves off the table:\n{}",
        failures.join("\n")
    );
}

#[test]
fn an_edit_of_an_approved_translation_logs_the_withdrawal() {
    let env = Env::new();
    env.import("w", "Бұл жерде алма өседі.\n");
    put_in_status(&env, "w", "1", "approved");
    env.ok_as(
        "tolkyn",
        &[
            "set",
            "w",
            "1",
            "--to",
            "en",
            "--text",
            "Apples grow here.",
            "--json",
        ],
    );
    let v = env.json(&["get", "w", "1", "--to", "en", "--json"]);
    let moves: Vec<(Option<&str>, Option<&str>, &str)> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from_status"].as_str(),
                e["to_status"].as_str(),
                e["actor"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            (None, Some("translated"), "tolkyn"),
            (Some("translated"), Some("approved"), "rita"),
            (Some("approved"), Some("translated"), "tolkyn"),
        ],
        "{v}"
    );
    // the approved version is kept in the history
    assert_eq!(v["history"].as_array().unwrap().len(), 2, "{v}");
}

/// README: "rejected → translated after a fix": the very text the reviewer
/// rejected is refused (it once went back as translated with exit 0).
#[test]
fn a_rejected_translation_needs_a_fix_to_go_back_to_translated() {
    let env = Env::new();
    env.import("r", "Бұл жерде алма өседі.\n");
    put_in_status(&env, "r", "1", "rejected");
    let out = attempt(&env, "r", "1", Try::TranslatedSame);
    assert_eq!(code(&out), Some(5), "{}", stderr(&out));
    assert_eq!(env.state("r", 1).0, "rejected");
}

// ------------------------------------------- (b) the translator's figures

fn translator_rows(env: &Env) -> Vec<(String, i64, i64, Value)> {
    let v = env.json(&[
        "progress",
        "fig",
        "--to",
        "en",
        "--by",
        "translator",
        "--json",
    ]);
    v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let a = &g["activity"];
            (
                g["group"].as_str().unwrap().to_string(),
                a["edits"].as_i64().unwrap(),
                a["translated_words"].as_i64().unwrap(),
                g["words_by_status"].clone(),
            )
        })
        .collect()
}

#[test]
fn translator_figures_count_words_once_per_move_into_translated() {
    let env = Env::new();
    // 4 words and 3 words (numbers count, punctuation does not)
    env.import("fig", "Біз 2011 жылы келдік.\nОлар үйде қалды.\n");
    let set = |who: &str, pos: &str, text: &str, status: &str| {
        env.ok_as(
            who,
            &[
                "set", "fig", pos, "--to", "en", "--text", text, "--status", status,
            ],
        )
    };
    set("alice", "1", "We came in 2011.", "translated"); // alice: 1 edit, 4 words
    set("alice", "1", "We came in 2011.", "translated"); // the same again: nothing
    set("alice", "1", "We arrived in 2011.", "translated"); // an edit, no new words
    let rows = translator_rows(&env);
    assert_eq!(
        (rows[0].0.as_str(), rows[0].1, rows[0].2),
        ("alice", 2, 4),
        "{rows:?}"
    );

    set("bob", "1", "In 2011 we arrived.", "translated"); // bob: 1 edit, 0 words
    set("alice", "2", "They stayed home.", "draft"); // alice: 3 edits, 4 words
    set("alice", "2", "They stayed home.", "translated"); // draft → translated: +3 words
    env.ok_as(
        "rita",
        &["reject", "fig", "2", "--to", "en", "--comment", "at home"],
    );
    set("alice", "2", "They stayed at home.", "translated"); // rejected → translated: +3
    let rows = translator_rows(&env);
    let people: Vec<(&str, i64, i64)> = rows
        .iter()
        .map(|(g, e, w, _)| (g.as_str(), *e, *w))
        .collect();
    // alice last wrote segment 2 (3 words), bob segment 1 (4 words)
    assert_eq!(people, [("alice", 4, 10), ("bob", 1, 0)], "{rows:?}");
    assert_eq!(rows[0].3["translated"], 3, "{rows:?}");
    assert_eq!(rows[1].3["translated"], 4, "{rows:?}");
    let total = env.json(&[
        "progress",
        "fig",
        "--to",
        "en",
        "--by",
        "translator",
        "--json",
    ])["total"]
        .clone();
    assert_eq!(total["activity"]["edits"], 5, "{total}");
    assert_eq!(total["activity"]["translated_words"], 10, "{total}");
    assert_eq!(total["words"], 7, "{total}");
}

// ------------------------------------------- (c) alignment anchors

/// Each paragraph has three Kazakh sentences and a translation that dropped
/// the middle one. Lengths alone merge the first two (checked: that is what
/// the programme without its anchor term answers); the anchors say which
/// sentence has no translation: a number (2004), a citation ([5]) and the
/// Latin words (BBC, Reuters) that are on one side only.
#[test]
fn anchors_decide_which_sentence_was_dropped() {
    let env = Env::bare();
    let kk = env.file(
        "a.txt",
        "Зауыт 1998 жылы салынды. Ол 2004 жылы жабылды. Жаңа зауыт 2015 жылы ашылды.\n\
         Бұл мәселе бұрын зерттелген [3]. Біз оны қайта қарап шықтық [5]. Нәтижелер мүлде басқа болды [7].\n\
         BBC арнасы бұл туралы хабарлады. Кейін бәрі өзгеріп шыға келді. Reuters агенттігі мұны растады.\n",
    );
    let en = env.file(
        "a.en.txt",
        "The factory was built in 1998. The new plant opened in 2015.\n\
         This issue has been studied before [3]. The results were quite different [7].\n\
         The BBC reported on it. Reuters confirmed this.\n",
    );
    let v = env.json(&["align", &kk, &en, "--to", "en", "--json", "--dry-run"]);
    let pairs: Vec<(Vec<u64>, Vec<u64>)> = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let list = |k: &str| -> Vec<u64> {
                p[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_u64().unwrap())
                    .collect()
            };
            (list("source_positions"), list("target_positions"))
        })
        .collect();
    let expected: Vec<(Vec<u64>, Vec<u64>)> = [
        (vec![1], vec![1]),
        (vec![2], vec![]),
        (vec![3], vec![2]),
        (vec![4], vec![3]),
        (vec![5], vec![]),
        (vec![6], vec![4]),
        (vec![7], vec![5]),
        (vec![8], vec![]),
        (vec![9], vec![6]),
    ]
    .into_iter()
    .collect();
    assert_eq!(pairs, expected, "{v}");
    assert_eq!(v["by_paragraph"], true, "{v}");
}

// ------------------------------------------- (d) the match percentage

const MEMORY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="kk" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="kk"><seg>Біз кеше қалаға бардық.</seg></tuv><tuv xml:lang="en"><seg>We went to town yesterday.</seg></tuv></tu>
<tu><tuv xml:lang="kk"><seg>Біз кеше үлкен ескі қалаға жаяу бардық.</seg></tuv><tuv xml:lang="en"><seg>Yesterday we walked to the big old town.</seg></tuv></tu>
</body></tmx>
"#;

fn scores(env: &Env, sentence: &str) -> Vec<(String, f64)> {
    let v = env.json(&["suggest", sentence, "--to", "en", "--min", "0", "--json"]);
    v.as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["source"].as_str().unwrap().to_string(),
                m["score"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// README "The match percentage": score = 100 × (1 − D / N), N = max(words in
/// your sentence, words in the unit); a word inserted or deleted costs 1.
/// The units have 4 and 7 words (the final dot is not a word and matches).
#[test]
fn score_uses_the_longer_side_as_n() {
    let env = Env::new();
    let tmx = env.file("m.tmx", MEMORY);
    env.ok(&["tmx", "import", &tmx]);
    let four = "Біз кеше қалаға бардық.";
    let seven = "Біз кеше үлкен ескі қалаға жаяу бардық.";
    // the query (5 words) is longer than the 4-word unit and shorter than the 7-word one
    let got = scores(&env, "Біз кеше үлкен қалаға бардық.");
    assert_eq!(
        got,
        [
            (four.to_string(), 80.0),   // D = 1 (үлкен), N = 5
            (seven.to_string(), 71.43), // D = 2 (ескі, жаяу), N = 7
        ]
    );
    // the 4-word query: identical to one unit, 3 words short of the other
    let got = scores(&env, four);
    assert_eq!(
        got,
        [(four.to_string(), 100.0), (seven.to_string(), 57.14)] // 100 × (1 − 3/7)
    );
    // a 9-word query, longer than both
    let got = scores(&env, "Біз кеше үлкен ескі қалаға жаяу бардық та қайттық.");
    assert_eq!(
        got,
        [
            (seven.to_string(), 77.78), // D = 2, N = 9
            (four.to_string(), 44.44),  // D = 5, N = 9
        ]
    );
}

// ------------------------------------------- (e) TMX attribute escaping

const WHITE_SPACE_ATTRS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"kk\" datatype=\"plaintext\"/>\n\
<body>\n\
<tu tuid=\"line one&#10;line two&#9;tab&#13;cr\"><tuv xml:lang=\"kk\" creationid=\"a&#10;b\"><seg>Сәлем.</seg></tuv><tuv xml:lang=\"en\"><seg>Hello.</seg></tuv></tu>\n\
</body></tmx>\n";

fn export_tmx(env: &Env) -> String {
    let out = env.run(&["tmx", "export", "-"]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// Lines of a TMX without the header's creationdate (the export's time) and
/// the id of the database that wrote it.
fn without_date(tmx: &str) -> String {
    tmx.lines()
        .filter(|l| !l.starts_with("<header"))
        .filter(|l| {
            !l.trim_start()
                .starts_with("<prop type=\"x-audarma-database\">")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn tmx_attribute_white_space_is_escaped_and_kept() {
    let env = Env::new();
    let tmx = env.file("ws.tmx", WHITE_SPACE_ATTRS);
    env.ok(&["tmx", "import", &tmx]);
    let first = export_tmx(&env);
    // The raw bytes: white space other than the space written as references
    // (a literal newline or tab in an attribute is normalised to a space by
    // every XML parser).
    assert!(
        first.contains("tuid=\"line one&#10;line two&#9;tab&#13;cr\""),
        "{first}"
    );
    assert!(first.contains("creationid=\"a&#10;b\""), "{first}");
    // Read back into a fresh database: the same values, so the same export.
    let again = Env::new();
    let path = again.file("first.tmx", &first);
    let s = again.json(&["tmx", "import", &path, "--json"]);
    assert_eq!(s["imported"], 1, "{s}");
    let second = export_tmx(&again);
    assert_eq!(without_date(&second), without_date(&first));
}

// ------------------------------------------- segmentation: what must not split

/// README "Importing a source document": initials, abbreviations, decimals,
/// list numbers and citations `[1].` are not breaks; lines broken after
/// initials are joined; a reference list keeps each entry whole. One line per
/// paragraph; the expected sentences were written by hand.
#[test]
fn segmentation_does_not_split_where_the_readme_says_it_must_not() {
    let env = Env::bare();
    let kk = env.file(
        "kk.txt",
        "Президенті Н.Ә. Назарбаев келді.\n\
         Президенті Н.Ә.\n\
         Назарбаев келді.\n\
         Кейінірек 1870 ж. Әулие Мартин шіркеуі салынды.\n\
         Қолдан ұстау, т.б. жиі кездеседі.\n\
         Холли 11 млн. фунт алды.\n\
         Ақпаратты kazinform.kz сайтынан 4.1 балл оқыңыз.\n\
         Мысалы: 1. Кіріспе 2. Негізгі бөлім\n\
         Айтқан еді [1]. Дегенмен әртүрлі.\n\
         Жазылған еді. [2] Келесі жылы.\n\
         Соңғы сөйлем.\n\
         Әдебиеттер\n\
         1. Назарбаев Н.Ә. Еуразиялық одақ. – М., 1997. – 480 б.\n\
         2. Статистика агенттігі. Қазақстанның саудасы. – Астана, 2010.\n",
    );
    let got = segment(&env, &kk, "kk");
    let expected: Vec<(u64, &str)> = vec![
        (1, "Президенті Н.Ә. Назарбаев келді."),
        (2, "Президенті Н.Ә.\nНазарбаев келді."),
        (3, "Кейінірек 1870 ж. Әулие Мартин шіркеуі салынды."),
        (4, "Қолдан ұстау, т.б. жиі кездеседі."),
        (5, "Холли 11 млн. фунт алды."),
        (6, "Ақпаратты kazinform.kz сайтынан 4.1 балл оқыңыз."),
        (7, "Мысалы: 1. Кіріспе 2. Негізгі бөлім"),
        (8, "Айтқан еді [1]."),
        (8, "Дегенмен әртүрлі."),
        (9, "Жазылған еді. [2]"),
        (9, "Келесі жылы."),
        (10, "Соңғы сөйлем."),
        (11, "Әдебиеттер"),
        (
            12,
            "1. Назарбаев Н.Ә. Еуразиялық одақ. – М., 1997. – 480 б.",
        ),
        (
            13,
            "2. Статистика агенттігі. Қазақстанның саудасы. – Астана, 2010.",
        ),
    ];
    assert_eq!(got, owned(&expected));

    let ru = env.file(
        "ru.txt",
        "Это было в г. Москве.\nВ 45 г. до н.э. ввели календарь.\nЦена 3.5 млн. руб. выросла.\n",
    );
    let expected = [
        (1, "Это было в г. Москве."),
        (2, "В 45 г. до н.э. ввели календарь."),
        (3, "Цена 3.5 млн. руб. выросла."),
    ];
    assert_eq!(segment(&env, &ru, "ru"), owned(&expected));

    let en = env.file(
        "en.txt",
        "Fruit, e.g. apples, are good.\nIt is at 5 p.m. on Monday.\nMr. Smith met Dr. Jones. They talked.\n",
    );
    let expected = [
        (1, "Fruit, e.g. apples, are good."),
        (2, "It is at 5 p.m. on Monday."),
        (3, "Mr. Smith met Dr. Jones."),
        (3, "They talked."),
    ];
    assert_eq!(segment(&env, &en, "en"), owned(&expected));
}

fn segment(env: &Env, file: &str, lang: &str) -> Vec<(u64, String)> {
    env.json(&["segment", file, "--lang", lang, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["paragraph"].as_u64().unwrap(),
                s["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn owned(list: &[(u64, &str)]) -> Vec<(u64, String)> {
    list.iter().map(|(p, t)| (*p, t.to_string())).collect()
}

// ------------------------------------------- propagation: what must not be replaced

/// README "Translating": a saved translation is propagated to the repetitions
/// of the same sentence (as `translated`, origin `propagated`), unless they
/// were translated differently on purpose.
#[test]
fn propagation_leaves_repetitions_translated_differently_on_purpose() {
    let env = Env::new();
    let same = "Біз кеше қалаға бардық.";
    env.import(
        "rep",
        &format!("{same}\n{same}\n{same}\n{same}\n{same}\nБасқа сөйлем.\n"),
    );
    let set = |who: &str, pos: &str, text: &str, status: &str| {
        env.ok_as(
            who,
            &[
                "set", "rep", pos, "--to", "en", "--text", text, "--status", status,
            ],
        )
    };
    // 3: typed differently (translated); 4: a typed draft; 5: approved
    set("aigerim", "3", "Yesterday we went into town.", "translated");
    set("aigerim", "4", "A draft of mine.", "draft");
    set(
        "aigerim",
        "5",
        "We went to the city yesterday.",
        "translated",
    );
    env.ok_as("rita", &["approve", "rep", "5", "--to", "en"]);
    // Saving 1 fills only 2 (no translation yet) ...
    let saved = env.json(&[
        "set",
        "rep",
        "1",
        "--to",
        "en",
        "--text",
        "We went to town yesterday.",
        "--json",
    ]);
    assert_eq!(saved["propagated"], serde_json::json!([2]), "{saved}");
    // ... and a new text on 1 replaces the propagated 2 but still not 3, 4, 5.
    let saved = env.json(&[
        "set",
        "rep",
        "1",
        "--to",
        "en",
        "--text",
        "Yesterday we went to town.",
        "--json",
    ]);
    assert_eq!(saved["propagated"], serde_json::json!([2]), "{saved}");
    let texts: Vec<(String, Option<String>)> = (1..=6)
        .map(|p| {
            let (s, _, t) = env.state("rep", p);
            (s, t)
        })
        .collect();
    let t = |s: &str, x: Option<&str>| (s.to_string(), x.map(str::to_string));
    assert_eq!(
        texts,
        [
            t("translated", Some("Yesterday we went to town.")),
            t("translated", Some("Yesterday we went to town.")),
            t("translated", Some("Yesterday we went into town.")),
            t("draft", Some("A draft of mine.")),
            t("approved", Some("We went to the city yesterday.")),
            t("untranslated", None),
        ]
    );
    let two = env.json(&["get", "rep", "2", "--to", "en", "--json"]);
    assert_eq!(two["translation"]["origin"], "propagated", "{two}");
    // A draft is not propagated at all.
    let saved = env.json(&[
        "set", "rep", "1", "--to", "en", "--text", "Draft.", "--status", "draft", "--json",
    ]);
    assert_eq!(saved["propagated"], serde_json::json!([]), "{saved}");
    assert_eq!(
        env.state("rep", 2).2.as_deref(),
        Some("Yesterday we went to town.")
    );
}

// ------------------------------------------- exit 3: bad input files

#[test]
fn bad_input_files_exit_3_naming_the_file() {
    let env = Env::new();
    let latin1 = env.file("latin1.txt", b"Caf\xe9 cr\xe8me br\xfbl\xe9e.\n");
    let empty = env.file("empty.txt", b"");
    let binary = env.file("binary.txt", [0u8, 159, 146, 150, 0, 1, 2, 255, 254, 0]);
    let missing = env.path("missing.txt").to_str().unwrap().to_string();
    let good = env.file("good.txt", "Бұл сөйлем.\n");
    let bad_tmx = env.file(
        "bad.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header",
    );
    let missing_tmx = env.path("missing.tmx").to_str().unwrap().to_string();
    let not_tmx = env.file("notes.tmx", "just some text\n");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["import", &missing], "missing.txt"),
        (vec!["import", &latin1], "latin1.txt"),
        (vec!["import", &empty], "empty.txt"),
        (vec!["import", &binary], "binary.txt"),
        (vec!["segment", &latin1], "latin1.txt"),
        (vec!["segment", &missing], "missing.txt"),
        (vec!["tmx", "import", &bad_tmx], "bad.tmx"),
        (vec!["tmx", "import", &bad_tmx, "--lenient"], "bad.tmx"),
        (vec!["tmx", "import", &missing_tmx], "missing.tmx"),
        (vec!["tmx", "import", &not_tmx], "notes.tmx"),
        (
            vec!["align", &latin1, &good, "--to", "en", "--dry-run"],
            "latin1.txt",
        ),
        (
            vec!["align", &good, &missing, "--to", "en", "--dry-run"],
            "missing.txt",
        ),
        (vec!["align", &good, &latin1, "--to", "en"], "latin1.txt"),
    ];
    let mut wrong = Vec::new();
    for (args, name) in &cases {
        let out = env.run(args);
        let err = stderr(&out);
        if code(&out) != Some(3) || !err.contains(name) || err.trim().lines().count() != 1 {
            wrong.push(format!("{args:?}: exit {:?}: {err}", code(&out)));
        }
    }
    assert!(
        wrong.is_empty(),
        "not a one-line exit 3 naming the file:\n{}",
        wrong.join("\n")
    );
    // Nothing was stored by any of them.
    assert_eq!(env.json(&["docs", "--json"]), serde_json::json!([]));
    assert_eq!(units_in(&export_tmx(&env)), 0);
}

fn units_in(tmx: &str) -> usize {
    tmx.matches("<tu>").count() + tmx.matches("<tu ").count()
}

// ------------------------------------------- strict TMX errors: LINE:COLUMN [rule]

const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"kk\" datatype=\"plaintext\"/>\n\
<body>\n\
<tu><tuv xml:lang=\"kk\"><seg>Bir.</seg></tuv><tuv xml:lang=\"en\"><seg>One.</seg></tuv></tu>\n";

/// README: strict import stops at the first problem with
/// `FILE:LINE:COLUMN: what is wrong [rule]`, exit 3, and nothing is written.
/// Lines and columns (1-based) are counted by hand in the files below; each
/// has a sound unit on line 4 that must not be imported.
#[test]
fn strict_tmx_errors_give_line_column_and_rule() {
    let env = Env::new();
    let cases = [
        // the <tuv> (column 7, after two spaces and <tu>) with an unclosed bpt
        (
            "unbalanced.tmx",
            "  <tu><tuv xml:lang=\"kk\"><seg>Eki <bpt i=\"1\">&lt;b&gt;</bpt>ush.</seg></tuv><tuv xml:lang=\"en\"><seg>Two.</seg></tuv></tu>\n",
            "unbalanced.tmx:5:7: ",
            "[inline-unbalanced]",
        ),
        // a <tu> (column 1) without a variant in the source language
        (
            "nosource.tmx",
            "<tu><tuv xml:lang=\"en\"><seg>Two.</seg></tuv></tu>\n",
            "nosource.tmx:5:1: ",
            "[tu-missing-source-variant]",
        ),
        // a <prop> without type, in a <tu> at column 4
        (
            "prop.tmx",
            "   <tu><prop>x</prop><tuv xml:lang=\"kk\"><seg>Eki.</seg></tuv></tu>\n",
            "prop.tmx:5:4: ",
            "[prop-without-type]",
        ),
    ];
    let mut wrong = Vec::new();
    for (name, line5, location, rule) in cases {
        let file = env.file(name, format!("{HEADER}{line5}</body></tmx>\n"));
        let out = env.run(&["tmx", "import", &file]);
        let err = stderr(&out);
        let first = err.lines().next().unwrap_or("");
        if code(&out) != Some(3) || !first.contains(location) || !first.trim_end().ends_with(rule) {
            wrong.push(format!("{name}: exit {:?}: {err}", code(&out)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        units_in(&export_tmx(&env)),
        0,
        "a strict failure wrote units"
    );

    // Not well-formed: the line and column of the offending end tag (ASCII line).
    let file = env.file(
        "mismatch.tmx",
        format!(
            "{HEADER}<tu><tuv xml:lang=\"kk\"><seg>Eki.</seg></tuv><tuv xml:lang=\"en\"><seg>Two.</seg></tu>\n</body></tmx>\n"
        ),
    );
    let out = env.run(&["tmx", "import", &file]);
    assert_eq!(code(&out), Some(3), "{}", stderr(&out));
    // <tu>4 + <tuv xml:lang="kk">19 + <seg>5 + Eki.4 + </seg>6 + </tuv>6 +
    // <tuv xml:lang="en">19 + <seg>5 + Two.4 + </seg>6 = 78: </tu> is at 79
    assert!(
        stderr(&out).contains("mismatch.tmx:5:79: "),
        "{}",
        stderr(&out)
    );
}

// ------------------------------------------- exit 4: the database

/// Every command that uses the database, with arguments that would otherwise
/// work (files exist, the document name is the one imported).
fn every_database_command(env: &Env) -> Vec<Vec<String>> {
    let doc = env.file("doc.txt", "Бұл сөйлем.\n");
    let en = env.file("doc.en.txt", "This is a sentence.\n");
    let tmx = env.file("m.tmx", MEMORY);
    let out = |n: &str| env.path(n).to_str().unwrap().to_string();
    let lists: Vec<Vec<&str>> = vec![
        vec!["import", &doc],
        vec!["docs"],
        vec!["segments", "doc"],
        vec!["tmx", "import", &tmx],
        vec!["tmx", "export", "-"],
        vec!["suggest", "Бұл сөйлем.", "--to", "en"],
        vec!["concordance", "сөйлем"],
        vec!["analyze", "doc", "--to", "en"],
        vec!["pretranslate", "doc", "--to", "en"],
        vec!["translate", "doc", "--to", "en"],
        vec![
            "set",
            "doc",
            "1",
            "--to",
            "en",
            "--text",
            "This is a sentence.",
        ],
        vec!["get", "doc", "1", "--to", "en"],
        vec!["history", "doc", "1", "--to", "en"],
        vec!["review", "doc", "--to", "en"],
        vec!["approve", "doc", "1", "--to", "en"],
        vec!["reject", "doc", "1", "--to", "en", "--comment", "no"],
        vec!["progress"],
    ];
    let mut all: Vec<Vec<String>> = lists
        .into_iter()
        .map(|l| l.into_iter().map(str::to_string).collect())
        .collect();
    all.push(vec![
        "export".into(),
        "doc".into(),
        "--to".into(),
        "en".into(),
        out("doc.out.txt"),
    ]);
    all.push(vec!["report".into(), out("report.html")]);
    all.push(vec![
        "align".into(),
        doc.clone(),
        en,
        "--to".into(),
        "en".into(),
    ]);
    all
}

fn set_user_version(db: &Path, v: i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.pragma_update(None, "user_version", v).unwrap();
}

fn user_version(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_newer_database_is_refused_by_every_command_and_by_init() {
    let env = Env::new();
    let ours = user_version(&env.db());
    assert!(ours > 0);
    set_user_version(&env.db(), ours + 1);
    let mut wrong = Vec::new();
    let mut commands = every_database_command(&env);
    commands.push(vec!["init".into()]);
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.run(&args);
        if code(&out) != Some(4) {
            wrong.push(format!("{args:?}: exit {:?}: {}", code(&out), stderr(&out)));
        }
    }
    assert!(
        wrong.is_empty(),
        "a newer database not refused with exit 4:\n{}",
        wrong.join("\n")
    );
    assert_eq!(
        user_version(&env.db()),
        ours + 1,
        "the database was migrated down"
    );
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let docs: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(docs, 0, "something was written to a newer database");
}

#[test]
fn a_missing_or_foreign_database_exits_4_and_is_not_created() {
    let env = Env::bare();
    let mut wrong = Vec::new();
    for args in &every_database_command(&env) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.run(&args);
        if code(&out) != Some(4) {
            wrong.push(format!(
                "missing db {args:?}: exit {:?}: {}",
                code(&out),
                stderr(&out)
            ));
        }
        assert!(!env.db().exists(), "{args:?} created the database");
    }
    // Not ours: some other program's SQLite file, and a file that is not SQLite.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(conn);
    for args in [vec!["docs"], vec!["init"], vec!["progress"]] {
        let out = env.run(&args);
        if code(&out) != Some(4) {
            wrong.push(format!(
                "foreign sqlite {args:?}: exit {:?}: {}",
                code(&out),
                stderr(&out)
            ));
        }
    }
    std::fs::write(
        env.db(),
        "not a database at all, just some text\n".repeat(100),
    )
    .unwrap();
    for args in [vec!["docs"], vec!["init"]] {
        let out = env.run(&args);
        if code(&out) != Some(4) {
            wrong.push(format!(
                "text file {args:?}: exit {:?}: {}",
                code(&out),
                stderr(&out)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A read-only database as a user sees it: a 0444 file. Tests usually run
/// as root, who writes to a 0444 file anyway, so as root the binary runs
/// under `setpriv` without CAP_DAC_OVERRIDE (then root obeys the mode bits).
/// Returns the database and a runner, or `None` when that is impossible.
fn read_only_env() -> Option<(Env, impl Fn(&[&str]) -> Output)> {
    let env = Env::new();
    // 1 has a 100% match in the memory (pretranslate would fill it); 2 is translated
    env.import("doc", "Біз кеше қалаға бардық.\nОлар үйде қалды.\n");
    let tmx = env.file("m.tmx", MEMORY);
    env.ok(&["tmx", "import", &tmx]);
    env.ok(&[
        "set",
        "doc",
        "2",
        "--to",
        "en",
        "--text",
        "They stayed home.",
    ]);
    let db = env.db();
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).unwrap();
    let root = is_root();
    if root && !has_setpriv() {
        skip_or_fail("setpriv is absent: as root a 0444 database cannot be made read-only");
        return None;
    }
    let dir = env.dir.path().to_path_buf();
    let run = move |args: &[&str]| -> Output {
        let bin = assert_cmd::cargo::cargo_bin("audarma");
        let mut c = if root {
            let mut c = std::process::Command::new("setpriv");
            c.args([
                "--inh-caps=-dac_override,-dac_read_search",
                "--bounding-set=-dac_override,-dac_read_search",
            ])
            .arg(bin);
            c
        } else {
            std::process::Command::new(bin)
        };
        c.arg("--db")
            .arg(dir.join("t.db"))
            .args(args)
            .env("AUDARMA_USER", "aigerim")
            .env_remove("AUDARMA_DB")
            .current_dir(&dir)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    Some((env, run))
}

/// The writes tried on a read-only database.
fn read_only_writes(env: &Env) -> Vec<Vec<String>> {
    let doc2 = env.file("doc2.txt", "Басқа сөйлем.\n");
    let tmx2 = env.file("m2.tmx", MEMORY.replace("бардық.", "бардық ғой."));
    let lists: Vec<Vec<&str>> = vec![
        vec!["set", "doc", "1", "--to", "en", "--text", "We went."],
        vec!["import", &doc2],
        vec!["tmx", "import", &tmx2],
        vec!["pretranslate", "doc", "--to", "en"],
        vec!["approve", "doc", "2", "--to", "en"],
        vec!["reject", "doc", "2", "--to", "en", "--comment", "no"],
    ];
    lists
        .into_iter()
        .map(|l| l.into_iter().map(str::to_string).collect())
        .collect()
}

/// README: a read-only database is a database error, and "a failed command
/// leaves the database as it was". Every write is refused (the exact code is
/// checked by the next test) and reading still works.
#[test]
fn a_read_only_database_refuses_writes_and_changes_nothing() {
    let Some((env, run)) = read_only_env() else {
        return;
    };
    let before = std::fs::read(env.db()).unwrap();
    let mut wrong = Vec::new();
    for args in read_only_writes(&env) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        let expected_ok = match args[0] {
            "set" => code(&out) == Some(4),
            _ => !matches!(code(&out), Some(0) | None),
        };
        if !expected_ok {
            wrong.push(format!("{args:?}: exit {:?}: {}", code(&out), stderr(&out)));
        }
    }
    assert!(
        wrong.is_empty(),
        "writes to a read-only database:\n{}",
        wrong.join("\n")
    );
    assert_eq!(
        std::fs::read(env.db()).unwrap(),
        before,
        "the read-only file changed"
    );
    for args in [
        vec!["docs", "--json"],
        vec!["progress", "--json"],
        vec!["get", "doc", "2", "--to", "en"],
    ] {
        let out = run(&args);
        assert_eq!(
            code(&out),
            Some(0),
            "{args:?} on a read-only database: {}",
            stderr(&out)
        );
    }
}

/// README: exit code 4 for a database that is read-only, for every write
/// (`import`, `tmx import`, `pretranslate`, `approve` and `reject` once exited 1
/// with SQLite's own message).
#[test]
fn a_read_only_database_refuses_every_write_with_exit_4() {
    let Some((env, run)) = read_only_env() else {
        return;
    };
    let mut wrong = Vec::new();
    for args in read_only_writes(&env) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        if code(&out) != Some(4) {
            wrong.push(format!("{args:?}: exit {:?}: {}", code(&out), stderr(&out)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn has_setpriv() -> bool {
    std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Under `CI=true` a missing prerequisite fails the test; elsewhere it is skipped.
fn skip_or_fail(why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true: {why}");
    }
    eprintln!("skipping: {why}");
}
