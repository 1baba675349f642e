//! Feeding generated inputs to a target: for a number of cases (the tests)
//! or a time (the campaign), shrinking an input that breaks the target to a
//! small one, and keeping it on disk when asked.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;
use std::time::{Duration, Instant};

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use sha2::{Digest, Sha256};

use super::{seeds, Fuzzed};

/// When to stop.
#[derive(Debug, Clone, Copy)]
pub enum Stop {
    Cases(u64),
    Time(Duration),
}

/// An input that broke a target, shrunk, with what went wrong.
#[derive(Debug, Clone)]
pub struct Finding {
    pub input: Vec<u8>,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub executions: u64,
    pub findings: Vec<Finding>,
    pub slowest: Duration,
    pub elapsed: Duration,
}

/// An input taking longer than this in a campaign is a finding (a reader
/// must be linear).
pub const SLOW: Duration = Duration::from_secs(2);
/// Findings kept per run: one bug tends to be found again and again.
const MAX_FINDINGS: usize = 5;
/// Shrinking gives up after this many tries or this long.
const MAX_SHRINK_STEPS: u32 = 2000;
const MAX_SHRINK_TIME: Duration = Duration::from_secs(10);

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Panics expected while fuzzing are caught and reported once, not printed
/// by the default hook each time (other tests' panics still are).
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                default(info);
            }
        }));
    });
}

/// Run `input` through the target: the panic message if it broke.
pub fn check(fuzzed: &Fuzzed, input: &[u8]) -> Result<Duration, String> {
    install_quiet_hook();
    QUIET.with(|q| q.set(true));
    let started = Instant::now();
    let result = panic::catch_unwind(AssertUnwindSafe(|| (fuzzed.target.run)(input)));
    let took = started.elapsed();
    QUIET.with(|q| q.set(false));
    match result {
        Ok(()) => Ok(took),
        Err(payload) => Err(payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic without a message".into())),
    }
}

/// Generate inputs for `fuzzed` from `seed` until `stop`. With `out`, the
/// input being run is kept as `out/last-input` (so an abort, which cannot be
/// caught, leaves it behind) and each finding as `out/finding-HASH`.
pub fn run(fuzzed: &Fuzzed, stop: Stop, seed: u64, out: Option<&Path>) -> Outcome {
    let strategy = (fuzzed.inputs)(seeds(fuzzed));
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &key);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let started = Instant::now();
    let mut outcome = Outcome::default();
    let mut seen = std::collections::HashSet::new();
    while !done(stop, &outcome, started) && outcome.findings.len() < MAX_FINDINGS {
        let Ok(mut tree) = strategy.new_tree(&mut runner) else {
            continue;
        };
        let input = tree.current();
        if let Some(dir) = out {
            let _ = std::fs::write(dir.join("last-input"), &input);
        }
        outcome.executions += 1;
        match check(fuzzed, &input) {
            // Timed only in a campaign: a loaded machine makes any test slow.
            Ok(took) if took > SLOW && matches!(stop, Stop::Time(_)) => {
                let message = format!("slow: {took:?} for {} bytes", input.len());
                if let Some(dir) = out {
                    keep(
                        dir,
                        &Finding {
                            input: input.clone(),
                            message: message.clone(),
                        },
                    );
                }
                outcome.findings.push(Finding { input, message });
            }
            Ok(took) => outcome.slowest = outcome.slowest.max(took),
            Err(message) => {
                let finding = shrink(fuzzed, &mut tree, Finding { input, message });
                // One bug per message shape: the first line without digits.
                let shape: String = finding
                    .message
                    .chars()
                    .filter(|c| !c.is_ascii_digit())
                    .take(80)
                    .collect();
                if seen.insert(shape) {
                    if let Some(dir) = out {
                        keep(dir, &finding);
                    }
                    outcome.findings.push(finding);
                }
            }
        }
    }
    outcome.elapsed = started.elapsed();
    outcome
}

fn done(stop: Stop, outcome: &Outcome, started: Instant) -> bool {
    match stop {
        Stop::Cases(n) => outcome.executions >= n,
        Stop::Time(t) => started.elapsed() >= t,
    }
}

/// proptest's shrinking: simplify while the input still fails, step back
/// (complicate) when a simplification made it pass.
fn shrink(fuzzed: &Fuzzed, tree: &mut impl ValueTree<Value = Vec<u8>>, first: Finding) -> Finding {
    let mut best = first;
    let mut failing = true;
    let started = Instant::now();
    for _ in 0..MAX_SHRINK_STEPS {
        if started.elapsed() > MAX_SHRINK_TIME {
            break;
        }
        let moved = if failing {
            tree.simplify()
        } else {
            tree.complicate()
        };
        if !moved {
            break;
        }
        let candidate = tree.current();
        match check(fuzzed, &candidate) {
            Err(message) => {
                failing = true;
                if candidate.len() <= best.input.len() {
                    best = Finding {
                        input: candidate,
                        message,
                    };
                }
            }
            Ok(_) => failing = false,
        }
    }
    best
}

/// `finding-HASH` (the input) and `finding-HASH.md` (what went wrong).
pub fn keep(dir: &Path, finding: &Finding) {
    let hash = Sha256::digest(&finding.input);
    let name: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    let path = dir.join(format!("finding-{name}"));
    let _ = std::fs::write(&path, &finding.input);
    let _ = std::fs::write(path.with_extension("md"), format!("{}\n", finding.message));
}
