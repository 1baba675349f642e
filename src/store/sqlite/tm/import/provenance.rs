//! What a TMX file may say about its units, and what the memory takes of it
//! (issue 14, forged provenance). A file is anybody's: it can carry our own
//! `x-audarma-status` "approved", `x-audarma-origin` "typed" and a change
//! date in 2099, and a memory that believed it would rank the file's unit
//! above the team's own approved translation. So:
//!
//! - a unit read from a file has origin `tmx`, whatever its props say (they
//!   stay in its metadata, for export and for display as the file's claim);
//! - its standing takes from the file's status only what lowers trust
//!   (draft, rejected, superseded): an approval or a translation a file
//!   claims is not a decision made in this database, and is shown as the
//!   file's (`Reader::unit_claim`: "approved in m.tmx");
//! - a creation, change or last-use date after the import time (plus a day
//!   for clocks and time zones) is refused in strict mode and taken as the
//!   import time in lenient mode, with a warning;
//! - a file that carries `x-audarma-*` props but whose header does not name
//!   this database (`x-audarma-database`, written by `tmx export`) is warned
//!   about once: its review props are somebody else's claims.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::super::pipeline::Prepared;
use super::super::units::{unit_meta_json, UnitColumns};
use super::super::{stored_date_to_tmx, tmx_date_to_stored};
use crate::tmx::model::{attr, set_attr, Extra, Header};
use crate::tmx::Problem;

/// The header prop naming the database a file was exported from.
pub const DATABASE_PROP: &str = "x-audarma-database";

/// The prop holding a unit's review status as its file states it.
pub const STATUS_PROP: &str = "x-audarma-status";

/// How far past the import time a date may lie (clock skew, time zones).
const SKEW_SECS: i64 = 24 * 3600;

/// The unit dates checked against the import time.
const DATES: [&str; 3] = ["creationdate", "changedate", "lastusagedate"];

/// The standing a unit read from a file takes from its status prop: a claim
/// that lowers trust is honoured (a file's rejected unit is not offered), one
/// that raises it is not (see the module's doc).
pub fn standing_of_claim(claim: Option<&str>) -> Option<&'static str> {
    match claim.map(str::trim) {
        Some("draft") => Some("draft"),
        Some("rejected") => Some("rejected"),
        Some("superseded") => Some("superseded"),
        _ => None,
    }
}

/// One file's provenance checks, made as its units are read.
pub struct FileProvenance {
    /// The header names this database.
    ours: bool,
    /// The foreign-props warning was given for this file.
    warned: bool,
    now: DateTime<Utc>,
}

impl FileProvenance {
    pub fn new(header: &Header, database_id: Option<&str>) -> FileProvenance {
        let named = header.extras.iter().find_map(|e| match e {
            Extra::Prop { attrs, text } if attr(attrs, "type") == Some(DATABASE_PROP) => {
                Some(text.trim())
            }
            _ => None,
        });
        FileProvenance {
            ours: named.is_some() && named == database_id,
            warned: false,
            now: Utc::now(),
        }
    }

    /// Check a unit before it is stored. Returns the warnings to report; in
    /// strict mode a date in the future is the error (`Err`) instead, in
    /// lenient mode it is taken as the import time (the unit's attributes,
    /// columns and metadata all say so).
    pub fn check(&mut self, p: &mut Prepared, lenient: bool) -> Result<Vec<Problem>, Problem> {
        let mut warnings = Vec::new();
        let at = |rule: &'static str, message: String| Problem {
            line: p.unit.line,
            column: p.unit.column,
            rule,
            message,
        };
        if !self.ours && !self.warned && carries_our_props(p) {
            self.warned = true;
            warnings.push(at(
                "foreign-audarma-props",
                "the file carries Audarma's x-audarma-* props but was not exported from this database (its header names no x-audarma-database of ours): their status and origin are kept as the file's claim, not as reviews made here".into(),
            ));
        }
        let limit = self.now + chrono::Duration::seconds(SKEW_SECS);
        let mut clamped = false;
        for name in DATES {
            let Some(value) = attr(&p.unit.attrs, name) else {
                continue;
            };
            if parse_date(value).is_none_or(|d| d <= limit) {
                continue;
            }
            let shown: String = value.chars().take(40).collect();
            if !lenient {
                return Err(at(
                    "date-in-future",
                    format!("{name}=\"{shown}\" is in the future (the import runs at {}); a file cannot date its units after today", self.stamp()),
                ));
            }
            warnings.push(at(
                "date-in-future",
                format!(
                    "{name}=\"{shown}\" is in the future: taken as the import time, {}",
                    self.stamp()
                ),
            ));
            let now = stored_date_to_tmx(&self.stamp());
            set_attr(&mut p.unit.attrs, name, &now);
            clamped = true;
        }
        if clamped {
            p.columns = UnitColumns::of(&p.unit.attrs);
            p.unit_meta = unit_meta_json(&p.unit, &p.columns);
        }
        Ok(warnings)
    }

    fn stamp(&self) -> String {
        self.now.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// Whether the unit or one of its variants has an `x-audarma-*` prop.
fn carries_our_props(p: &Prepared) -> bool {
    let ours = |extras: &[Extra]| {
        extras
            .iter()
            .any(|e| e.prop_type().is_some_and(|t| t.starts_with("x-audarma-")))
    };
    ours(&p.unit.extras) || p.unit.variants.iter().any(|v| ours(&v.extras))
}

/// A date as TMX writes it (`20260131T120000Z`) or in the other forms tools
/// write (`2026-01-31T12:00:00Z`, `2026-01-31 12:00:00`, a bare day), in UTC.
/// `None` when no date can be read from it (it is then kept as written).
fn parse_date(value: &str) -> Option<DateTime<Utc>> {
    let v = tmx_date_to_stored(value.trim());
    let time = [
        "%Y-%m-%dT%H:%M:%SZ",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(&v, f).ok())
    .or_else(|| DateTime::parse_from_rfc3339(&v).ok().map(|d| d.naive_utc()))
    .or_else(|| {
        let day = v.get(..10)?;
        NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .ok()?
            .and_hms_opt(0, 0, 0)
    })?;
    Some(time.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_claims_that_lower_trust_become_standing() {
        assert_eq!(standing_of_claim(Some("approved")), None);
        assert_eq!(standing_of_claim(Some("translated")), None);
        assert_eq!(standing_of_claim(Some("rejected")), Some("rejected"));
        assert_eq!(standing_of_claim(Some(" draft ")), Some("draft"));
        assert_eq!(standing_of_claim(Some("superseded")), Some("superseded"));
        assert_eq!(standing_of_claim(Some("APPROVED!")), None);
        assert_eq!(standing_of_claim(None), None);
    }

    #[test]
    fn dates_are_read_in_the_forms_tools_write() {
        let want = "2099-01-02T03:04:05Z";
        for v in [
            "20990102T030405Z",
            want,
            "2099-01-02 03:04:05",
            "2099-01-02T08:04:05+05:00",
        ] {
            let d = parse_date(v).unwrap();
            assert_eq!(d.format("%Y-%m-%dT%H:%M:%SZ").to_string(), want, "{v}");
        }
        assert!(parse_date("2099-01-02").is_some());
        assert!(parse_date("yesterday").is_none());
        assert!(parse_date("2026-13-45").is_none());
    }

    #[test]
    fn our_own_header_is_recognised() {
        let mut header = Header::default();
        assert!(!FileProvenance::new(&header, Some("abc")).ours);
        header.extras.push(Extra::prop(DATABASE_PROP, "abc"));
        assert!(FileProvenance::new(&header, Some("abc")).ours);
        assert!(!FileProvenance::new(&header, Some("xyz")).ours);
        assert!(!FileProvenance::new(&header, None).ours);
    }
}
