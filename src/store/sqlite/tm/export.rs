//! TMX 1.4b export of the memory: one streaming query, units written as they
//! come. Units read from a TMX file go back with everything they came with;
//! units made in Audarma carry their ids, dates, status and origin.

use std::io::Write;

use rusqlite::{types::Value, Connection, OptionalExtension};

use super::import::DATABASE_PROP;
use super::stored_date_to_tmx;
use super::units::{Meta, UnitColumns, COLUMNS_ONLY};
use crate::error::{Error, Result};
use crate::store::sqlite::documents;
use crate::tmx::model::{attr, set_attr, Extra, Header, Unit, Variant};
use crate::tmx::{lang, Dtd, TmxWriter};

/// Which units to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Only this target language (primary subtag, e.g. `en`); `None`: all.
    pub to: Option<String>,
    /// Only units made from this document's segments (name or id).
    pub doc: Option<String>,
    /// Only units with one of these review statuses (empty: any but rejected
    /// and superseded).
    pub statuses: Vec<String>,
    /// Only units changed (or created) at or after this date (`YYYY-MM-DD`,
    /// RFC 3339, or a TMX date).
    pub changed_since: Option<String>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ExportSummary {
    pub units: u64,
    pub variants: u64,
    /// Characters XML cannot carry that units held (a database from before
    /// the write paths refused them) and the file left out, per unit.
    pub dropped: Vec<crate::tmx::Dropped>,
}

/// The standings a memory unit can have (see `tm::upsert_segment_unit`).
pub const UNIT_STATUSES: [&str; 5] = ["draft", "translated", "approved", "rejected", "superseded"];

/// Turn a `--changed-since` value into the stored date form (a prefix works
/// for comparison). Only dates on the calendar pass: `2026-13-45` is refused,
/// not compared as a string.
fn since_key(date: &str) -> Result<String> {
    let d = date.trim();
    let stored = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(d, "%Y%m%dT%H%M%SZ") {
        return Ok(stored(t));
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(d) {
        return Ok(stored(t.naive_utc()));
    }
    if let Ok(day) = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
        return Ok(day.format("%Y-%m-%d").to_string());
    }
    Err(Error::usage(format!(
        "--changed-since '{date}': not a date; expected one like 2026-01-31, 2026-01-31T12:00:00Z or 20260131T120000Z"
    )))
}

/// The WHERE clause and its parameters for the options.
fn filters(conn: &Connection, opts: &ExportOptions) -> Result<(String, Vec<Value>)> {
    let mut clauses = vec![super::VISIBLE.to_string()];
    let mut params: Vec<Value> = Vec::new();
    if let Some(doc) = &opts.doc {
        let d = documents::find_document(conn, doc)?;
        clauses.push("u.segment_id IN (SELECT id FROM segments WHERE document_id = ?)".into());
        params.push(Value::Integer(d.id));
    }
    for s in &opts.statuses {
        if !UNIT_STATUSES.contains(&s.as_str()) {
            return Err(Error::usage(format!(
                "--status '{s}': a unit's status is one of {}",
                UNIT_STATUSES.join(", ")
            )));
        }
    }
    if opts.statuses.is_empty() {
        // Rejected and superseded text never leaves unless asked for: another
        // tool would offer (or auto-insert) it as good.
        clauses.push("(u.status IS NULL OR u.status NOT IN ('rejected', 'superseded'))".into());
    } else {
        let marks = vec!["?"; opts.statuses.len()].join(", ");
        clauses.push(format!("u.status IN ({marks})"));
        params.extend(opts.statuses.iter().map(|s| Value::Text(s.clone())));
    }
    if let Some(since) = &opts.changed_since {
        clauses.push("COALESCE(u.changed_at, u.created_at) >= ?".into());
        params.push(Value::Text(since_key(since)?));
    }
    if let Some(to) = &opts.to {
        clauses.push(
            "EXISTS (SELECT 1 FROM tm_variants t WHERE t.unit_id = u.id AND t.primary_lang = ?)"
                .into(),
        );
        params.push(Value::Text(lang::primary(to)));
    }
    Ok((clauses.join(" AND "), params))
}

/// The header Audarma writes; `srclang` is the units' source language when
/// they share one, else `*all*`.
pub fn audarma_header(srclang: &str) -> Header {
    let attrs = [
        ("creationtool", "Audarma"),
        ("creationtoolversion", env!("CARGO_PKG_VERSION")),
        ("segtype", "sentence"),
        ("o-tmf", "Audarma"),
        ("adminlang", "en"),
        ("srclang", srclang),
        ("datatype", "plaintext"),
    ];
    let mut attrs: Vec<(String, String)> = attrs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    attrs.push((
        "creationdate".into(),
        stored_date_to_tmx(&crate::store::now()),
    ));
    Header {
        version: "1.4".into(),
        attrs,
        ..Header::default()
    }
}

/// Write the selected units as TMX 1.4b to `out`. `progress` gets (units written, units to write).
pub fn export_tmx<W: Write>(
    conn: &Connection,
    out: W,
    opts: &ExportOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ExportSummary> {
    let (filter, params) = filters(conn, opts)?;
    let total: u64 = conn.query_row(
        &format!("SELECT count(*) FROM tm_units u WHERE {filter}"),
        rusqlite::params_from_iter(params.iter()),
        |r| r.get::<_, i64>(0),
    )? as u64;
    let langs: Vec<String> = conn
        .prepare(&format!(
            "SELECT DISTINCT u.source_lang FROM tm_units u WHERE {filter} LIMIT 2"
        ))?
        .query_map(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let srclang = match langs.as_slice() {
        [one] => one.clone(),
        _ => lang::ALL.to_string(),
    };
    let mut header = audarma_header(&srclang);
    // Which database wrote the file: an import into this one knows its own
    // units' review props from another file's claims (`import::provenance`).
    let database_id: Option<String> = conn
        .query_row(
            "SELECT value FROM database_meta WHERE key = 'database_id'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = database_id {
        header.extras.push(Extra::prop(DATABASE_PROP, &id));
    }
    let mut writer = TmxWriter::new(out, &header, Dtd::Valid)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT u.id, u.tuid, u.source_lang, u.origin, u.status, u.created_at, u.created_by,
                u.changed_at, u.changed_by, u.meta_json, v.lang, coalesce(v.seg_xml, v.plain), v.meta_json,
                u.use_count, u.last_used_at
         FROM tm_units u JOIN tm_variants v ON v.unit_id = u.id
         WHERE {filter} ORDER BY u.id, v.ord"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    let mut summary = ExportSummary::default();
    let mut current: Option<(i64, String, Unit)> = None;
    let wanted = opts.to.as_deref().map(lang::primary);
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if current.as_ref().map(|c| c.0) != Some(id) {
            if let Some((_, _, unit)) = current.take() {
                summary.variants += unit.variants.len() as u64;
                writer.unit(&unit)?;
                summary.units += 1;
                if summary.units.is_multiple_of(1024) {
                    progress(summary.units, total);
                }
            }
            current = Some((id, row.get(2)?, unit_from_row(row, &srclang)?));
        }
        let v_lang: String = row.get(10)?;
        if let (Some(want), Some((_, src, _))) = (&wanted, current.as_ref()) {
            // --to: the source variant and the wanted target only.
            let primary = lang::primary(&v_lang);
            if primary != *want && primary != lang::primary(src) {
                continue;
            }
        }
        let meta: Meta = parse_meta(row.get::<_, Option<String>>(12)?)?;
        if let Some((_, _, unit)) = current.as_mut() {
            unit.variants.push(Variant {
                lang: v_lang,
                attrs: meta.attrs,
                extras: meta.extras,
                seg: row.get(11)?,
                ..Variant::default()
            });
        }
    }
    if let Some((_, _, unit)) = current.take() {
        summary.variants += unit.variants.len() as u64;
        writer.unit(&unit)?;
        summary.units += 1;
    }
    progress(summary.units, total);
    summary.dropped = writer.dropped().to_vec();
    writer.finish()?;
    Ok(summary)
}

/// Made in Audarma (no TMX metadata of its own).
fn meta_json_is_audarma(row: &rusqlite::Row<'_>) -> Result<bool> {
    Ok(row.get::<_, Option<String>>(9)?.is_none())
}

/// `usagecount` / `lastusagedate`: always on a unit made here; on an imported
/// one only when it came with them or has been used here since (so a file
/// without them goes back as it came).
fn write_use(row: &rusqlite::Row<'_>, unit: &mut Unit, ours: bool) -> Result<()> {
    let count: i64 = row.get(13)?;
    let last: Option<String> = row.get(14)?;
    if ours || count > 1 || attr(&unit.attrs, "usagecount").is_some() {
        set_attr(&mut unit.attrs, "usagecount", &count.to_string());
    }
    if let Some(last) = last {
        if ours || count > 1 || attr(&unit.attrs, "lastusagedate").is_some() {
            set_attr(&mut unit.attrs, "lastusagedate", &stored_date_to_tmx(&last));
        }
    }
    Ok(())
}

fn parse_meta(json: Option<String>) -> Result<Meta> {
    match json {
        None => Ok(Meta::default()),
        Some(j) => serde_json::from_str(&j)
            .map_err(|e| Error::Conflict(format!("unreadable unit metadata in the database: {e}"))),
    }
}

/// A unit's own part (attributes, props, notes) from its row.
fn unit_from_row(row: &rusqlite::Row<'_>, header_srclang: &str) -> Result<Unit> {
    let id: i64 = row.get(0)?;
    let source_lang: String = row.get(2)?;
    let meta_json: Option<String> = row.get(9)?;
    let mut unit = Unit::default();
    if meta_json.as_deref() == Some(COLUMNS_ONLY) {
        unit.attrs = UnitColumns {
            tuid: row.get(1)?,
            created_at: row.get(5)?,
            created_by: row.get(6)?,
            changed_at: row.get(7)?,
            changed_by: row.get(8)?,
        }
        .attrs();
    } else if meta_json.is_some() {
        let meta = parse_meta(meta_json)?;
        unit.attrs = meta.attrs;
        unit.extras = meta.extras;
    } else {
        // Made in Audarma: its ids, dates, status and origin.
        let tuid: Option<String> = row.get(1)?;
        set_attr(
            &mut unit.attrs,
            "tuid",
            &tuid.unwrap_or_else(|| format!("audarma-{id}")),
        );
        let fields = [
            (5, "creationdate"),
            (6, "creationid"),
            (7, "changedate"),
            (8, "changeid"),
        ];
        for (col, name) in fields {
            if let Some(v) = row.get::<_, Option<String>>(col)? {
                let v = if name.ends_with("date") {
                    stored_date_to_tmx(&v)
                } else {
                    v
                };
                set_attr(&mut unit.attrs, name, &v);
            }
        }
        if let Some(status) = row.get::<_, Option<String>>(4)? {
            unit.extras.push(Extra::prop("x-audarma-status", &status));
        }
        let origin: String = row.get(3)?;
        unit.extras.push(Extra::prop("x-audarma-origin", &origin));
    }
    write_use(row, &mut unit, meta_json_is_audarma(row)?)?;
    if attr(&unit.attrs, "srclang").is_none() && source_lang != header_srclang {
        set_attr(&mut unit.attrs, "srclang", &source_lang);
    }
    Ok(unit)
}

#[cfg(test)]
mod tests {
    use super::since_key;

    #[test]
    fn changed_since_takes_calendar_dates_only() {
        assert_eq!(since_key("2026-01-31").unwrap(), "2026-01-31");
        assert_eq!(
            since_key("20260131T120000Z").unwrap(),
            "2026-01-31T12:00:00Z"
        );
        // An offset is turned into UTC, the stored form.
        assert_eq!(
            since_key("2026-01-31T17:00:00+05:00").unwrap(),
            "2026-01-31T12:00:00Z"
        );
        for bad in [
            "2026-13-45",
            "2026-00-00",
            "2026-02-30",
            "20261345T000000Z",
            "yesterday",
            "2026-01-3Ж",
        ] {
            let err = since_key(bad).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad}");
            assert!(err.to_string().contains(bad), "{err}");
        }
    }
}
