//! Plausible but mutated TMX: a declaration (any encoding, some unsupported),
//! DOCTYPEs (entity declarations among them), headers with known, missing and
//! foreign attributes, units with props, notes and variants in odd language
//! tags, and segments with randomly nested inline markup, entities, character
//! references (legal and not), CDATA, comments and raw control characters;
//! then encoded (UTF-8, BOMs, UTF-16, windows-1251), sometimes truncated.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use super::gen::{apply, encoding, mutated, op, text, Encoding};

const REFS: &[&str] = &[
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&apos;",
    "&nbsp;",
    "&e;",
    "&#65;",
    "&#x4D9;",
    "&#x1F600;",
    "&#9;",
    "&#xA;",
    "&#1;",
    "&#0;",
    "&#xB;",
    "&#xD800;",
    "&#xDFFF;",
    "&#xFFFE;",
    "&#xFFFF;",
    "&#x110000;",
    "&#99999999999999999999;",
    "&#x;",
    "&#;",
    "&#-1;",
    "&amp",
    "&",
    "&#x1b;[2J",
];

const RAW: &[&str] = &[
    "<![CDATA[a < b & c]]>",
    "<![CDATA[]]>",
    "<!-- note -->",
    "<!-- a -- b -->",
    "<?pi data?>",
    "\u{0}",
    "\u{1}",
    "\u{b}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{fffe}",
    "\r\n",
    "\r",
    "]]>",
    "<",
    ">",
    "\"",
    "'",
    "\t",
];

/// Character data: escaped text, references and raw oddities.
fn chars() -> impl Strategy<Value = String> {
    vec(
        prop_oneof![
            4 => text().prop_map(|t| t.replace('&', "&amp;").replace('<', "&lt;")),
            2 => select(REFS).prop_map(String::from),
            1 => select(RAW).prop_map(String::from),
        ],
        0..6,
    )
    .prop_map(|v| v.concat())
}

const ATTR_NAMES: &[&str] = &[
    "i",
    "x",
    "type",
    "pos",
    "assoc",
    "xml:lang",
    "lang",
    "datatype",
    "ctype",
    "ex:flag",
    "xmlns:ex",
    "a-very-long-attribute-name-that-goes-on",
    "1bad",
    "x",
    "i",
];

fn attr_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9 ]{0,6}",
        1 => select(REFS).prop_map(String::from),
        1 => select(&["begin", "end", "middle", "-1", "99999999999999999999", "<", "\u{1}"][..])
            .prop_map(String::from),
    ]
}

/// ` name="value"` several times (duplicates included), sometimes unquoted.
fn attrs() -> impl Strategy<Value = String> {
    vec((select(ATTR_NAMES), attr_value(), 0u8..40), 0..4).prop_map(|v| {
        v.into_iter()
            .map(|(n, val, q)| match q {
                0 => format!(" {n}={val}"),
                1 => format!(" {n}='{val}'"),
                _ => format!(" {n}=\"{}\"", val.replace('"', "&quot;")),
            })
            .collect()
    })
}

const INLINE: &[&str] = &[
    "bpt", "ept", "ph", "it", "ut", "hi", "sub", "g", "x", "seg", "tu", "b",
];

/// Segment content with inline markup nested up to four levels.
pub fn seg_content() -> BoxedStrategy<String> {
    chars()
        .prop_recursive(4, 48, 4, |inner| {
            prop_oneof![
                vec(inner.clone(), 0..4).prop_map(|v| v.concat()),
                (select(INLINE), attrs(), inner.clone())
                    .prop_map(|(t, a, c)| format!("<{t}{a}>{c}</{t}>")),
                (select(INLINE), attrs()).prop_map(|(t, a)| format!("<{t}{a}/>")),
                (0u8..4, 0u8..4, inner.clone()).prop_map(|(i, j, c)| format!(
                    "<bpt i=\"{i}\" x=\"1\">&lt;b&gt;</bpt>{c}<ept i=\"{j}\">&lt;/b&gt;</ept>"
                )),
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| format!("<ph x=\"2\">{a}<sub>{b}</sub></ph>")),
                (select(INLINE), inner).prop_map(|(t, c)| format!("<{t}>{c}")),
            ]
        })
        .boxed()
}

const LANGS: &[&str] = &[
    " xml:lang=\"kk\"",
    " xml:lang=\"kk-KZ\"",
    " xml:lang=\"KK_kz\"",
    " xml:lang=\"en-US\"",
    " xml:lang=\"ru\"",
    " lang=\"EN\"",
    " xml:lang=\"kaz\"",
    " xml:lang=\"\"",
    "",
    " xml:lang=\"en\" xml:lang=\"kk\"",
    " xml:lang=\"x-' OR 1=1\"",
    " xml:lang=\"*all*\"",
];

/// A `prop`, `note` or `ude` child.
fn extra() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            select(
                &[
                    "x-audarma-status",
                    "x-audarma-origin",
                    "x-attribute:foo",
                    "x-Domain",
                    ""
                ][..]
            ),
            chars()
        )
            .prop_map(|(t, c)| if t.is_empty() {
                format!("<prop>{c}</prop>")
            } else {
                format!("<prop type=\"{t}\">{c}</prop>")
            }),
        chars().prop_map(|c| format!("<note>{c}</note>")),
        Just("<ude name=\"x\"><map unicode=\"#xE000\" code=\"#x01\"/></ude>".to_string()),
    ]
}

fn tuv() -> impl Strategy<Value = String> {
    (
        select(LANGS),
        attrs(),
        vec(extra(), 0..2),
        seg_content(),
        0u8..8,
    )
        .prop_map(|(lang, a, extras, seg, shape)| match shape {
            0 => format!("<tuv{lang}{a}>{}</tuv>", extras.concat()),
            1 => format!("<tuv{lang}><seg>{seg}</seg><seg>{seg}</seg></tuv>"),
            2 => format!("<tuv{lang}/>"),
            _ => format!("<tuv{lang}{a}>{}<seg>{seg}</seg></tuv>", extras.concat()),
        })
}

const TU_ATTRS: &[&str] = &[
    " tuid=\"1\"",
    " srclang=\"kk\"",
    " srclang=\"*all*\"",
    " srclang=\"fr\"",
    " creationdate=\"20240131T235959Z\"",
    " creationdate=\"2099-01-01\"",
    " changedate=\"garbage\"",
    " usagecount=\"3\"",
    " usagecount=\"-1\"",
    " usagecount=\"99999999999999999999999\"",
    " changeid=\"\u{1b}[2J\"",
    " x-foo=\"bar\"",
    " tuid=\"1\" tuid=\"2\"",
];

fn tu() -> impl Strategy<Value = String> {
    (
        attr_list(TU_ATTRS, 3),
        vec(extra(), 0..2),
        vec(tuv(), 0..4),
        any::<bool>(),
    )
        .prop_map(|(a, extras, tuvs, empty)| {
            if empty && tuvs.is_empty() {
                format!("<tu{}/>", a.concat())
            } else {
                format!(
                    "<tu{}>{}{}</tu>",
                    a.concat(),
                    extras.concat(),
                    tuvs.concat()
                )
            }
        })
}

const DECLS: &[&str] = &[
    "",
    "<?xml version=\"1.0\"?>\n",
    "<?xml version='1.0' encoding='UTF-8'?>\n",
    "<?xml version=\"1.0\" encoding=\"windows-1251\"?>",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
    "<?xml version=\"1.0\" encoding=\"klingon\"?>",
    "<?xml version=\"1.1\"?>",
    "<?xml encoding=\"\u{1b}\"?>",
    "<?xml version=\"1.0\" standalone=\"yes\"?>",
];

const DOCTYPES: &[&str] = &[
    "",
    "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n",
    "<!DOCTYPE tmx PUBLIC \"-//LISA\" \"tmx11.dtd\">",
    "<!DOCTYPE tmx [<!ENTITY e \"x\">]>",
    "<!DOCTYPE tmx [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
    "<!DOCTYPE tmx [<!ELEMENT tmx ANY>]>",
    "<!-- before -->\n",
];

const HEADER_ATTRS: &[&str] = &[
    " creationtool=\"fuzz\"",
    " creationtoolversion=\"1\"",
    " segtype=\"sentence\"",
    " segtype=\"bogus\"",
    " o-tmf=\"x\"",
    " adminlang=\"en\"",
    " srclang=\"kk\"",
    " srclang=\"*all*\"",
    " srclang=\"EN-us\"",
    " srclang=\"\"",
    " datatype=\"plaintext\"",
    " xmlns:ex=\"urn:x\" ex:a=\"1\"",
];

fn header() -> impl Strategy<Value = String> {
    (
        attr_list(HEADER_ATTRS, 8),
        vec(extra(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(a, extras, empty)| {
            if empty {
                format!("<header{}/>", a.concat())
            } else {
                format!("<header{}>{}</header>", a.concat(), extras.concat())
            }
        })
}

/// One of the first `usual` items mostly, one of the rest now and then.
fn mostly(items: &'static [&'static str], usual: usize) -> impl Strategy<Value = &'static str> {
    prop_oneof![6 => select(&items[..usual]), 1 => select(&items[usual..])]
}

/// Attributes of `items` with distinct names (in order), sometimes one twice.
fn attr_list(
    items: &'static [&'static str],
    most: usize,
) -> impl Strategy<Value = Vec<&'static str>> {
    (
        proptest::sample::subsequence(items, 0..=most.min(items.len())),
        0u8..10,
    )
        .prop_map(|(picked, twice)| {
            let name = |a: &str| a.split('=').next().unwrap_or("").trim().to_string();
            let mut names = std::collections::HashSet::new();
            let mut kept: Vec<&str> = picked
                .into_iter()
                .filter(|a| names.insert(name(a)))
                .collect();
            if twice == 0 && !kept.is_empty() {
                kept.push(kept[0]);
            }
            kept
        })
}

/// A whole TMX document as text (encoded separately).
pub fn tmx_doc() -> impl Strategy<Value = String> {
    (
        mostly(DECLS, 4),
        mostly(DOCTYPES, 3),
        select(&["1.4", "1.1", "1.2", "", "9"][..]),
        header(),
        vec(tu(), 0..6),
        select(&["", "\n", "<!-- after -->", "<tu/>", "trailing"][..]),
    )
        .prop_map(|(decl, doctype, version, header, tus, after)| {
            format!(
                "{decl}{doctype}<tmx version=\"{version}\">{header}<body>{}</body></tmx>{after}",
                tus.concat()
            )
        })
}

/// Half the time none: a damaged file is refused early, a sound one goes deep.
pub fn few_ops() -> impl Strategy<Value = Vec<super::gen::Op>> {
    prop_oneof![Just(Vec::new()), vec(op(), 1..3)]
}

/// Encoded as the declaration says, mostly: a windows-1251 file gets its
/// declaration (a file without one would be read as UTF-8 and refused).
pub fn encode_xml(doc: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Windows1251 if !doc.contains("encoding=") => {
            let declared = format!("<?xml version=\"1.0\" encoding=\"windows-1251\"?>{doc}");
            encoding.encode(&declared)
        }
        _ => encoding.encode(doc),
    }
}

/// A TMX file: generated and encoded (sometimes damaged), or a mutated seed.
pub fn tmx_file(seeds: Vec<Vec<u8>>) -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        3 => (tmx_doc(), encoding(), few_ops())
            .prop_map(|(d, e, ops)| apply(encode_xml(&d, e), &ops)),
        2 => mutated(seeds),
    ]
    .boxed()
}
