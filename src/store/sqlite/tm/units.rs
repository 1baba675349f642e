//! How a TMX unit is kept in the database: its identity (idempotence), its
//! plain text, and the JSON of the attributes, props and notes that columns
//! do not hold.

use std::borrow::Cow;

use serde::Serialize;

use super::{identity, stored_date_to_tmx, tmx_date_to_stored};
use crate::tmx::inline;
use crate::tmx::model::{attr, Attrs, Extra, Unit, Variant};

/// The plain text of a variant (rebuilt from its seg when not read from a file).
pub fn variant_plain(v: &Variant) -> Cow<'_, str> {
    if !v.plain.is_empty() || v.seg.is_empty() {
        Cow::Borrowed(&v.plain)
    } else {
        Cow::Owned(
            inline::parse_seg(&v.seg)
                .map(|s| s.plain)
                .unwrap_or_default(),
        )
    }
}

/// A unit's identity for idempotence: its variants' languages and texts (the
/// unescaped text when there is no markup, so a unit made in Audarma and the
/// same unit read back from its export agree), plus its props and notes other
/// than Audarma's own bookkeeping.
pub fn unit_identity(unit: &Unit) -> i64 {
    let texts: Vec<(&str, Cow<str>)> = unit
        .variants
        .iter()
        .map(|v| {
            let text = if v.seg.contains('<') {
                Cow::Borrowed(v.seg.as_str())
            } else {
                variant_plain(v)
            };
            (v.lang.as_str(), text)
        })
        .collect();
    let mut parts: Vec<(&str, &str)> = texts.iter().map(|(l, t)| (*l, t.as_ref())).collect();
    let own: Vec<&Extra> = unit
        .extras
        .iter()
        .filter(|e| {
            !e.prop_type()
                .is_some_and(|t| t.starts_with("x-audarma-") || t.starts_with("x-attribute:"))
        })
        .collect();
    let extras_json;
    if !own.is_empty() {
        extras_json = serde_json::to_string(&own).unwrap_or_default();
        parts.push(("#extras", &extras_json));
    }
    identity(&parts)
}

/// The review status a unit's stored TMX metadata (`meta_json`) gives it in
/// an `x-audarma-status` prop, if any.
pub(crate) fn claimed_status(meta_json: &str) -> Option<String> {
    let meta: Meta = serde_json::from_str(meta_json).ok()?;
    meta.extras.iter().find_map(|e| match e {
        Extra::Prop { attrs, text } if attr(attrs, "type") == Some("x-audarma-status") => {
            Some(text.trim().to_string())
        }
        _ => None,
    })
}

/// What `tm_units` holds of a TMX unit's attributes in its own columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct UnitColumns {
    pub tuid: Option<String>,
    pub created_at: Option<String>,
    pub created_by: Option<String>,
    /// `changedate`, or the creation date when there is none.
    pub changed_at: Option<String>,
    pub changed_by: Option<String>,
}

impl UnitColumns {
    pub fn of(attrs: &Attrs) -> UnitColumns {
        let created_at = attr(attrs, "creationdate").map(tmx_date_to_stored);
        let changed_at = attr(attrs, "changedate")
            .map(tmx_date_to_stored)
            .or_else(|| created_at.clone());
        UnitColumns {
            tuid: attr(attrs, "tuid").map(str::to_string),
            created_at,
            created_by: attr(attrs, "creationid").map(str::to_string),
            changed_at,
            changed_by: attr(attrs, "changeid").map(str::to_string),
        }
    }

    /// The attributes these columns give back, in this fixed order (a
    /// change date equal to the creation date is taken as absent).
    pub fn attrs(&self) -> Attrs {
        let changed = self
            .changed_at
            .as_ref()
            .filter(|c| Some(*c) != self.created_at.as_ref());
        let date = |d: &String| stored_date_to_tmx(d);
        [
            ("tuid", self.tuid.clone()),
            ("creationdate", self.created_at.as_ref().map(date)),
            ("creationid", self.created_by.clone()),
            ("changedate", changed.map(date)),
            ("changeid", self.changed_by.clone()),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name.to_string(), v)))
        .collect()
    }
}

/// A unit's `meta_json`: empty ([`COLUMNS_ONLY`]) when its columns give back
/// exactly its attributes and it has no props or notes (most units of a
/// large memory), so nothing is stored twice.
pub(super) fn unit_meta_json(unit: &Unit, columns: &UnitColumns) -> String {
    if unit.extras.is_empty() && columns.attrs() == unit.attrs {
        COLUMNS_ONLY.to_string()
    } else {
        meta_json(&unit.attrs, &unit.extras)
    }
}

/// `tm_units.meta_json` of a TMX unit whose attributes are its columns'.
pub(super) const COLUMNS_ONLY: &str = "";

/// `{"attrs": [...], "extras": [...]}` as stored in `meta_json`.
pub(super) fn meta_json(attrs: &Attrs, extras: &[Extra]) -> String {
    #[derive(Serialize)]
    struct MetaRef<'a> {
        attrs: &'a Attrs,
        extras: &'a [Extra],
    }
    serde_json::to_string(&MetaRef { attrs, extras }).unwrap_or_default()
}

/// Attributes and props/notes as stored in `meta_json`.
#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct Meta {
    #[serde(default)]
    pub attrs: Attrs,
    #[serde(default)]
    pub extras: Vec<Extra>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_with(attrs: &[(&str, &str)]) -> Unit {
        Unit {
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Unit::default()
        }
    }

    fn meta_of(attrs: &[(&str, &str)]) -> String {
        let unit = unit_with(attrs);
        unit_meta_json(&unit, &UnitColumns::of(&unit.attrs))
    }

    #[test]
    fn attributes_the_columns_give_back_are_not_stored_twice() {
        let all = [
            ("tuid", "7"),
            ("creationdate", "20260101T000000Z"),
            ("creationid", "ana"),
            ("changedate", "20260202T101010Z"),
            ("changeid", "bek"),
        ];
        assert_eq!(meta_of(&all), COLUMNS_ONLY);
        assert_eq!(meta_of(&all[..2]), COLUMNS_ONLY);
        assert_eq!(meta_of(&[]), COLUMNS_ONLY);
        let unit = unit_with(&all);
        assert_eq!(UnitColumns::of(&unit.attrs).attrs(), unit.attrs);
    }

    #[test]
    fn anything_the_columns_cannot_give_back_keeps_its_json() {
        let kept = [
            // Another order.
            vec![("creationdate", "20260101T000000Z"), ("tuid", "7")],
            // A change date equal to the creation date reads back as absent.
            vec![
                ("creationdate", "20260101T000000Z"),
                ("changedate", "20260101T000000Z"),
            ],
            // A date in the stored shape would be turned into the TMX one.
            vec![("creationdate", "2026-01-01T00:00:00Z")],
            // Any other attribute.
            vec![("tuid", "7"), ("usagecount", "3")],
        ];
        for attrs in kept {
            let json = meta_of(&attrs);
            let meta: Meta = serde_json::from_str(&json).unwrap();
            assert_eq!(meta.attrs, unit_with(&attrs).attrs, "{json}");
        }
        let mut with_note = unit_with(&[("tuid", "7")]);
        with_note.extras.push(Extra::prop("x-client", "acme"));
        assert_ne!(
            unit_meta_json(&with_note, &UnitColumns::of(&with_note.attrs)),
            COLUMNS_ONLY
        );
    }
}
