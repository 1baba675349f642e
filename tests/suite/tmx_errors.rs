//! Broken and hostile input: every shared broken file is refused in strict mode
//! with its line and the rule, lenient mode keeps the sound units, and bad XML
//! (empty, truncated, undefined entity, XXE, entity bomb, not TMX) is refused
//! with nothing written.

use crate::tmx_support;

use std::path::{Path, PathBuf};

use tmx_support::*;

/// Copy a shared file into a temporary folder (rejected files are written next to the input).
fn copy_into(dir: &Path, file: &Path) -> PathBuf {
    let to = dir.join(file.file_name().unwrap());
    std::fs::copy(file, &to).unwrap();
    to
}

const EXPECTED: [(&str, &str, &str); 8] = [
    ("heartsome_ImportTMXTest0_empty-file.tmx", "", "empty"),
    (
        "okapi-2009_potest.po.normal_segtype-TODO_prop-after-seg.tmx",
        ":2:",
        "header-segtype",
    ),
    (
        "okapi-early_potest.po.normal_prop-after-seg.tmx",
        ":6:",
        "tuv-content-order",
    ),
    (
        "okapi_html_test_trados-tw4win-ed7_utf16le_prop-type2.tmx",
        ":3:",
        "prop-without-type",
    ),
    (
        "omegat_invalid_unbalanced-bpt-ept.tmx",
        ":10:",
        "inline-unbalanced",
    ),
    (
        "omegat_test-missingSource.tmx",
        ":23:",
        "tu-missing-source-variant",
    ),
    (
        "omegat_test-omegat-invalid_mixed-lang-xmllang.tmx",
        ":26:",
        "tmx11-xml-lang",
    ),
    (
        "weblate_memory_header-missing-required-attrs.tmx",
        ":3:",
        "header-required-attribute",
    ),
];

#[test]
fn every_broken_file_is_refused_in_strict_mode_naming_line_and_rule() {
    let Some(shared) = shared_tmx() else { return };
    let broken = tmx_files(&shared.join("broken"));
    assert_eq!(
        broken.len(),
        EXPECTED.len(),
        "a broken file without an expectation"
    );
    for (file, line, rule) in EXPECTED {
        let dir = tempfile::tempdir().unwrap();
        let path = copy_into(dir.path(), &shared.join("broken").join(file));
        let mut store = new_store(dir.path());
        let err = import(&mut store, &path, false)
            .expect_err(file)
            .to_string();
        assert!(
            err.starts_with(&format!("{}{line}", path.display())),
            "{err}"
        );
        assert!(err.contains(rule), "{file}: {err}");
        assert_eq!(
            unit_count(&store),
            0,
            "{file}: strict import wrote something"
        );
        let files: i64 = raw(&store)
            .query_row("SELECT count(*) FROM tmx_files", [], |r| r.get(0))
            .unwrap();
        assert_eq!(files, 0);
    }
}

#[test]
fn lenient_mode_loads_the_sound_units_and_keeps_the_rest_in_a_rejected_file() {
    let Some(shared) = shared_tmx() else { return };
    let dtd = shared.join("tmx14.dtd");
    for (file, _, _) in &EXPECTED[1..] {
        let dir = tempfile::tempdir().unwrap();
        let path = copy_into(dir.path(), &shared.join("broken").join(file));
        let mut store = new_store(dir.path());
        let summary = import(&mut store, &path, true).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(summary.imported as i64, unit_count(&store));
        assert_eq!(
            summary.units_read,
            summary.imported + summary.rejected + summary.duplicates_skipped
        );
        if summary.rejected > 0 {
            assert_eq!(summary.rejected_files.len(), 1, "{file}");
            let rejected = PathBuf::from(&summary.rejected_files[0]);
            assert!(rejected
                .file_name()
                .unwrap()
                .to_string_lossy()
                .ends_with(".rejected.tmx"));
            let text = std::fs::read_to_string(&rejected).unwrap();
            assert_eq!(
                text.lines().filter(|l| l.starts_with("<tu")).count() as u64,
                summary.rejected,
                "{file}"
            );
            assert!(summary
                .problems
                .iter()
                .any(|p| p.severity == "rejected" && p.line > 0));
        } else {
            assert!(
                summary.warnings > 0,
                "{file}: lenient import of a broken file says nothing"
            );
        }
        // The sound units export as valid TMX.
        let out = dir.path().join("out.tmx");
        std::fs::write(&out, export(&store)).unwrap();
        xmllint_valid(&out, &dtd);
    }
}

#[test]
fn lenient_counts_for_the_known_files() {
    let Some(shared) = shared_tmx() else { return };
    let cases = [
        ("omegat_test-missingSource.tmx", 3, 1),
        ("omegat_invalid_unbalanced-bpt-ept.tmx", 0, 1),
        ("weblate_memory_header-missing-required-attrs.tmx", 1, 0),
        (
            "okapi_html_test_trados-tw4win-ed7_utf16le_prop-type2.tmx",
            11,
            0,
        ),
    ];
    for (file, imported, rejected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = copy_into(dir.path(), &shared.join("broken").join(file));
        let mut store = new_store(dir.path());
        let s = import(&mut store, &path, true).unwrap();
        assert_eq!((s.imported, s.rejected), (imported, rejected), "{file}");
    }
}

fn strict_error(content: &[u8]) -> (String, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.tmx");
    std::fs::write(&path, content).unwrap();
    let mut store = new_store(dir.path());
    let err = import(&mut store, &path, true)
        .expect_err("must be refused")
        .to_string();
    assert!(err.contains("bad.tmx"), "{err}");
    (err, unit_count(&store))
}

const HEAD: &str = r#"<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en"><seg>one</seg></tuv><tuv xml:lang="ru"><seg>бір</seg></tuv></tu>
"#;

#[test]
fn bad_xml_is_refused_with_line_and_column_and_nothing_written() {
    let cases: Vec<(String, &str)> = vec![
        ("".into(), "empty"),
        ("this is not xml at all".into(), "not XML"),
        (
            format!("{HEAD}<tu><tuv xml:lang=\"en\"><seg>trunc"),
            "truncated",
        ),
        (
            format!("{HEAD}<tu><tuv xml:lang=\"en\"><seg>a &nbsp; b</seg></tuv></tu></body></tmx>"),
            "nbsp",
        ),
        (
            format!("{HEAD}<tu><tuv xml:lang=\"en\"><seg>a < b</seg></tuv></tu></body></tmx>"),
            ":5:",
        ),
        (
            "<?xml version=\"1.0\"?><html><body/></html>".into(),
            "not a TMX file",
        ),
        (
            format!("{HEAD}<tu><tuv xml:lang=\"en\"><seg>x</tuv></tu></body></tmx>"),
            "not well-formed",
        ),
    ];
    for (content, expected) in cases {
        let (err, units) = strict_error(content.as_bytes());
        assert!(err.contains(expected), "expected '{expected}' in: {err}");
        assert_eq!(units, 0, "{err}");
    }
}

#[test]
fn entity_declarations_are_refused_so_xxe_and_bombs_cannot_happen() {
    let xxe = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n{}",
        &HEAD[22..].replace("<seg>one", "<seg>&x;")
    );
    let mut bomb = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY a0 \"lol\">\n");
    for i in 1..10 {
        let prev = format!("&a{};", i - 1);
        bomb.push_str(&format!("<!ENTITY a{i} \"{}\">\n", prev.repeat(10)));
    }
    bomb.push_str("]>\n");
    bomb.push_str(&HEAD[22..].replace("<seg>one", "<seg>&a9;"));
    for doc in [xxe, bomb] {
        let started = std::time::Instant::now();
        let (err, units) = strict_error(doc.as_bytes());
        assert!(err.contains(":2:"), "{err}");
        assert!(err.contains("entity declarations are refused"), "{err}");
        assert!(!err.contains("root:"), "the passwd file was read: {err}");
        assert_eq!(units, 0);
        assert!(started.elapsed().as_secs() < 5);
    }
}

#[test]
fn nonstandard_dates_are_kept_as_written_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dates.tmx");
    let doc = HEAD.replace(
        "<tu>",
        "<tu creationdate=\"2019-10-02 10:54:01\" changedate=\"20200102T030405Z\">",
    ) + "</body></tmx>";
    std::fs::write(&path, doc).unwrap();
    let mut store = new_store(dir.path());
    let s = import(&mut store, &path, false).unwrap();
    assert_eq!(s.imported, 1);
    assert_eq!(s.warnings, 1);
    assert_eq!(s.problems[0].rule, "date-format");
    let (created, changed): (String, String) = raw(&store)
        .query_row("SELECT created_at, changed_at FROM tm_units", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(created, "2019-10-02 10:54:01");
    assert_eq!(changed, "2020-01-02T03:04:05Z");
    let out = String::from_utf8(export(&store)).unwrap();
    assert!(
        out.contains("creationdate=\"2019-10-02 10:54:01\""),
        "{out}"
    );
    assert!(out.contains("changedate=\"20200102T030405Z\""), "{out}");
}
