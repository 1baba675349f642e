//! Reading memory units as matching, concordance and review need them: a
//! unit's source and translation, the units of a segment, every unit with a
//! Kazakh source, every variant in a language.

use rusqlite::{params, OptionalExtension};

use super::tm::claimed_status;
use super::tm::VISIBLE;
use crate::error::Result;
use crate::store::model::{FileClaim, UnitTexts};
use crate::store::Reader;
use crate::text::Lang;

impl Reader {
    /// Every unit with a Kazakh variant (the sequential fallback of matching).
    pub fn units_with_kazakh_source(&self) -> Result<Vec<i64>> {
        let mut stmt = self.db.conn().prepare(&format!(
            "SELECT DISTINCT v.unit_id FROM tm_variants v JOIN tm_units u ON u.id = v.unit_id
                 WHERE v.primary_lang = 'kk' AND {VISIBLE}"
        ))?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// A unit's Kazakh source and its first variant in `target`.
    pub fn unit_texts(&self, unit_id: i64, target: Lang) -> Result<Option<UnitTexts>> {
        let mut stmt = self.db.conn().prepare_cached(&format!(
            "SELECT s.plain, t.plain, t.lang, u.origin, u.status, COALESCE(u.changed_at, u.created_at)
             FROM tm_units u
             JOIN tm_variants s ON s.unit_id = u.id AND s.primary_lang = 'kk'
             JOIN tm_variants t ON t.unit_id = u.id AND t.primary_lang = ?2
             WHERE u.id = ?1 AND {VISIBLE} ORDER BY s.ord, t.ord LIMIT 1"
        ))?;
        Ok(stmt
            .query_row(params![unit_id, target.code()], |r| {
                Ok(UnitTexts {
                    unit_id,
                    source: r.get(0)?,
                    target: r.get(1)?,
                    target_lang: r.get(2)?,
                    origin: r.get(3)?,
                    status: r.get(4)?,
                    changed: r.get(5)?,
                })
            })
            .optional()?)
    }

    /// A unit's Kazakh source and its first translation (in `target`, or in
    /// any language but Kazakh): (source, translation, its language).
    pub fn unit_source_and_translation(
        &self,
        unit_id: i64,
        target: Option<Lang>,
    ) -> Result<Option<(String, String, String)>> {
        let mut stmt = self.db.conn().prepare_cached(&format!(
            "SELECT s.plain, t.plain, t.lang FROM tm_variants s JOIN tm_variants t ON t.unit_id = s.unit_id
             JOIN tm_units u ON u.id = s.unit_id
             WHERE s.unit_id = ?1 AND s.primary_lang = 'kk' AND t.primary_lang <> 'kk'
               AND (?2 IS NULL OR t.primary_lang = ?2) AND {VISIBLE}
             ORDER BY s.ord, t.ord LIMIT 1"
        ))?;
        Ok(stmt
            .query_row(params![unit_id, target.map(|t| t.code())], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?)
    }

    /// A unit's text in its own source language and in `lang`: (source, target).
    pub fn unit_pair(&self, unit_id: i64, lang: Lang) -> Result<Option<(String, String)>> {
        Ok(self
            .db
            .conn()
            .query_row(
                &format!("SELECT s.plain, t.plain FROM tm_units u
                 JOIN tm_variants s ON s.unit_id = u.id AND s.primary_lang = lower(substr(u.source_lang, 1, 2))
                 JOIN tm_variants t ON t.unit_id = u.id AND t.primary_lang = ?2
                 WHERE u.id = ?1 AND {VISIBLE} ORDER BY s.ord, t.ord LIMIT 1"),
                params![unit_id, lang.code()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Every variant in `lang`, in unit and variant order: `f(unit id, plain text)`.
    pub fn each_variant_in(&self, lang: Lang, f: &mut dyn FnMut(i64, &str)) -> Result<()> {
        let mut stmt = self.db.conn().prepare(&format!(
            "SELECT v.unit_id, v.plain FROM tm_variants v JOIN tm_units u ON u.id = v.unit_id
             WHERE v.primary_lang = ?1 AND {VISIBLE} ORDER BY v.unit_id, v.ord"
        ))?;
        let mut rows = stmt.query([lang.code()])?;
        while let Some(r) = rows.next()? {
            let plain: String = r.get(1)?;
            f(r.get(0)?, &plain);
        }
        Ok(())
    }

    /// A unit's review standing (`None`: imported without one).
    pub fn unit_status(&self, unit_id: i64) -> Result<Option<String>> {
        Ok(self
            .db
            .conn()
            .prepare_cached("SELECT status FROM tm_units WHERE id = ?1")?
            .query_row([unit_id], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// The status a unit has only as its file's claim (see [`FileClaim`]):
    /// it came from a TMX file whose `x-audarma-status` names one, and its
    /// standing here is none, or the same claim when it is one the import
    /// keeps (draft, rejected, superseded: see `tm::import::provenance`). An
    /// approval or translation claimed by a file is never stored as standing,
    /// so one found there was made in this database.
    pub fn unit_claim(&self, unit_id: i64) -> Result<Option<FileClaim>> {
        let row: Option<(Option<String>, Option<String>, String)> = self
            .db
            .conn()
            .prepare_cached(
                "SELECT u.status, u.meta_json, f.file_name FROM tm_units u
                 JOIN tmx_files f ON f.id = u.tmx_file_id WHERE u.id = ?1",
            )?
            .query_row([unit_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((standing, Some(meta), file)) = row else {
            return Ok(None);
        };
        let Some(claim) = claimed_status(&meta) else {
            return Ok(None);
        };
        let kept = matches!(claim.as_str(), "draft" | "rejected" | "superseded");
        let claimed = match standing.as_deref() {
            None => true,
            Some(s) => kept && s == claim,
        };
        Ok(claimed.then_some(FileClaim {
            file,
            status: claim,
        }))
    }

    /// The memory units made from a segment's translations.
    pub fn units_of_segment(&self, segment_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self
            .db
            .conn()
            .prepare_cached("SELECT id FROM tm_units WHERE segment_id = ?1")?;
        let ids = stmt
            .query_map([segment_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }
}
