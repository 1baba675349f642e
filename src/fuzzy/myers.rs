//! Bit-parallel token edit distance (Myers 1999, in Hyyrö's global form).
//!
//! The sequences are stem ids (one per word); equal ids cost 0, anything else
//! costs 1. Used to reject candidates cheaply: the weighted score can never
//! beat the bound this distance gives (see `index.rs`). Queries longer than 64
//! words use the plain dynamic programme.

/// Edit distance between `pattern` and `text` (unit costs).
pub fn distance(pattern: &[u32], text: &[u32]) -> usize {
    let m = pattern.len();
    if m == 0 {
        return text.len();
    }
    if m > 64 {
        return plain(pattern, text);
    }
    // Peq: for each distinct pattern symbol, the bit mask of its positions.
    let mut symbols: Vec<(u32, u64)> = Vec::with_capacity(m);
    for (i, &s) in pattern.iter().enumerate() {
        match symbols.iter_mut().find(|(x, _)| *x == s) {
            Some((_, mask)) => *mask |= 1 << i,
            None => symbols.push((s, 1 << i)),
        }
    }
    let peq = |c: u32| symbols.iter().find(|(x, _)| *x == c).map_or(0, |(_, m)| *m);
    let last = 1u64 << (m - 1);
    let mut pv: u64 = if m == 64 { !0 } else { (1u64 << m) - 1 };
    let mut mv: u64 = 0;
    let mut score = m;
    for &c in text {
        let eq = peq(c);
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & last != 0 {
            score += 1;
        }
        if mh & last != 0 {
            score -= 1;
        }
        // Global distance: the top row grows by one per text symbol.
        ph = (ph << 1) | 1;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
    }
    score
}

/// The textbook dynamic programme (reference and long-pattern fallback).
pub fn plain(a: &[u32], b: &[u32]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_cases() {
        assert_eq!(distance(&[1, 2, 3], &[1, 2, 3]), 0);
        assert_eq!(distance(&[1, 2, 3], &[1, 3]), 1);
        assert_eq!(distance(&[1, 2, 3], &[]), 3);
        assert_eq!(distance(&[], &[4, 5]), 2);
        assert_eq!(distance(&[1, 2], &[2, 1]), 2);
    }

    proptest! {
        #[test]
        fn equals_the_plain_programme(a in proptest::collection::vec(0u32..6, 0..70),
                                      b in proptest::collection::vec(0u32..6, 0..70)) {
            prop_assert_eq!(distance(&a, &b), plain(&a, &b));
        }
    }
}
