//! The limits every reader enforces, so that memory and time follow the
//! limits and not the input (a bomb is refused, not expanded): their
//! defaults, their names on the command line (`--limit NAME=VALUE`) and the
//! one-line error a breach gives (`FILE:L:C: segment longer than 1 MiB
//! [segment-too-long]`).

use std::fmt;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;
const GIB: u64 = 1024 * MIB;

/// How much one input may hold. `Copy`, so every reader gets its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// One segment's text (a TMX `seg`, a `prop` or `note`, a sentence of a
    /// document), in UTF-8 bytes.
    pub segment: u64,
    /// A decompressed file (`.tmx.gz`, a zip member) or a plain-text document, in bytes.
    pub file: u64,
    /// Decompressed bytes per compressed byte (`.gz`, `.zip`).
    pub ratio: u64,
    /// Attributes on one element.
    pub attributes: u64,
    /// Elements open at once.
    pub depth: u64,
    /// Characters in an element or attribute name.
    pub name: u64,
    /// One tag, comment, processing instruction, DOCTYPE or XML declaration, in bytes.
    pub markup: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            segment: MIB,
            file: GIB,
            ratio: 100,
            attributes: 256,
            depth: 64,
            name: 256,
            markup: MIB,
        }
    }
}

/// The limits by their command-line name, with what each one bounds (for
/// `--help` and messages).
pub const NAMES: [(&str, &str); 7] = [
    ("segment", "text of one segment, prop or note (1MiB)"),
    (
        "file",
        "a decompressed file or a plain-text document (1GiB)",
    ),
    ("ratio", "decompressed bytes per compressed byte (100)"),
    ("attributes", "attributes on one element (256)"),
    ("depth", "elements open at once (64)"),
    ("name", "characters in an element or attribute name (256)"),
    (
        "markup",
        "one tag, comment, processing instruction or DOCTYPE (1MiB)",
    ),
];

impl Limits {
    /// Set one limit from `NAME=VALUE` (sizes take K, KiB, M, MiB, G, GiB;
    /// the ratio takes `100` or `100:1`).
    pub fn set(&mut self, spec: &str) -> Result<(), String> {
        let (name, value) = spec
            .split_once('=')
            .ok_or_else(|| format!("'{spec}' is not NAME=VALUE (names: {})", names()))?;
        let name = name.trim();
        let value = value.trim();
        let slot = match name {
            "segment" => &mut self.segment,
            "file" => &mut self.file,
            "ratio" => &mut self.ratio,
            "attributes" => &mut self.attributes,
            "depth" => &mut self.depth,
            "name" => &mut self.name,
            "markup" => &mut self.markup,
            _ => return Err(format!("unknown limit '{name}' (names: {})", names())),
        };
        let parsed = match name {
            "segment" | "file" | "markup" => parse_size(value),
            "ratio" => value
                .strip_suffix(":1")
                .unwrap_or(value)
                .parse::<u64>()
                .ok(),
            _ => value.parse::<u64>().ok(),
        };
        match parsed {
            Some(v) if v > 0 => {
                *slot = v;
                Ok(())
            }
            _ => Err(format!(
                "limit {name}: '{value}' is not a positive {}",
                if matches!(name, "segment" | "file" | "markup") {
                    "size (1048576, 512K, 2MiB, 1G)"
                } else {
                    "whole number"
                }
            )),
        }
    }
}

fn names() -> String {
    NAMES.map(|(n, _)| n).join(", ")
}

/// `1048576`, `512K`, `512KiB`, `2M`, `2MiB`, `1G`, `1GiB` (binary multiples).
fn parse_size(s: &str) -> Option<u64> {
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (number, unit) = s.split_at(digits);
    let number: u64 = number.parse().ok()?;
    let unit = unit.trim().to_ascii_lowercase();
    let factor = match unit.trim_end_matches("ib").trim_end_matches('b') {
        "" => 1,
        "k" => KIB,
        "m" => MIB,
        "g" => GIB,
        _ => return None,
    };
    number.checked_mul(factor)
}

/// A size as the messages show it: `1 MiB`, `512 KiB`, `1000 bytes`.
pub struct Size(pub u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        for (unit, name) in [(GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")] {
            if n >= unit && n.is_multiple_of(unit) {
                return write!(f, "{} {name}", n / unit);
            }
        }
        write!(f, "{n} bytes")
    }
}

/// A value echoed in a message, cut to about 60 characters with an ellipsis
/// (a 1 MB element name must not become a 1 MB error line).
pub fn echo(value: &str) -> String {
    const MAX: usize = 60;
    match value.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_limits_by_name() {
        let mut l = Limits::default();
        l.set("segment=2MiB").unwrap();
        l.set("file=3G").unwrap();
        l.set("markup=512K").unwrap();
        l.set("ratio=1000:1").unwrap();
        l.set("attributes=1000").unwrap();
        assert_eq!(l.segment, 2 * MIB);
        assert_eq!(l.file, 3 * GIB);
        assert_eq!(l.markup, 512 * KIB);
        assert_eq!(l.ratio, 1000);
        assert_eq!(l.attributes, 1000);
        assert!(l.set("segmnt=1").unwrap_err().contains("unknown limit"));
        assert!(l.set("segment").unwrap_err().contains("NAME=VALUE"));
        assert!(l.set("segment=0").is_err());
        assert!(l.set("depth=1K").is_err());
        assert!(l.set("file=99999999999G").is_err());
    }

    #[test]
    fn sizes_and_echoes_read_well() {
        assert_eq!(Size(MIB).to_string(), "1 MiB");
        assert_eq!(Size(1000).to_string(), "1000 bytes");
        assert_eq!(Size(3 * GIB).to_string(), "3 GiB");
        assert_eq!(echo("short"), "short");
        let long = "ә".repeat(100);
        assert_eq!(echo(&long).chars().count(), 61);
        assert!(echo(&long).ends_with('…'));
    }
}
