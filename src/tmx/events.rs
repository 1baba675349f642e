//! quick-xml events turned into owned ones for the reader, with XML's rules
//! applied: end-of-line handling, attribute-value normalisation, predefined
//! entities and character references only (a DOCTYPE declaring entities is
//! refused, so nothing is ever expanded or fetched).

use std::collections::HashSet;

use quick_xml::events::{BytesStart, BytesText, Event};

use super::model::Attrs;
use crate::text::limits::{echo, Limits};

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

/// What the XML 1.0 `Char` production allows: TAB, LF, CR and everything
/// from U+0020 except the surrogates (never in a `char`), U+FFFE and U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character (as a code point) a text holds that XML does not allow.
pub(super) fn first_illegal(text: &str) -> Option<u32> {
    text.chars().find(|c| !is_xml_char(*c)).map(u32::from)
}

/// Turn a quick-xml event into an owned one (`None`: nothing to act on).
/// A character reference to something that is no character at all
/// (`&#xD800;`) becomes U+FFFD and is reported in `illegal`; characters
/// XML does not allow are left for the reader to find (see [`first_illegal`]).
pub(super) fn convert(
    ev: Event<'_>,
    limits: &Limits,
    illegal: &mut Option<u32>,
) -> std::result::Result<Option<Ev>, String> {
    Ok(Some(match ev {
        Event::Start(e) => Ev::Start(tag_of(&e, false, limits, illegal)?),
        Event::Empty(e) => Ev::Start(tag_of(&e, true, limits, illegal)?),
        Event::End(_) => Ev::End,
        Event::Text(e) => Ev::Text(text_of(&e, illegal)?),
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
fn text_of(e: &BytesText<'_>, illegal: &mut Option<u32>) -> std::result::Result<String, String> {
    let raw = utf8(e)?;
    unescape(raw, false, illegal)
}

fn unescape(
    raw: &str,
    attribute: bool,
    illegal: &mut Option<u32>,
) -> std::result::Result<String, String> {
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
    resolve_references(&s, illegal)
}

/// The five predefined entities and character references, in one pass
/// (linear in the text); anything else is refused in plain words.
fn resolve_references(s: &str, illegal: &mut Option<u32>) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';').filter(|&i| i <= 12) else {
            return Err(
                "an '&' that starts no entity or character reference (write &amp; for '&')".into(),
            );
        };
        let name = &after[..semi];
        match name {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "apos" => out.push('\''),
            "quot" => out.push('"'),
            _ => out.push(char_reference(name, illegal)?),
        }
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn char_reference(name: &str, illegal: &mut Option<u32>) -> std::result::Result<char, String> {
    let number = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with('x') => u32::from_str_radix(&hex[1..], 16).ok(),
        Some(dec) => dec.parse::<u32>().ok(),
        None => {
            return Err(format!(
                "unknown entity &{}; (only &lt; &gt; &amp; &apos; &quot; and character references are defined)",
                echo(name)
            ))
        }
    };
    let Some(number) = number.filter(|_| name[1..].bytes().all(|b| b.is_ascii_alphanumeric()))
    else {
        return Err(format!("bad character reference &{};", echo(name)));
    };
    Ok(match char::from_u32(number) {
        Some(c) => c,
        None => {
            illegal.get_or_insert(number);
            '\u{FFFD}'
        }
    })
}

fn tag_of(
    e: &BytesStart<'_>,
    empty: bool,
    limits: &Limits,
    illegal: &mut Option<u32>,
) -> std::result::Result<Tag, String> {
    let qname = e.name();
    let name = utf8(qname.as_ref())?;
    if name.chars().count() as u64 > limits.name {
        return Err(name_too_long("element", name, limits));
    }
    let name = name.to_string();
    let mut attrs = Attrs::new();
    // quick-xml's own duplicate check compares each attribute with every
    // earlier one; a set keeps a long tag linear.
    let mut seen = HashSet::new();
    let mut attributes = e.attributes();
    attributes.with_checks(false);
    for a in attributes {
        let a = a.map_err(|err| format!("bad attribute in <{}>: {err}", echo(&name)))?;
        if attrs.len() as u64 >= limits.attributes {
            return Err(format!(
                "<{}> has more than {} attributes [too-many-attributes] (raise it with --limit attributes=N)",
                echo(&name),
                limits.attributes
            ));
        }
        let key = utf8(a.key.as_ref())?;
        if key.chars().count() as u64 > limits.name {
            return Err(name_too_long("attribute", key, limits));
        }
        if !seen.insert(a.key.as_ref().to_vec()) {
            return Err(format!(
                "attribute {} appears twice in <{}>",
                echo(key),
                echo(&name)
            ));
        }
        let value = unescape(utf8(&a.value)?, true, illegal)
            .map_err(|err| format!("in attribute {} of <{}>: {err}", echo(key), echo(&name)))?;
        attrs.push((key.to_string(), value));
    }
    Ok(Tag { name, attrs, empty })
}

fn name_too_long(what: &str, name: &str, limits: &Limits) -> String {
    format!(
        "{what} name {} longer than {} characters [name-too-long] (raise it with --limit name=N)",
        echo(name),
        limits.name
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_and_illegal_ones_are_reported() {
        let mut illegal = None;
        assert_eq!(
            resolve_references("a&lt;&#x4D8;&#1179;&amp;b", &mut illegal).unwrap(),
            "a<Әқ&b"
        );
        assert_eq!(illegal, None);
        assert_eq!(
            resolve_references("&#xD800;", &mut illegal).unwrap(),
            "\u{FFFD}"
        );
        assert_eq!(illegal, Some(0xD800));
        let e = resolve_references("&nbsp;", &mut None).unwrap_err();
        assert!(e.starts_with("unknown entity &nbsp;"), "{e}");
        assert!(!e.contains(".."), "{e}");
        assert!(resolve_references("a & b", &mut None).is_err());
        assert!(resolve_references("&#x12G;", &mut None).is_err());
        assert_eq!(first_illegal("ok\t\n"), None);
        assert_eq!(first_illegal("a\u{1}"), Some(1));
        assert_eq!(first_illegal("\u{FFFE}"), Some(0xFFFE));
        assert_eq!(first_illegal("\u{B}"), Some(0xB));
    }
}
