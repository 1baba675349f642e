//! Alignment benchmark on NTREX-128 (run by `bench/align.sh`).
//!
//! Quality: the 123 news documents as Kazakh+English and Kazakh+Russian
//! document pairs with known sentence links, in five versions: clean (with
//! synthetic paragraphs of 2–4 sentences after the headline, same on both
//! sides), 10% of target sentences merged with their neighbour, 5% of
//! sentences dropped from one side, both, and both with the target's
//! paragraphs joined into one. Link precision/recall/F1 of `audarma::align`
//! beside plain Gale–Church (`align::baseline`, c = 1, s² = 6.8) on the same pairs.
//!
//! Speed: two 5,000-sentence documents (the corpus repeated, merged and
//! dropped, no paragraphs) aligned with the banded DP; time and band size.
//!
//! Usage: align_bench [NTREX_TSV]
//!
//! For exploring only (the reported figures use neither): `ALIGN_TUNE=...`
//! overrides priors and anchor weights, `ALIGN_DEBUG=N` lists wrong pairs.

use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

use audarma::align::{self, baseline, Options};
use audarma::segment::Sentence;
use audarma::text::Lang;

/// splitmix64: a tiny deterministic generator, so every run builds the same pairs.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A sentence of a built document: text, paragraph, and the corpus rows it covers.
#[derive(Clone)]
struct Item {
    text: String,
    paragraph: usize,
    rows: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq)]
struct Variant {
    name: &'static str,
    merge: bool,
    drop: bool,
    join_paragraphs: bool,
}

const VARIANTS: [Variant; 5] = [
    Variant {
        name: "clean",
        merge: false,
        drop: false,
        join_paragraphs: false,
    },
    Variant {
        name: "merged 10%",
        merge: true,
        drop: false,
        join_paragraphs: false,
    },
    Variant {
        name: "dropped 5%",
        merge: false,
        drop: true,
        join_paragraphs: false,
    },
    Variant {
        name: "merged+dropped",
        merge: true,
        drop: true,
        join_paragraphs: false,
    },
    Variant {
        name: "merged+dropped+no paragraphs",
        merge: true,
        drop: true,
        join_paragraphs: true,
    },
];

fn paragraphs(n: usize, rng: &mut Rng) -> Vec<usize> {
    // The headline is its own paragraph; then runs of 2–4 sentences.
    let mut out = vec![1];
    let mut p = 1;
    while out.len() < n {
        p += 1;
        for _ in 0..2 + rng.below(3) {
            if out.len() < n {
                out.push(p);
            }
        }
    }
    out
}

/// Build (source, target) for one document and variant.
fn build(kk: &[&str], tgt: &[&str], v: Variant, seed: u64) -> (Vec<Item>, Vec<Item>) {
    let mut rng = Rng(seed);
    let paras = paragraphs(kk.len(), &mut rng);
    let item = |texts: &[&str], i: usize| Item {
        text: texts[i].to_string(),
        paragraph: paras[i],
        rows: vec![i],
    };
    let mut source: Vec<Item> = (0..kk.len()).map(|i| item(kk, i)).collect();
    let mut target: Vec<Item> = (0..tgt.len()).map(|i| item(tgt, i)).collect();
    if v.drop {
        let drops = ((kk.len() as f64) * 0.05).round().max(1.0) as usize;
        for _ in 0..drops {
            let side = if rng.below(2) == 0 {
                &mut source
            } else {
                &mut target
            };
            if side.len() > 2 {
                let k = rng.below(side.len());
                side.remove(k);
            }
        }
    }
    if v.merge {
        let merges = ((tgt.len() as f64) * 0.10).round().max(1.0) as usize;
        for _ in 0..merges {
            // Merge within a paragraph, as a translator joining two sentences would.
            let candidates: Vec<usize> = (0..target.len().saturating_sub(1))
                .filter(|&k| target[k].paragraph == target[k + 1].paragraph)
                .collect();
            if candidates.is_empty() {
                break;
            }
            let k = candidates[rng.below(candidates.len())];
            let next = target.remove(k + 1);
            target[k].text = format!("{} {}", target[k].text, next.text);
            target[k].rows.extend(next.rows);
        }
    }
    if v.join_paragraphs {
        target.iter_mut().for_each(|t| t.paragraph = 1);
    }
    (source, target)
}

fn gold(source: &[Item], target: &[Item]) -> HashSet<(usize, usize)> {
    let mut links = HashSet::new();
    for (j, t) in target.iter().enumerate() {
        for (i, s) in source.iter().enumerate() {
            if s.rows.iter().any(|r| t.rows.contains(r)) {
                links.insert((i, j));
            }
        }
    }
    links
}

fn sentences(items: &[Item]) -> Vec<Sentence> {
    items
        .iter()
        .map(|i| Sentence {
            paragraph: i.paragraph,
            text: i.text.clone(),
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Score {
    correct: usize,
    predicted: usize,
    gold: usize,
}
impl Score {
    fn add(&mut self, predicted: &HashSet<(usize, usize)>, gold: &HashSet<(usize, usize)>) {
        self.correct += predicted.intersection(gold).count();
        self.predicted += predicted.len();
        self.gold += gold.len();
    }
    fn prf(&self) -> (f64, f64, f64) {
        let p = self.correct as f64 / self.predicted.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    }
}

/// The options, with `ALIGN_TUNE=null,merge,strict_bonus,strict_penalty,soft_bonus,soft_cap,two_two`
/// overriding the defaults when exploring parameters (figures reported use the defaults).
fn options(to: Lang) -> Options {
    let mut o = Options::for_target(to);
    if let Ok(t) = std::env::var("ALIGN_TUNE") {
        let v: Vec<f64> = t.split(',').filter_map(|x| x.parse().ok()).collect();
        if v.len() == 7 {
            o.model.priors = [0.89, v[0], v[0], v[1], v[1], v[6]];
            let w = o.anchors.as_mut().expect("anchors on by default");
            (w.strict_bonus, w.strict_penalty, w.soft_bonus, w.soft_cap) =
                (v[2], v[3], v[4], v[5] as usize);
        }
    }
    o
}

fn ours(source: &[Item], target: &[Item], to: Lang) -> Vec<align::Pair> {
    align::align_sentences(&sentences(source), &sentences(target), to, &options(to)).pairs
}

/// How well confidence separates right pairs from wrong ones: for pairs at or
/// above / below the CLI's default threshold (0.5), how many are all right.
#[derive(Default)]
struct Calibration {
    above: (usize, usize),
    below: (usize, usize),
}
impl Calibration {
    fn print(&self) {
        let share = |(n, right): (usize, usize)| 100.0 * right as f64 / n.max(1) as f64;
        println!(
            "\nconfidence (the ten corpus-sentence versions): {} pairs ≥ 0.5, {:.1}% right; {} pairs < 0.5, {:.1}% right",
            self.above.0,
            share(self.above),
            self.below.0,
            share(self.below)
        );
    }

    fn add(&mut self, pairs: &[align::Pair], gold: &HashSet<(usize, usize)>) {
        for p in pairs
            .iter()
            .filter(|p| !p.source_positions.is_empty() && !p.target_positions.is_empty())
        {
            let right = links_of(std::slice::from_ref(p)).is_subset(gold);
            let bucket = if p.confidence >= 0.5 {
                &mut self.above
            } else {
                &mut self.below
            };
            bucket.0 += 1;
            bucket.1 += right as usize;
        }
    }
}

fn theirs(source: &[Item], target: &[Item]) -> HashSet<(usize, usize)> {
    let lens = |items: &[Item]| {
        items
            .iter()
            .map(|i| i.text.chars().count())
            .collect::<Vec<_>>()
    };
    let mut links = HashSet::new();
    for (s, t) in baseline::gale_church(&lens(source), &lens(target)) {
        for &i in &s {
            for &j in &t {
                links.insert((i, j));
            }
        }
    }
    links
}

/// Documents in corpus order: (kk, en, ru) sentence lists.
type Doc<'a> = (Vec<&'a str>, Vec<&'a str>, Vec<&'a str>);

fn load(text: &str) -> Vec<Doc<'_>> {
    let mut order: Vec<&str> = Vec::new();
    let mut docs: BTreeMap<&str, Doc<'_>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            continue;
        }
        let d = docs.entry(cols[1]).or_insert_with(|| {
            order.push(cols[1]);
            Default::default()
        });
        d.0.push(cols[3]);
        d.1.push(cols[2]);
        d.2.push(cols[4]);
    }
    order.iter().filter_map(|k| docs.remove(k)).collect()
}

fn quality(docs: &[Doc<'_>]) -> Calibration {
    println!("| version | pair | links | audarma P | R | F1 | Gale–Church P | R | F1 |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut calibration = Calibration::default();
    for v in VARIANTS {
        for (to, label) in [(Lang::En, "kk-en"), (Lang::Ru, "kk-ru")] {
            let (mut mine, mut base) = (Score::default(), Score::default());
            for (d, (kk, en, ru)) in docs.iter().enumerate() {
                let tgt = if to == Lang::En { en } else { ru };
                let (s, t) = build(kk, tgt, v, 1000 + d as u64);
                let g = gold(&s, &t);
                let pairs = ours(&s, &t, to);
                mine.add(&links_of(&pairs), &g);
                calibration.add(&pairs, &g);
                base.add(&theirs(&s, &t), &g);
            }
            let ((p, r, f), (bp, br, bf)) = (mine.prf(), base.prf());
            println!(
                "| {} | {label} | {} | {p:.4} | {r:.4} | **{f:.4}** | {bp:.4} | {br:.4} | {bf:.4} |",
                v.name, mine.gold
            );
        }
    }
    calibration
}

/// A document as plain text (one line per paragraph) and, for each sentence
/// the segmenter finds in it, the corpus rows that sentence overlaps.
fn as_text(items: &[Item]) -> (String, Vec<(usize, usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::new(); // (start byte, end byte, row)
    for (k, item) in items.iter().enumerate() {
        if k > 0 {
            text.push(if items[k - 1].paragraph == item.paragraph {
                ' '
            } else {
                '\n'
            });
        }
        spans.push((text.len(), text.len() + item.text.len(), item.rows[0]));
        text.push_str(&item.text);
    }
    text.push('\n');
    (text, spans)
}

/// Rows covered by each segmented sentence, found by walking the text in order.
fn rows_of(text: &str, spans: &[(usize, usize, usize)], sentences: &[Sentence]) -> Vec<Vec<usize>> {
    let mut cursor = 0;
    sentences
        .iter()
        .map(|s| {
            let start = text[cursor..]
                .find(s.text.as_str())
                .map_or(cursor, |k| cursor + k);
            let end = start + s.text.len();
            cursor = end;
            spans
                .iter()
                .filter(|&&(a, b, _)| a < end && start < b)
                .map(|&(_, _, r)| r)
                .collect()
        })
        .collect()
}

/// Clean pairs written out as text and split by the project's segmenter
/// (`align::align_texts`), so sentence boundaries are the segmenter's, not the corpus's.
fn segmented_quality(docs: &[Doc<'_>]) {
    for (to, label) in [(Lang::En, "kk-en"), (Lang::Ru, "kk-ru")] {
        let (mut mine, mut base) = (Score::default(), Score::default());
        for (d, (kk, en, ru)) in docs.iter().enumerate() {
            let tgt = if to == Lang::En { en } else { ru };
            let v = Variant {
                name: "segmented",
                merge: false,
                drop: false,
                join_paragraphs: false,
            };
            let (s, t) = build(kk, tgt, v, 1000 + d as u64);
            let ((st, sspans), (tt, tspans)) = (as_text(&s), as_text(&t));
            let (ss, ts, a) = align::align_texts(&st, &tt, to, &options(to));
            let (srows, trows) = (rows_of(&st, &sspans, &ss), rows_of(&tt, &tspans, &ts));
            let mut g = HashSet::new();
            for (i, sr) in srows.iter().enumerate() {
                for (j, tr) in trows.iter().enumerate() {
                    if sr.iter().any(|r| tr.contains(r)) {
                        g.insert((i, j));
                    }
                }
            }
            mine.add(&links_of(&a.pairs), &g);
            let lens =
                |x: &[Sentence]| x.iter().map(|s| s.text.chars().count()).collect::<Vec<_>>();
            let mut links = HashSet::new();
            for (si, ti) in baseline::gale_church(&lens(&ss), &lens(&ts)) {
                links.extend(si.iter().flat_map(|&i| ti.iter().map(move |&j| (i, j))));
            }
            base.add(&links, &g);
        }
        let ((p, r, f), (bp, br, bf)) = (mine.prf(), base.prf());
        println!(
            "| clean, re-segmented from text | {label} | {} | {p:.4} | {r:.4} | **{f:.4}** | {bp:.4} | {br:.4} | {bf:.4} |",
            mine.gold
        );
    }
}

/// Peak bytes per band cell in `align` (forward–backward: 8 + 8 + 6 × 4);
/// the plain baseline stores 9 (an f64 cost and a u8 back-pointer).
const BAND_BYTES_PER_CELL: f64 = 40.0;

fn links_of(pairs: &[align::Pair]) -> HashSet<(usize, usize)> {
    let mut links = HashSet::new();
    for p in pairs {
        for &i in &p.source_positions {
            for &j in &p.target_positions {
                links.insert((i - 1, j - 1));
            }
        }
    }
    links
}

fn speed(docs: &[Doc<'_>]) {
    const N: usize = 5000;
    let kk: Vec<&str> = docs
        .iter()
        .flat_map(|d| d.0.iter().copied())
        .cycle()
        .take(N)
        .collect();
    let en: Vec<&str> = docs
        .iter()
        .flat_map(|d| d.1.iter().copied())
        .cycle()
        .take(N)
        .collect();
    println!();
    for v in [
        Variant {
            name: "clean",
            merge: false,
            drop: false,
            join_paragraphs: true,
        },
        Variant {
            name: "10% merged, 5% dropped",
            merge: true,
            drop: true,
            join_paragraphs: true,
        },
    ] {
        let (s, t) = build(&kk, &en, v, 7);
        let (ss, ts) = (sentences(&s), sentences(&t));
        let start = Instant::now();
        let a = align::align_sentences(&ss, &ts, Lang::En, &options(Lang::En));
        let secs = start.elapsed().as_secs_f64();
        let mut score = Score::default();
        score.add(&links_of(&a.pairs), &gold(&s, &t));
        let full = (s.len() + 1) * (t.len() + 1);
        println!(
            "speed ({}, one paragraph): {} kk × {} en sentences in {secs:.2} s, F1 {:.4}; DP band {} cells (~{:.0} MB), {:.1}% of the full matrix",
            v.name,
            s.len(),
            t.len(),
            score.prf().2,
            a.band_cells,
            a.band_cells as f64 * BAND_BYTES_PER_CELL / 1e6,
            100.0 * a.band_cells as f64 / full as f64,
        );
    }
    println!("peak RSS of the benchmark process so far: {}", peak_rss());
    let (s, t) = build(
        &kk,
        &en,
        Variant {
            name: "clean",
            merge: false,
            drop: false,
            join_paragraphs: true,
        },
        7,
    );
    let lens = |items: &[Item]| {
        items
            .iter()
            .map(|i| i.text.chars().count())
            .collect::<Vec<_>>()
    };
    let full = (s.len() + 1) * (t.len() + 1);
    let start = Instant::now();
    let beads = baseline::gale_church(&lens(&s), &lens(&t));
    println!(
        "peer, plain Gale–Church on the clean pair: {:.2} s, full matrix {full} cells ({:.0} MB), {} beads; peak RSS then {}",
        start.elapsed().as_secs_f64(),
        full as f64 * 9.0 / 1e6,
        beads.len(),
        peak_rss()
    );
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "n/a".into())
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/ntrex128/ntrex128.kk-en-ru.tsv"
        )
        .into()
    });
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "align_bench: cannot read {path}; skipping (give the NTREX-128 TSV as the argument)"
        );
        return;
    };
    let docs = load(&text);
    println!(
        "NTREX-128: {} documents, {} sentence rows\n",
        docs.len(),
        docs.iter().map(|d| d.0.len()).sum::<usize>()
    );
    if std::env::var("ALIGN_DEBUG").is_ok() {
        debug_errors(&docs);
        return;
    }
    let calibration = quality(&docs);
    segmented_quality(&docs);
    calibration.print();
    speed(&docs);
}

/// `ALIGN_DEBUG=N` (version index; `ALIGN_RU=1` for kk-ru): show wrong pairs
/// of that version and count them by bead shape, instead of the benchmark.
fn debug_errors(docs: &[Doc<'_>]) {
    let v = VARIANTS[std::env::var("ALIGN_DEBUG")
        .ok()
        .and_then(|x| x.parse().ok())
        .unwrap_or(0)];
    let mut shown = 0;
    let mut shapes: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let to = if std::env::var("ALIGN_RU").is_ok() {
        Lang::Ru
    } else {
        Lang::En
    };
    for (d, (kk, en, ru)) in docs.iter().enumerate() {
        let (s, t) = build(kk, if to == Lang::Ru { ru } else { en }, v, 1000 + d as u64);
        let g = gold(&s, &t);
        let a = align::align_sentences(&sentences(&s), &sentences(&t), to, &options(to));
        for p in &a.pairs {
            let wrong = p.source_positions.iter().any(|&i| {
                p.target_positions
                    .iter()
                    .any(|&j| !g.contains(&(i - 1, j - 1)))
            });
            if wrong {
                *shapes
                    .entry((p.source_positions.len(), p.target_positions.len()))
                    .or_default() += 1;
                if shown < 8 {
                    shown += 1;
                    println!(
                        "doc {d} {:?} {:?} conf {} gold-unpaired-src {:?}\n  S: {}\n  T: {}",
                        p.source_positions,
                        p.target_positions,
                        p.confidence,
                        p.source_positions
                            .iter()
                            .filter(|&&i| !g.iter().any(|l| l.0 == i - 1))
                            .collect::<Vec<_>>(),
                        p.source,
                        p.target
                    );
                }
            }
        }
    }
    println!("{shapes:?}");
}
