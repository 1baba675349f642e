//! The in-memory form of a TMX file: header, units, variants, props, notes and
//! `ude`/`map`, with every attribute kept in the order it was written.
//!
//! Language attributes (`xml:lang`, TMX 1.1 `lang`, `srclang`, `adminlang`) are
//! stored normalised (see `lang`). Segment content is kept as canonical inner
//! XML (see `inline`), so two files that differ only in quoting, character
//! references or entity spelling have equal models.

use serde::{Deserialize, Serialize};

pub use super::attrs::Attrs;

/// Look up an attribute's value.
pub fn attr<'a>(attrs: &'a Attrs, name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Set an attribute, replacing an existing value in place or appending.
pub fn set_attr(attrs: &mut Attrs, name: &str, value: &str) {
    match attrs.iter_mut().find(|(k, _)| k == name) {
        Some(slot) => slot.1 = value.to_string(),
        None => attrs.push((name.to_string(), value.to_string())),
    }
}

/// A `prop`, `note` or `ude` child, in its position among its siblings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Extra {
    Prop { attrs: Attrs, text: String },
    Note { attrs: Attrs, text: String },
    Ude { attrs: Attrs, maps: Vec<Attrs> },
}

impl Extra {
    /// The `type` of a prop.
    pub fn prop_type(&self) -> Option<&str> {
        match self {
            Extra::Prop { attrs, .. } => attr(attrs, "type"),
            _ => None,
        }
    }

    pub fn prop(kind: &str, text: &str) -> Extra {
        Extra::Prop {
            attrs: vec![("type".into(), kind.into())],
            text: text.into(),
        }
    }
}

/// The `header` element plus the root `tmx` element's attributes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// `tmx/@version` as written (`1.1` ... `1.4`).
    pub version: String,
    /// Other attributes of `tmx` (namespace declarations, foreign attributes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub root_attrs: Attrs,
    pub attrs: Attrs,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extras: Vec<Extra>,
}

impl Header {
    /// The header's source language, normalised (`*all*` kept).
    pub fn srclang(&self) -> Option<&str> {
        attr(&self.attrs, "srclang")
    }
}

/// A `tuv`: one language's version of a unit.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Variant {
    /// Normalised language tag (from `xml:lang` or TMX 1.1 `lang`).
    pub lang: String,
    /// Attributes other than the language.
    pub attrs: Attrs,
    pub extras: Vec<Extra>,
    /// Canonical inner XML of `seg`, inline markup included.
    pub seg: String,
    /// Plain text: `seg` with each inline element as a placeholder (see `inline`).
    #[serde(skip)]
    pub plain: String,
    /// The `bpt`/`ept` elements of `seg`, in order, for the pairing rules.
    #[serde(skip)]
    pub tags: Vec<super::inline::PairedTag>,
    /// Where the `tuv` starts (1-based line, column); 0 when not read from a file.
    #[serde(skip)]
    pub line: u64,
    #[serde(skip)]
    pub column: u64,
}

impl Variant {
    /// A plain-text variant (no markup, no metadata).
    pub fn plain(lang: &str, text: &str) -> Variant {
        Variant {
            lang: super::lang::normalize(lang),
            seg: super::inline::escape_text(text),
            plain: text.to_string(),
            ..Variant::default()
        }
    }
}

/// A `tu`: a translation unit with its variants.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Unit {
    pub attrs: Attrs,
    pub extras: Vec<Extra>,
    pub variants: Vec<Variant>,
    #[serde(skip)]
    pub line: u64,
    #[serde(skip)]
    pub column: u64,
}

impl Unit {
    /// The unit's source language: its own `srclang`, else the header's.
    pub fn srclang<'a>(&'a self, header_srclang: &'a str) -> &'a str {
        attr(&self.attrs, "srclang").unwrap_or(header_srclang)
    }

    /// Index of the variant in the source language (the first one that
    /// matches; for `*all*` the first variant).
    pub fn source_index(&self, header_srclang: &str) -> Option<usize> {
        let src = self.srclang(header_srclang);
        self.variants
            .iter()
            .position(|v| super::lang::matches(src, &v.lang))
    }

    /// The text of a prop of this unit, e.g. `x-audarma-status`.
    pub fn prop(&self, kind: &str) -> Option<&str> {
        self.extras.iter().find_map(|e| match e {
            Extra::Prop { attrs, text } if attr(attrs, "type") == Some(kind) => Some(text.as_str()),
            _ => None,
        })
    }
}

/// A comparable form of a unit, as canonical XML comparison sees it:
/// attributes as sets (order does not matter in XML), the effective source
/// language instead of a `srclang` attribute, props/notes in order.
pub fn canonical(unit: &Unit, header_srclang: &str) -> serde_json::Value {
    let sorted = |attrs: &Attrs| {
        let mut a: Vec<_> = attrs
            .iter()
            .filter(|(k, _)| k != "srclang")
            .cloned()
            .collect();
        a.sort();
        a
    };
    let extras = |extras: &[Extra]| -> Vec<Extra> {
        extras
            .iter()
            .map(|e| match e {
                Extra::Prop { attrs, text } => Extra::Prop {
                    attrs: sorted(attrs),
                    text: text.clone(),
                },
                Extra::Note { attrs, text } => Extra::Note {
                    attrs: sorted(attrs),
                    text: text.clone(),
                },
                Extra::Ude { attrs, maps } => Extra::Ude {
                    attrs: sorted(attrs),
                    maps: maps.iter().map(sorted).collect(),
                },
            })
            .collect()
    };
    serde_json::json!({
        "srclang": super::lang::normalize(unit.srclang(header_srclang)),
        "attrs": sorted(&unit.attrs),
        "extras": extras(&unit.extras),
        "variants": unit.variants.iter().map(|v| serde_json::json!({
            "lang": v.lang,
            "attrs": sorted(&v.attrs),
            "extras": extras(&v.extras),
            "seg": v.seg,
        })).collect::<Vec<_>>(),
    })
}
