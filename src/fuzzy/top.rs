//! The best `k` of a stream of candidates in O(k) memory: a bounded
//! max-heap whose root is the worst one kept, so a candidate that cannot
//! make the list is dropped without being built. Gives what sorting every
//! candidate and truncating gives, without holding them all (`suggest
//! --min 0` on a million units).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The `k` smallest keys offered (smallest = best), with their values.
pub struct TopK<K, V> {
    k: usize,
    heap: BinaryHeap<Slot<K, V>>,
}

struct Slot<K, V> {
    key: K,
    value: V,
}

impl<K: Ord, V> PartialEq for Slot<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<K: Ord, V> Eq for Slot<K, V> {}
impl<K: Ord, V> PartialOrd for Slot<K, V> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<K: Ord, V> Ord for Slot<K, V> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key)
    }
}

impl<K: Ord, V> TopK<K, V> {
    pub fn new(k: usize) -> Self {
        TopK {
            k,
            // `k` may be "no limit": the heap grows as it must, not up front.
            heap: BinaryHeap::with_capacity(k.min(1024)),
        }
    }

    /// Whether a candidate with `key` would be kept now.
    pub fn would_keep(&self, key: &K) -> bool {
        self.k > 0
            && (self.heap.len() < self.k || self.heap.peek().is_some_and(|worst| *key < worst.key))
    }

    /// Keep the candidate if it is among the best `k` so far; `value` is
    /// only built then.
    pub fn offer(&mut self, key: K, value: impl FnOnce() -> V) {
        if !self.would_keep(&key) {
            return;
        }
        if self.heap.len() == self.k {
            self.heap.pop();
        }
        self.heap.push(Slot {
            key,
            value: value(),
        });
    }

    /// The kept candidates, best first.
    pub fn into_sorted(self) -> Vec<(K, V)> {
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|s| (s.key, s.value))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_same_as_sorting_everything_and_truncating(
            keys in proptest::collection::vec((0u8..20, 0u16..1000), 0..300),
            k in 0usize..40,
        ) {
            let mut top = TopK::new(k);
            for (i, key) in keys.iter().enumerate() {
                // Distinct keys (as suggest's unit ids make them).
                top.offer((key.0, key.1, i), || i);
            }
            let got: Vec<usize> = top.into_sorted().into_iter().map(|(_, v)| v).collect();
            let mut all: Vec<((u8, u16, usize), usize)> =
                keys.iter().enumerate().map(|(i, key)| ((key.0, key.1, i), i)).collect();
            all.sort();
            all.truncate(k);
            let want: Vec<usize> = all.into_iter().map(|(_, v)| v).collect();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn holds_no_more_than_k_and_builds_only_what_it_keeps() {
        let mut top = TopK::new(3);
        let mut built = 0;
        for key in (0..10_000).rev() {
            top.offer(key, || {
                built += 1;
                key
            });
            assert!(top.heap.len() <= 3);
        }
        // Descending input: every key is better than the worst kept.
        assert_eq!(built, 10_000);
        let mut top = TopK::new(3);
        let mut built = 0;
        for key in 0..10_000 {
            top.offer(key, || {
                built += 1;
                key
            });
        }
        assert_eq!(built, 3);
        assert_eq!(top.into_sorted(), vec![(0, 0), (1, 1), (2, 2)]);
        assert!(TopK::<i32, ()>::new(0).into_sorted().is_empty());
    }
}
