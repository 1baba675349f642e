//! quick-xml events turned into owned ones for the reader, with XML's rules
//! applied: end-of-line handling, attribute-value normalisation, predefined
//! entities and character references only (a DOCTYPE declaring entities is
//! refused, so nothing is ever expanded or fetched).

use quick_xml::events::{BytesStart, BytesText, Event};

use super::model::Attrs;

/// An owned XML event.
pub(super) enum Ev {
    Start(Tag),
    End,
    Text(String),
    Eof,
}

pub(super) struct Tag {
    pub name: String,
    pub attrs: Attrs,
    pub empty: bool,
}

/// Turn a quick-xml event into an owned one (`None`: nothing to act on).
pub(super) fn convert(ev: Event<'_>) -> std::result::Result<Option<Ev>, String> {
    Ok(Some(match ev {
        Event::Start(e) => Ev::Start(tag_of(&e, false)?),
        Event::Empty(e) => Ev::Start(tag_of(&e, true)?),
        Event::End(_) => Ev::End,
        Event::Text(e) => Ev::Text(text_of(&e)?),
        Event::CData(e) => Ev::Text(
            std::str::from_utf8(&e)
                .map_err(|_| "not valid UTF-8 (check the encoding declaration)".to_string())?
                .replace("\r\n", "\n"),
        ),
        Event::DocType(e) => {
            let raw: &[u8] = &e;
            if raw.windows(8).any(|w| w == b"<!ENTITY") {
                return Err("the DOCTYPE declares entities; entity declarations are refused (no external or internal entity is ever expanded)".into());
            }
            return Ok(None);
        }
        Event::Eof => Ev::Eof,
        Event::Decl(_) | Event::PI(_) | Event::Comment(_) => return Ok(None),
    }))
}

fn utf8(raw: &[u8]) -> std::result::Result<&str, String> {
    std::str::from_utf8(raw)
        .map_err(|_| "not valid UTF-8 (check the encoding declaration)".to_string())
}

/// XML end-of-line handling (CR LF and CR become LF), then references.
fn text_of(e: &BytesText<'_>) -> std::result::Result<String, String> {
    let raw = utf8(e)?;
    unescape(raw, false)
}

fn unescape(raw: &str, attribute: bool) -> std::result::Result<String, String> {
    let mut s = if raw.contains('\r') {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw.to_string()
    };
    if attribute && s.contains(['\n', '\t']) {
        s = s.replace(['\n', '\t'], " ");
    }
    if !s.contains('&') {
        return Ok(s);
    }
    quick_xml::escape::unescape(&s)
        .map(|c| c.into_owned())
        .map_err(|e| format!("{e}"))
}

fn tag_of(e: &BytesStart<'_>, empty: bool) -> std::result::Result<Tag, String> {
    let name = utf8(e.name().as_ref())?.to_string();
    let mut attrs = Attrs::new();
    for a in e.attributes() {
        let a = a.map_err(|err| format!("bad attribute in <{name}>: {err}"))?;
        let key = utf8(a.key.as_ref())?.to_string();
        let value = unescape(utf8(&a.value)?, true)
            .map_err(|err| format!("in attribute {key} of <{name}>: {err}"))?;
        attrs.push((key, value));
    }
    Ok(Tag { name, attrs, empty })
}
