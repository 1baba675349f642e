//! Fuzzing the readers of user files (the targets are `fuzz/targets.rs`):
//! every input that ever broke a target (`fuzz/regressions/<target>/`) and
//! every seed is replayed, and each target gets a few hundred generated inputs
//! in every `cargo test`. `campaign` (ignored) runs targets for a time;
//! `bench/fuzz.sh` runs it under a memory limit in CI.

use std::path::PathBuf;
use std::time::Duration;

use crate::fuzz_support::runner::check;
use crate::fuzz_support::targets::Target;
use crate::fuzz_support::{self, corpus, run, Fuzzed, Stop};

/// Generated inputs per target in a normal test run (the import targets
/// cost a database each, so they get fewer).
fn quick_cases(target: &str) -> u64 {
    if target.starts_with("tmx_") {
        48
    } else {
        300
    }
}

fn skip_without_shared() {
    if fuzz_support::shared_dir().is_none() {
        let why = "../shared is absent: its seeds are not replayed";
        if std::env::var_os("CI").is_some_and(|v| v == "true") {
            panic!("CI=true: {why}");
        }
        eprintln!("skipping: {why}");
    }
}

#[test]
fn every_regression_and_seed_replays_clean() {
    skip_without_shared();
    let mut failures = Vec::new();
    let mut replayed = 0;
    for fuzzed in fuzz_support::all() {
        let name = fuzzed.target.name;
        let mut inputs: Vec<(PathBuf, Vec<u8>)> = corpus("regressions", name);
        inputs.extend(corpus("seeds", name));
        if let Some(shared) = fuzz_support::shared_dir() {
            let from_shared = (fuzzed.shared_seeds)(&shared);
            inputs.extend(
                from_shared
                    .into_iter()
                    .enumerate()
                    .map(|(i, b)| (PathBuf::from(format!("../shared seed {i}")), b)),
            );
        }
        for (path, bytes) in &inputs {
            replayed += 1;
            if let Err(message) = check(&fuzzed, bytes) {
                failures.push(format!("{name}: {}: {message}", path.display()));
            }
        }
    }
    assert!(replayed > 0, "no regression or seed replayed");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A target's quick run: a fixed number of generated inputs, same seed each time.
fn quick(name: &str) {
    let fuzzed = fuzz_support::find(name).expect("a known target");
    let outcome = run(&fuzzed, Stop::Cases(quick_cases(name)), 14, None);
    let shown: Vec<String> = outcome
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}\n  input: {:?}",
                f.message,
                String::from_utf8_lossy(&f.input)
            )
        })
        .collect();
    assert!(outcome.findings.is_empty(), "{name}:\n{}", shown.join("\n"));
    assert!(outcome.executions >= quick_cases(name));
}

#[test]
fn generated_text_decode() {
    quick("text_decode");
}

#[test]
fn generated_segment() {
    quick("segment");
}

#[test]
fn generated_tmx() {
    quick("tmx");
}

#[test]
fn generated_tmx_gz() {
    quick("tmx_gz");
}

#[test]
fn generated_tmx_zip() {
    quick("tmx_zip");
}

#[test]
fn every_target_has_inputs_and_seeds() {
    for fuzzed in fuzz_support::all() {
        let seeds = fuzz_support::seeds(&fuzzed);
        assert!(!seeds.is_empty(), "{}: no seeds", fuzzed.target.name);
        assert!(
            !corpus("seeds", fuzzed.target.name).is_empty(),
            "{}: no seeds in fuzz/seeds/",
            fuzzed.target.name
        );
    }
}

/// The harness itself: a planted bug is found, and shrunk to a small input.
#[test]
fn a_planted_bug_is_found_and_shrunk() {
    static PLANTED: Target = Target {
        name: "planted",
        run: |data| assert!(!data.windows(2).any(|w| w == b"<t"), "planted"),
    };
    let fuzzed = Fuzzed {
        target: &PLANTED,
        inputs: fuzz_support::gen::tmx_file,
        shared_seeds: fuzz_support::gen::no_shared,
    };
    let dir = tempfile::tempdir().unwrap();
    let outcome = run(&fuzzed, Stop::Cases(500), 1, Some(dir.path()));
    let finding = outcome.findings.first().expect("the planted bug is found");
    assert!(finding.message.contains("planted"), "{}", finding.message);
    assert!(
        finding.input.len() <= 64,
        "not shrunk: {} bytes",
        finding.input.len()
    );
    let kept: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(
        kept.len() >= 3,
        "last-input, finding and its message are kept"
    );
}

/// Run targets for a time: `AUDARMA_FUZZ_TARGET` (one name; all when unset),
/// `AUDARMA_FUZZ_SECS` each (30), findings to `AUDARMA_FUZZ_OUT/<target>/`,
/// `AUDARMA_FUZZ_SEED` (random when unset; printed, so a run can be repeated).
#[test]
#[ignore = "a timed campaign: bench/fuzz.sh runs it"]
fn campaign() {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let secs: f64 =
        env("AUDARMA_FUZZ_SECS").map_or(30.0, |v| v.parse().expect("AUDARMA_FUZZ_SECS"));
    let seed: u64 = env("AUDARMA_FUZZ_SEED").map_or_else(
        || {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        },
        |v| v.parse().expect("AUDARMA_FUZZ_SEED"),
    );
    let wanted = env("AUDARMA_FUZZ_TARGET");
    let out = env("AUDARMA_FUZZ_OUT").map(PathBuf::from);
    let mut found = 0;
    for fuzzed in fuzz_support::all() {
        let name = fuzzed.target.name;
        if wanted.as_deref().is_some_and(|w| w != name) {
            continue;
        }
        let dir = out.as_ref().map(|o| o.join(name));
        if let Some(d) = &dir {
            std::fs::create_dir_all(d).expect("the findings folder");
        }
        let outcome = run(
            &fuzzed,
            Stop::Time(Duration::from_secs_f64(secs)),
            seed,
            dir.as_deref(),
        );
        println!(
            "fuzz {name}: {} executions in {:.1} s ({:.0}/s), slowest {:.1} ms, {} findings (seed {seed})",
            outcome.executions,
            outcome.elapsed.as_secs_f64(),
            outcome.executions as f64 / outcome.elapsed.as_secs_f64().max(1e-9),
            outcome.slowest.as_secs_f64() * 1000.0,
            outcome.findings.len()
        );
        for f in &outcome.findings {
            println!(
                "  finding ({} bytes): {}",
                f.input.len(),
                f.message.lines().next().unwrap_or("")
            );
        }
        found += outcome.findings.len();
    }
    assert_eq!(found, 0, "{found} findings");
}

/// Inputs that are all refused at the first byte would test nothing: enough
/// generated TMX files must open and hold units, and enough must not.
#[test]
fn generated_tmx_reaches_the_units() {
    use proptest::strategy::{Strategy, ValueTree};
    let fuzzed = fuzz_support::find("tmx").unwrap();
    let strategy = (fuzzed.inputs)(fuzz_support::seeds(&fuzzed));
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut opened, mut with_units, mut complete) = (0, 0, 0);
    let cases = 400;
    for _ in 0..cases {
        let input = strategy.new_tree(&mut runner).unwrap().current();
        let Ok(mut reader) = audarma::tmx::TmxReader::open(Box::new(&input[..]), "g.tmx") else {
            continue;
        };
        opened += 1;
        let mut units = 0;
        loop {
            match reader.next_unit() {
                Ok(Some(_)) => units += 1,
                Ok(None) => {
                    complete += 1;
                    break;
                }
                Err(_) => break,
            }
        }
        with_units += usize::from(units > 0);
    }
    eprintln!(
        "{cases} generated: {opened} opened, {with_units} with units, {complete} read to the end"
    );
    assert!(opened >= cases / 3, "{opened} of {cases} opened");
    assert!(
        with_units >= cases / 5,
        "{with_units} of {cases} held units"
    );
    assert!(
        complete >= cases / 20 && complete <= cases * 9 / 10,
        "{complete} of {cases} complete"
    );
}
