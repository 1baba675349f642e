//! Structure-aware inputs: byte-level mutation of seeds, documents in mixed
//! scripts with control characters and odd line breaks in every accepted (and
//! some refused) encoding, and gzip/zip containers around TMX (well formed,
//! truncated, corrupted, multi-member, odd entry names). TMX documents
//! themselves are generated in `gen_tmx`.

use std::io::Write;
use std::path::Path;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};

pub use super::gen_tmx::tmx_file;
use super::gen_tmx::{encode_xml, tmx_doc};
use super::repo;

/// Bytes that make readers take their rarer paths, inserted by mutation.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"\"",
    b"'",
    b"=",
    b"/",
    b"&#x1;",
    b"&#0;",
    b"&#xD800;",
    b"&#x110000;",
    b"&#99999999999999999999;",
    b"&#x;",
    b"&amp;",
    b"&nbsp;",
    b"&lt",
    b"]]>",
    b"<![CDATA[",
    b"<!--",
    b"-->",
    b"<?",
    b"?>",
    b"<!DOCTYPE tmx [<!ENTITY e \"x\">]>",
    b"\0",
    b"\x1b[2J",
    b"\x07",
    b"\x7f",
    b"\xC2\x9B",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\xC3",
    b"\xED\xA0\x80",
    b"\xF4\x90\x80\x80",
    b"\xEF\xBF\xBE",
    b"\n",
    b"\r",
    b"\r\n",
    b"\xE2\x80\xA8",
    b"\xC2\x85",
    b"<tu>",
    b"</tu>",
    b"<tuv xml:lang=\"kk\">",
    b"</tuv>",
    b"<seg>",
    b"</seg>",
    b"<bpt i=\"1\">",
    b"</bpt>",
    b"<ept i=\"1\">",
    b"<ph/>",
    b"<sub>",
    b" a=\"b\"",
    b" xml:lang=\"en\"",
    b" encoding=\"windows-1251\"",
    b"\x1f\x8b",
    b"PK\x03\x04",
    "т.б.".as_bytes(),
    "Н.Ә.".as_bytes(),
    b"..",
    b"[1].",
    "Әдебиеттер".as_bytes(),
    b"\xD8\x00",
    b"\x00\xD8",
];

/// One edit of a byte string; positions scale with its length.
#[derive(Debug, Clone)]
pub enum Op {
    Flip(Index, u8),
    Insert(Index, &'static [u8]),
    Delete(Index, usize),
    Truncate(Index),
    Repeat(Index, usize, usize),
}

pub fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Op::Flip(i, b)),
        3 => (any::<Index>(), select(TOKENS)).prop_map(|(i, t)| Op::Insert(i, t)),
        1 => (any::<Index>(), 1usize..64).prop_map(|(i, n)| Op::Delete(i, n)),
        1 => (any::<Index>()).prop_map(Op::Truncate),
        1 => (any::<Index>(), 1usize..32, 2usize..64).prop_map(|(i, n, k)| Op::Repeat(i, n, k)),
    ]
}

pub fn apply(mut bytes: Vec<u8>, ops: &[Op]) -> Vec<u8> {
    for op in ops {
        let at = |i: &Index| {
            if bytes.is_empty() {
                0
            } else {
                i.index(bytes.len() + 1)
            }
        };
        match op {
            Op::Flip(i, b) if !bytes.is_empty() => {
                let p = i.index(bytes.len());
                bytes[p] ^= b | 1;
            }
            Op::Flip(..) => {}
            Op::Insert(i, t) => {
                let p = at(i);
                bytes.splice(p..p, t.iter().copied());
            }
            Op::Delete(i, n) => {
                let p = at(i).min(bytes.len());
                bytes.drain(p..(p + n).min(bytes.len()));
            }
            Op::Truncate(i) => bytes.truncate(at(i)),
            Op::Repeat(i, n, k) => {
                let p = at(i).min(bytes.len());
                let piece = bytes[p..(p + n).min(bytes.len())].to_vec();
                let tail = bytes.split_off(p);
                for _ in 0..*k {
                    bytes.extend_from_slice(&piece);
                }
                bytes.extend(tail);
            }
        }
    }
    bytes
}

/// A seed with a few edits: the input of a target without a generator.
pub fn mutated(seeds: Vec<Vec<u8>>) -> BoxedStrategy<Vec<u8>> {
    (select(seeds), vec(op(), 0..8))
        .prop_map(|(seed, ops)| apply(seed, &ops))
        .boxed()
}

pub fn no_shared(_: &Path) -> Vec<Vec<u8>> {
    Vec::new()
}

/// Pieces of text: Kazakh, Russian and English words, the segmenter's
/// abbreviations and initials, other scripts, controls and line breaks.
const TEXT_TOKENS: &[&str] = &[
    ". ",
    ".",
    "..",
    "...",
    "…",
    "?",
    "!",
    "?!",
    ", ",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{2028}",
    "\u{85}",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "\u{301}",
    "т.б.",
    "т.с.с.",
    "ж.",
    "жж.",
    "млн.",
    "г.",
    "e.g.",
    "i.e.",
    "Dr.",
    "Н.Ә.",
    "М.В. ",
    "А. ",
    "[1].",
    "[12]",
    "1.",
    "2)",
    "iii.",
    "1.5",
    "Әдебиеттер\n",
    "«",
    "»",
    "“",
    "”",
    "–",
    "—",
    "(",
    ")",
    "\"",
    "'",
    "😀",
    "中文",
    "مرحبا",
    "\u{1b}[2J",
    "\u{7}",
    "\u{7f}",
    "\u{9b}",
    "\u{0}",
    "\u{fffd}",
    "\u{fffe}",
    "\u{10ffff}",
    "бiрлiгi",
    "Жаhандық",
    "kazinform.kz",
    "Қазақстан",
    "Президенті",
    "www.",
];

pub fn text() -> impl Strategy<Value = String> {
    vec(
        prop_oneof![
            4 => "[а-яәіңғүұқөһ]{1,10}",
            2 => "[А-ЯӘІҢҒҮҰҚӨҺ][а-яәі]{0,6}",
            2 => "[a-zA-Z]{1,8}",
            1 => "[0-9]{1,4}",
            5 => select(TEXT_TOKENS).prop_map(String::from),
            1 => any::<char>().prop_map(String::from),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

/// How a document's text becomes bytes.
#[derive(Debug, Clone, Copy)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Utf16LeNoBom,
    Windows1251,
}

pub fn encoding() -> impl Strategy<Value = Encoding> {
    prop_oneof![
        4 => Just(Encoding::Utf8),
        1 => Just(Encoding::Utf8Bom),
        1 => Just(Encoding::Utf16Le),
        1 => Just(Encoding::Utf16Be),
        1 => Just(Encoding::Utf16LeNoBom),
        1 => Just(Encoding::Windows1251),
    ]
}

impl Encoding {
    pub fn encode(self, text: &str) -> Vec<u8> {
        let utf16 = |le: bool| -> Vec<u8> {
            text.encode_utf16()
                .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect()
        };
        match self {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            Encoding::Utf16Le => [vec![0xFF, 0xFE], utf16(true)].concat(),
            Encoding::Utf16Be => [vec![0xFE, 0xFF], utf16(false)].concat(),
            Encoding::Utf16LeNoBom => utf16(true),
            // Unmappable characters become numeric references (`&#1241;`),
            // as encoding_rs writes them; in a TMX file they stay readable.
            Encoding::Windows1251 => encoding_rs::WINDOWS_1251.encode(text).0.into_owned(),
        }
    }
}

/// A text document: generated (then perhaps damaged) or a mutated seed.
pub fn text_file(seeds: Vec<Vec<u8>>) -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        3 => (text(), encoding(), vec(op(), 0..3))
            .prop_map(|(t, e, ops)| apply(e.encode(&t), &ops)),
        2 => mutated(seeds),
    ]
    .boxed()
}

/// The segmentation cases, corpus snippets and the bundled article.
pub fn shared_text(shared: &Path) -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    if let Ok(cases) = std::fs::read_to_string(shared.join("segmentation/cases.jsonl")) {
        for line in cases.lines() {
            if let Ok(case) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(text) = case["text"].as_str() {
                    seeds.push(text.as_bytes().to_vec());
                }
            }
        }
    }
    for snippet in [
        "corpora/ntrex128/newstest2019-ref.kaz.txt",
        "corpora/udhr/udhr.kk-en-ru.tsv",
        "corpora/tatoeba/tatoeba-test-v2021-08-07.en-kk.tsv",
    ] {
        if let Ok(text) = std::fs::read_to_string(shared.join(snippet)) {
            let head: Vec<&str> = text.lines().take(30).collect();
            seeds.push(head.join("\n").into_bytes());
        }
    }
    seeds.extend(std::fs::read(repo().join("data/integration.kk.txt")));
    seeds
}

/// The shared TMX samples (real files from many tools) and broken files.
pub fn shared_tmx(shared: &Path) -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for dir in ["tmx/samples", "tmx/broken"] {
        let Ok(entries) = std::fs::read_dir(shared.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tmx"))
            .collect();
        paths.sort();
        seeds.extend(paths.iter().filter_map(|p| std::fs::read(p).ok()));
    }
    seeds.extend(std::fs::read(repo().join("data/integration.kk-en-ru.tmx")));
    seeds
}

pub fn shared_tmx_gz(shared: &Path) -> Vec<Vec<u8>> {
    shared_tmx(shared).iter().map(|t| gzip(t, 6)).collect()
}

pub fn shared_tmx_zip(shared: &Path) -> Vec<Vec<u8>> {
    shared_tmx(shared)
        .into_iter()
        .map(|t| zip(&[("memory.tmx".into(), t, true)]))
        .collect()
}

pub fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    gz.write_all(bytes).expect("gzip in memory");
    gz.finish().expect("gzip in memory")
}

/// A zip of (name, content, deflated) entries; a name ending in `/` is a folder.
pub fn zip(entries: &[(String, Vec<u8>, bool)]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content, deflated) in entries {
        let method = if *deflated {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let options = SimpleFileOptions::default().compression_method(method);
        if name.ends_with('/') {
            let _ = writer.add_directory(name.as_str(), options);
        } else if writer.start_file(name.as_str(), options).is_ok() {
            writer.write_all(content).expect("zip in memory");
        }
    }
    writer.finish().expect("zip in memory").into_inner()
}

/// The TMX inside a container: generated, or a seed's.
fn payload(seeds: Vec<Vec<u8>>) -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        2 => (tmx_doc(), encoding()).prop_map(|(d, e)| encode_xml(&d, e)),
        1 => select(seeds),
    ]
    .boxed()
}

/// A `.tmx.gz`: one or two members, any level, sometimes damaged.
pub fn gz_file(seeds: Vec<Vec<u8>>) -> BoxedStrategy<Vec<u8>> {
    let plain: Vec<Vec<u8>> = seeds.iter().filter_map(|s| gunzip(s)).collect();
    let plain = if plain.is_empty() {
        seeds.clone()
    } else {
        plain
    };
    prop_oneof![
        3 => (vec(payload(plain), 1..3), 0u32..10, vec(op(), 0..3)).prop_map(|(parts, level, ops)| {
            let gz: Vec<u8> = parts.iter().flat_map(|p| gzip(p, level)).collect();
            apply(gz, &ops)
        }),
        1 => mutated(seeds),
    ]
    .boxed()
}

fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .ok()
        .map(|_| out)
}

fn entry_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,8}\\.tmx",
        1 => Just("MEMORY.TMX".to_string()),
        1 => Just("dir/".to_string()),
        1 => Just("dir/inner.tmx".to_string()),
        1 => Just("../outside.tmx".to_string()),
        1 => Just("/abs.tmx".to_string()),
        1 => Just("readme.txt".to_string()),
        1 => Just(".tmx".to_string()),
        1 => Just("пам\u{44f}ть.tmx".to_string()),
    ]
}

/// A `.zip`: zero to four entries (TMX or not, stored or deflated), sometimes damaged.
pub fn zip_file(seeds: Vec<Vec<u8>>) -> BoxedStrategy<Vec<u8>> {
    let entry = (
        entry_name(),
        prop_oneof![3 => payload(seeds.clone()), 1 => vec(any::<u8>(), 0..64)],
        any::<bool>(),
    );
    prop_oneof![
        3 => (vec(entry, 0..4), vec(op(), 0..3)).prop_map(|(entries, ops)| apply(zip(&entries), &ops)),
        1 => mutated(seeds),
    ]
    .boxed()
}
