//! Streaming TMX 1.1–1.4b reader: one `tu` at a time, never the whole file.
//!
//! Not-well-formed XML (syntax errors, undefined entities, truncation, a
//! DOCTYPE declaring entities, a non-TMX root) is fatal: `FILE:LINE:COLUMN:
//! what is wrong`. Breaches of TMX rules are collected per unit as `Problem`s
//! with a rule name (see `validate`), so the caller decides strict or lenient.
//! quick-xml never resolves external entities and this reader refuses any
//! entity declaration, so XXE and expansion bombs cannot happen.
//!
//! Memory is bounded by `Limits`, not by the input: the parser is never
//! handed more than one event's limit (`source::Bounded`), segments, props
//! and notes stop at the segment limit, and elements at the depth,
//! attribute and name limits, each with `FILE:L:C: what [rule]`. A
//! character XML does not allow (raw or as a reference) makes its unit
//! unsound (`xml-illegal-char`): strict refuses it, lenient rejects the unit.

use std::cell::RefCell;
use std::fmt;
use std::io::{BufReader, Read};
use std::rc::Rc;

use super::events::{convert, first_illegal, Ev, Tag};
use super::inline::SegBuilder;
use super::lang;
use super::model::{attr, Attrs, Extra, Header, Unit, Variant};
use super::restore::{normalize_lang_attrs, restore_attributes};
use super::source::{breach_of, open_utf8, Bounded, Lines, Tracked};
use super::validate;
use crate::error::{Error, Result};
use crate::text::limits::{echo, Limits, Size};

mod body;

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
    xml: quick_xml::Reader<Bounded<BufReader<Tracked<'a>>>>,
    lines: Rc<RefCell<Lines>>,
    limits: Limits,
    /// Elements open, for the depth limit.
    depth: u64,
    /// Inside a `seg`: a too-long text is then a segment.
    in_seg: bool,
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
        Self::open_with(raw, name, &Limits::default())
    }

    /// [`Self::open`] with other limits than the defaults.
    pub fn open_with(
        raw: Box<dyn Read + 'a>,
        name: &str,
        limits: &Limits,
    ) -> Result<TmxReader<'a>> {
        let opened = open_utf8(raw).map_err(|m| Error::input(name, m))?;
        let lines = Rc::new(RefCell::new(Lines::default()));
        let tracked = Tracked::new(opened.stream, lines.clone());
        let buffered = BufReader::with_capacity(1 << 16, tracked);
        let mut xml = quick_xml::Reader::from_reader(Bounded::new(buffered, limits));
        xml.config_mut().check_end_names = true;
        let mut reader = TmxReader {
            xml,
            lines,
            limits: *limits,
            depth: 0,
            in_seg: false,
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
        if let Some(why) = opened.suspicion {
            reader.header_problems.push(Problem {
                line: 1,
                column: 1,
                rule: "encoding-mismatch",
                message: why,
            });
        }
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
            self.xml.get_mut().next_event();
            let mut illegal = None;
            let converted = match self.xml.read_event_into(&mut self.buf) {
                Ok(ev) => convert(ev, &self.limits, &mut illegal),
                Err(e) => return Err(self.parse_error(e)),
            };
            let ev = match converted {
                Ok(Some(ev)) => ev,
                Ok(None) => continue,
                Err(message) => return Err(self.fatal(message)),
            };
            match &ev {
                Ev::Start(tag) => {
                    illegal = illegal.or_else(|| {
                        tag.attrs
                            .iter()
                            .find_map(|(k, v)| first_illegal(k).or_else(|| first_illegal(v)))
                    });
                    if !tag.empty {
                        self.depth += 1;
                        if self.depth > self.limits.depth {
                            return Err(self.fatal(format!(
                                "elements nested deeper than {} [too-deep] (raise it with --limit depth=N)",
                                self.limits.depth
                            )));
                        }
                    }
                }
                Ev::End => self.depth = self.depth.saturating_sub(1),
                Ev::Text(t) => illegal = illegal.or_else(|| first_illegal(t)),
                Ev::Eof => {}
            }
            if let Some(c) = illegal {
                self.problem(
                    "xml-illegal-char",
                    format!("U+{c:04X} is not a character XML allows"),
                );
            }
            return Ok(ev);
        }
    }

    /// A parser error as the user should read it: a limit by its rule, a
    /// syntax error without the parser's internals.
    fn parse_error(&self, e: quick_xml::Error) -> Error {
        if let quick_xml::Error::Io(io) = &e {
            if let Some(breach) = breach_of(io) {
                if let super::source::Breach::At(line, col, ..) = breach {
                    return Error::input(format!("{}:{line}:{col}", self.name), breach.to_string());
                }
                return self.fatal(breach.message(self.in_seg));
            }
            return self.fatal(format!("cannot read: {io}"));
        }
        let at = self.xml.error_position();
        self.fatal_at(at, format!("not well-formed XML: {}", echo(&e.to_string())))
    }

    /// Text being gathered into a segment, prop or note passed the segment limit.
    fn check_text_len(&self, len: usize, what: &str) -> Result<()> {
        if len as u64 > self.limits.segment {
            return Err(self.fatal(format!(
                "{what} longer than {} [segment-too-long] (raise it with --limit segment=SIZE)",
                Size(self.limits.segment)
            )));
        }
        Ok(())
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
                echo(&root.name)
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
                echo(&tag.name)
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
                    echo(&tag.name)
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
                            format!("<{}> does not belong in <header>", echo(&t.name)),
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
        restore_attributes(
            &mut self.header.attrs,
            &mut self.header.extras,
            self.limits.attributes,
        )
        .map_err(|m| self.fatal(m))?;
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
            // Kept from here: a breach in the <tu> tag itself is the unit's.
            self.problems.clear();
            match self.next()? {
                Ev::Start(tag) if tag.name == "tu" => return self.read_tu(tag).map(Some),
                Ev::Start(tag) => {
                    return Err(self.fatal(format!(
                        "<{}> in <body>: only <tu> belongs there",
                        echo(&tag.name)
                    )))
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
                Ev::Start(t) => {
                    return Err(self.fatal(format!("<{}> after </body>", echo(&t.name))))
                }
                Ev::Text(_) => return Err(self.fatal("text after </body>")),
            }
        }
    }

    fn read_tu(&mut self, tag: Tag) -> Result<ReadUnit> {
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
                                format!("<{}> after a <tuv> in <tu>", echo(&t.name)),
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
                            format!("<{}> does not belong in <tu>", echo(&t.name)),
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
        restore_attributes(&mut unit.attrs, &mut unit.extras, self.limits.attributes)
            .map_err(|m| self.fatal(m))?;
        let mut problems = std::mem::take(&mut self.problems);
        let (errors, warnings) = validate::unit(&unit, self.srclang());
        problems.extend(errors);
        Ok(ReadUnit {
            unit,
            problems,
            warnings,
        })
    }

    /// Skip an element and everything in it.
    pub(super) fn skip(&mut self, tag: Tag) -> Result<()> {
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
