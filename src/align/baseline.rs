//! Plain Gale–Church (1993) as published, the baseline the benchmark compares
//! against: character lengths only, c = 1, s² = 6.8, the textbook bead priors,
//! the full n × m matrix, no anchors and no paragraphs. Kept independent of the
//! banded DP on purpose (only the length formula is shared).

use super::dp::{length_log_prob, LengthModel, BEAD_SHAPES};

/// Align two lists of sentence lengths; returns beads as (source indices, target indices).
pub fn gale_church(source_lens: &[usize], target_lens: &[usize]) -> Vec<(Vec<usize>, Vec<usize>)> {
    let model = LengthModel::textbook();
    let (n, m) = (source_lens.len(), target_lens.len());
    let idx = |i: usize, j: usize| i * (m + 1) + j;
    let mut cost = vec![f64::INFINITY; (n + 1) * (m + 1)];
    let mut back = vec![0u8; (n + 1) * (m + 1)];
    cost[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            for (shape, &(di, dj)) in BEAD_SHAPES.iter().enumerate() {
                if di > i || dj > j || !cost[idx(i - di, j - dj)].is_finite() {
                    continue;
                }
                let ls: usize = source_lens[i - di..i].iter().sum();
                let lt: usize = target_lens[j - dj..j].iter().sum();
                let c = cost[idx(i - di, j - dj)]
                    - model.priors[shape].ln()
                    - length_log_prob(ls as f64, lt as f64, model.mean, model.variance);
                if c < cost[idx(i, j)] {
                    cost[idx(i, j)] = c;
                    back[idx(i, j)] = shape as u8;
                }
            }
        }
    }
    let (mut i, mut j) = (n, m);
    let mut beads = Vec::new();
    while i > 0 || j > 0 {
        let (di, dj) = BEAD_SHAPES[back[idx(i, j)] as usize];
        beads.push(((i - di..i).collect(), (j - dj..j).collect()));
        i -= di;
        j -= dj;
    }
    beads.reverse();
    beads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_merge() {
        let beads = gale_church(&[40, 80, 25, 60], &[40, 105, 60]);
        assert_eq!(beads[1], (vec![1, 2], vec![1]));
        assert_eq!(beads.len(), 3);
    }
}
