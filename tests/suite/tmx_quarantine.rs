//! The lenient import's quarantine (issue 14, "lenient quarantine"): every
//! input keeps its rejected units in a file of its own, never replacing one;
//! and the quarantine is on disk before the import commits, so when it cannot
//! be written the import fails naming it and the database is as before.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::session_common::{audarma, stderr};

/// A TMX with one sound unit and `bad` unsound ones (no Kazakh variant in a
/// Kazakh-source memory), each holding `tag` and `pad` bytes of text.
fn tmx(tag: &str, bad: usize, pad: usize) -> String {
    let filler = "ы".repeat(pad / 2);
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"kk\" datatype=\"plaintext\"/>\n<body>\n",
    );
    s.push_str(&format!(
        "<tu><tuv xml:lang=\"kk\"><seg>Жақсы {tag}.</seg></tuv><tuv xml:lang=\"en\"><seg>Good {tag}.</seg></tuv></tu>\n"
    ));
    for i in 0..bad {
        s.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>Rejected {tag} {i} {filler}</seg></tuv></tu>\n"
        ));
    }
    s.push_str("</body>\n</tmx>\n");
    s
}

fn gzip(text: &str) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).unwrap();
    gz.finish().unwrap()
}

fn zip(members: &[(&str, String)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in members {
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file(*name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn import_json(db: &Path, dir: &Path, files: &[&str]) -> serde_json::Value {
    let out = audarma(db)
        .current_dir(dir)
        .args(["tmx", "import", "--lenient", "--json"])
        .args(files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn inputs_with_one_base_name_keep_their_rejected_units_apart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    audarma(&db).arg("init").assert().success();
    std::fs::write(dir.path().join("m.tmx"), tmx("plain", 1, 0)).unwrap();
    std::fs::write(dir.path().join("m.tmx.gz"), gzip(&tmx("gzipped", 1, 0))).unwrap();
    let members = [
        ("a/m.tmx", tmx("member-a", 1, 0)),
        ("b/m.tmx", tmx("member-b", 1, 0)),
    ];
    std::fs::write(dir.path().join("m.zip"), zip(&members)).unwrap();
    // Somebody's file under the first name: it is kept.
    std::fs::write(dir.path().join("m.rejected.tmx"), "mine").unwrap();
    let summary = import_json(&db, dir.path(), &["m.tmx", "m.tmx.gz", "m.zip"]);
    assert_eq!(summary["rejected"], 4, "{summary}");
    let files: Vec<PathBuf> = summary["rejected_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| dir.path().join(f.as_str().unwrap()))
        .collect();
    assert_eq!(files.len(), 4, "{summary}");
    for (file, tag) in files
        .iter()
        .zip(["plain", "gzipped", "member-a", "member-b"])
    {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.contains(&format!("Rejected {tag} 0")),
            "{file:?}: {text}"
        );
        assert_eq!(
            text.lines().filter(|l| l.starts_with("<tu>")).count(),
            1,
            "{file:?}: {text}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("m.rejected.tmx")).unwrap(),
        "mine"
    );
    // The same import again: new numbered files, the first ones kept.
    let again = import_json(&db, dir.path(), &["m.tmx"]);
    let name = again["rejected_files"][0].as_str().unwrap().to_string();
    assert!(!files.contains(&dir.path().join(&name)), "{again}");
    assert!(files.iter().all(|f| f.exists()));
}

/// Every table's rows, in order: the database's content, to compare. A raw
/// connection, as another program would read the file.
#[allow(clippy::disallowed_types)]
fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    tables.retain(|t| !t.starts_with("sqlite_"));
    let mut rows = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut all: Vec<String> = stmt
            .query_map([], |r| {
                let values: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(format!("{t}: {}", values.join(" | ")))
            })
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        all.sort();
        rows.extend(all);
    }
    rows
}

#[test]
fn a_quarantine_that_cannot_be_written_rolls_the_import_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    audarma(&db).arg("init").assert().success();
    std::fs::write(dir.path().join("first.tmx"), tmx("first", 0, 0)).unwrap();
    import_json(&db, dir.path(), &["first.tmx"]);
    let before = dump(&db);
    // 1.5 MB of rejected units against a 1 MiB limit on file size (the
    // database stays under it): the quarantine's write fails, as on a full disk.
    std::fs::write(dir.path().join("big.tmx"), tmx("big", 1500, 1000)).unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1024; exec \"$@\"")
        .arg("audarma")
        .arg(assert_cmd::cargo::cargo_bin("audarma"))
        .arg("--db")
        .arg(&db)
        .args(["tmx", "import", "--lenient", "big.tmx"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("big.rejected.tmx: cannot write"), "{err}");
    assert_eq!(dump(&db), before, "the database is as it was");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("rejected") || n.contains("audarma-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_for_the_quarantine_rolls_the_import_back() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    audarma(&db).arg("init").assert().success();
    let shelf = dir.path().join("shelf");
    std::fs::create_dir(&shelf).unwrap();
    std::fs::write(shelf.join("m.tmx"), tmx("ro", 2, 0)).unwrap();
    std::fs::set_permissions(&shelf, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(shelf.join("probe"), "").is_ok() {
        let _ = std::fs::remove_file(shelf.join("probe"));
        std::fs::set_permissions(&shelf, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("a read-only folder is writable here (root): skipped; the file size limit test covers the failure");
        return;
    }
    let before = dump(&db);
    // The current folder (the fallback) is read-only too.
    let out = audarma(&db)
        .current_dir(&shelf)
        .args(["tmx", "import", "--lenient", "m.tmx"])
        .output()
        .unwrap();
    std::fs::set_permissions(&shelf, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("m.rejected.tmx"), "{err}");
    assert_eq!(dump(&db), before);
}
