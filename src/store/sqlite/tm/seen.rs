//! What an import has seen, to skip most of its per-unit database lookups:
//! a bit per 64-bit hash (identity, same-source key) that any stored unit may
//! have. A clear bit proves the memory has no such unit, so the lookup (an
//! index search in a table of a million rows) is not needed; a set bit only
//! means "ask the database". Fixed size, so memory stays flat.

use rusqlite::Transaction;

use crate::error::Result;

/// Bits per expected hash (about 6% false positives), and the bounds of the
/// filter's size: 2^25 bits is 4 MiB, enough for 2M hashes.
const BITS_PER_HASH: u64 = 16;
const MIN_BITS_LOG2: u32 = 16;
const MAX_BITS_LOG2: u32 = 25;

pub(super) struct Seen {
    bits: Vec<u64>,
    /// Bits to shift a mixed hash right by to get a bit number.
    shift: u32,
}

impl Seen {
    /// A filter sized for about `expected` hashes, holding the values of
    /// `sql` (one integer column; NULLs skipped).
    pub fn load(tx: &Transaction<'_>, sql: &str, expected: u64) -> Result<Seen> {
        let wanted = expected.saturating_mul(BITS_PER_HASH).max(1);
        let log2 = (64 - (wanted - 1).leading_zeros()).clamp(MIN_BITS_LOG2, MAX_BITS_LOG2);
        let mut seen = Seen {
            bits: vec![0; 1 << (log2 - 6)],
            shift: 64 - log2,
        };
        let mut stmt = tx.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(h) = r.get::<_, Option<i64>>(0)? {
                seen.insert(h);
            }
        }
        Ok(seen)
    }

    fn slot(&self, hash: i64) -> (usize, u64) {
        // Mix, so hashes that differ only in low bits spread too.
        let mixed = (hash as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift;
        ((mixed >> 6) as usize, 1u64 << (mixed & 63))
    }

    pub fn insert(&mut self, hash: i64) {
        let (i, bit) = self.slot(hash);
        self.bits[i] |= bit;
    }

    /// False: certainly never inserted.
    pub fn may_contain(&self, hash: i64) -> bool {
        let (i, bit) = self.slot(hash);
        self.bits[i] & bit != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_values_are_found_and_most_others_not() {
        let db = crate::store::sqlite::Db::in_memory().unwrap();
        let tx = db.begin_write().unwrap();
        let mut seen = Seen::load(&tx, "SELECT NULL", 2000).unwrap();
        for h in (0..1000i64).map(|i| i.wrapping_mul(0x1234_5678_9abc_def1)) {
            seen.insert(h);
            assert!(seen.may_contain(h));
        }
        let false_hits = (1000..101_000i64)
            .filter(|i| seen.may_contain(i.wrapping_mul(0x1234_5678_9abc_def1)))
            .count();
        // 1000 of 2^16 bits set: about 1.5% of other values hit.
        assert!(false_hits < 3_000, "{false_hits}");
    }
}
