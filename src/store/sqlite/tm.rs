//! Translation-memory units and their language variants in the database:
//! units made in Audarma from a segment and its translation (here), TMX
//! import (`import`: lossless metadata, idempotent, one transaction) and TMX
//! export (`export`: streaming, filtered).

use rusqlite::{params, OptionalExtension, Transaction};

use crate::error::Result;
use crate::store::model::{Segment, Translation};
use crate::store::{Reader, Writer};
use crate::text::{self, Lang};
use crate::tmx::inline::escape_text;

mod export;
mod import;
mod pipeline;
mod rejected;
mod seen;
mod units;

pub use export::{audarma_header, export_tmx, ExportOptions, ExportSummary};
pub use import::{
    import_files, ImportOptions, ImportProgress, ImportSummary, OnDuplicate, ReportedProblem,
};
pub(crate) use units::claimed_status;
pub use units::{unit_identity, variant_plain};

/// SQL true for a unit `u` that is not part of an import still under way
/// (see [`import_in_progress`]): every read of the memory adds it.
pub const VISIBLE: &str = "NOT EXISTS (SELECT 1 FROM tmx_files pf
    WHERE pf.id = u.tmx_file_id AND pf.pending_since IS NOT NULL)";

/// How long an import's heartbeat counts: a pending file older than this was
/// abandoned by a process that died.
pub const IMPORT_HEARTBEAT_SECS: i64 = 600;

/// The oldest heartbeat of a live import.
pub fn heartbeat_cutoff() -> String {
    (chrono::Utc::now() - chrono::Duration::seconds(IMPORT_HEARTBEAT_SECS))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Whether a TMX import is under way (a pending file with a live heartbeat).
pub fn import_in_progress(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM tmx_files WHERE pending_since IS NOT NULL AND pending_since >= ?1)",
        )?
        .query_row([heartbeat_cutoff()], |r| r.get(0))?)
}

/// `YYYYMMDDThhmmssZ` → `YYYY-MM-DDThh:mm:ssZ` (the database's form); other
/// forms are returned as written.
pub fn tmx_date_to_stored(date: &str) -> String {
    if !crate::tmx::validate::is_tmx_date(date) {
        return date.to_string();
    }
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &date[0..4],
        &date[4..6],
        &date[6..8],
        &date[9..11],
        &date[11..13],
        &date[13..15]
    )
}

/// The database's `YYYY-MM-DDThh:mm:ssZ` → TMX `YYYYMMDDThhmmssZ`; other
/// forms are returned as written.
pub fn stored_date_to_tmx(date: &str) -> String {
    let b = date.as_bytes();
    let shaped = b.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z';
    if !shaped {
        return date.to_string();
    }
    date.chars().filter(|c| *c != '-' && *c != ':').collect()
}

/// A unit made in Audarma from a source segment and its translation.
#[derive(Debug, Clone)]
pub struct SegmentUnit<'a> {
    pub segment_id: i64,
    pub source_lang: &'a str,
    pub source: &'a str,
    pub target_lang: Lang,
    pub target: &'a str,
    pub origin: &'a str,
    pub status: &'a str,
    pub user: &'a str,
    /// The unit the segment's translation held before this write, if any.
    pub previous_unit: Option<i64>,
}

/// Identity of a unit for idempotence: its variants' languages and texts,
/// hashed (the first 64 bits of their SHA-256, so the column and its index
/// stay small on a million-unit memory).
pub fn identity(variants: &[(&str, &str)]) -> i64 {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (lang, seg) in variants {
        h.update(lang.as_bytes());
        h.update([0]);
        h.update(seg.as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

/// The hash `tm_variants.key_hash` holds: FNV-1a (64-bit, stable across
/// builds) of a variant's primary language and match key.
pub fn key_hash(primary_lang: &str, key: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in primary_lang.bytes().chain([0]).chain(key.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h as i64
}

/// Put a segment's translation into the memory, one unit per distinct pair:
/// a pair already stored (same source match key, same translation) is that
/// unit, used once more; otherwise the segment's previous unit is rewritten in
/// place when nothing else holds it (its old text lives on in the
/// translation history), or a new unit is made. A previous unit left behind
/// by nobody becomes `superseded`. Returns the unit id.
pub fn upsert_segment_unit(tx: &Transaction<'_>, u: &SegmentUnit<'_>) -> Result<i64> {
    let now = super::now();
    let previous = match u.previous_unit {
        Some(id) if unit_standing(tx, id)?.is_some() => Some(id),
        _ => None,
    };
    let unit_id = if let Some(same) = same_pair(tx, u)? {
        if let Some(prev) = previous.filter(|p| *p != same) {
            leave_unit(tx, prev, u)?;
        }
        let standing = unit_standing(tx, same)?.flatten();
        let status = merged_standing(standing.as_deref(), u.status);
        let used = previous != Some(same);
        tx.execute(
            "UPDATE tm_units SET status = ?2, changed_at = ?3, changed_by = ?4,
               use_count = use_count + ?5, last_used_at = CASE WHEN ?5 = 1 THEN ?3 ELSE last_used_at END
             WHERE id = ?1",
            params![same, status, now, u.user, i64::from(used)],
        )?;
        same
    } else {
        match previous {
            Some(prev)
                if made_from(tx, prev)? == Some(u.segment_id) && !held_by_others(tx, prev, u)? =>
            {
                rewrite_in_place(tx, prev, u, &now)?;
                prev
            }
            Some(prev) => {
                leave_unit(tx, prev, u)?;
                insert_segment_unit(tx, u, &now)?
            }
            None => insert_segment_unit(tx, u, &now)?,
        }
    };
    link_translation(tx, u.segment_id, u.target_lang, unit_id)?;
    super::fuzzy_index::on_unit_written(tx, unit_id)?;
    Ok(unit_id)
}

/// The standing a unit takes when a pair is written again: a review decision
/// (approved, rejected) is taken as is; a translator's save revives a
/// superseded unit and raises a draft to translated, but never undoes a
/// reviewer's approval or rejection, and leaves an imported unit's (none).
fn merged_standing(current: Option<&str>, written: &str) -> Option<String> {
    let rank = |s: &str| match s {
        "draft" => 1,
        "translated" => 2,
        _ => 0,
    };
    let keep = match (current, written) {
        (_, "approved" | "rejected") => false,
        (None, _) => true,
        (Some("approved" | "rejected"), _) => true,
        (Some(c), w) => rank(c) > rank(w),
    };
    if keep {
        current.map(str::to_string)
    } else {
        Some(written.to_string())
    }
}

/// The segment's translation moves off `unit_id`: a unit made from a segment
/// (this one or another) that no translation holds any more is superseded
/// (kept, not offered); an imported unit is left as it is.
fn leave_unit(tx: &Transaction<'_>, unit_id: i64, u: &SegmentUnit<'_>) -> Result<()> {
    if made_from(tx, unit_id)?.is_some() && !held_by_others(tx, unit_id, u)? {
        set_unit_status(tx, unit_id, Some("superseded"))?;
    }
    Ok(())
}

/// A unit's status, `Some(None)` for a unit without one, `None` if it is gone.
fn unit_standing(tx: &Transaction<'_>, unit_id: i64) -> Result<Option<Option<String>>> {
    Ok(tx
        .query_row(
            "SELECT status FROM tm_units WHERE id = ?1",
            [unit_id],
            |r| r.get(0),
        )
        .optional()?)
}

fn set_unit_status(tx: &Transaction<'_>, unit_id: i64, status: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE tm_units SET status = ?2, changed_at = ?3 WHERE id = ?1",
        params![unit_id, status, super::now()],
    )?;
    Ok(())
}

/// The stored unit with this pair: source of the same match key in the
/// source language, exactly this translation. A reviewed one first.
fn same_pair(tx: &Transaction<'_>, u: &SegmentUnit<'_>) -> Result<Option<i64>> {
    let primary = crate::tmx::lang::primary(u.source_lang);
    let key = text::match_key(u.source);
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT s.unit_id, s.plain FROM tm_variants s
         JOIN tm_units u ON u.id = s.unit_id
         JOIN tm_variants t ON t.unit_id = s.unit_id AND t.primary_lang = ?2 AND t.plain = ?3
         WHERE s.key_hash = ?1 AND s.primary_lang = ?4
           AND lower(substr(u.source_lang, 1, 2)) = ?4
           AND {VISIBLE}
         ORDER BY CASE u.status WHEN 'approved' THEN 0 WHEN 'translated' THEN 1 ELSE 2 END, s.unit_id"
    ))?;
    let mut rows = stmt.query(params![
        key_hash(&primary, &key),
        u.target_lang.code(),
        u.target,
        primary
    ])?;
    while let Some(r) = rows.next()? {
        let plain: String = r.get(1)?;
        if text::match_key(&plain) == key {
            return Ok(Some(r.get(0)?));
        }
    }
    Ok(None)
}

/// Whether another translation than the segment's own holds the unit.
fn held_by_others(tx: &Transaction<'_>, unit_id: i64, u: &SegmentUnit<'_>) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM translations WHERE unit_id = ?1
           AND NOT (segment_id = ?2 AND lang = ?3))",
        params![unit_id, u.segment_id, u.target_lang.code()],
        |r| r.get(0),
    )?)
}

/// The segment a unit was made from (`None`: imported, or its segment is gone).
fn made_from(tx: &Transaction<'_>, unit_id: i64) -> Result<Option<i64>> {
    Ok(tx
        .query_row(
            "SELECT segment_id FROM tm_units WHERE id = ?1",
            [unit_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// The segment's translation in `lang` holds `unit_id`'s pair.
fn link_translation(tx: &Transaction<'_>, segment_id: i64, lang: Lang, unit_id: i64) -> Result<()> {
    tx.prepare_cached("UPDATE translations SET unit_id = ?3 WHERE segment_id = ?1 AND lang = ?2")?
        .execute(params![segment_id, lang.code(), unit_id])?;
    Ok(())
}

fn rewrite_in_place(tx: &Transaction<'_>, id: i64, u: &SegmentUnit<'_>, now: &str) -> Result<()> {
    let ident = identity(&[(u.source_lang, u.source), (u.target_lang.code(), u.target)]);
    tx.execute(
        "UPDATE tm_units SET origin = ?2, status = ?3, changed_at = ?4, changed_by = ?5, identity = ?6,
           created_at = ?4, created_by = ?5, use_count = 1, last_used_at = ?4 WHERE id = ?1",
        params![id, u.origin, u.status, now, u.user, ident],
    )?;
    tx.execute(
        "UPDATE tm_variants SET seg_xml = ?2, plain = ?3 WHERE unit_id = ?1 AND ord = 1",
        params![id, escape_text(u.target), u.target],
    )?;
    Ok(())
}

fn insert_segment_unit(tx: &Transaction<'_>, u: &SegmentUnit<'_>, now: &str) -> Result<i64> {
    let ident = identity(&[(u.source_lang, u.source), (u.target_lang.code(), u.target)]);
    tx.execute(
        "INSERT INTO tm_units (tuid, source_lang, origin, status, segment_id, created_at, created_by, changed_at, changed_by, identity, use_count, last_used_at)
         VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6, ?7, 1, ?5)",
        params![u.source_lang, u.origin, u.status, u.segment_id, now, u.user, ident],
    )?;
    let id = tx.last_insert_rowid();
    insert_variant(tx, id, 0, u.source_lang, u.source)?;
    insert_variant(tx, id, 1, u.target_lang.code(), u.target)?;
    Ok(id)
}

fn insert_variant(
    tx: &Transaction<'_>,
    unit_id: i64,
    ord: i64,
    lang: &str,
    plain: &str,
) -> Result<()> {
    let primary = crate::tmx::lang::primary(lang);
    // Only the source (ord 0) carries a key hash: same-source lookups.
    let hash = (ord == 0).then(|| key_hash(&primary, &text::match_key(plain)));
    tx.prepare_cached(
        "INSERT INTO tm_variants (unit_id, ord, lang, primary_lang, seg_xml, plain, key_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        unit_id,
        ord,
        lang,
        primary,
        escape_text(plain),
        plain,
        hash
    ])?;
    Ok(())
}

/// Put a segment's current translation in the memory (one unit per segment and
/// language): its text, origin and review status travel with it, so matches
/// and TMX export show whether it was approved. Returns the unit id.
pub fn remember_translation(
    tx: &Transaction<'_>,
    seg: &Segment,
    t: &Translation,
    previous_unit: Option<i64>,
    user: &str,
) -> Result<i64> {
    let source_lang: String = tx.query_row(
        "SELECT source_lang FROM documents WHERE id = ?1",
        [seg.document_id],
        |r| r.get(0),
    )?;
    let target_lang: Lang = t
        .lang
        .parse()
        .map_err(|e: String| crate::Error::Conflict(format!("stored translation: {e}")))?;
    upsert_segment_unit(
        tx,
        &SegmentUnit {
            segment_id: seg.id,
            source_lang: &source_lang,
            source: &seg.source,
            target_lang,
            target: &t.text,
            origin: &t.origin,
            status: t.status.as_str(),
            user,
            previous_unit,
        },
    )
}

impl Writer<'_> {
    /// Add a unit that comes from no document (a benchmark's or a test's
    /// memory): its variants in order, the first one the source, origin `tmx`.
    /// Not indexed yet: follow with [`index_units`](Self::index_units) or
    /// [`index_new_units`](Self::index_new_units).
    pub fn add_unit(&self, tuid: Option<&str>, variants: &[(&str, &str)]) -> Result<i64> {
        let source_lang = variants.first().map_or("kk", |(l, _)| *l);
        self.tx
            .prepare_cached(
                "INSERT INTO tm_units (tuid, source_lang, origin, identity) VALUES (?1, ?2, 'tmx', ?3)",
            )?
            .execute(params![tuid, source_lang, identity(variants)])?;
        let unit_id = self.tx.last_insert_rowid();
        for (ord, (lang, plain)) in variants.iter().enumerate() {
            insert_variant(&self.tx, unit_id, ord as i64, lang, plain)?;
        }
        Ok(unit_id)
    }

    /// Put a segment's translation into the memory (see [`upsert_segment_unit`]).
    pub fn upsert_segment_unit(&self, u: &SegmentUnit<'_>) -> Result<i64> {
        let id = upsert_segment_unit(&self.tx, u)?;
        Ok(id)
    }

    /// Put a segment's current translation in the memory, with its origin and
    /// status; `previous_unit` is the unit its translation held before the write.
    pub fn remember_translation(
        &self,
        seg: &Segment,
        t: &Translation,
        previous_unit: Option<i64>,
        user: &str,
    ) -> Result<i64> {
        remember_translation(&self.tx, seg, t, previous_unit, user)
    }

    /// Record that a segment's translation is the pair a stored unit holds (a
    /// propagated repetition, an exact pretranslation); `used` counts it as a use.
    pub fn link_translation_to_unit(
        &self,
        segment_id: i64,
        lang: Lang,
        unit_id: i64,
        used: bool,
    ) -> Result<()> {
        link_translation(&self.tx, segment_id, lang, unit_id)?;
        if used {
            self.tx.execute(
                "UPDATE tm_units SET use_count = use_count + 1, last_used_at = ?2 WHERE id = ?1",
                params![unit_id, super::now()],
            )?;
        }
        Ok(())
    }
}

impl Reader {
    /// How many units the memory holds.
    pub fn unit_count(&self) -> Result<i64> {
        Ok(self.db.conn().query_row(
            &format!("SELECT count(*) FROM tm_units u WHERE {VISIBLE}"),
            [],
            |r| r.get(0),
        )?)
    }

    /// Write the selected units as TMX 1.4b to `out` (see [`export_tmx`]).
    pub fn export_tmx<W: std::io::Write>(
        &self,
        out: W,
        opts: &ExportOptions,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ExportSummary> {
        export_tmx(self.db.conn(), out, opts, progress)
    }
}

impl crate::store::Store {
    /// Import one TMX file (`.tmx`, `.tmx.gz` or `.zip`) in one transaction.
    pub fn import_tmx(
        &mut self,
        path: &std::path::Path,
        options: &ImportOptions,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportSummary> {
        import_files(&self.reader.db, &[path.to_path_buf()], options, progress)
    }

    /// Import TMX files in one transaction: all or nothing (see [`import_files`]).
    pub fn import_tmx_files(
        &mut self,
        paths: &[std::path::PathBuf],
        options: &ImportOptions,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportSummary> {
        import_files(&self.reader.db, paths, options, progress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_leaves_foreign_keys_enforced_and_satisfied() {
        const DOC: &str = r#"<?xml version="1.0"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="kk" datatype="plaintext"/><body><tu><tuv xml:lang="kk"><seg>Сәлем.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu></body></tmx>"#;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.tmx");
        std::fs::write(&file, DOC).unwrap();
        let mut store = crate::store::Store::in_memory().unwrap();
        let fk = |store: &crate::store::Store| -> (i64, i64) {
            let conn = store.db.conn();
            let on = conn
                .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
                .unwrap();
            let broken = conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })
                .unwrap();
            (on, broken)
        };
        for mode in [OnDuplicate::Keep, OnDuplicate::Update] {
            let options = ImportOptions {
                lenient: false,
                on_duplicate: mode,
            };
            store.import_tmx(&file, &options, &mut |_| {}).unwrap();
            assert_eq!(fk(&store), (1, 0), "{mode:?}");
        }
        // A failed import restores them too.
        let bad = dir.path().join("bad.tmx");
        std::fs::write(&bad, "<tmx version=\"1.4\"><header/><body><tu>").unwrap();
        assert!(store
            .import_tmx(&bad, &ImportOptions::default(), &mut |_| {})
            .is_err());
        assert_eq!(fk(&store).0, 1);
    }

    #[test]
    fn date_forms_convert_both_ways_and_keep_the_rest() {
        assert_eq!(
            tmx_date_to_stored("20020523T091200Z"),
            "2002-05-23T09:12:00Z"
        );
        assert_eq!(
            stored_date_to_tmx("2002-05-23T09:12:00Z"),
            "20020523T091200Z"
        );
        assert_eq!(
            tmx_date_to_stored("2019-10-02 10:54:01"),
            "2019-10-02 10:54:01"
        );
        assert_eq!(stored_date_to_tmx("yesterday"), "yesterday");
    }
}
