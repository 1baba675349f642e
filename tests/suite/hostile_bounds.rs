//! Issue 14, "bounded": every reader is refused clearly, in bounded memory
//! and time, whatever the input — bombs (a huge segment in a small .tmx.gz,
//! a huge comment in a zip), 200,000 attributes, deep nesting, a huge
//! name, devices and FIFOs, binary files; characters XML does not allow;
//! encodings that lie. The binary runs under `ulimit -v` and a timeout, so a
//! reader that buffers the input or blocks fails the test instead of the machine.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Virtual memory the binary may use (KiB): far below what the bombs expand to.
const MEMORY_KIB: u64 = 400_000;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Run `audarma --db DIR/t.db ARGS` under the memory limit, killed after
/// `secs` (a hang fails the test).
fn run_limited(dir: &Path, args: &[&str], secs: u64) -> Run {
    let bin = assert_cmd::cargo::cargo_bin("audarma");
    let child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB}; exec \"$0\" \"$@\""))
        .arg(&bin)
        .arg("--db")
        .arg(dir.join("t.db"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("AUDARMA_USER", "aigerim")
        .env_remove("AUDARMA_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Output is read while it runs (a full pipe would block it).
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("audarma {args:?} did not finish within {secs} s");
        }
    };
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn initialised() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let r = run_limited(dir.path(), &["init"], 30);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    dir
}

/// Refused with exit 3 and one line holding `needle`; the database holds no unit.
fn assert_refused(dir: &Path, args: &[&str], needle: &str) -> String {
    let r = run_limited(dir, args, 60);
    assert_eq!(r.code, Some(3), "{args:?}: {}", r.stderr);
    assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
    assert_eq!(r.stderr.trim_end().lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.len() < 400, "an overlong message: {}", r.stderr);
    r.stderr
        .strip_prefix("audarma: ")
        .unwrap_or(&r.stderr)
        .to_string()
}

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="kk" datatype="plaintext"/>
<body>
"#;
const TAIL: &str = "</body></tmx>\n";

fn unit(kk: &str, en: &str) -> String {
    format!("<tu><tuv xml:lang=\"kk\"><seg>{kk}</seg></tuv><tuv xml:lang=\"en\"><seg>{en}</seg></tuv></tu>\n")
}

fn tmx(body: &str) -> String {
    format!("{HEAD}{body}{TAIL}")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn units_in(dir: &Path) -> String {
    let r = run_limited(dir, &["tmx", "export", "-"], 30);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.stdout
}

#[test]
fn characters_xml_does_not_allow_are_refused_strict_and_quarantined_lenient() {
    let dir = initialised();
    let d = dir.path();
    let bad = [
        ("nul", "Бір\u{0}екі".to_string()),
        ("soh", "Бір\u{1}екі".to_string()),
        ("vt", "Бір\u{B}екі".to_string()),
        ("ref1", "Бір&#x1;екі".to_string()),
        ("reffffe", "Бір&#xFFFE;екі".to_string()),
        ("refsurrogate", "Бір&#xD800;екі".to_string()),
        ("ref0", "Бір&#0;екі".to_string()),
    ];
    for (name, seg) in &bad {
        let file = format!("{name}.tmx");
        write(d, &file, tmx(&unit(seg, "one two")));
        let err = assert_refused(d, &["tmx", "import", &file], "[xml-illegal-char]");
        assert!(err.starts_with(&format!("{file}:4:")), "{err}");
    }
    // In an attribute too.
    write(
        d,
        "attr.tmx",
        tmx("<tu tuid=\"a&#x1F;b\"><tuv xml:lang=\"kk\"><seg>Бір</seg></tuv><tuv xml:lang=\"en\"><seg>One</seg></tuv></tu>\n"),
    );
    assert_refused(d, &["tmx", "import", "attr.tmx"], "[xml-illegal-char]");
    assert!(!units_in(d).contains("<tu "), "strict wrote units");

    // Lenient: the sound unit goes in, each unsound one to the quarantine with its reason.
    let mut body = unit("Сау бірлік.", "A sound unit.");
    for (_, seg) in &bad {
        body.push_str(&unit(seg, "bad"));
    }
    write(d, "mixed.tmx", tmx(&body));
    let r = run_limited(
        d,
        &["tmx", "import", "--lenient", "--json", "mixed.tmx"],
        60,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let summary: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(summary["imported"], 1, "{summary}");
    assert_eq!(summary["rejected"], bad.len() as u64, "{summary}");
    assert!(r.stderr.contains("[xml-illegal-char]"), "{}", r.stderr);
    let exported = units_in(d);
    assert!(exported.contains("A sound unit."), "{exported}");
    assert!(!exported.contains("bad"), "{exported}");
}

#[test]
fn an_unpaired_surrogate_and_a_lying_encoding_declaration_are_caught() {
    let dir = initialised();
    let d = dir.path();
    // UTF-16LE TMX with a lone high surrogate in a segment.
    let text = tmx(&unit("БірX", "One"));
    let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        let u = if u == u16::from(b'X') { 0xD800 } else { u };
        utf16.extend(u.to_le_bytes());
    }
    write(d, "surrogate.tmx", &utf16);
    let err = assert_refused(d, &["tmx", "import", "surrogate.tmx"], "unpaired surrogate");
    assert!(err.starts_with("surrogate.tmx:4:"), "{err}");
    let err = assert_refused(
        d,
        &["tmx", "import", "--lenient", "surrogate.tmx"],
        "unpaired surrogate",
    );
    assert!(err.starts_with("surrogate.tmx:"), "{err}");

    // The same in a plain-text document: refused with its line and column.
    let mut doc: Vec<u8> = vec![0xFF, 0xFE];
    for u in "Бір сөйлем.\nЕкі".encode_utf16() {
        doc.extend(u.to_le_bytes());
    }
    doc.extend(0xDC00u16.to_le_bytes());
    write(d, "doc.txt", &doc);
    assert_refused(
        d,
        &["segment", "doc.txt"],
        "doc.txt: 2:4: invalid UTF-16 (unpaired surrogate",
    );

    // Declared windows-1251, written in UTF-8: strict refuses, lenient warns.
    let lying = tmx(&unit("Қазақ тілі", "Kazakh")).replace("UTF-8", "windows-1251");
    write(d, "lying.tmx", lying);
    let err = assert_refused(d, &["tmx", "import", "lying.tmx"], "[encoding-mismatch]");
    assert!(
        err.contains("windows-1251") && err.starts_with("lying.tmx:1:1:"),
        "{err}"
    );
    let r = run_limited(d, &["tmx", "import", "--lenient", "lying.tmx"], 60);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("[encoding-mismatch]"),
        "{}",
        r.stderr
    );
    // A true windows-1251 file is still read without a word.
    let mut cp1251 = tmx(&unit("@", "Kazakh"))
        .replace("UTF-8", "windows-1251")
        .into_bytes();
    let at = cp1251.iter().position(|b| *b == b'@').unwrap();
    cp1251.splice(at..=at, [0xF2, 0xE8, 0xEB]); // "тил"
    write(d, "true1251.tmx", cp1251);
    let r = run_limited(d, &["tmx", "import", "true1251.tmx"], 60);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(units_in(d).contains("тил"));
}

/// A .tmx.gz of `HEAD`, one unit whose Kazakh segment is `len` bytes of
/// one letter, and the rest.
fn gz_bomb(path: &Path, len: usize) {
    let file = std::fs::File::create(path).unwrap();
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    gz.write_all(HEAD.as_bytes()).unwrap();
    gz.write_all(b"<tu><tuv xml:lang=\"kk\"><seg>").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..len / chunk.len() {
        gz.write_all(&chunk).unwrap();
    }
    gz.write_all(b"</seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>")
        .unwrap();
    gz.write_all(TAIL.as_bytes()).unwrap();
    gz.finish().unwrap();
}

#[test]
fn a_small_gz_holding_a_300_mb_segment_is_refused_in_bounded_memory() {
    let dir = initialised();
    let d = dir.path();
    gz_bomb(&d.join("bomb.tmx.gz"), 300 << 20);
    assert!(std::fs::metadata(d.join("bomb.tmx.gz")).unwrap().len() < 1 << 20);
    // Which limit the bomb meets first depends on the decoder's read-ahead.
    let err = assert_refused(d, &["tmx", "import", "bomb.tmx.gz"], "bomb.tmx.gz:4:");
    assert!(
        err.contains("[compression-ratio]") || err.contains("[segment-too-long]"),
        "{err}"
    );
    assert_refused(
        d,
        &["tmx", "import", "--limit", "segment=64MiB", "bomb.tmx.gz"],
        "[compression-ratio]",
    );
    // With the ratio raised, the segment limit stops it, and can be raised in turn.
    let err = assert_refused(
        d,
        &["tmx", "import", "--limit", "ratio=100000", "bomb.tmx.gz"],
        "segment longer than 1 MiB [segment-too-long]",
    );
    assert!(err.starts_with("bomb.tmx.gz:4:"), "{err}");
    assert_refused(
        d,
        &[
            "tmx",
            "import",
            "--limit",
            "ratio=100000",
            "--limit",
            "segment=2MiB",
            "bomb.tmx.gz",
        ],
        "segment longer than 2 MiB [segment-too-long]",
    );
    // And the decompressed size has its own limit.
    assert_refused(
        d,
        &[
            "tmx",
            "import",
            "--limit",
            "ratio=100000",
            "--limit",
            "segment=1G",
            "--limit",
            "file=8MiB",
            "bomb.tmx.gz",
        ],
        "decompresses to more than 8 MiB [file-too-large]",
    );
    assert!(!units_in(d).contains("<tu "));
    // A bad limit is a usage error.
    let r = run_limited(
        d,
        &["tmx", "import", "--limit", "segmnt=1", "bomb.tmx.gz"],
        30,
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("unknown limit 'segmnt'"), "{}", r.stderr);
}

#[test]
fn a_600_mb_comment_before_tmx_in_a_zip_is_refused_in_bounded_memory() {
    let dir = initialised();
    let d = dir.path();
    let file = std::fs::File::create(d.join("pack.zip")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("m.tmx", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?>\n<!--").unwrap();
    let chunk = vec![b'c'; 1 << 20];
    for _ in 0..600 {
        zip.write_all(&chunk).unwrap();
    }
    zip.write_all(b"-->").unwrap();
    zip.write_all(tmx(&unit("Бір", "One")).as_bytes()).unwrap();
    zip.finish().unwrap();
    let err = assert_refused(d, &["tmx", "import", "pack.zip"], "pack.zip!m.tmx:2:");
    assert!(
        err.contains("[compression-ratio]") || err.contains("[markup-too-long]"),
        "{err}"
    );
    let err = assert_refused(
        d,
        &["tmx", "import", "--limit", "ratio=100000", "pack.zip"],
        "comment longer than 1 MiB [markup-too-long]",
    );
    assert!(err.starts_with("pack.zip!m.tmx:2:"), "{err}");
    // With the markup limit raised, the ratio stops it.
    let err = assert_refused(
        d,
        &["tmx", "import", "--limit", "markup=64MiB", "pack.zip"],
        "[compression-ratio]",
    );
    assert!(err.starts_with("pack.zip!m.tmx:"), "{err}");
    // An empty archive says so (it used to be "not XML").
    write(
        d,
        "empty.zip",
        b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
    );
    assert_refused(
        d,
        &["tmx", "import", "empty.zip"],
        "empty.zip: the zip archive holds no .tmx file",
    );
}

#[test]
fn elements_with_200k_attributes_deep_nesting_or_huge_names_are_refused_fast() {
    let dir = initialised();
    let d = dir.path();
    let attrs: String = (0..200_000).map(|i| format!(" a{i}=\"\"")).collect();
    write(
        d,
        "attrs.tmx",
        tmx(&format!(
            "<tu{attrs}><tuv xml:lang=\"kk\"><seg>Бір</seg></tuv></tu>"
        )),
    );
    // The tag is over 1 MiB: the markup limit comes first ...
    assert_refused(
        d,
        &["tmx", "import", "attrs.tmx"],
        "tag longer than 1 MiB [markup-too-long]",
    );
    // ... and with it raised, the attribute count (linear: no 24 s of duplicate checks).
    let start = Instant::now();
    let err = assert_refused(
        d,
        &["tmx", "import", "--limit", "markup=64MiB", "attrs.tmx"],
        "<tu> has more than 256 attributes [too-many-attributes]",
    );
    assert!(err.starts_with("attrs.tmx:4:1:"), "{err}");
    assert!(start.elapsed() < Duration::from_secs(20));
    // Raised far enough, the 200,000 distinct attributes are read in linear time.
    let r = run_limited(
        d,
        &[
            "tmx",
            "import",
            "--limit",
            "markup=64MiB",
            "--limit",
            "attributes=300000",
            "attrs.tmx",
        ],
        20,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // Duplicates are still found.
    write(
        d,
        "dup.tmx",
        tmx("<tu a=\"1\" a=\"2\"><tuv xml:lang=\"kk\"><seg>Бір</seg></tuv></tu>"),
    );
    assert_refused(
        d,
        &["tmx", "import", "dup.tmx"],
        "attribute a appears twice in <tu>",
    );

    let deep = format!("{}Бір{}", "<g>".repeat(100), "</g>".repeat(100));
    write(d, "deep.tmx", tmx(&unit(&deep, "One")));
    assert_refused(
        d,
        &["tmx", "import", "deep.tmx"],
        "elements nested deeper than 64 [too-deep]",
    );
    let r = run_limited(
        d,
        &["tmx", "import", "--limit", "depth=200", "deep.tmx"],
        30,
    );
    assert!(!r.stderr.contains("too-deep"), "{}", r.stderr);

    let name = "n".repeat(1_000_000);
    write(d, "name.tmx", tmx(&format!("<{name}/>")));
    let err = assert_refused(
        d,
        &["tmx", "import", "name.tmx"],
        "longer than 256 characters [name-too-long]",
    );
    assert!(err.contains("nnnn…"), "{err}");
}

#[test]
fn devices_fifos_and_binary_files_are_refused_before_they_are_read() {
    let dir = initialised();
    let d = dir.path();
    let fifo = d.join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // A sparse 2 GiB file of NULs: reading it whole would pass the memory limit.
    let big = std::fs::File::create(d.join("video.mp4")).unwrap();
    big.set_len(2 << 30).unwrap();
    let mut not_xml = vec![b'a'; 1 << 20];
    not_xml.extend(b"<tmx/>");
    write(d, "notes.tmx", &not_xml);
    for cmd in [&["import"][..], &["segment"], &["tmx", "import"]] {
        for (file, needle) in [
            ("pipe", "pipe: is not a regular file"),
            ("/dev/zero", "/dev/zero: is not a regular file"),
        ] {
            let args: Vec<&str> = cmd.iter().copied().chain([file]).collect();
            assert_refused(d, &args, needle);
        }
        let args: Vec<&str> = cmd.iter().copied().chain(["video.mp4"]).collect();
        let needle = if cmd == ["tmx", "import"] {
            "video.mp4: binary data"
        } else {
            "video.mp4: larger than 1 GiB [file-too-large]"
        };
        assert_refused(d, &args, needle);
    }
    // Under the file limit, a binary document is refused from its first KiB.
    let mid = std::fs::File::create(d.join("clip.bin")).unwrap();
    mid.set_len(600 << 20).unwrap();
    assert_refused(
        d,
        &["segment", "--limit", "file=2GiB", "clip.bin"],
        "clip.bin: 1:1: binary data",
    );
    assert_refused(d, &["tmx", "import", "notes.tmx"], "notes.tmx: not XML");
    // A long line is a segment too long.
    write(d, "line.txt", "Сөз ".repeat(300_000));
    assert_refused(
        d,
        &["segment", "line.txt"],
        "line.txt: 1:1: line longer than 1 MiB [segment-too-long]",
    );
    let r = run_limited(d, &["segment", "--limit", "segment=4MiB", "line.txt"], 60);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn parser_internals_and_huge_tags_stay_out_of_messages() {
    let dir = initialised();
    let d = dir.path();
    write(d, "entity.tmx", tmx(&unit("Бір &nbsp; екі", "One")));
    let err = assert_refused(d, &["tmx", "import", "entity.tmx"], "unknown entity &nbsp;");
    assert!(!err.contains(".."), "{err}");
    let long_lang = "k".repeat(100_000);
    for lang in [long_lang.as_str(), "'; DROP TABLE tm_units; --"] {
        let body = format!(
            "<tu><tuv xml:lang=\"kk\"><seg>Бір</seg></tuv><tuv xml:lang=\"{lang}\"><seg>One</seg></tuv></tu>"
        );
        write(d, "lang.tmx", tmx(&body));
        assert_refused(
            d,
            &["tmx", "import", "lang.tmx"],
            "is not a language tag (BCP 47",
        );
    }
}

/// Run with `stdin` as the input, under the memory limit.
fn run_with_stdin(dir: &Path, args: &[&str], stdin: &Path) -> Run {
    let bin = assert_cmd::cargo::cargo_bin("audarma");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_KIB}; exec timeout 60 \"$0\" \"$@\""
        ))
        .arg(&bin)
        .arg("--db")
        .arg(dir.join("t.db"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(std::fs::File::open(stdin).unwrap())
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn suggest_bounds_its_query_and_what_it_scores() {
    let dir = initialised();
    let d = dir.path();
    let words = ["сөз", "кітап", "үй", "бала", "мектеп", "қала"];
    let sentence = |n: usize| -> String {
        (0..n)
            .map(|i| format!("{}{}", words[i % words.len()], i % 37))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // A stored unit of 6,000 words (under the segment limit) ...
    write(d, "long.tmx", tmx(&unit(&sentence(6000), "long")));
    let r = run_limited(d, &["tmx", "import", "long.tmx"], 60);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // ... and a query as long: scoring the pair would take half a minute
    // and hundreds of MB; it is refused at once.
    write(d, "q.txt", format!("{}\n", sentence(6000)));
    let r = run_with_stdin(
        d,
        &["suggest", "--to", "en", "--min", "0"],
        &d.join("q.txt"),
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("at most 1000 [segment-too-long]"),
        "{}",
        r.stderr
    );
    // A line over the segment limit is not even read whole.
    write(d, "huge.txt", format!("{}\n", "сөз ".repeat(400_000)));
    let r = run_with_stdin(
        d,
        &["suggest", "--to", "en", "--min", "0"],
        &d.join("huge.txt"),
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("longer than 1 MiB [segment-too-long]"),
        "{}",
        r.stderr
    );
    // A sentence of ordinary length still gets its suggestions, in time.
    write(
        d,
        "short.tmx",
        tmx(&unit("Бала мектепке барады.", "The child goes to school.")),
    );
    run_limited(d, &["tmx", "import", "short.tmx"], 60);
    write(d, "s.txt", "Бала мектепке барады.\n");
    let r = run_with_stdin(
        d,
        &["suggest", "--to", "en", "--min", "0"],
        &d.join("s.txt"),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("The child goes to school."),
        "{}",
        r.stdout
    );
}
