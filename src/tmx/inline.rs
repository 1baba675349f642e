//! Segment content: the inline markup of a `seg` (`bpt ept it ph hi sub ut`)
//! kept as canonical inner XML, and the plain text used for matching, in which
//! each inline code element stands as one placeholder token.
//!
//! Canonical means: text escaped as `&amp; &lt; &gt;` (and `&#13;` for a
//! carriage return that came from a character reference), attributes in their
//! written order with double quotes, empty elements as `<x/>`. Character
//! references, entity spelling and quoting of the original do not survive;
//! everything a canonical XML comparison sees does.

use super::attrs::Attrs;

/// Inline elements TMX 1.4b allows in a `seg`.
pub const INLINE_ELEMENTS: [&str; 7] = ["bpt", "ept", "it", "ph", "hi", "sub", "ut"];

/// Inline elements that stand for native codes (their content is not text).
const CODE_ELEMENTS: [&str; 5] = ["bpt", "ept", "it", "ph", "ut"];

/// The placeholder token for the `n`-th inline code of a segment (0-based):
/// one private-use character (see `text::tokens`).
pub use crate::text::tokens::placeholder;

/// Escape character data for element content.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_text_into(&mut out, s);
    out
}

/// [`escape_text`], appending to `out`: the characters to escape are ASCII,
/// so the text is scanned as bytes and copied in runs.
pub fn escape_text_into(out: &mut String, s: &str) {
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\r' => "&#13;",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        out.push_str(escaped);
        run = i + 1;
    }
    out.push_str(&s[run..]);
}

/// Escape an attribute value (double-quoted); white space other than the
/// space is written as a reference so attribute normalisation keeps it.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// A `bpt` or `ept` with its `i`, for the pairing rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairedTag {
    pub name: String,
    pub i: Option<String>,
}

/// Builds the canonical XML and the plain text of one `seg` from its events.
#[derive(Debug, Default)]
pub struct SegBuilder {
    xml: String,
    plain: String,
    tags: Vec<PairedTag>,
    open: Vec<String>,
    open_codes: usize,
    codes: usize,
    /// Elements inside the seg that TMX does not define.
    pub unknown: Vec<String>,
}

/// The result of building a segment.
#[derive(Debug, Default)]
pub struct Seg {
    pub xml: String,
    pub plain: String,
    pub tags: Vec<PairedTag>,
}

impl SegBuilder {
    pub fn start(&mut self, name: &str, attrs: &Attrs, empty: bool) {
        if !INLINE_ELEMENTS.contains(&name) {
            self.unknown.push(name.to_string());
        }
        if name == "bpt" || name == "ept" {
            let i = attrs.iter().find(|(k, _)| k == "i").map(|(_, v)| v.clone());
            self.tags.push(PairedTag {
                name: name.to_string(),
                i,
            });
        }
        let is_code = CODE_ELEMENTS.contains(&name);
        if is_code && self.open_codes == 0 {
            self.plain.push_str(&placeholder(self.codes));
            self.codes += 1;
        }
        self.xml.push('<');
        self.xml.push_str(name);
        for (k, v) in attrs {
            self.xml.push(' ');
            self.xml.push_str(k);
            self.xml.push_str("=\"");
            self.xml.push_str(&escape_attr(v));
            self.xml.push('"');
        }
        if empty {
            self.xml.push_str("/>");
        } else {
            self.xml.push('>');
            if is_code {
                self.open_codes += 1;
            }
            self.open.push(name.to_string());
        }
    }

    /// Close the innermost open inline element.
    pub fn end_current(&mut self) {
        if let Some(open) = self.open.pop() {
            if CODE_ELEMENTS.contains(&open.as_str()) {
                self.open_codes -= 1;
            }
            self.xml.push_str("</");
            self.xml.push_str(&open);
            self.xml.push('>');
        }
    }

    pub fn text(&mut self, text: &str) {
        escape_text_into(&mut self.xml, text);
        if self.open_codes == 0 {
            self.plain.push_str(text);
        }
    }

    /// [`Self::text`] for an owned string: the first text of a segment
    /// becomes its plain text without a copy.
    pub fn text_owned(&mut self, text: String) {
        escape_text_into(&mut self.xml, &text);
        if self.open_codes == 0 {
            if self.plain.is_empty() {
                self.plain = text;
            } else {
                self.plain.push_str(&text);
            }
        }
    }

    /// Bytes of canonical XML built so far (the plain text is no longer).
    pub fn xml_len(&self) -> usize {
        self.xml.len()
    }

    /// Depth of open inline elements (0 at the seg level).
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    pub fn finish(self) -> Seg {
        Seg {
            xml: self.xml,
            plain: self.plain,
            tags: self.tags,
        }
    }
}

/// Rebuild the plain text and tag list of a canonical seg (for units that were
/// not read from a file). Errors name what is not well-formed.
pub fn parse_seg(xml: &str) -> Result<Seg, String> {
    use quick_xml::events::Event;
    let wrapped = format!("<seg>{xml}</seg>");
    let mut reader = quick_xml::Reader::from_str(&wrapped);
    let mut b = SegBuilder::default();
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => {
                if depth > 0 {
                    b.start(&name_of(e.name().as_ref()), &attrs_of(&e)?, false);
                }
                depth += 1;
            }
            Event::Empty(e) => b.start(&name_of(e.name().as_ref()), &attrs_of(&e)?, true),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if depth > 0 {
                    let _ = e;
                    b.end_current();
                }
            }
            Event::Text(t) => b.text(&t.unescape().map_err(|e| e.to_string())?),
            Event::CData(t) => b.text(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(b.finish())
}

fn name_of(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).into_owned()
}

fn attrs_of(e: &quick_xml::events::BytesStart<'_>) -> Result<Attrs, String> {
    let mut out = Attrs::new();
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let value = a.unescape_value().map_err(|e| e.to_string())?;
        out.push((name_of(a.key.as_ref()), value.into_owned()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_seg_and_plain_text() {
        let seg = parse_seg(
            r#"Click <bpt i='1' x="2">&lt;B></bpt>here<ept i="1">&lt;/B&gt;</ept> &amp; <hi type="x">go</hi><ph x="3">&lt;IMG ALT="<sub>Start</sub>"></ph><bpt i="5" type="n"/>"#,
        )
        .unwrap();
        assert_eq!(
            seg.xml,
            r#"Click <bpt i="1" x="2">&lt;B&gt;</bpt>here<ept i="1">&lt;/B&gt;</ept> &amp; <hi type="x">go</hi><ph x="3">&lt;IMG ALT="<sub>Start</sub>"&gt;</ph><bpt i="5" type="n"/>"#
        );
        assert_eq!(
            seg.plain,
            format!(
                "Click {}here{} & go{}{}",
                placeholder(0),
                placeholder(1),
                placeholder(2),
                placeholder(3)
            )
        );
        assert_eq!(seg.tags.len(), 3);
        assert_eq!(seg.tags[2].i.as_deref(), Some("5"));
    }

    #[test]
    fn cdata_is_text_and_comes_out_escaped() {
        let seg = parse_seg("a <![CDATA[x < y & z]]> b").unwrap();
        assert_eq!(seg.plain, "a x < y & z b");
        assert_eq!(seg.xml, "a x &lt; y &amp; z b");
    }

    #[test]
    fn nested_inline_markup_keeps_its_depth() {
        let seg = parse_seg(r#"<hi type="a">x<hi type="b">y</hi>z</hi>"#).unwrap();
        assert_eq!(seg.xml, r#"<hi type="a">x<hi type="b">y</hi>z</hi>"#);
        assert_eq!(seg.plain, "xyz");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_text("a<b&c>"), "a&lt;b&amp;c&gt;");
        assert_eq!(escape_text("x\ry"), "x&#13;y");
        assert_eq!(escape_text("Ә<і>&"), "Ә&lt;і&gt;&amp;");
        assert_eq!(escape_text("<<"), "&lt;&lt;");
        assert_eq!(escape_text(""), "");
        let mut out = String::from("a");
        escape_text_into(&mut out, "ң&");
        assert_eq!(out, "aң&amp;");
        assert_eq!(escape_attr("\"a\"\t"), "&quot;a&quot;&#9;");
    }
}
