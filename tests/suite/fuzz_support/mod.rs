//! The structure-aware fuzzing harness: which inputs each target of
//! `fuzz/targets.rs` gets (seeds, regressions, generators), and the runner
//! that feeds them for a number of cases or a time, shrinks what breaks a
//! target and keeps it. `fuzz_readers` (the tests) and `bench/fuzz.sh` (the
//! bounded campaign) drive it.
#![allow(dead_code)]

pub mod gen;
pub mod gen_tmx;
pub mod runner;

#[path = "../../../fuzz/targets.rs"]
pub mod targets;

use std::path::{Path, PathBuf};

use proptest::strategy::BoxedStrategy;

pub use runner::{run, Stop};
pub use targets::Target;

/// Generated inputs, built from the seeds.
pub type Inputs = fn(Vec<Vec<u8>>) -> BoxedStrategy<Vec<u8>>;
/// Seed files from `../shared` (read at run time: their licences keep them
/// out of the repository), besides `fuzz/seeds/<target>/`.
pub type SharedSeeds = fn(&Path) -> Vec<Vec<u8>>;

/// A target with the inputs the harness gives it.
pub struct Fuzzed {
    pub target: &'static Target,
    pub inputs: Inputs,
    pub shared_seeds: SharedSeeds,
}

/// Every target of `targets::TARGETS`, with its inputs. A target with no
/// generator of its own gets its seeds mutated byte-wise.
pub fn all() -> Vec<Fuzzed> {
    targets::TARGETS
        .iter()
        .map(|target| {
            let (inputs, shared_seeds): (Inputs, SharedSeeds) = match target.name {
                "text_decode" | "segment" => (gen::text_file, gen::shared_text),
                "tmx" => (gen::tmx_file, gen::shared_tmx),
                "tmx_gz" => (gen::gz_file, gen::shared_tmx_gz),
                "tmx_zip" => (gen::zip_file, gen::shared_tmx_zip),
                _ => (gen::mutated, gen::no_shared),
            };
            Fuzzed {
                target,
                inputs,
                shared_seeds,
            }
        })
        .collect()
}

pub fn find(name: &str) -> Option<Fuzzed> {
    all().into_iter().find(|f| f.target.name == name)
}

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files of `fuzz/<kind>/<target>/`, sorted (none when it is absent).
pub fn corpus(kind: &str, target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = repo().join("fuzz").join(kind).join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, bytes)
        })
        .collect()
}

/// `../shared` beside the repository (or beside the main checkout, for a
/// worktree), if present.
pub fn shared_dir() -> Option<PathBuf> {
    [repo().join("../shared"), repo().join("../../shared")]
        .into_iter()
        .find(|d| d.join("tmx").is_dir())
}

/// Seeds for a target: the repository's own, then `../shared`'s.
pub fn seeds(fuzzed: &Fuzzed) -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = corpus("seeds", fuzzed.target.name)
        .into_iter()
        .map(|(_, b)| b)
        .collect();
    if let Some(shared) = shared_dir() {
        seeds.extend((fuzzed.shared_seeds)(&shared));
    }
    if seeds.is_empty() {
        seeds.push(b"<tmx/>".to_vec());
    }
    seeds
}
