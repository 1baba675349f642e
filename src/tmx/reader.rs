//! Streaming TMX 1.1–1.4b reader: one `tu` at a time, never the whole file.
//!
//! Not-well-formed XML (syntax errors, undefined entities, truncation, a
//! DOCTYPE declaring entities, a non-TMX root) is fatal: `FILE:LINE:COLUMN:
//! what is wrong`. Breaches of TMX rules are collected per unit as `Problem`s
//! with a rule name (see `validate`), so the caller decides strict or lenient.
//! quick-xml never resolves external entities and this reader refuses any
//! entity declaration, so XXE and expansion bombs cannot happen.

use std::cell::RefCell;
use std::fmt;
use std::io::{BufReader, Read};
use std::rc::Rc;

use super::events::{convert, Ev, Tag};
use super::inline::SegBuilder;
use super::lang;
use super::model::{attr, Attrs, Extra, Header, Unit, Variant};
use super::source::{utf8_stream, Lines, Tracked};
use super::validate;
use crate::error::{Error, Result};

pub use super::validate::Problem;

/// A unit as read, with the rule breaches (which make it unsound) and warnings.
#[derive(Debug)]
pub struct ReadUnit {
    pub unit: Unit,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// Reads a TMX file: the header on `open`, then units with `next_unit`.
pub struct TmxReader<'a> {
    xml: quick_xml::Reader<BufReader<Tracked<'a>>>,
    lines: Rc<RefCell<Lines>>,
    buf: Vec<u8>,
    name: String,
    pos: u64,
    v11: bool,
    finished: bool,
    problems: Vec<Problem>,
    pub header: Header,
    /// Breaches of the header rules (missing required attributes ...).
    pub header_problems: Vec<Problem>,
    pub header_warnings: Vec<Problem>,
}

impl<'a> TmxReader<'a> {
    /// Start reading `raw` (the bytes of one TMX document; `name` is used in
    /// messages) and read up to the start of `body`.
    pub fn open(raw: Box<dyn Read + 'a>, name: &str) -> Result<TmxReader<'a>> {
        let stream = utf8_stream(raw).map_err(|m| Error::input(name, m))?;
        let lines = Rc::new(RefCell::new(Lines::default()));
        let tracked = Tracked::new(stream, lines.clone());
        let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(1 << 16, tracked));
        xml.config_mut().check_end_names = true;
        let mut reader = TmxReader {
            xml,
            lines,
            buf: Vec::with_capacity(4096),
            name: name.to_string(),
            pos: 0,
            v11: false,
            finished: false,
            problems: Vec::new(),
            header: Header::default(),
            header_problems: Vec::new(),
            header_warnings: Vec::new(),
        };
        reader.read_prolog()?;
        Ok(reader)
    }

    /// The name used in messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// An error at the current event: `FILE:LINE:COLUMN: message`.
    fn fatal_at(&self, pos: u64, message: impl fmt::Display) -> Error {
        let (line, col) = self.lines.borrow_mut().locate(pos);
        Error::input(format!("{}:{line}:{col}", self.name), message.to_string())
    }

    fn fatal(&self, message: impl fmt::Display) -> Error {
        self.fatal_at(self.pos, message)
    }

    fn locate(&self) -> (u64, u64) {
        self.lines.borrow_mut().locate(self.pos)
    }

    /// Record a rule breach at the current event.
    fn problem(&mut self, rule: &'static str, message: impl Into<String>) {
        let (line, column) = self.locate();
        self.problems.push(Problem {
            line,
            column,
            rule,
            message: message.into(),
        });
    }

    fn next(&mut self) -> Result<Ev> {
        loop {
            self.pos = self.xml.buffer_position();
            self.buf.clear();
            let converted = match self.xml.read_event_into(&mut self.buf) {
                Ok(ev) => convert(ev),
                Err(e) => {
                    let at = self.xml.error_position();
                    return Err(self.fatal_at(at, format!("not well-formed XML: {e}")));
                }
            };
            match converted {
                Ok(Some(ev)) => return Ok(ev),
                Ok(None) => continue,
                Err(message) => return Err(self.fatal(message)),
            }
        }
    }

    fn read_prolog(&mut self) -> Result<()> {
        let root = loop {
            match self.next()? {
                Ev::Start(tag) => break tag,
                Ev::Text(t) if t.trim().is_empty() => continue,
                Ev::Text(_) => return Err(self.fatal("not XML: text before the root element")),
                Ev::End => return Err(self.fatal("not XML: an end tag before any element")),
                Ev::Eof => return Err(self.fatal("not XML: no root element")),
            }
        };
        if root.name != "tmx" {
            return Err(self.fatal(format!(
                "not a TMX file: the root element is <{}>, expected <tmx>",
                root.name
            )));
        }
        if root.empty {
            return Err(self.fatal("<tmx> is empty: no <header> and no <body>"));
        }
        for (k, v) in root.attrs {
            if k == "version" {
                self.header.version = v;
            } else {
                self.header.root_attrs.push((k, v));
            }
        }
        self.v11 = self.header.version.starts_with("1.1");
        self.read_header()?;
        match self.next_element("body")? {
            Some(tag) if tag.name == "body" => {
                self.finished = tag.empty;
                Ok(())
            }
            Some(tag) => Err(self.fatal(format!(
                "expected <body> after <header>, found <{}>",
                tag.name
            ))),
            None => Err(self.fatal("expected <body> after <header>")),
        }
    }

    /// The next element start, skipping white space; `None` at an end tag.
    fn next_element(&mut self, wanted: &str) -> Result<Option<Tag>> {
        loop {
            match self.next()? {
                Ev::Start(tag) => return Ok(Some(tag)),
                Ev::Text(t) if t.trim().is_empty() => continue,
                Ev::Text(_) => {
                    return Err(self.fatal(format!("text where <{wanted}> was expected")))
                }
                Ev::End => return Ok(None),
                Ev::Eof => {
                    return Err(self.fatal(format!(
                        "the file ends where <{wanted}> was expected (truncated?)"
                    )))
                }
            }
        }
    }

    fn read_header(&mut self) -> Result<()> {
        let tag = match self.next_element("header")? {
            Some(tag) if tag.name == "header" => tag,
            Some(tag) => {
                return Err(self.fatal(format!(
                    "expected <header> as the first element of <tmx>, found <{}>",
                    tag.name
                )))
            }
            None => return Err(self.fatal("expected <header> as the first element of <tmx>")),
        };
        let (line, column) = self.locate();
        self.header.attrs = normalize_lang_attrs(tag.attrs);
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Start(t) if t.name == "prop" || t.name == "note" => {
                        let extra = self.read_extra(t)?;
                        self.header.extras.push(extra);
                    }
                    Ev::Start(t) if t.name == "ude" => {
                        let extra = self.read_ude(t)?;
                        self.header.extras.push(extra);
                    }
                    Ev::Start(t) => {
                        self.problem(
                            "unknown-element",
                            format!("<{}> does not belong in <header>", t.name),
                        );
                        self.skip(t)?;
                    }
                    Ev::Text(t) if t.trim().is_empty() => {}
                    Ev::Text(_) => self.problem("text-outside-seg", "text directly in <header>"),
                    Ev::End => break,
                    Ev::Eof => return Err(self.fatal("the file ends inside <header> (truncated?)")),
                }
            }
        }
        // x-tmx-attribute props written by our exporter carry the root's extra attributes.
        let mut extras = std::mem::take(&mut self.header.extras);
        extras.retain(|e| {
            match e
                .prop_type()
                .and_then(|t| t.strip_prefix("x-tmx-attribute:"))
            {
                Some(name) => {
                    if let Extra::Prop { text, .. } = e {
                        self.header
                            .root_attrs
                            .push((name.to_string(), text.clone()));
                    }
                    false
                }
                None => true,
            }
        });
        self.header.extras = extras;
        restore_attributes(&mut self.header.attrs, &mut self.header.extras);
        let mut problems = std::mem::take(&mut self.problems);
        let (errors, warnings) = validate::header(&self.header, line, column);
        problems.extend(errors);
        self.header_problems = problems;
        self.header_warnings = warnings;
        Ok(())
    }

    /// The header's source language (normalised), `*all*` when it says so.
    pub fn srclang(&self) -> &str {
        self.header.srclang().unwrap_or(lang::ALL)
    }

    /// The next unit, or `None` after `</body>`.
    pub fn next_unit(&mut self) -> Result<Option<ReadUnit>> {
        if self.finished {
            return Ok(None);
        }
        loop {
            match self.next()? {
                Ev::Start(tag) if tag.name == "tu" => return self.read_tu(tag).map(Some),
                Ev::Start(tag) => {
                    return Err(
                        self.fatal(format!("<{}> in <body>: only <tu> belongs there", tag.name))
                    )
                }
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::Text(_) => return Err(self.fatal("text in <body> outside any <tu>")),
                Ev::End => {
                    self.finish_document()?;
                    return Ok(None);
                }
                Ev::Eof => return Err(self.fatal("the file ends inside <body> (truncated?)")),
            }
        }
    }

    fn finish_document(&mut self) -> Result<()> {
        self.finished = true;
        loop {
            match self.next()? {
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::End => {}
                Ev::Eof => return Ok(()),
                Ev::Start(t) => return Err(self.fatal(format!("<{}> after </body>", t.name))),
                Ev::Text(_) => return Err(self.fatal("text after </body>")),
            }
        }
    }

    fn read_tu(&mut self, tag: Tag) -> Result<ReadUnit> {
        self.problems.clear();
        let (line, column) = self.locate();
        let mut unit = Unit {
            attrs: normalize_lang_attrs(tag.attrs),
            line,
            column,
            ..Unit::default()
        };
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Start(t) if t.name == "prop" || t.name == "note" => {
                        if !unit.variants.is_empty() {
                            self.problem(
                                "tu-content-order",
                                format!("<{}> after a <tuv> in <tu>", t.name),
                            );
                        }
                        let extra = self.read_extra(t)?;
                        unit.extras.push(extra);
                    }
                    Ev::Start(t) if t.name == "tuv" => {
                        let v = self.read_tuv(t)?;
                        unit.variants.push(v);
                    }
                    Ev::Start(t) => {
                        self.problem(
                            "unknown-element",
                            format!("<{}> does not belong in <tu>", t.name),
                        );
                        self.skip(t)?;
                    }
                    Ev::Text(t) if t.trim().is_empty() => {}
                    Ev::Text(_) => self.problem("text-outside-seg", "text directly in <tu>"),
                    Ev::End => break,
                    Ev::Eof => return Err(self.fatal("the file ends inside <tu> (truncated?)")),
                }
            }
        }
        restore_attributes(&mut unit.attrs, &mut unit.extras);
        let mut problems = std::mem::take(&mut self.problems);
        let (errors, warnings) = validate::unit(&unit, self.srclang());
        problems.extend(errors);
        Ok(ReadUnit {
            unit,
            problems,
            warnings,
        })
    }

    fn read_tuv(&mut self, tag: Tag) -> Result<Variant> {
        let (line, column) = self.locate();
        let mut v = Variant {
            line,
            column,
            ..Variant::default()
        };
        let has_xml_lang = attr(&tag.attrs, "xml:lang").is_some();
        if self.v11 && has_xml_lang {
            self.problem(
                "tmx11-xml-lang",
                "xml:lang on a <tuv> of a TMX 1.1 file, which uses lang",
            );
        }
        for (k, val) in tag.attrs {
            match k.as_str() {
                "xml:lang" => v.lang = lang::normalize(&val),
                "lang" if !has_xml_lang => v.lang = lang::normalize(&val),
                _ => v.attrs.push((k, val)),
            }
        }
        if v.lang.is_empty() {
            self.problem("tuv-missing-lang", "<tuv> without xml:lang (or lang)");
        }
        let mut seg_seen = false;
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Start(t) if t.name == "prop" || t.name == "note" => {
                        if seg_seen {
                            self.problem(
                                "tuv-content-order",
                                format!("<{}> after <seg> in <tuv>", t.name),
                            );
                        }
                        let extra = self.read_extra(t)?;
                        v.extras.push(extra);
                    }
                    Ev::Start(t) if t.name == "seg" => {
                        if seg_seen {
                            self.problem("tuv-duplicate-seg", "a second <seg> in one <tuv>");
                        }
                        seg_seen = true;
                        self.read_seg(t, &mut v)?;
                    }
                    Ev::Start(t) => {
                        self.problem(
                            "unknown-element",
                            format!("<{}> does not belong in <tuv>", t.name),
                        );
                        self.skip(t)?;
                    }
                    Ev::Text(t) if t.trim().is_empty() => {}
                    Ev::Text(_) => self.problem("text-outside-seg", "text directly in <tuv>"),
                    Ev::End => break,
                    Ev::Eof => return Err(self.fatal("the file ends inside <tuv> (truncated?)")),
                }
            }
        }
        if !seg_seen {
            self.problem("tuv-missing-seg", "<tuv> without <seg>");
        }
        restore_attributes(&mut v.attrs, &mut v.extras);
        Ok(v)
    }

    fn read_seg(&mut self, tag: Tag, v: &mut Variant) -> Result<()> {
        if tag.empty {
            v.seg.clear();
            v.plain.clear();
            v.tags.clear();
            return Ok(());
        }
        let mut b = SegBuilder::default();
        loop {
            match self.next()? {
                Ev::Start(t) => b.start(&t.name, &t.attrs, t.empty),
                Ev::End if b.depth() == 0 => break,
                Ev::End => b.end_current(),
                Ev::Text(t) => b.text_owned(t),
                Ev::Eof => return Err(self.fatal("the file ends inside <seg> (truncated?)")),
            }
        }
        for name in std::mem::take(&mut b.unknown) {
            self.problem(
                "unknown-inline-element",
                format!("<{name}> is not a TMX inline element"),
            );
        }
        let seg = b.finish();
        v.seg = seg.xml;
        v.plain = seg.plain;
        v.tags = seg.tags;
        Ok(())
    }

    /// A `prop` or `note`: attributes and text.
    fn read_extra(&mut self, tag: Tag) -> Result<Extra> {
        let mut attrs = Attrs::with_capacity(tag.attrs.len());
        for (k, v) in tag.attrs {
            match k.as_str() {
                "lang" | "xml:lang" => attrs.push(("xml:lang".to_string(), lang::normalize(&v))),
                _ => attrs.push((k, v)),
            }
        }
        let mut text = String::new();
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Text(t) => text.push_str(&t),
                    Ev::Start(t) => {
                        self.problem(
                            "unknown-element",
                            format!("<{}> inside <{}>", t.name, tag.name),
                        );
                        self.skip(t)?;
                    }
                    Ev::End => break,
                    Ev::Eof => {
                        return Err(self.fatal("the file ends inside a prop or note (truncated?)"))
                    }
                }
            }
        }
        Ok(if tag.name == "prop" {
            Extra::Prop { attrs, text }
        } else {
            Extra::Note { attrs, text }
        })
    }

    fn read_ude(&mut self, tag: Tag) -> Result<Extra> {
        let mut maps = Vec::new();
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Start(t) if t.name == "map" => {
                        maps.push(t.attrs.clone());
                        self.skip(t)?;
                    }
                    Ev::Start(t) => {
                        self.problem("unknown-element", format!("<{}> inside <ude>", t.name));
                        self.skip(t)?;
                    }
                    Ev::Text(_) => {}
                    Ev::End => break,
                    Ev::Eof => return Err(self.fatal("the file ends inside <ude> (truncated?)")),
                }
            }
        }
        Ok(Extra::Ude {
            attrs: tag.attrs,
            maps,
        })
    }

    /// Skip an element and everything in it.
    fn skip(&mut self, tag: Tag) -> Result<()> {
        if tag.empty {
            return Ok(());
        }
        let mut depth = 1;
        while depth > 0 {
            match self.next()? {
                Ev::Start(t) if !t.empty => depth += 1,
                Ev::End => depth -= 1,
                Ev::Eof => return Err(self.fatal("the file ends inside an element (truncated?)")),
                _ => {}
            }
        }
        Ok(())
    }
}

/// `<prop type="x-attribute:NAME">` (written by the exporter for attributes the
/// DTD does not allow) goes back to being an attribute.
fn restore_attributes(attrs: &mut Attrs, extras: &mut Vec<Extra>) {
    extras.retain(
        |e| match e.prop_type().and_then(|t| t.strip_prefix("x-attribute:")) {
            Some(name) => {
                if let Extra::Prop { text, .. } = e {
                    let value = if is_lang_attr(name) {
                        lang::normalize(text)
                    } else {
                        text.clone()
                    };
                    super::model::set_attr(attrs, name, &value);
                }
                false
            }
            None => true,
        },
    );
}

fn is_lang_attr(name: &str) -> bool {
    matches!(name, "srclang" | "adminlang" | "xml:lang" | "lang")
}

fn normalize_lang_attrs(attrs: Attrs) -> Attrs {
    attrs
        .into_iter()
        .map(|(k, v)| {
            if is_lang_attr(&k) {
                let n = lang::normalize(&v);
                (k, n)
            } else {
                (k, v)
            }
        })
        .collect()
}
