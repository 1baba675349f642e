//! The fuzz targets: one function per reader of user files, each taking the
//! bytes of one file and panicking when the reader breaks a promise. Shared by
//! the structure-aware campaign in `tests/suite/fuzz_readers.rs` (which runs in
//! `cargo test` and `bench/fuzz.sh`) and the libFuzzer binaries in
//! `fuzz/fuzz_targets/` (coverage-guided, optional), so both check the same.
//!
//! The promises: no panic; an error is an `audarma::Error` of the input kind
//! whose message is one line, names the file and stays short; what is read
//! stays within a fixed multiple of the input (no expansion). Memory and time
//! are bounded from outside (`ulimit -v`, `timeout`, libFuzzer's limits).
//!
//! Adding a reader: write `fn NAME(data: &[u8])` here on its public entry
//! point, add it to [`TARGETS`], and give it seeds (see the README's
//! contributor section).

use std::io::Read;

use audarma::store::tm::ImportOptions;
use audarma::store::Store;
use audarma::text::decode::decode_text;
use audarma::text::Lang;
use audarma::tmx::TmxReader;
use audarma::Error;

/// One reader under test.
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
}

/// Every target, by the name used for its seed, regression and findings folders.
pub const TARGETS: &[Target] = &[
    Target {
        name: "text_decode",
        run: text_decode,
    },
    Target {
        name: "segment",
        run: segment,
    },
    Target {
        name: "tmx",
        run: tmx,
    },
    Target {
        name: "tmx_gz",
        run: tmx_gz,
    },
    Target {
        name: "tmx_zip",
        run: tmx_zip,
    },
];

/// A message longer than this (beyond the file name) echoes the input.
pub const MAX_MESSAGE: usize = 1024;
/// What is read from a file may be at most this many times its size: UTF-16
/// and single-byte encodings grow by at most 3, re-escaping `"` by 6, a
/// control character in JSON by 6; more is an expansion.
pub const MAX_GROWTH: usize = 16;

/// A plain-text document: UTF-8 (BOM or not) or UTF-16 with a BOM.
pub fn text_decode(data: &[u8]) {
    match decode_text(data) {
        Ok(text) => {
            // Two bytes of UTF-16 are at most three of UTF-8.
            assert!(
                text.len() <= data.len() / 2 * 3 + 4,
                "{} bytes decoded to {}",
                data.len(),
                text.len()
            );
            assert!(!text.contains('\0'), "decoded text holds NUL");
        }
        Err(message) => assert_one_line(&message, ""),
    }
}

/// Segmentation of a document in each language (undecodable bytes are
/// replaced first, so every input reaches the segmenter).
pub fn segment(data: &[u8]) {
    let text = decode_text(data).unwrap_or_else(|_| String::from_utf8_lossy(data).into_owned());
    let chars = text.chars().count();
    for lang in [Lang::Kk, Lang::Ru, Lang::En] {
        let sentences = audarma::segment::split_document(&text, lang);
        assert!(sentences.len() <= chars, "more sentences than characters");
        let mut bytes = 0;
        let mut paragraph = 0;
        for s in &sentences {
            assert!(!s.text.trim().is_empty(), "an empty sentence: {s:?}");
            assert!(s.paragraph >= paragraph.max(1), "paragraphs out of order");
            paragraph = s.paragraph;
            bytes += s.text.len();
        }
        assert!(bytes <= text.len(), "sentences longer than the text");
    }
}

/// A TMX document (any encoding) through the streaming reader.
pub fn tmx(data: &[u8]) {
    let name = "fuzz.tmx";
    let mut reader = match TmxReader::open(Box::new(data), name) {
        Ok(reader) => reader,
        Err(e) => return assert_input_error(&e, name),
    };
    let budget = data.len() * MAX_GROWTH + 4096;
    let mut size = json_len(&reader.header);
    for p in reader.header_problems.iter().chain(&reader.header_warnings) {
        assert_one_line(&p.message, "");
    }
    let mut units = 0;
    loop {
        match reader.next_unit() {
            Ok(Some(read)) => {
                units += 1;
                size += json_len(&read.unit);
                for p in read.problems.iter().chain(&read.warnings) {
                    assert_one_line(&p.message, "");
                }
            }
            Ok(None) => break,
            Err(e) => return assert_input_error(&e, name),
        }
        // `<tu/>` is the shortest unit.
        assert!(
            units <= data.len() / 5 + 1,
            "{units} units from {} bytes",
            data.len()
        );
        assert!(
            size <= budget,
            "{size} bytes read from {} bytes",
            data.len()
        );
    }
}

/// A `.tmx.gz` file through `tmx import` (the container is recognised by its
/// magic number, as for a user's file).
pub fn tmx_gz(data: &[u8]) {
    import(data, "fuzz.tmx.gz");
}

/// A `.zip` of TMX files through `tmx import`.
pub fn tmx_zip(data: &[u8]) {
    import(data, "fuzz.zip");
}

/// Import `data` as a file called `file_name`, strict and lenient, each into
/// a new in-memory database.
fn import(data: &[u8], file_name: &str) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(file_name);
    std::fs::write(&path, data).expect("writing the input");
    let name = path.display().to_string();
    for lenient in [false, true] {
        let mut store = Store::in_memory().expect("an in-memory database");
        let options = ImportOptions {
            lenient,
            ..Default::default()
        };
        match store.import_tmx(&path, &options, &mut |_| {}) {
            Ok(summary) => {
                assert!(summary.imported <= summary.units_read, "{summary:?}");
                assert!(summary.rejected <= summary.units_read, "{summary:?}");
                assert!(
                    lenient || summary.rejected == 0,
                    "strict rejected: {summary:?}"
                );
                // A compressed file may expand, but never past what its
                // decompressed bytes can hold; zip and gzip deflate at most
                // about 1000:1, and a unit takes at least five bytes.
                let most = (data.len() as u64) * 1032 / 5 + 1;
                assert!(
                    summary.units_read <= most,
                    "{summary:?} from {} bytes",
                    data.len()
                );
            }
            Err(e) => assert_input_error(&e, &name),
        }
    }
    // Lenient quarantine files are written next to the input: read each
    // back, so a quarantine the reader cannot read is a finding.
    for entry in std::fs::read_dir(dir.path()).expect("listing the directory") {
        let path = entry.expect("a directory entry").path();
        if path.to_string_lossy().ends_with(".rejected.tmx") {
            let mut bytes = Vec::new();
            std::fs::File::open(&path)
                .and_then(|mut f| f.read_to_end(&mut bytes))
                .expect("reading the quarantine");
            assert_quarantine_reads(&bytes, &path.display().to_string());
        }
    }
}

/// A quarantine file we wrote must be well-formed TMX for our own reader.
fn assert_quarantine_reads(bytes: &[u8], name: &str) {
    let mut reader = TmxReader::open(Box::new(bytes), name)
        .unwrap_or_else(|e| panic!("our quarantine does not open: {e}"));
    while let Some(_unit) = reader
        .next_unit()
        .unwrap_or_else(|e| panic!("our quarantine does not read: {e}"))
    {}
}

fn json_len<T: serde::Serialize>(value: &T) -> usize {
    serde_json::to_string(value).map_or(0, |s| s.len())
}

/// An error for a bad file: the input kind, one line, naming the file.
pub fn assert_input_error(e: &Error, name: &str) {
    assert!(
        matches!(e, Error::Input { .. }),
        "not an input-file error (exit {}): {e:?}",
        e.exit_code()
    );
    assert_one_line(&e.to_string(), name);
}

/// One line, starting with `prefix`, not echoing a long stretch of the input.
pub fn assert_one_line(message: &str, prefix: &str) {
    assert!(!message.trim().is_empty(), "an empty message");
    assert!(
        !message.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']),
        "a message of several lines: {message:?}"
    );
    assert!(
        message.starts_with(prefix),
        "{message:?} does not name {prefix}"
    );
    assert!(
        message.len() <= prefix.len() + MAX_MESSAGE,
        "a message of {} bytes: {:?}...",
        message.len(),
        message.chars().take(200).collect::<String>()
    );
}
