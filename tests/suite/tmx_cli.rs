//! `audarma tmx import|export` end to end on the real binary, plus the
//! library-level behaviours the CLI exposes (containers, encodings,
//! --on-duplicate, Audarma's own units with status and origin, filters).

use crate::tmx_support;

use std::io::Write;
use std::path::Path;

use assert_cmd::Command;
use audarma::segment::Sentence;
use audarma::store::tm::{ExportOptions, ImportOptions, OnDuplicate, SegmentUnit};
use audarma::store::{NewDocument, Store};
use audarma::text::Lang;
use tmx_support::*;

fn audarma(db: &Path) -> Command {
    let mut c = Command::cargo_bin("audarma").unwrap();
    c.arg("--db").arg(db).env_remove("AUDARMA_DB");
    c
}

fn init(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("t.db");
    audarma(&db).arg("init").assert().success();
    db
}

const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="kk" datatype="plaintext"/>
<body>
<tu tuid="1"><tuv xml:lang="kk-KZ"><seg>Сәлем, әлем!</seg></tuv><tuv xml:lang="en-US"><seg>Hello, world!</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="kk"><seg>Бұл <ph x="1">&lt;b/&gt;</ph> сынақ.</seg></tuv><tuv xml:lang="ru"><seg>Это <ph x="1">&lt;b/&gt;</ph> тест.</seg></tuv></tu>
</body></tmx>
"#;

#[test]
fn an_import_that_can_never_be_suggested_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let tmx = |name: &str, src: &str, units: &[(&str, &str, &str, &str)]| {
        let body: String = units
            .iter()
            .map(|(l1, t1, l2, t2)| {
                format!("<tu><tuv xml:lang=\"{l1}\"><seg>{t1}</seg></tuv><tuv xml:lang=\"{l2}\"><seg>{t2}</seg></tuv></tu>\n")
            })
            .collect();
        let file = dir.path().join(name);
        std::fs::write(
            &file,
            format!(
                "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"{src}\" datatype=\"plaintext\"/>\n<body>\n{body}</body></tmx>\n"
            ),
        )
        .unwrap();
        file
    };
    let en_fr = tmx(
        "en-fr.tmx",
        "en",
        &[
            ("en", "Hello.", "fr", "Bonjour."),
            ("en", "Thanks.", "fr", "Merci."),
        ],
    );
    let out = audarma(&db)
        .args(["tmx", "import"])
        .arg(&en_fr)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("none of these units can ever be suggested: suggestions need a Kazakh source with an English or Russian translation (these are en, fr)"),
        "{text}"
    );
    let mixed = tmx(
        "mixed.tmx",
        "kk",
        &[
            ("kk", "Сәлем.", "en", "Hello."),
            ("kk", "Рақмет.", "fr", "Merci."),
            ("kk", "Иә.", "ru", "Да."),
        ],
    );
    let out = audarma(&db)
        .args(["tmx", "import", "--json"])
        .arg(&mixed)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["units_read"].as_u64(), v["suggestible"].as_u64()),
        (Some(3), Some(2)),
        "{v}"
    );
    let again = tmx("again.tmx", "kk", &[("kk", "Жоқ.", "fr", "Non.")]);
    let out = audarma(&db)
        .args(["tmx", "import"])
        .arg(&again)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("none of these units can ever be suggested")
    );
    let out = audarma(&db)
        .args(["tmx", "import"])
        .arg(dir.path().join("mixed.tmx"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1 of 3 units can never be suggested"),
        "{text}"
    );
    // A memory the suggestions can use says nothing of the kind.
    let good = tmx("good.tmx", "kk", &[("kk", "Қош.", "en", "Bye.")]);
    let out = audarma(&db)
        .args(["tmx", "import"])
        .arg(&good)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("suggested"));
}

#[test]
fn import_json_summary_and_export_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let file = dir.path().join("m.tmx");
    std::fs::write(&file, DOC).unwrap();
    let out = audarma(&db)
        .args(["tmx", "import", "--json"])
        .arg(&file)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    for field in [
        "units_read",
        "imported",
        "duplicates_skipped",
        "alternatives_kept",
        "rejected",
        "warnings",
        "languages",
    ] {
        assert!(json.get(field).is_some(), "missing {field}: {json}");
    }
    assert_eq!(json["units_read"], 2);
    assert_eq!(json["imported"], 2);
    assert_eq!(
        json["languages"],
        serde_json::json!(["en-US", "kk", "kk-KZ", "ru"])
    );

    let again = audarma(&db)
        .args(["tmx", "import", "--json"])
        .arg(&file)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&again.get_output().stdout).unwrap();
    assert_eq!(json["imported"], 0);
    assert_eq!(json["duplicates_skipped"], 2);

    let out = audarma(&db).args(["tmx", "export", "-"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("creationtool=\"Audarma\""));
    assert!(text.contains("srclang=\"kk\""), "{text}");
    assert!(
        text.contains("<seg>Бұл <ph x=\"1\">&lt;b/&gt;</ph> сынақ.</seg>"),
        "{text}"
    );

    let en = audarma(&db)
        .args(["tmx", "export", "-", "--to", "en"])
        .assert()
        .success();
    let text = String::from_utf8(en.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("Hello, world!") && !text.contains("Это"),
        "{text}"
    );
}

#[test]
fn strict_error_is_one_line_with_file_line_column_and_exit_code_3() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let file = dir.path().join("bad.tmx");
    std::fs::write(&file, DOC.replace("<seg>Hello", "<seg>&bogus; Hello")).unwrap();
    let out = audarma(&db)
        .args(["tmx", "import"])
        .arg(&file)
        .assert()
        .code(3);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains(&format!("{}:4:", file.display())), "{err}");
    assert!(err.contains("bogus"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let store = Store::open(&db).unwrap();
    assert_eq!(unit_count(&store), 0);
}

#[test]
fn export_writes_a_dtd_valid_file_and_usage_errors_are_clear() {
    let Some(shared) = shared_tmx() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let file = dir.path().join("m.tmx");
    std::fs::write(&file, DOC).unwrap();
    audarma(&db)
        .args(["tmx", "import"])
        .arg(&file)
        .assert()
        .success();
    let out = dir.path().join("out.tmx");
    audarma(&db)
        .args(["tmx", "export"])
        .arg(&out)
        .assert()
        .success();
    xmllint_valid(&out, &shared.join("tmx14.dtd"));
    audarma(&db)
        .args(["tmx", "export", "-", "--to", "de"])
        .assert()
        .code(2);
    audarma(&db)
        .args(["tmx", "export", "-", "--changed-since", "soon"])
        .assert()
        .code(2);
}

fn write_gz(path: &Path, data: &[u8]) {
    let f = std::fs::File::create(path).unwrap();
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    gz.write_all(data).unwrap();
    gz.finish().unwrap();
}

fn write_zip(path: &Path, entries: &[(&str, &[u8])]) {
    let f = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(f);
    for (name, data) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn gzip_zip_and_declared_encodings_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let gz = dir.path().join("m.tmx.gz");
    write_gz(&gz, DOC.as_bytes());
    assert_eq!(import(&mut store, &gz, false).unwrap().imported, 2);

    let other = DOC.replace("Hello, world!", "Hi, world!");
    let zip = dir.path().join("m.zip");
    write_zip(
        &zip,
        &[("readme.txt", b"no"), ("a/m.tmx", other.as_bytes())],
    );
    let s = import(&mut store, &zip, false).unwrap();
    assert_eq!(
        (s.imported, s.duplicates_skipped, s.alternatives_kept),
        (1, 1, 1)
    );

    // windows-1251 declared, and UTF-16LE with a BOM.
    let cyr = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n".to_string()
        + &DOC[39..].replace("Это", "Эта").replace("kk-KZ", "kk");
    // Kazakh letters are not in windows-1251; plain Cyrillic stands in.
    let cyr = cyr
        .replace("Сәлем, әлем!", "Привет")
        .replace("Бұл", "Был")
        .replace("сынақ", "сынак");
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(&cyr);
    assert!(!bad);
    let f1251 = dir.path().join("cp1251.tmx");
    std::fs::write(&f1251, &bytes).unwrap();
    let s = import(&mut store, &f1251, false).unwrap();
    assert_eq!(s.imported, 2, "{s:?}");
    let ru: i64 = raw(&store)
        .query_row(
            "SELECT count(*) FROM tm_variants WHERE plain LIKE 'Эта%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ru, 1);

    let mut utf16 = vec![0xFF, 0xFE];
    for u in DOC.replace("Hello", "Hey").encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let f16 = dir.path().join("utf16.tmx");
    std::fs::write(&f16, utf16).unwrap();
    assert_eq!(import(&mut store, &f16, false).unwrap().imported, 1);
}

#[test]
fn on_duplicate_skip_update_keep() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.tmx");
    let second = dir.path().join("b.tmx");
    std::fs::write(&first, DOC).unwrap();
    std::fs::write(&second, DOC.replace("Hello, world!", "Hello, World.")).unwrap();
    for (mode, units, hello) in [
        (OnDuplicate::Keep, 3, 2),
        (OnDuplicate::Skip, 2, 1),
        (OnDuplicate::Update, 2, 1),
    ] {
        let sub = dir.path().join(format!("{mode:?}"));
        std::fs::create_dir(&sub).unwrap();
        let mut store = new_store(&sub);
        let options = ImportOptions {
            lenient: false,
            on_duplicate: mode,
        };
        store.import_tmx(&first, &options, &mut |_| {}).unwrap();
        let s = store.import_tmx(&second, &options, &mut |_| {}).unwrap();
        assert_eq!(unit_count(&store), units, "{mode:?}: {s:?}");
        let n: i64 = raw(&store)
            .query_row(
                "SELECT count(*) FROM tm_variants WHERE plain LIKE 'Hello%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, hello, "{mode:?}");
        if mode == OnDuplicate::Update {
            assert_eq!(s.updated, 1);
            let text: String = raw(&store)
                .query_row(
                    "SELECT plain FROM tm_variants WHERE plain LIKE 'Hello%'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(text, "Hello, World.");
        }
    }
}

#[test]
fn an_identical_unit_is_a_duplicate_in_its_own_direction_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let first = dir.path().join("a.tmx");
    std::fs::write(&first, DOC).unwrap();
    let options = ImportOptions::default();
    store.import_tmx(&first, &options, &mut |_| {}).unwrap();
    let again = store.import_tmx(&first, &options, &mut |_| {}).unwrap();
    assert_eq!(
        (again.imported, again.duplicates_skipped),
        (0, 2),
        "{again:?}"
    );
    // The same first unit declared English-to-Kazakh: a unit of the other
    // direction, so it is stored (as memoQ and Trados memories are directional).
    let reverse = DOC.replacen(r#"srclang="kk""#, r#"srclang="en""#, 1).replace(
        r#"<tu tuid="2"><tuv xml:lang="kk"><seg>Бұл <ph x="1">&lt;b/&gt;</ph> сынақ.</seg></tuv><tuv xml:lang="ru"><seg>Это <ph x="1">&lt;b/&gt;</ph> тест.</seg></tuv></tu>"#,
        "",
    );
    let second = dir.path().join("b.tmx");
    std::fs::write(&second, reverse).unwrap();
    let s = store.import_tmx(&second, &options, &mut |_| {}).unwrap();
    assert_eq!((s.imported, s.duplicates_skipped), (1, 0), "{s:?}");
}

#[test]
fn same_source_means_the_stored_units_source_not_any_of_its_variants() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let first = dir.path().join("a.tmx");
    std::fs::write(&first, DOC).unwrap();
    // An English-source memory whose source is the first file's target.
    let reverse = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu tuid="9"><tuv xml:lang="en-US"><seg>Hello, world!</seg></tuv><tuv xml:lang="kk"><seg>Сәлем, әлемге!</seg></tuv></tu>
</body></tmx>
"#;
    let second = dir.path().join("b.tmx");
    std::fs::write(&second, reverse).unwrap();
    let options = ImportOptions {
        lenient: false,
        on_duplicate: OnDuplicate::Skip,
    };
    store.import_tmx(&first, &options, &mut |_| {}).unwrap();
    let s = store.import_tmx(&second, &options, &mut |_| {}).unwrap();
    // "Hello, world!" is only a target in the stored unit: not skipped.
    assert_eq!((s.imported, s.duplicates_skipped), (1, 0), "{s:?}");
    let hashed: Vec<(String, i64)> = raw(&store)
        .prepare("SELECT lang, ord FROM tm_variants WHERE key_hash IS NOT NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let langs: Vec<&str> = hashed.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(langs, ["kk-KZ", "kk", "en-US"], "{hashed:?}");
}

#[test]
fn audarma_units_carry_status_and_origin_through_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let text = "Сәлем. Сау бол.";
    let sentences = vec![
        Sentence {
            paragraph: 1,
            text: "Сәлем.".into(),
        },
        Sentence {
            paragraph: 1,
            text: "Сау бол.".into(),
        },
    ];
    store
        .write(|tx| {
            let report = tx.import_document(&NewDocument {
                name: "doc",
                file_name: "doc.txt",
                lang: Lang::Kk,
                text,
                sentences: &sentences,
                replace: false,
                removal_confirmed: false,
            })?;
            let segs = tx.segments_of(report.document.id)?;
            for (seg, (lang, target, status)) in segs.iter().zip([
                (Lang::En, "Hello & bye.", "approved"),
                (Lang::Ru, "Пока.", "translated"),
            ]) {
                tx.upsert_segment_unit(&SegmentUnit {
                    segment_id: seg.id,
                    source_lang: "kk",
                    source: &seg.source,
                    target_lang: lang,
                    target,
                    origin: "typed",
                    status,
                    user: "aigerim",
                    previous_unit: None,
                })?;
            }
            Ok(())
        })
        .unwrap();

    let approved = {
        let mut out = Vec::new();
        let opts = ExportOptions {
            statuses: vec!["approved".into()],
            doc: Some("doc".into()),
            ..Default::default()
        };
        store.export_tmx(&mut out, &opts, &mut |_, _| {}).unwrap();
        String::from_utf8(out).unwrap()
    };
    assert!(
        approved.contains("<prop type=\"x-audarma-status\">approved</prop>"),
        "{approved}"
    );
    assert!(
        approved.contains("<prop type=\"x-audarma-origin\">typed</prop>"),
        "{approved}"
    );
    assert!(approved.contains("creationid=\"aigerim\""), "{approved}");
    assert!(approved.contains("Hello &amp; bye."), "{approved}");
    assert!(!approved.contains("Пока."), "{approved}");

    let all = export(&store);
    let file = dir.path().join("all.tmx");
    std::fs::write(&file, &all).unwrap();
    // Re-importing our own export into the same database adds nothing.
    assert_eq!(import(&mut store, &file, false).unwrap().imported, 0);
    // Into another database, status and origin are the file's claims (issue
    // 14, forged provenance): origin `tmx`, no standing of their own, the
    // status shown as the file's; they go out again as they came.
    let other_dir = dir.path().join("other");
    std::fs::create_dir(&other_dir).unwrap();
    let mut other = new_store(&other_dir);
    assert_eq!(import(&mut other, &file, false).unwrap().imported, 2);
    let rows: Vec<(Option<String>, String)> = raw(&other)
        .prepare("SELECT status, origin FROM tm_units ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows, vec![(None, "tmx".into()), (None, "tmx".into())]);
    let claims: Vec<Option<String>> = (1..=2)
        .map(|id| other.unit_claim(id).unwrap().map(|c| c.status))
        .collect();
    assert_eq!(
        claims,
        vec![Some("approved".into()), Some("translated".into())]
    );
    let again = export(&other);
    let again = String::from_utf8_lossy(&again);
    assert!(
        again.contains("<prop type=\"x-audarma-status\">approved</prop>")
            && again.contains("<prop type=\"x-audarma-origin\">typed</prop>"),
        "{again}"
    );
    let none = {
        let mut out = Vec::new();
        let opts = ExportOptions {
            changed_since: Some("2999-01-01".into()),
            ..Default::default()
        };
        store
            .export_tmx(&mut out, &opts, &mut |_, _| {})
            .unwrap()
            .units
    };
    assert_eq!(none, 0);
}

#[test]
fn export_json_summary_goes_to_stdout_and_refuses_stdout_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let file = dir.path().join("in.tmx");
    std::fs::write(&file, DOC).unwrap();
    audarma(&db)
        .args(["tmx", "import"])
        .arg(&file)
        .assert()
        .success();
    let out_path = dir.path().join("out.tmx");
    let out = audarma(&db)
        .args(["tmx", "export", "--json"])
        .arg(&out_path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["units"], 2);
    assert_eq!(v["variants"], 4);
    assert!(out_path.exists());
    audarma(&db)
        .args(["tmx", "export", "-", "--json"])
        .assert()
        .code(2);
}
