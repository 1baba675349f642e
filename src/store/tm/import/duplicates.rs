//! Idempotence and `--on-duplicate` for the import: whether a unit is
//! already stored (its identity, confirmed on the texts) and which stored
//! units have the same source text.

use rusqlite::{params, OptionalExtension};

use super::{Importer, OnDuplicate};
use crate::error::Result;
use crate::store::tm::pipeline::Prepared;
use crate::text;
use crate::tmx::lang;
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
    pub(super) fn should_insert(&mut self, prepared: &Prepared) -> Result<bool> {
        let (unit, ident) = (&prepared.unit, prepared.identity);
        let exists: Option<i64> = if self.identities.may_contain(ident) {
            self.tx
                .prepare_cached("SELECT id FROM tm_units WHERE identity = ?1 LIMIT 1")?
                .query_row([ident], |r| r.get(0))
                .optional()?
        } else {
            None
        };
        if let Some(id) = exists {
            // The identity is a 64-bit hash: confirm on the texts, so a
            // collision never passes a different unit off as a duplicate.
            if self.same_segs(id, unit)? {
                self.summary.duplicates_skipped += 1;
                return Ok(false);
            }
        }
        let others = self.units_with_source(prepared)?;
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

    /// Stored units with the same source text (only sources have a
    /// `key_hash`) that have a variant in one of this unit's other languages
    /// (candidates for `--on-duplicate`).
    fn units_with_source(&self, prepared: &Prepared) -> Result<Vec<i64>> {
        let (unit, src_index, key) = (&prepared.unit, prepared.src_index, &prepared.source_key);
        let hash = prepared.source_key_hash;
        if !self.source_keys.may_contain(hash) {
            return Ok(Vec::new());
        }
        let src_primary = lang::primary(&unit.variants[src_index].lang);
        // The hash finds candidates; their match key (not stored: recomputed
        // from the plain text) confirms them.
        let mut stmt = self.tx.prepare_cached(
            "SELECT s.unit_id, s.plain FROM tm_variants s
             WHERE s.key_hash = ?3 AND s.primary_lang = ?1
               AND EXISTS (SELECT 1 FROM tm_variants t WHERE t.unit_id = s.unit_id AND t.primary_lang = ?2)",
        )?;
        let mut out = Vec::new();
        let mut targets: Vec<String> = unit
            .variants
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != src_index)
            .map(|(_, v)| lang::primary(&v.lang))
            .filter(|p| *p != src_primary)
            .collect();
        targets.dedup();
        for target in targets {
            let rows = stmt.query_map(params![src_primary, target, hash], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (id, plain) = row?;
                if !out.contains(&id) && text::match_key(&plain) == *key {
                    out.push(id);
                }
            }
        }
        Ok(out)
    }
}
