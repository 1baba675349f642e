//! TMX rules beyond the DTD (as Maxprograms' TMXValidator checks them), each
//! with a stable rule name used in lenient-mode reports.
//!
//! Rules found while reading (element order, unknown elements) are named in
//! `reader`; these are the ones checked on a whole header or unit:
//! - `header-required-attribute`: creationtool, creationtoolversion, segtype,
//!   o-tmf, adminlang, srclang and datatype must be present.
//! - `header-segtype`, `tu-segtype`: segtype is block, paragraph, sentence or phrase.
//! - `prop-without-type`: every `prop` needs a `type`.
//! - `tu-no-variants`: a `tu` needs at least one `tuv`.
//! - `tu-missing-source-variant`: a `tu` needs a `tuv` in its source language
//!   (matched as `lang::matches` does).
//! - `inline-missing-i`, `inline-duplicate-i`, `inline-unbalanced`: each `bpt`
//!   has a unique `i` in its seg, and an `ept` with the same `i` after it.
//! - `date-format` (warning only): dates should be `YYYYMMDDThhmmssZ`; others
//!   are kept as written.

use crate::text::limits::echo;
use std::collections::HashSet;

use super::lang;
use super::model::{attr, Extra, Header, Unit, Variant};

/// A breach of a TMX rule (or a warning), where it happened and its rule name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub line: u64,
    pub column: u64,
    pub rule: &'static str,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {} [{}]",
            self.line, self.column, self.message, self.rule
        )
    }
}

pub const REQUIRED_HEADER: [&str; 7] = [
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
];
pub const SEGTYPES: [&str; 4] = ["block", "paragraph", "sentence", "phrase"];
pub const DATE_ATTRIBUTES: [&str; 3] = ["creationdate", "changedate", "lastusagedate"];

/// `YYYYMMDDThhmmssZ` with plausible field ranges.
pub fn is_tmx_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        s.get(r)
            .filter(|d| d.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|d| d.parse().ok())
    };
    matches!(
        (
            digits(0..4),
            digits(4..6),
            digits(6..8),
            digits(9..11),
            digits(11..13),
            digits(13..15)
        ),
        (
            Some(_),
            Some(1..=12),
            Some(1..=31),
            Some(0..=23),
            Some(0..=59),
            Some(0..=60)
        )
    )
}

/// A breach; its message often quotes the file (an attribute's value), so it
/// is kept on one line as an input error's is.
fn at(line: u64, column: u64, rule: &'static str, message: String) -> Problem {
    Problem {
        line,
        column,
        rule,
        message: crate::error::one_line(message),
    }
}

/// Header breaches and warnings; `line`/`column` is where `<header>` starts.
pub fn header(h: &Header, line: u64, column: u64) -> (Vec<Problem>, Vec<Problem>) {
    let mut errors = Vec::new();
    for name in REQUIRED_HEADER {
        if attr(&h.attrs, name).is_none() {
            errors.push(at(
                line,
                column,
                "header-required-attribute",
                format!("<header> lacks the required attribute {name}"),
            ));
        }
    }
    if let Some(seg) = attr(&h.attrs, "segtype") {
        if !SEGTYPES.contains(&seg) {
            errors.push(at(
                line,
                column,
                "header-segtype",
                format!("<header> segtype=\"{seg}\" is not block, paragraph, sentence or phrase"),
            ));
        }
    }
    if let Some(src) = h.srclang() {
        if !lang::is_plausible(src) || !is_language_tag(src) {
            errors.push(at(
                line,
                column,
                "header-srclang",
                format!("srclang \"{}\" is not a language tag", echo(src)),
            ));
        }
    }
    for e in &h.extras {
        if let Extra::Prop { attrs, .. } = e {
            if attr(attrs, "type").is_none() {
                errors.push(at(
                    line,
                    column,
                    "prop-without-type",
                    "a <prop> in <header> has no type".into(),
                ));
            }
        }
    }
    let mut warnings = Vec::new();
    date_warnings(&h.attrs, "header", line, column, &mut warnings);
    (errors, warnings)
}

fn date_warnings(
    attrs: &[(String, String)],
    element: &str,
    line: u64,
    column: u64,
    out: &mut Vec<Problem>,
) {
    for (k, v) in attrs {
        if DATE_ATTRIBUTES.contains(&k.as_str()) && !is_tmx_date(v) {
            out.push(at(
                line,
                column,
                "date-format",
                format!("<{element}> {k}=\"{v}\" is not YYYYMMDDThhmmssZ; kept as written"),
            ));
        }
    }
}

/// Whether a tag has the shape of a BCP 47 language tag (RFC 5646 2.1):
/// a primary language of 2–3 or 5–8 letters (or `x`/`i` for private use and
/// the grandfathered tags), subtags of 1–8 letters and digits, at most 35
/// characters in all; `_` is taken for `-` as TMX files write it. Only the
/// shape: no registry, so any well-formed tag passes. `*all*` passes.
pub fn is_language_tag(tag: &str) -> bool {
    if tag == lang::ALL {
        return true;
    }
    if tag.is_empty() || tag.len() > 35 {
        return false;
    }
    let mut subtags = tag.split(['-', '_']);
    let first = subtags.next().unwrap_or_default();
    let alpha = first.bytes().all(|b| b.is_ascii_alphabetic());
    let first_ok = match first.len() {
        1 => first.eq_ignore_ascii_case("x") || first.eq_ignore_ascii_case("i"),
        2 | 3 | 5..=8 => alpha,
        _ => false,
    };
    first_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A unit's breaches (which make it unsound) and warnings.
pub fn unit(u: &Unit, header_srclang: &str) -> (Vec<Problem>, Vec<Problem>) {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let (line, column) = (u.line, u.column);
    if let Some(seg) = attr(&u.attrs, "segtype") {
        if !SEGTYPES.contains(&seg) {
            errors.push(at(
                line,
                column,
                "tu-segtype",
                format!("<tu> segtype=\"{seg}\" is not block, paragraph, sentence or phrase"),
            ));
        }
    }
    untyped_props(&u.extras, "tu", line, column, &mut errors);
    date_warnings(&u.attrs, "tu", line, column, &mut warnings);
    if u.variants.is_empty() {
        errors.push(at(
            line,
            column,
            "tu-no-variants",
            "<tu> has no <tuv>".into(),
        ));
    } else if u.source_index(header_srclang).is_none() {
        let src = u.srclang(header_srclang);
        errors.push(at(
            line,
            column,
            "tu-missing-source-variant",
            format!("<tu> lacks a <tuv> in its source language '{src}'"),
        ));
    }
    if let Some(src) = attr(&u.attrs, "srclang").filter(|t| !is_language_tag(t)) {
        errors.push(at(
            line,
            column,
            "tu-srclang",
            format!("<tu> srclang=\"{}\" is not a language tag", echo(src)),
        ));
    }
    for v in &u.variants {
        if !v.lang.is_empty() && !is_language_tag(&v.lang) {
            errors.push(at(
                v.line,
                v.column,
                "tuv-lang",
                format!(
                    "<tuv> xml:lang=\"{}\" is not a language tag (BCP 47: letters, digits and hyphens, at most 35 characters)",
                    echo(&v.lang)
                ),
            ));
        }
        untyped_props(&v.extras, "tuv", v.line, v.column, &mut errors);
        date_warnings(&v.attrs, "tuv", v.line, v.column, &mut warnings);
        inline_pairs(v, &mut errors);
    }
    (errors, warnings)
}

fn untyped_props(extras: &[Extra], element: &str, line: u64, column: u64, out: &mut Vec<Problem>) {
    for e in extras {
        if let Extra::Prop { attrs, .. } = e {
            if attr(attrs, "type").is_none() {
                out.push(at(
                    line,
                    column,
                    "prop-without-type",
                    format!("a <prop> in <{element}> has no type"),
                ));
            }
        }
    }
}

/// bpt/ept pairing inside one seg.
fn inline_pairs(v: &Variant, out: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    let mut open = HashSet::new();
    let (line, column) = (v.line, v.column);
    for t in &v.tags {
        let Some(i) = &t.i else {
            out.push(at(
                line,
                column,
                "inline-missing-i",
                format!("<{}> without i in the {} seg", t.name, v.lang),
            ));
            continue;
        };
        if t.name == "bpt" {
            if !seen.insert(i.clone()) {
                out.push(at(
                    line,
                    column,
                    "inline-duplicate-i",
                    format!("duplicated value i=\"{i}\" on <bpt> in the {} seg", v.lang),
                ));
            }
            open.insert(i.clone());
        } else if !open.remove(i) {
            out.push(at(
                line,
                column,
                "inline-unbalanced",
                format!(
                    "<ept i=\"{i}\"> without an earlier <bpt i=\"{i}\"> in the {} seg",
                    v.lang
                ),
            ));
        }
    }
    let mut unclosed: Vec<_> = open.into_iter().collect();
    unclosed.sort();
    for i in unclosed {
        out.push(at(
            line,
            column,
            "inline-unbalanced",
            format!(
                "<bpt i=\"{i}\"> is never closed by an <ept> in the {} seg",
                v.lang
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_have_the_bcp47_shape() {
        for ok in [
            "kk",
            "kk-KZ",
            "en-US",
            "zh-Hant-TW",
            "sr-Latn-RS",
            "es-419",
            "x-klingon",
            "kaz",
            "*all*",
            "de-CH-1996",
        ] {
            assert!(is_language_tag(ok), "{ok}");
        }
        let long = "a".repeat(100_000);
        for bad in [
            "",
            "e",
            "engl",
            "en--US",
            "en US",
            "'; DROP TABLE tm_units; --",
            "en-abcdefghi",
            long.as_str(),
            "kk-KZ-aaaaaaaa-bbbbbbbb-cccccccc-dddd",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(is_tmx_date("20020523T091200Z"));
        assert!(!is_tmx_date("2019-10-02 10:54:01"));
        assert!(!is_tmx_date("20021323T091200Z"));
        assert!(!is_tmx_date("20020523T091200"));
    }

    #[test]
    fn a_breach_quoting_a_line_break_is_one_line() {
        let attrs = vec![("creationdate".to_string(), "2025\u{85}\n".to_string())];
        let mut out = Vec::new();
        date_warnings(&attrs, "tu", 1, 1, &mut out);
        assert_eq!(
            out[0].message,
            "<tu> creationdate=\"2025⏎⏎\" is not YYYYMMDDThhmmssZ; kept as written"
        );
    }
}
