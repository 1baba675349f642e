//! Streaming TMX 1.4b writer, valid against `tmx14.dtd`.
//!
//! With `Dtd::Valid` (exports), attributes the DTD does not allow on `header`,
//! `tu` and `tuv` (unknown, foreign-namespace, or an enumerated value outside
//! its list) travel as `<prop type="x-attribute:NAME">VALUE</prop>` on the same
//! element, and the root's extra attributes as header props
//! `x-tmx-attribute:NAME`; `reader` turns both back into attributes. With
//! `Dtd::AsRead` (the lenient import's rejected-units file), units are written
//! as they were read.
//!
//! In both modes everything goes out through [`CharGuard`], so the file is
//! well-formed XML whatever the units hold: a character XML cannot carry is
//! dropped and reported in [`TmxWriter::dropped`], per unit.

use std::io::{self, Write};

use super::guard::CharGuard;
use super::inline::{escape_attr, escape_text};
use super::model::{attr, Attrs, Extra, Header, Unit};
use super::validate::{REQUIRED_HEADER, SEGTYPES};

const HEADER_ATTRS: [&str; 12] = [
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
    "o-encoding",
    "creationdate",
    "creationid",
    "changedate",
    "changeid",
];
const TU_ATTRS: [&str; 14] = [
    "tuid",
    "o-encoding",
    "datatype",
    "usagecount",
    "lastusagedate",
    "creationtool",
    "creationtoolversion",
    "creationdate",
    "creationid",
    "changedate",
    "segtype",
    "changeid",
    "o-tmf",
    "srclang",
];
const TUV_ATTRS: [&str; 11] = [
    "o-encoding",
    "datatype",
    "usagecount",
    "lastusagedate",
    "creationtool",
    "creationtoolversion",
    "creationdate",
    "creationid",
    "changedate",
    "o-tmf",
    "changeid",
];
const PROP_ATTRS: [&str; 3] = ["type", "xml:lang", "o-encoding"];
const NOTE_ATTRS: [&str; 2] = ["xml:lang", "o-encoding"];
const UDE_ATTRS: [&str; 2] = ["name", "base"];
const MAP_ATTRS: [&str; 4] = ["unicode", "code", "ent", "subst"];

/// How strictly to follow the DTD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dtd {
    /// Exports: always valid; extra attributes become `x-attribute:` props.
    Valid,
    /// The rejected-units file: everything exactly as read.
    AsRead,
}

/// Characters a unit held that XML cannot carry, left out of the file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Dropped {
    /// The unit's `tuid`, else `unit N` (its place in the file), or `header`.
    pub unit: String,
    /// The characters, as `U+0001`.
    pub characters: Vec<String>,
}

/// Writes a TMX document unit by unit.
pub struct TmxWriter<W: Write> {
    out: CharGuard<W>,
    mode: Dtd,
    units: u64,
    dropped: Vec<Dropped>,
}

impl<W: Write> TmxWriter<W> {
    /// Write the prolog, `<tmx>` and the header, and open `<body>`.
    pub fn new(out: W, header: &Header, mode: Dtd) -> io::Result<Self> {
        let mut out = CharGuard::new(out);
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n<header")?;
        let mut moved = Vec::new();
        match mode {
            Dtd::Valid => {
                let mut attrs = header.attrs.clone();
                for name in REQUIRED_HEADER {
                    if attr(&attrs, name).is_none() {
                        let default = match name {
                            "segtype" => "sentence",
                            "srclang" => "*all*",
                            "adminlang" => "en",
                            _ => "unknown",
                        };
                        attrs.push((name.to_string(), default.to_string()));
                    }
                }
                moved = write_allowed(&mut out, &attrs, &HEADER_ATTRS)?;
                if attr(&attrs, "segtype").is_some_and(|s| !SEGTYPES.contains(&s)) {
                    // The DTD requires a valid segtype; the original travels as a prop.
                    write_attr(&mut out, "segtype", "sentence")?;
                }
            }
            Dtd::AsRead => write_attrs(&mut out, &header.attrs)?,
        }
        out.write_all(b">\n")?;
        let mut w = TmxWriter {
            out,
            mode,
            units: 0,
            dropped: Vec::new(),
        };
        w.extras(&header.extras, "  ", true)?;
        for (k, v) in &header.root_attrs {
            w.moved_prop(&format!("x-tmx-attribute:{k}"), v, "  ")?;
        }
        for (k, v) in &moved {
            w.moved_prop(&format!("x-attribute:{k}"), v, "  ")?;
        }
        w.out.write_all(b"</header>\n<body>\n")?;
        w.note_dropped(|| "header".into());
        Ok(w)
    }

    /// What was left out so far because XML cannot carry it, per unit.
    pub fn dropped(&self) -> &[Dropped] {
        &self.dropped
    }

    fn note_dropped(&mut self, unit: impl FnOnce() -> String) {
        let chars = self.out.take_dropped();
        if !chars.is_empty() {
            self.dropped.push(Dropped {
                unit: unit(),
                characters: chars
                    .iter()
                    .map(|c| format!("U+{:04X}", *c as u32))
                    .collect(),
            });
        }
    }

    /// Write an XML comment line (used to say why a unit was rejected).
    pub fn comment(&mut self, text: &str) -> io::Result<()> {
        let safe = text.replace("--", "- -");
        writeln!(self.out, "<!-- {safe} -->")
    }

    pub fn unit(&mut self, unit: &Unit) -> io::Result<()> {
        self.units += 1;
        self.unit_xml(unit)?;
        let n = self.units;
        self.note_dropped(|| match attr(&unit.attrs, "tuid") {
            Some(tuid) => format!("tuid {tuid}"),
            None => format!("unit {n}"),
        });
        Ok(())
    }

    fn unit_xml(&mut self, unit: &Unit) -> io::Result<()> {
        self.out.write_all(b"<tu")?;
        let moved = self.element_attrs(&unit.attrs, &TU_ATTRS)?;
        self.out.write_all(b">\n")?;
        self.extras(&unit.extras, "  ", false)?;
        for (k, v) in &moved {
            self.moved_prop(&format!("x-attribute:{k}"), v, "  ")?;
        }
        for v in &unit.variants {
            self.out.write_all(b"  <tuv")?;
            write_attr(&mut self.out, "xml:lang", &v.lang)?;
            let moved = self.element_attrs(&v.attrs, &TUV_ATTRS)?;
            self.out.write_all(b">")?;
            if !v.extras.is_empty() || !moved.is_empty() {
                self.out.write_all(b"\n")?;
                self.extras(&v.extras, "    ", false)?;
                for (k, val) in &moved {
                    self.moved_prop(&format!("x-attribute:{k}"), val, "    ")?;
                }
                self.out.write_all(b"    ")?;
            }
            self.out.write_all(b"<seg>")?;
            self.out.write_all(v.seg.as_bytes())?;
            self.out.write_all(b"</seg></tuv>\n")?;
        }
        self.out.write_all(b"</tu>\n")
    }

    /// Close `body` and `tmx`, flush, and give the output back.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"</body>\n</tmx>\n")?;
        self.out.flush()?;
        self.out.into_inner()
    }

    /// Write the allowed attributes; return the ones that must travel as props.
    fn element_attrs(&mut self, attrs: &Attrs, allowed: &[&str]) -> io::Result<Attrs> {
        match self.mode {
            Dtd::Valid => write_allowed(&mut self.out, attrs, allowed),
            Dtd::AsRead => write_attrs(&mut self.out, attrs).map(|_| Attrs::new()),
        }
    }

    fn moved_prop(&mut self, kind: &str, value: &str, indent: &str) -> io::Result<()> {
        writeln!(
            self.out,
            "{indent}<prop type=\"{}\">{}</prop>",
            escape_attr(kind),
            escape_text(value)
        )
    }

    fn extras(&mut self, extras: &[Extra], indent: &str, ude_allowed: bool) -> io::Result<()> {
        let valid = self.mode == Dtd::Valid;
        for e in extras {
            match e {
                Extra::Prop { attrs, text } => {
                    write!(self.out, "{indent}<prop")?;
                    if valid && attr(attrs, "type").is_none() {
                        write_attr(&mut self.out, "type", "x-untyped")?;
                    }
                    self.child_attrs(attrs, &PROP_ATTRS)?;
                    writeln!(self.out, ">{}</prop>", escape_text(text))?;
                }
                Extra::Note { attrs, text } => {
                    write!(self.out, "{indent}<note")?;
                    self.child_attrs(attrs, &NOTE_ATTRS)?;
                    writeln!(self.out, ">{}</note>", escape_text(text))?;
                }
                Extra::Ude { attrs, maps } if ude_allowed || !valid => {
                    write!(self.out, "{indent}<ude")?;
                    self.child_attrs(attrs, &UDE_ATTRS)?;
                    writeln!(self.out, ">")?;
                    for m in maps {
                        write!(self.out, "{indent}  <map")?;
                        self.child_attrs(m, &MAP_ATTRS)?;
                        writeln!(self.out, "/>")?;
                    }
                    writeln!(self.out, "{indent}</ude>")?;
                }
                Extra::Ude { .. } => {}
            }
        }
        Ok(())
    }

    /// Attributes of prop/note/ude/map: the DTD's only (these have no props of their own).
    fn child_attrs(&mut self, attrs: &Attrs, allowed: &[&str]) -> io::Result<()> {
        match self.mode {
            Dtd::Valid => write_allowed(&mut self.out, attrs, allowed).map(|_| ()),
            Dtd::AsRead => write_attrs(&mut self.out, attrs),
        }
    }
}

fn write_attr<W: Write>(out: &mut W, name: &str, value: &str) -> io::Result<()> {
    write!(out, " {name}=\"{}\"", escape_attr(value))
}

fn write_attrs<W: Write>(out: &mut W, attrs: &Attrs) -> io::Result<()> {
    for (k, v) in attrs {
        write_attr(out, k, v)?;
    }
    Ok(())
}

/// Write the attributes the DTD allows (segtype only with an allowed value).
fn write_allowed<W: Write>(out: &mut W, attrs: &Attrs, allowed: &[&str]) -> io::Result<Attrs> {
    let mut moved = Attrs::new();
    for (k, v) in attrs {
        let ok =
            allowed.contains(&k.as_str()) && (k != "segtype" || SEGTYPES.contains(&v.as_str()));
        if ok {
            write_attr(out, k, v)?;
        } else {
            moved.push((k.clone(), v.clone()));
        }
    }
    Ok(moved)
}
