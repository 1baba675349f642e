//! The per-unit text work of a TMX import (what `store::tm::pipeline`'s
//! reading thread does for every unit): the match key of every variant, then
//! the stem ids of the Kazakh key. Over the 10,000 units of `bench/gen_tm.py`,
//! read with the library's TMX reader; also its parts (tokens, stem ids).
//!
//! Run: `cargo bench --bench import_text` (needs ../shared and python3;
//! `$AUDARMA_SHARED` points elsewhere). Compare runs with
//! `-- --save-baseline NAME` and `-- --baseline NAME`.
//!
//! On a shared machine wall-clock times drift with the load, so the bench
//! also runs a fixed amount of work and prints the CPU time this thread spent
//! on it (not the time it waited for a core), from `/proc/thread-self/schedstat`:
//! `IMPORT_TEXT_ROUNDS=20 IMPORT_TEXT_PART=units target/release/deps/import_text-HASH --bench`
//! (parts: `units`, `keys`, `tokens`, `stems`, `stems_cold`; `IMPORT_TEXT_UNITS` sets the
//! memory's size, 10,000 by default). Run two builds interleaved and compare.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use audarma::store::fuzzy_index::StemDict;
use audarma::text::match_key;
use audarma::text::tokens::for_each_token;
use audarma::tmx::lang::primary;
use audarma::tmx::reader::TmxReader;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn shared() -> Option<PathBuf> {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let dir = match std::env::var_os("AUDARMA_SHARED") {
        Some(d) if !beside.is_dir() => PathBuf::from(d),
        _ => beside,
    };
    dir.is_dir().then_some(dir)
}

/// (language, plain text) of every variant of every unit, unit by unit, of
/// a gen_tm.py memory of `n` units.
fn gen_tm_units(shared: &std::path::Path, n: usize) -> Vec<Vec<(String, String)>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let status = std::process::Command::new("python3")
        .arg(shared.join("bench/gen_tm.py"))
        .arg(n.to_string())
        .arg(dir.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs gen_tm.py");
    assert!(status.success(), "gen_tm.py failed");
    let path = dir.path().join(format!("tm_{n}.tmx"));
    let file = std::fs::File::open(&path).expect("TMX readable");
    let mut reader = TmxReader::open(Box::new(file), "gen_tm").expect("TMX opens");
    let mut units = Vec::new();
    while let Some(read) = reader.next_unit().expect("TMX unit") {
        let variants = read.unit.variants.into_iter();
        units.push(variants.map(|v| (primary(&v.lang), v.plain)).collect());
    }
    units
}

/// CPU time of this thread so far, in nanoseconds (Linux).
fn thread_cpu_ns() -> u64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").expect("schedstat");
    let ns = stat.split_whitespace().next().and_then(|n| n.parse().ok());
    ns.expect("schedstat starts with the CPU time")
}

/// What the import's reading thread does with a unit's texts.
fn unit_keys_and_stems(units: &[Vec<(String, String)>], dict: &mut StemDict) {
    for unit in units {
        let keys: Vec<String> = unit.iter().map(|(_, t)| match_key(t)).collect();
        if let Some(i) = unit.iter().position(|(lang, _)| lang == "kk") {
            black_box(dict.stem_ids(&keys[i]));
        }
        black_box(keys);
    }
}

fn keys(units: &[Vec<(String, String)>]) {
    for (_, text) in units.iter().flatten() {
        black_box(match_key(text));
    }
}

fn stem_all(keys: &[String], dict: &mut StemDict) {
    for key in keys {
        black_box(dict.stem_ids(key));
    }
}

fn tokens(keys: &[String]) {
    for key in keys {
        let mut n = 0usize;
        for_each_token(key, |_, t| n += t.len());
        black_box(n);
    }
}

fn bench(c: &mut Criterion) {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared is absent");
        return;
    };
    // IMPORT_TEXT_UNITS=100000 for the fixed-work runs: a dictionary as large
    // as a real import's, which no longer fits the CPU caches.
    let n = std::env::var("IMPORT_TEXT_UNITS").map_or(10_000, |n| n.parse().expect("a number"));
    let units = gen_tm_units(&shared, n);
    let kk_keys: Vec<String> = units
        .iter()
        .flatten()
        .filter(|(lang, _)| lang == "kk")
        .map(|(_, text)| match_key(text))
        .collect();
    if let Ok(rounds) = std::env::var("IMPORT_TEXT_ROUNDS") {
        let rounds: usize = rounds.parse().expect("IMPORT_TEXT_ROUNDS is a number");
        let part = std::env::var("IMPORT_TEXT_PART").unwrap_or_else(|_| "units".into());
        let mut dict = StemDict::empty();
        // One round first, so both builds start with a warm dictionary.
        unit_keys_and_stems(&units, &mut dict);
        let start = thread_cpu_ns();
        for _ in 0..rounds {
            match part.as_str() {
                "units" => unit_keys_and_stems(&units, &mut dict),
                "tokens" => tokens(&kk_keys),
                "keys" => keys(&units),
                // A fresh dictionary: every form is stemmed once, as in an import.
                "stems_cold" => stem_all(&kk_keys, &mut StemDict::empty()),
                _ => stem_all(&kk_keys, &mut dict),
            }
        }
        let ms = (thread_cpu_ns() - start) as f64 / 1e6 / rounds.max(1) as f64;
        println!("{part}: {ms:.3} ms CPU per round");
        std::process::exit(0);
    }
    let mut group = c.benchmark_group("import_text");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(units.len() as u64));
    // The dictionary stays warm across iterations, as it is after the first
    // few thousand units of a large import.
    let mut dict = StemDict::empty();
    group.bench_function("unit_keys_and_stems", |b| {
        b.iter(|| unit_keys_and_stems(&units, &mut dict))
    });
    group.bench_function("for_each_token_kk", |b| b.iter(|| tokens(&kk_keys)));
    let mut dict = StemDict::empty();
    group.bench_function("stem_ids_kk", |b| {
        b.iter(|| {
            for key in &kk_keys {
                black_box(dict.stem_ids(key));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
