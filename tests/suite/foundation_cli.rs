//! End-to-end tests of the foundation: init, import, docs, segments, and bad input.
// Looks at the database file as another program would (a raw connection).
#![allow(clippy::disallowed_types)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use rusqlite::Connection;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn db(&self) -> PathBuf {
        self.dir.path().join("tm.db")
    }
    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        p
    }
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("audarma").unwrap();
        c.env_remove("AUDARMA_DB").arg("--db").arg(self.db());
        c
    }
    fn init(&self) -> &Env {
        self.cmd().arg("init").assert().success();
        self
    }
    /// Every row of every table, to prove a failed command changed nothing.
    fn dump(&self) -> String {
        let c = Connection::open(self.db()).unwrap();
        let mut out = String::new();
        let tables: Vec<String> = c
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for t in tables {
            let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let rows: Vec<String> = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            out.push_str(&format!("{t}: {rows:?}\n"));
        }
        out
    }
}

const DOC: &str = "Қазақстан – үлкен ел. Оның астанасы Астана.\nБұл екінші абзац.\n";

fn json_of(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn init_creates_and_is_idempotent() {
    let env = Env::new();
    env.cmd()
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("created"));
    env.cmd()
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("already exists"));
}

#[test]
fn db_path_from_environment_and_default() {
    let env = Env::new();
    let via_env = env.dir.path().join("env.db");
    Command::cargo_bin("audarma")
        .unwrap()
        .env("AUDARMA_DB", &via_env)
        .arg("init")
        .assert()
        .success();
    assert!(via_env.exists());
    Command::cargo_bin("audarma")
        .unwrap()
        .env_remove("AUDARMA_DB")
        .current_dir(env.dir.path())
        .arg("init")
        .assert()
        .success();
    assert!(env.dir.path().join("audarma.db").exists());
}

#[test]
fn commands_on_a_missing_database_say_how_to_create_it() {
    let env = Env::new();
    env.cmd()
        .arg("docs")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("audarma init"));
    assert!(
        !env.db().exists(),
        "a read command must not create the database"
    );
}

#[test]
fn import_reports_json_and_lists_segments() {
    let env = Env::new();
    env.init();
    let f = env.file("report.txt", DOC.as_bytes());
    let v = json_of(env.cmd().args(["import", "--json"]).arg(&f));
    assert_eq!(v["document"]["name"], "report");
    assert_eq!(v["segments"], 3);
    assert_eq!(v["words"], 9);
    let docs = json_of(env.cmd().args(["docs", "--json"]));
    assert_eq!(docs[0]["name"], "report");
    assert_eq!(docs[0]["segments"], 3);
    let segs = json_of(env.cmd().args(["segments", "report", "--json"]));
    assert_eq!(segs.as_array().unwrap().len(), 3);
    assert_eq!(segs[2]["position"], 3);
    assert_eq!(segs[2]["paragraph"], 2);
    assert_eq!(segs[2]["source"], "Бұл екінші абзац.");
    assert_eq!(segs[0]["status"]["en"], "untranslated");
    // by id as well as by name
    let by_id = json_of(env.cmd().args(["segments", "1", "--json"]));
    assert_eq!(by_id, segs);
}

#[test]
fn reimport_same_content_is_a_noop_and_changed_content_needs_replace() {
    let env = Env::new();
    env.init();
    let f = env.file("doc.txt", DOC.as_bytes());
    env.cmd().arg("import").arg(&f).assert().success();
    let before = env.dump();
    env.cmd()
        .arg("import")
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing to do"));
    assert_eq!(before, env.dump());

    let changed = env.file(
        "doc.txt",
        "Қазақстан – үлкен ел. Жаңа сөйлем.\nБұл екінші абзац.\n".as_bytes(),
    );
    env.cmd()
        .arg("import")
        .arg(&changed)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--replace"));
    assert_eq!(before, env.dump(), "a refused import must not write");
}

#[test]
fn replace_keeps_translations_of_unchanged_sentences() {
    let env = Env::new();
    env.init();
    let f = env.file("doc.txt", DOC.as_bytes());
    env.cmd().arg("import").arg(&f).assert().success();
    {
        let mut store = audarma::store::Store::open(&env.db()).unwrap();
        let segs = store.segments_of(1).unwrap();
        store
            .write(|tx| {
                for (seg, text) in [
                    (&segs[0], "Kazakhstan is a big country."),
                    (&segs[1], "Its capital is Astana."),
                ] {
                    tx.save_translation(&audarma::store::Write {
                        segment_id: seg.id,
                        lang: audarma::text::Lang::En,
                        text,
                        status: audarma::store::Status::Translated,
                        user: "test",
                        origin: "typed",
                        origin_score: None,
                        origin_unit: None,
                        expected_version: Some(0),
                        comment: None,
                    })?;
                }
                Ok(())
            })
            .unwrap();
    }
    let changed = env.file(
        "doc.txt",
        "Кіріспе сөйлем.\nҚазақстан – үлкен ел. Жаңа сөйлем.\nБұл екінші абзац.\n".as_bytes(),
    );
    // A sentence with a translation goes: a script must say --yes.
    env.cmd()
        .args(["import", "--replace"])
        .arg(&changed)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    let v = json_of(
        env.cmd()
            .args(["import", "--replace", "--yes", "--json"])
            .arg(&changed),
    );
    assert_eq!(v["outcome"], "replaced");
    assert_eq!(v["translations_kept"], 1);
    assert_eq!(v["translations_orphaned"], 1);
    let segs = json_of(env.cmd().args(["segments", "doc", "--json"]));
    assert_eq!(segs[1]["source"], "Қазақстан – үлкен ел.");
    assert_eq!(
        segs[1]["translations"]["en"]["text"],
        "Kazakhstan is a big country."
    );
    assert!(segs[0]["translations"]["en"].is_null());
}

#[test]
fn utf16_with_bom_imports_like_utf8() {
    let env = Env::new();
    env.init();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(DOC.encode_utf16().flat_map(u16::to_le_bytes));
    let f = env.file("u16.txt", &bytes);
    let v = json_of(env.cmd().args(["import", "--json"]).arg(&f));
    assert_eq!(v["segments"], 3);
}

fn assert_rejected(env: &Env, file: &Path, needle: &str) {
    let before = env.dump();
    env.cmd()
        .arg("import")
        .arg(file)
        .assert()
        .failure()
        .stderr(predicate::str::contains(file.display().to_string()))
        .stderr(predicate::str::contains(needle))
        .stderr(predicate::function(|s: &str| {
            s.trim_end().lines().count() == 1
        }));
    assert_eq!(before, env.dump(), "{}: database changed", file.display());
}

#[test]
fn bad_input_files_are_rejected_with_one_line_naming_the_file() {
    let env = Env::new();
    env.init();
    assert_rejected(&env, &env.dir.path().join("missing.txt"), "no such file");
    assert_rejected(&env, env.dir.path(), "directory");
    assert_rejected(&env, &env.file("empty.txt", b""), "empty");
    assert_rejected(
        &env,
        &env.file("bin.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00"),
        "binary",
    );
    assert_rejected(
        &env,
        &env.file("latin1.txt", b"caf\xe9 au lait"),
        "not UTF-8",
    );
}

#[test]
fn wrong_language_is_a_usage_error() {
    let env = Env::new();
    env.init();
    let f = env.file("doc.txt", DOC.as_bytes());
    env.cmd()
        .args(["import", "--lang", "xx"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language"));
}

#[test]
fn a_database_that_is_not_ours_is_refused_and_left_alone() {
    let env = Env::new();
    let c = Connection::open(env.db()).unwrap();
    c.execute_batch(
        "CREATE TABLE accounts(id INTEGER, owner TEXT); INSERT INTO accounts VALUES (1, 'x');",
    )
    .unwrap();
    drop(c);
    let before = std::fs::read(env.db()).unwrap();
    env.cmd()
        .arg("docs")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("not an Audarma database"));
    env.cmd().arg("init").assert().code(4);
    assert_eq!(before, std::fs::read(env.db()).unwrap());

    let text = env.file(
        "notes.db",
        b"just some text, not SQLite at all, long enough to have a header......",
    );
    Command::cargo_bin("audarma")
        .unwrap()
        .arg("--db")
        .arg(&text)
        .arg("docs")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("notes.db"));
}

#[test]
fn an_empty_file_given_as_the_database_is_refused_by_every_command_but_a_forced_init() {
    let env = Env::new();
    std::fs::write(env.db(), b"").unwrap();
    let doc = env.file("doc.txt", DOC.as_bytes());
    let doc = doc.to_str().unwrap();
    for args in [
        vec!["docs"],
        vec!["progress"],
        vec!["import", doc],
        vec!["segments", "doc"],
        vec!["concordance", "сөз"],
        vec!["init"],
        vec!["init", "--json"],
    ] {
        let out = env.cmd().args(&args).assert().code(4).get_output().clone();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            err.contains("tm.db: not an Audarma database (an empty file; `audarma init --force` makes it one)"),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(
            std::fs::metadata(env.db()).unwrap().len(),
            0,
            "{args:?} wrote to it"
        );
    }
    let out = env
        .cmd()
        .args(["init", "--force", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["created"], true);
    env.cmd().arg("import").arg(doc).assert().success();
    // --force makes nothing of a file with someone else's data.
    let other = env.dir.path().join("other.db");
    let c = Connection::open(&other).unwrap();
    c.execute_batch("CREATE TABLE accounts(id INTEGER);")
        .unwrap();
    drop(c);
    Command::cargo_bin("audarma")
        .unwrap()
        .arg("--db")
        .arg(&other)
        .args(["init", "--force"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("other tables"));
}

#[test]
fn a_locked_database_times_out_with_a_clear_message_and_no_change() {
    let env = Env::new();
    env.init();
    let f = env.file("doc.txt", DOC.as_bytes());
    let before = env.dump();
    let holder = Connection::open(env.db()).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    env.cmd()
        .env("AUDARMA_BUSY_TIMEOUT_MS", "300")
        .arg("import")
        .arg(&f)
        .assert()
        .code(4)
        .stderr(predicate::str::contains("locked"))
        .stderr(predicate::str::contains("tm.db"));
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(before, env.dump());
}

#[test]
fn an_older_database_is_migrated_in_place() {
    let env = Env::new();
    // Build a version-1 database by hand from the first block of schema.sql.
    let blocks = audarma::store::migrations();
    let c = Connection::open(env.db()).unwrap();
    c.execute_batch(&blocks[0].1).unwrap();
    c.pragma_update(None, "user_version", 1).unwrap();
    c.pragma_update(None, "application_id", audarma::store::APPLICATION_ID)
        .unwrap();
    drop(c);
    // A read never writes: it says how to upgrade and leaves the file alone.
    let before = std::fs::read(env.db()).unwrap();
    env.cmd()
        .arg("docs")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("audarma init"))
        .stderr(predicate::str::contains("version 1"));
    assert_eq!(before, std::fs::read(env.db()).unwrap(), "a read migrated");
    env.cmd().arg("init").assert().success();
    env.cmd().arg("docs").assert().success();
    let c = Connection::open(env.db()).unwrap();
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, audarma::store::latest_version());
}

#[test]
fn a_version_2_memory_keeps_its_units_when_the_match_key_column_goes() {
    let env = Env::new();
    let blocks = audarma::store::migrations();
    let c = Connection::open(env.db()).unwrap();
    for (version, sql) in blocks.iter().filter(|(v, _)| *v <= 2) {
        c.execute_batch(sql).unwrap();
        c.pragma_update(None, "user_version", version).unwrap();
    }
    c.pragma_update(None, "application_id", audarma::store::APPLICATION_ID)
        .unwrap();
    c.execute_batch(
        "INSERT INTO tm_units (id, tuid, source_lang, origin, identity) VALUES (1, 'u1', 'kk', 'tmx', 7);
         INSERT INTO tm_variants (unit_id, ord, lang, primary_lang, plain, normalized)
           VALUES (1, 0, 'kk', 'kk', 'Кітап үстелде жатыр.', 'кітап үстелде жатыр.'),
                  (1, 1, 'en', 'en', 'The book is on the table.', 'the book is on the table.');",
    )
    .unwrap();
    drop(c);
    env.cmd().arg("init").assert().success();
    let out = env
        .cmd()
        .args(["tmx", "export", "-"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let tmx = String::from_utf8(out).unwrap();
    assert!(tmx.contains("Кітап үстелде жатыр.") && tmx.contains("The book is on the table."));
    let c = Connection::open(env.db()).unwrap();
    let columns: Vec<String> = c
        .prepare("SELECT name FROM pragma_table_info('tm_variants')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!columns.contains(&"normalized".to_string()), "{columns:?}");
    assert!(columns.contains(&"plain".to_string()));
}
