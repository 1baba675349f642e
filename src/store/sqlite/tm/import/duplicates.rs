//! Idempotence and `--on-duplicate` for the import: whether a unit is
//! already stored (its identity, confirmed on the texts) and which stored
//! units have the same source text.

use rusqlite::params;

use super::{Importer, OnDuplicate};
use crate::error::Result;
use crate::store::sqlite::tm::pipeline::Prepared;
use crate::text;
use crate::tmx::model::Unit;

impl Importer<'_, '_> {
    /// Whether stored unit `id` has exactly `unit`'s segments, in order.
    fn same_segs(&self, id: i64, unit: &Unit) -> Result<bool> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT coalesce(seg_xml, plain) FROM tm_variants WHERE unit_id = ?1 ORDER BY ord",
        )?;
        let stored: Vec<String> = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(stored.len() == unit.variants.len()
            && stored.iter().zip(&unit.variants).all(|(a, v)| *a == v.seg))
    }

    /// Idempotence and `--on-duplicate`: whether the unit goes in (and,
    /// for `update`, the stored units it replaces are gone).
    ///
    /// Both questions start from the stored units whose source has this
    /// unit's source text (found by `key_hash`, which only sources carry):
    /// an exact duplicate has the same source too, so no index on the
    /// identity is needed.
    pub(super) fn should_insert(&mut self, prepared: &Prepared) -> Result<bool> {
        let stored = self.same_source_hash(prepared)?;
        for candidate in &stored {
            // The identity is a 64-bit hash: confirm on the texts, so a
            // collision never passes a different unit off as a duplicate.
            if candidate.identity == prepared.identity
                && self.same_segs(candidate.id, &prepared.unit)?
            {
                self.summary.duplicates_skipped += 1;
                return Ok(false);
            }
        }
        let others = self.units_with_source(prepared, &stored)?;
        if !others.is_empty() {
            match self.options.on_duplicate {
                OnDuplicate::Keep => self.summary.alternatives_kept += 1,
                OnDuplicate::Skip => {
                    self.summary.duplicates_skipped += 1;
                    return Ok(false);
                }
                OnDuplicate::Update => {
                    let mut replaced = false;
                    for id in others {
                        replaced |= self.tx.execute(
                            "DELETE FROM tm_units WHERE id = ?1 AND segment_id IS NULL",
                            [id],
                        )? > 0;
                    }
                    if replaced {
                        self.summary.updated += 1;
                    } else {
                        self.summary.alternatives_kept += 1;
                    }
                }
            }
        }
        Ok(true)
    }

    /// Stored units whose source variant has this unit's source key hash
    /// (and language): usually none, which the in-memory filter proves
    /// without a query.
    fn same_source_hash(&self, prepared: &Prepared) -> Result<Vec<Candidate>> {
        let hash = prepared.source_key_hash;
        if !self.source_keys.may_contain(hash) {
            return Ok(Vec::new());
        }
        let mut stmt = self.tx.prepare_cached(
            "SELECT s.unit_id, u.identity, s.plain FROM tm_variants s JOIN tm_units u ON u.id = s.unit_id
             WHERE s.key_hash = ?1 AND s.primary_lang = ?2",
        )?;
        let rows = stmt.query_map(params![hash, prepared.primaries[prepared.src_index]], |r| {
            Ok(Candidate {
                id: r.get(0)?,
                identity: r.get(1)?,
                plain: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Of `stored`, the units with the same source text (the match key,
    /// recomputed from the plain text, confirms the hash) that have a
    /// variant in one of this unit's other languages (candidates for
    /// `--on-duplicate`).
    fn units_with_source(&self, prepared: &Prepared, stored: &[Candidate]) -> Result<Vec<i64>> {
        let src_primary = &prepared.primaries[prepared.src_index];
        let mut targets: Vec<&String> = prepared
            .primaries
            .iter()
            .filter(|p| *p != src_primary)
            .collect();
        targets.sort();
        targets.dedup();
        let mut has_target = self.tx.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM tm_variants WHERE unit_id = ?1 AND primary_lang = ?2)",
        )?;
        let mut out = Vec::new();
        for candidate in stored {
            if out.contains(&candidate.id)
                || text::match_key(&candidate.plain) != prepared.source_key
            {
                continue;
            }
            for target in &targets {
                if has_target.query_row(params![candidate.id, target], |r| r.get::<_, bool>(0))? {
                    out.push(candidate.id);
                    break;
                }
            }
        }
        Ok(out)
    }
}

/// A stored unit that may have the same source as the unit being imported.
struct Candidate {
    id: i64,
    identity: i64,
    plain: String,
}
