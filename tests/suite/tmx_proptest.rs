//! Property test: generated units (random text with markup-significant
//! characters, inline markup, known and foreign attributes, props and notes)
//! survive write → import → export unchanged, and the export is a fixed point.

use crate::tmx_support;

use audarma::tmx::inline::escape_text;
use audarma::tmx::model::{canonical, Attrs, Extra, Header, Unit, Variant};
use audarma::tmx::{Dtd, TmxWriter};
use proptest::prelude::*;
use tmx_support::*;

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Zа-яәіңғүұқөһ0-9 &<>\"'\t\n\r.,!?;:/\\\\-]{0,16}"
}

/// One piece of segment content, already in canonical XML.
fn piece(i: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        text().prop_map(|t| escape_text(&t)),
        text().prop_map(move |t| format!("<ph x=\"{i}\">{}</ph>", escape_text(&t))),
        (text(), text()).prop_map(move |(code, inner)| format!(
            "<bpt i=\"{i}\" x=\"{i}\">{}</bpt>{}<ept i=\"{i}\">&lt;/b&gt;</ept>",
            escape_text(&code),
            escape_text(&inner)
        )),
        text().prop_map(|t| format!("<it pos=\"begin\">{}</it>", escape_text(&t))),
        text().prop_map(|t| format!("<hi type=\"em\">{}</hi>", escape_text(&t))),
        Just("<ph x=\"9\"/>".to_string()),
    ]
}

fn seg() -> impl Strategy<Value = String> {
    (piece(1), piece(2), piece(3)).prop_map(|(a, b, c)| a + &b + &c)
}

fn attrs() -> impl Strategy<Value = Attrs> {
    (
        proptest::option::of(text()),
        proptest::option::of(prop_oneof![
            Just("20240131T235959Z".to_string()),
            Just("2024-01-31 23:59".to_string())
        ]),
        proptest::option::of(text()),
        proptest::option::of(0u32..1000),
    )
        .prop_map(|(creationid, date, foreign, usagecount)| {
            let mut a = Attrs::new();
            if let Some(v) = creationid {
                a.push(("creationid".into(), v));
            }
            if let Some(v) = date {
                a.push(("changedate".into(), v));
            }
            if let Some(v) = foreign {
                a.push(("x-custom".into(), v));
                a.push(("ex:flag".into(), "1".into()));
            }
            if let Some(n) = usagecount {
                a.push(("usagecount".into(), n.to_string()));
            }
            a
        })
}

fn extras() -> impl Strategy<Value = Vec<Extra>> {
    proptest::collection::vec(
        prop_oneof![
            ("[a-z]{1,6}", text()).prop_map(|(t, v)| Extra::Prop {
                attrs: vec![("type".into(), format!("x-{t}"))],
                text: v
            }),
            (proptest::option::of(Just("kk".to_string())), text()).prop_map(|(l, v)| Extra::Note {
                attrs: l
                    .map(|l| vec![("xml:lang".to_string(), l)])
                    .unwrap_or_default(),
                text: v
            }),
        ],
        0..3,
    )
}

fn variant(lang: &'static str) -> impl Strategy<Value = Variant> {
    (seg(), attrs(), extras()).prop_map(move |(seg, attrs, extras)| Variant {
        lang: lang.to_string(),
        attrs,
        extras,
        seg,
        ..Variant::default()
    })
}

fn unit() -> impl Strategy<Value = Unit> {
    (
        variant("kk"),
        proptest::sample::subsequence(vec!["en", "ru", "en-US", "ru-RU", "de"], 1..4)
            .prop_flat_map(|langs| langs.into_iter().map(variant).collect::<Vec<_>>()),
        attrs(),
        extras(),
    )
        .prop_map(|(source, targets, attrs, extras)| Unit {
            attrs,
            extras,
            variants: std::iter::once(source).chain(targets).collect(),
            ..Unit::default()
        })
}

fn header() -> Header {
    let attrs = [
        ("creationtool", "proptest"),
        ("creationtoolversion", "1"),
        ("segtype", "sentence"),
        ("o-tmf", "none"),
        ("adminlang", "en"),
        ("srclang", "kk"),
        ("datatype", "plaintext"),
    ];
    Header {
        version: "1.4".into(),
        attrs: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..Header::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_units_round_trip_and_reach_a_fixed_point(units in proptest::collection::vec(unit(), 1..6)) {
        // Make every unit distinct (identity is by content).
        let units: Vec<Unit> = units
            .into_iter()
            .enumerate()
            .map(|(n, mut u)| {
                u.variants[0].seg = format!("{n}: {}", u.variants[0].seg);
                u.attrs.push(("tuid".into(), format!("t{n}")));
                u
            })
            .collect();
        let mut written = TmxWriter::new(Vec::new(), &header(), Dtd::Valid).unwrap();
        for u in &units {
            written.unit(u).unwrap();
        }
        let written = written.finish().unwrap();
        let read = canonical_units(&written, "generated.tmx");
        let expected: Vec<_> = units.iter().map(|u| canonical(u, "kk")).collect();
        prop_assert_eq!(&read, &expected);

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("generated.tmx");
        std::fs::write(&file, &written).unwrap();
        let mut store = new_store(dir.path());
        let summary = import(&mut store, &file, false).unwrap();
        prop_assert_eq!(summary.imported as usize, units.len());
        let first = export(&store);
        prop_assert_eq!(&canonical_units(&first, "export.tmx"), &expected);

        let sub = dir.path().join("again");
        std::fs::create_dir(&sub).unwrap();
        let mut again = new_store(&sub);
        let file2 = sub.join("export.tmx");
        std::fs::write(&file2, &first).unwrap();
        import(&mut again, &file2, false).unwrap();
        prop_assert_eq!(without_creationdate(&first), without_creationdate(&export(&again)));
    }
}
