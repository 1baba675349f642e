//! The banded dynamic programme: Gale–Church (1993) length costs plus the
//! anchor term, over beads 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2.
//!
//! Only cells within `band` of the diagonal from (0, 0) to (n, m) are stored,
//! so memory is `(n + 1) × (2·band + 1)` cells instead of `n × m`. When the
//! best path runs along the edge of the band (a long omission pulls it off the
//! diagonal) the band is doubled and the programme re-run, up to the full matrix.

use std::ops::Range;

use super::anchors::{self, AnchorWeights, Anchors};

/// The bead shapes (source sentences, target sentences) the DP may use.
pub const BEAD_SHAPES: [(usize, usize); 6] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)];

/// Parameters of the length model and bead priors.
#[derive(Debug, Clone, PartialEq)]
pub struct LengthModel {
    /// Expected target characters per source character (Gale–Church `c`).
    pub mean: f64,
    /// Variance of target length per source character (Gale–Church `s²`).
    pub variance: f64,
    /// Prior probability of each shape in [`BEAD_SHAPES`] order.
    pub priors: [f64; 6],
    /// Charge 1-0 and 0-1 beads the length cost too, as Gale and Church did.
    /// That cost grows with the sentence, so a long omitted sentence gets
    /// pushed into a wrong 2-1 bead; without it an omission costs its prior only.
    pub null_length_cost: bool,
}

impl LengthModel {
    /// Gale and Church's published parameters: c = 1, s² = 6.8, and their bead
    /// frequencies (as used by most re-implementations, e.g. NLTK's).
    pub fn textbook() -> LengthModel {
        LengthModel {
            mean: 1.0,
            variance: 6.8,
            priors: [0.89, 0.0099, 0.0099, 0.089, 0.089, 0.011],
            null_length_cost: true,
        }
    }
}

/// One bead of an alignment: half-open ranges of 0-based sentence indices.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    pub source: Range<usize>,
    pub target: Range<usize>,
    /// Gale–Church δ of the bead's lengths: about N(0, 1) for true pairs.
    pub length_delta: f64,
    /// Probability of this bead given everything else, summed over all paths
    /// in the band (forward–backward with costs as negative log weights).
    pub posterior: f64,
}

/// ln(erfc(z)) for z ≥ 0, from the Chebyshev fit of Numerical Recipes
/// (`erfcc`, relative error < 1.2e-7), computed in log space so long beads
/// with huge deltas do not underflow to -inf.
fn ln_erfc(z: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    t.ln() - z * z + poly
}

/// Gale–Church δ for a bead of `ls` source and `lt` target characters.
pub fn length_delta(ls: f64, lt: f64, mean: f64, variance: f64) -> f64 {
    if ls == 0.0 && lt == 0.0 {
        return 0.0;
    }
    let m = (ls + lt / mean) / 2.0;
    (ls * mean - lt) / (m * variance).sqrt()
}

/// ln P(|δ| ≥ observed) for a bead of `ls` source and `lt` target characters.
pub fn length_log_prob(ls: f64, lt: f64, mean: f64, variance: f64) -> f64 {
    delta_log_prob(length_delta(ls, lt, mean, variance))
}

/// ln P(|δ'| ≥ |δ|) under N(0, 1): two-tailed, 2·(1 − Φ(|δ|)) = erfc(|δ|/√2).
pub fn delta_log_prob(delta: f64) -> f64 {
    ln_erfc(delta.abs() / std::f64::consts::SQRT_2).min(0.0)
}

/// What the DP aligns: sentence lengths in characters, and anchors when used.
pub struct Input<'a> {
    pub source_lens: &'a [usize],
    pub target_lens: &'a [usize],
    pub anchors: Option<(&'a [Anchors], &'a [Anchors], AnchorWeights)>,
}

impl Input<'_> {
    /// Cost of the bead of shape (di, dj) ending at cell (i, j), and its δ.
    fn bead_cost(&self, model: &LengthModel, shape: usize, i: usize, j: usize) -> (f64, f64) {
        let (di, dj) = BEAD_SHAPES[shape];
        let ls: usize = self.source_lens[i - di..i].iter().sum();
        let lt: usize = self.target_lens[j - dj..j].iter().sum();
        let (ls, lt) = (ls as f64, lt as f64);
        let delta = length_delta(ls, lt, model.mean, model.variance);
        let null = di == 0 || dj == 0;
        let length_cost = if null && !model.null_length_cost {
            0.0
        } else {
            -delta_log_prob(delta)
        };
        let mut cost = -model.priors[shape].ln() + length_cost;
        if let Some((sa, ta, w)) = &self.anchors {
            cost += anchors::bead_cost(&sa[i - di..i], &ta[j - dj..j], w);
        }
        (cost, delta)
    }
}

/// The band of stored cells around the diagonal.
struct Band {
    n: usize,
    m: usize,
    width: usize,
}

impl Band {
    fn row_len(&self) -> usize {
        2 * self.width + 1
    }
    /// Lowest column stored for row `i` (may be below 0: those slots stay unused).
    fn first_col(&self, i: usize) -> i64 {
        let centre = (i * self.m).checked_div(self.n).unwrap_or(0) as i64;
        centre - self.width as i64
    }
    fn slot(&self, i: usize, j: usize) -> Option<usize> {
        let off = j as i64 - self.first_col(i);
        (off >= 0 && (off as usize) < self.row_len()).then(|| i * self.row_len() + off as usize)
    }
    /// True when cell (i, j) lies on the band's edge and the edge is not the document's.
    fn on_edge(&self, i: usize, j: usize) -> bool {
        const MARGIN: i64 = 2;
        let lo = self.first_col(i);
        let hi = lo + self.row_len() as i64 - 1;
        (lo > 0 && (j as i64) - lo < MARGIN) || (hi < self.m as i64 && hi - (j as i64) < MARGIN)
    }
}

/// Size of the last band the DP used (for the benchmark's memory figure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BandStats {
    /// Cells either side of the diagonal.
    pub width: usize,
    /// Cells stored: (n + 1) × (2·width + 1).
    pub cells: usize,
}

/// Align with the banded DP, widening the band until the best path stays inside it.
pub fn align(input: &Input<'_>, model: &LengthModel) -> Vec<Bead> {
    align_from_width(input, model, 32).0
}

/// [`align`], also returning the band it settled on.
pub fn align_with_stats(input: &Input<'_>, model: &LengthModel) -> (Vec<Bead>, BandStats) {
    align_from_width(input, model, 32)
}

fn align_from_width(
    input: &Input<'_>,
    model: &LengthModel,
    width: usize,
) -> (Vec<Bead>, BandStats) {
    let (n, m) = (input.source_lens.len(), input.target_lens.len());
    let full = n.max(m).max(1);
    let mut width = width.min(full);
    loop {
        let band = Band { n, m, width };
        let (mut beads, touched_edge) = run(input, model, &band);
        if !touched_edge || width >= full {
            let cells = (n + 1) * band.row_len();
            set_posteriors(input, model, &band, &mut beads);
            return (beads, BandStats { width, cells });
        }
        width = (width * 2).min(full);
    }
}

fn run(input: &Input<'_>, model: &LengthModel, band: &Band) -> (Vec<Bead>, bool) {
    let n = band.n;
    let cells = (n + 1) * band.row_len();
    let mut cost = vec![f64::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    if let Some(s) = band.slot(0, 0) {
        cost[s] = 0.0;
    }
    for i in 0..=n {
        for j in columns(band, i) {
            let Some(here) = band.slot(i, j) else {
                continue;
            };
            for (shape, &(di, dj)) in BEAD_SHAPES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let Some(prev) = band.slot(i - di, j - dj) else {
                    continue;
                };
                if !cost[prev].is_finite() {
                    continue;
                }
                let (c, _) = input.bead_cost(model, shape, i, j);
                let total = cost[prev] + c;
                if total < cost[here] {
                    cost[here] = total;
                    back[here] = shape as u8;
                }
            }
        }
    }
    backtrace(input, model, band, &back)
}

fn backtrace(
    input: &Input<'_>,
    model: &LengthModel,
    band: &Band,
    back: &[u8],
) -> (Vec<Bead>, bool) {
    let (mut i, mut j) = (band.n, band.m);
    let mut beads = Vec::new();
    let mut touched = false;
    while i > 0 || j > 0 {
        touched |= band.on_edge(i, j);
        let shape = band
            .slot(i, j)
            .map(|s| back[s])
            .filter(|&b| (b as usize) < BEAD_SHAPES.len());
        let Some(shape) = shape else {
            // Unreachable inside this band: report it so the caller widens.
            return (Vec::new(), true);
        };
        let (di, dj) = BEAD_SHAPES[shape as usize];
        let (_, delta) = input.bead_cost(model, shape as usize, i, j);
        beads.push(Bead {
            source: i - di..i,
            target: j - dj..j,
            length_delta: delta,
            posterior: 1.0,
        });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    (beads, touched)
}

/// ln(e^a + e^b) without overflow; -inf is the empty sum.
fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// Columns of row `i` inside both the band and the matrix.
fn columns(band: &Band, i: usize) -> std::ops::Range<usize> {
    let lo = band.first_col(i).max(0);
    let end = (band.first_col(i) + band.row_len() as i64).min(band.m as i64 + 1);
    lo as usize..end.max(lo) as usize
}

/// Costs are scaled by this before summing paths: the anchor bonuses make the
/// raw scores sharper than the real uncertainty, so posteriors would otherwise
/// sit at 0 or 1 (chosen with the confidence line of `bench/align.sh`).
const POSTERIOR_SCALE: f64 = 0.5;

/// Forward–backward over the band: each bead's posterior probability.
/// Memory: two more arrays of the band's size and the six bead costs per cell
/// (computed once in the forward pass, reused backwards).
fn set_posteriors(input: &Input<'_>, model: &LengthModel, band: &Band, beads: &mut [Bead]) {
    let scale = POSTERIOR_SCALE;
    let (n, m) = (band.n, band.m);
    let cells = (n + 1) * band.row_len();
    let shapes = BEAD_SHAPES.len();
    let mut fwd = vec![f64::NEG_INFINITY; cells];
    let mut bwd = vec![f64::NEG_INFINITY; cells];
    // Scaled cost of the bead of each shape ending at a cell (infinite: impossible).
    let mut ending = vec![f32::INFINITY; cells * shapes];
    let (Some(start), Some(end)) = (band.slot(0, 0), band.slot(n, m)) else {
        return;
    };
    fwd[start] = 0.0;
    for i in 0..=n {
        for j in columns(band, i) {
            let Some(here) = band.slot(i, j) else {
                continue;
            };
            for (shape, &(di, dj)) in BEAD_SHAPES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                if let Some(prev) = band.slot(i - di, j - dj).filter(|&p| fwd[p].is_finite()) {
                    let cost = scale * input.bead_cost(model, shape, i, j).0;
                    ending[here * shapes + shape] = cost as f32;
                    fwd[here] = log_add(fwd[here], fwd[prev] - cost);
                }
            }
        }
    }
    bwd[end] = 0.0;
    for i in (0..=n).rev() {
        for j in columns(band, i).rev() {
            let Some(here) = band.slot(i, j) else {
                continue;
            };
            for (shape, &(di, dj)) in BEAD_SHAPES.iter().enumerate() {
                let next = (i + di <= n && j + dj <= m)
                    .then(|| band.slot(i + di, j + dj))
                    .flatten();
                if let Some(next) = next.filter(|&x| bwd[x].is_finite()) {
                    let cost = f64::from(ending[next * shapes + shape]);
                    if cost.is_finite() {
                        bwd[here] = log_add(bwd[here], bwd[next] - cost);
                    }
                }
            }
        }
    }
    let z = fwd[end];
    for b in beads.iter_mut() {
        let shape = BEAD_SHAPES
            .iter()
            .position(|&x| x == (b.source.len(), b.target.len()))
            .unwrap_or(0);
        let from = band.slot(b.source.start, b.target.start);
        let to = band.slot(b.source.end, b.target.end);
        if let (Some(from), Some(to)) = (from, to) {
            let cost = f64::from(ending[to * shapes + shape]);
            b.posterior = (fwd[from] - cost + bwd[to] - z).exp().clamp(0.0, 1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Options;

    fn shapes(beads: &[Bead]) -> Vec<(usize, usize)> {
        beads
            .iter()
            .map(|b| (b.source.len(), b.target.len()))
            .collect()
    }

    #[test]
    fn equal_lengths_align_one_to_one() {
        let lens = [40, 80, 25, 60];
        let input = Input {
            source_lens: &lens,
            target_lens: &lens,
            anchors: None,
        };
        let beads = align(&input, &LengthModel::textbook());
        assert_eq!(shapes(&beads), vec![(1, 1); 4]);
    }

    #[test]
    fn a_merged_target_becomes_a_two_to_one_bead() {
        let s = [40, 80, 25, 60];
        let t = [40, 105, 60];
        let input = Input {
            source_lens: &s,
            target_lens: &t,
            anchors: None,
        };
        let beads = align(&input, &LengthModel::textbook());
        assert_eq!(shapes(&beads), vec![(1, 1), (2, 1), (1, 1)]);
    }

    #[test]
    fn narrow_band_widens_to_the_full_solution_for_a_long_omission() {
        // 300 source sentences; the target lacks 60 in the middle and merges a few.
        let s: Vec<usize> = (0..300).map(|k| 20 + (k * 37) % 140).collect();
        let mut t: Vec<usize> = s[..100].iter().chain(&s[160..]).copied().collect();
        for k in (10..200).step_by(40) {
            t[k] += t[k + 1];
            t.remove(k + 1);
        }
        let input = Input {
            source_lens: &s,
            target_lens: &t,
            anchors: None,
        };
        let model = LengthModel::textbook();
        let (banded, stats) = align_from_width(&input, &model, 4);
        let (full, _) = align_from_width(&input, &model, 1000);
        let ranges = |beads: &[Bead]| {
            beads
                .iter()
                .map(|b| (b.source.clone(), b.target.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ranges(&banded), ranges(&full));
        assert!(stats.width < 300, "{stats:?}");
    }

    /// A translation-like target: each source sentence kept (length ±20%),
    /// dropped, or merged into the previous target sentence.
    fn translate(s: &[usize], ops: &[(u8, u8)]) -> Vec<usize> {
        let mut t: Vec<usize> = Vec::new();
        for (&len, &(op, noise)) in s.iter().zip(ops) {
            let len = len * (80 + noise as usize % 41) / 100;
            match op % 20 {
                0 => {}
                1 if !t.is_empty() => *t.last_mut().unwrap() += len,
                _ => t.push(len),
            }
        }
        t
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Whatever the lengths, even of unrelated texts: the beads cover both
        /// sides completely, in order, with allowed shapes.
        #[test]
        fn beads_tile_both_sides(
            s in proptest::collection::vec(0usize..300, 0..120),
            t in proptest::collection::vec(0usize..300, 0..120),
        ) {
            let input = Input { source_lens: &s, target_lens: &t, anchors: None };
            let (mut i, mut j) = (0, 0);
            for b in align(&input, &LengthModel::textbook()) {
                proptest::prop_assert_eq!(b.source.start, i);
                proptest::prop_assert_eq!(b.target.start, j);
                proptest::prop_assert!(BEAD_SHAPES.contains(&(b.source.len(), b.target.len())));
                (i, j) = (b.source.end, b.target.end);
            }
            proptest::prop_assert_eq!((i, j), (s.len(), t.len()));
        }

        /// For a translation-like pair the band finds a path as good as the full matrix's.
        #[test]
        fn band_matches_full_matrix_on_translations(
            s in proptest::collection::vec(10usize..300, 0..200),
            ops in proptest::collection::vec((0u8..255, 0u8..255), 200),
        ) {
            let t = translate(&s, &ops);
            let input = Input { source_lens: &s, target_lens: &t, anchors: None };
            let model = Options::for_target(crate::text::Lang::En).model;
            let banded = align(&input, &model);
            let (full, _) = align_from_width(&input, &model, usize::MAX);
            let total = |beads: &[Bead]| {
                beads.iter().map(|b| input.bead_cost(&model, shape_of(b), b.source.end, b.target.end).0).sum::<f64>()
            };
            proptest::prop_assert!((total(&banded) - total(&full)).abs() < 1e-6);
        }
    }

    fn shape_of(b: &Bead) -> usize {
        BEAD_SHAPES
            .iter()
            .position(|&x| x == (b.source.len(), b.target.len()))
            .unwrap()
    }

    #[test]
    fn length_probability_is_a_two_tailed_tail() {
        assert!(length_log_prob(50.0, 50.0, 1.0, 6.8) > -1e-6);
        assert!(length_log_prob(50.0, 100.0, 1.0, 6.8) < length_log_prob(50.0, 60.0, 1.0, 6.8));
        assert!(length_log_prob(10_000.0, 1.0, 1.0, 6.8).is_finite());
    }
}
