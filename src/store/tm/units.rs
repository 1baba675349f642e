//! How a TMX unit is kept in the database: its identity (idempotence), its
//! plain text, and the JSON of the attributes, props and notes that columns
//! do not hold.

use std::borrow::Cow;

use serde::Serialize;

use super::identity;
use crate::tmx::inline;
use crate::tmx::model::{Attrs, Extra, Unit, Variant};

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
    let texts: Vec<(String, Cow<str>)> = unit
        .variants
        .iter()
        .map(|v| {
            let text = if v.seg.contains('<') {
                Cow::Borrowed(v.seg.as_str())
            } else {
                variant_plain(v)
            };
            (v.lang.clone(), text)
        })
        .collect();
    let mut parts: Vec<(&str, &str)> = texts
        .iter()
        .map(|(l, t)| (l.as_str(), t.as_ref()))
        .collect();
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
