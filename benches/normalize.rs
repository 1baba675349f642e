//! `clean` and `match_key` over real text: the Kazakh, English and Russian
//! columns of NTREX-128 and the Kazakh/English mix of `bench/gen_tm.py`
//! (10,000 units). Each iteration normalises the whole corpus.
//!
//! Run: `cargo bench --bench normalize` (needs ../shared; `$AUDARMA_SHARED`
//! points elsewhere). Compare runs with `-- --save-baseline NAME` and
//! `-- --baseline NAME`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use audarma::text::{clean, match_key};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn shared() -> Option<PathBuf> {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let dir = match std::env::var_os("AUDARMA_SHARED") {
        Some(d) if !beside.is_dir() => PathBuf::from(d),
        _ => beside,
    };
    dir.is_dir().then_some(dir)
}

/// NTREX columns (`id, doc, en, kk, ru`) by name.
fn ntrex(shared: &std::path::Path) -> Vec<(&'static str, Vec<String>)> {
    let path = shared.join("corpora/ntrex128/ntrex128.kk-en-ru.tsv");
    let text = std::fs::read_to_string(&path).expect("NTREX TSV readable");
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    [("ntrex_kk", 3), ("ntrex_en", 2), ("ntrex_ru", 4)]
        .into_iter()
        .map(|(name, col)| {
            let lines = rows
                .iter()
                .filter_map(|r| r.get(col))
                .map(|s| s.to_string());
            (name, lines.collect())
        })
        .collect()
}

/// The Kazakh side of a 10,000-unit TM from gen_tm.py (seeded, so stable).
fn gen_tm(shared: &std::path::Path) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let status = std::process::Command::new("python3")
        .arg(shared.join("bench/gen_tm.py"))
        .arg("10000")
        .arg(dir.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs gen_tm.py");
    assert!(status.success(), "gen_tm.py failed");
    let text = std::fs::read_to_string(dir.path().join("tm_10000.kk.txt")).expect("kk text");
    text.lines().map(str::to_string).collect()
}

fn bench(c: &mut Criterion) {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared is absent");
        return;
    };
    let mut corpora = ntrex(&shared);
    corpora.push(("gen_tm_kk", gen_tm(&shared)));
    for (name, f) in [
        ("match_key", match_key as fn(&str) -> String),
        ("clean", clean),
    ] {
        let mut group = c.benchmark_group(name);
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(4));
        for (corpus, lines) in &corpora {
            let bytes: usize = lines.iter().map(String::len).sum();
            group.throughput(Throughput::Bytes(bytes as u64));
            group.bench_function(*corpus, |b| {
                b.iter(|| {
                    for line in lines {
                        black_box(f(black_box(line)));
                    }
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
