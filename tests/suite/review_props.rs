//! Property tests: for any sequence of operations (saves, approvals, rejections,
//! edits) on a small document, `progress` equals a recount from the tables,
//! the event log replayed from empty gives the current statuses, and each
//! review operation succeeds exactly when the status rules allow it.

use std::collections::HashMap;

use audarma::report::{self, GroupBy};
use audarma::review;
use audarma::segment::Sentence;
use audarma::store::Segment;
use audarma::store::Store;
use audarma::store::{Status, Write};
use audarma::text::Lang;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Save {
        pos: usize,
        lang: Lang,
        text: u8,
        translated: bool,
    },
    Approve {
        pos: usize,
        lang: Lang,
    },
    Reject {
        pos: usize,
        lang: Lang,
    },
    EditApprove {
        pos: usize,
        lang: Lang,
        text: u8,
    },
}

fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::En), Just(Lang::Ru)]
}

fn op() -> impl Strategy<Value = Op> {
    let pos = 0usize..4;
    prop_oneof![
        (pos.clone(), lang(), 0u8..3, any::<bool>()).prop_map(|(pos, lang, text, translated)| {
            Op::Save {
                pos,
                lang,
                text,
                translated,
            }
        }),
        (pos.clone(), lang()).prop_map(|(pos, lang)| Op::Approve { pos, lang }),
        (pos.clone(), lang()).prop_map(|(pos, lang)| Op::Reject { pos, lang }),
        (pos, lang(), 0u8..3).prop_map(|(pos, lang, text)| Op::EditApprove { pos, lang, text }),
    ]
}

fn setup() -> (Store, audarma::store::Document, Vec<Segment>) {
    let mut store = Store::in_memory().unwrap();
    let sentences: Vec<Sentence> = ["Бір.", "Екі сөз.", "Үш сөз бар.", "Төрт сөз бар мұнда."]
        .iter()
        .map(|t| Sentence {
            paragraph: 1,
            text: t.to_string(),
        })
        .collect();
    let rep = store
        .write(|w| {
            w.import_document(&audarma::store::NewDocument {
                name: "p",
                file_name: "p.txt",
                lang: Lang::Kk,
                text: "p",
                sentences: &sentences,
                replace: false,
                removal_confirmed: false,
            })
        })
        .unwrap();
    let segs = store.segments_of(rep.document.id).unwrap();
    (store, rep.document, segs)
}

/// Apply one operation; returns whether it was accepted (refusals roll back).
fn apply(
    store: &mut Store,
    segs: &[Segment],
    model: &HashMap<(usize, Lang), (Status, String)>,
    op: &Op,
) -> bool {
    let result = store.write(|tx| match op {
        Op::Save {
            pos,
            lang,
            text,
            translated,
        } => {
            let (from, old) = model
                .get(&(*pos, *lang))
                .cloned()
                .unwrap_or((Status::Untranslated, String::new()));
            let text = format!("text {text}");
            let to = if *translated {
                Status::Translated
            } else {
                Status::Draft
            };
            if !review::allowed(from, to, text != old) {
                return Err(audarma::Error::usage("not allowed"));
            }
            tx.save_translation(&Write {
                segment_id: segs[*pos].id,
                lang: *lang,
                text: &text,
                status: to,
                user: "tr",
                origin: "typed",
                origin_score: None,
                origin_unit: None,
                expected_version: None,
                comment: None,
            })
            .map(|_| ())
        }
        Op::Approve { pos, lang } => {
            review::approve(tx, &segs[*pos], *lang, "rv", None).map(|_| ())
        }
        Op::Reject { pos, lang } => {
            review::reject(tx, &segs[*pos], *lang, "rv", "why", None).map(|_| ())
        }
        Op::EditApprove { pos, lang, text } => {
            review::edit_and_approve(tx, &segs[*pos], *lang, "rv", &format!("text {text}"), None)
                .map(|_| ())
        }
    });
    result.is_ok()
}

/// What the rules say should happen to the model.
fn expected(
    model: &HashMap<(usize, Lang), (Status, String)>,
    op: &Op,
) -> Option<((usize, Lang), (Status, String))> {
    let cur = |pos: usize, lang: Lang| {
        model
            .get(&(pos, lang))
            .cloned()
            .unwrap_or((Status::Untranslated, String::new()))
    };
    match op {
        Op::Save {
            pos,
            lang,
            text,
            translated,
        } => {
            let (from, old) = cur(*pos, *lang);
            let text = format!("text {text}");
            let to = if *translated {
                Status::Translated
            } else {
                Status::Draft
            };
            review::allowed(from, to, text != old).then_some(((*pos, *lang), (to, text)))
        }
        Op::Approve { pos, lang } => {
            let (from, old) = cur(*pos, *lang);
            (from == Status::Translated).then_some(((*pos, *lang), (Status::Approved, old)))
        }
        Op::Reject { pos, lang } => {
            let (from, old) = cur(*pos, *lang);
            (from == Status::Translated).then_some(((*pos, *lang), (Status::Rejected, old)))
        }
        Op::EditApprove { pos, lang, text } => {
            let (from, old) = cur(*pos, *lang);
            let text = format!("text {text}");
            let ok = if text == old {
                from == Status::Translated
            } else {
                matches!(
                    from,
                    Status::Draft | Status::Translated | Status::Rejected | Status::Approved
                )
            };
            ok.then_some(((*pos, *lang), (Status::Approved, text)))
        }
    }
}

/// Segments and words per status, counted from the segments and their current
/// translations one by one (not by the report's queries).
fn recount(store: &Store, lang: Lang) -> HashMap<Status, (i64, i64)> {
    let mut out: HashMap<Status, (i64, i64)> = HashMap::new();
    out.insert(Status::Untranslated, (0, 0));
    for doc in store.documents().unwrap() {
        let current = store.translations_of(doc.id, lang).unwrap();
        for seg in store.segments_of(doc.id).unwrap() {
            let status = current
                .get(&seg.id)
                .map_or(Status::Untranslated, |t| t.status);
            let e = out.entry(status).or_default();
            e.0 += 1;
            e.1 += seg.words;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn progress_equals_recount_and_log_replays_to_current(ops in prop::collection::vec(op(), 0..40)) {
        let (mut store, doc, segs) = setup();
        let mut model: HashMap<(usize, Lang), (Status, String)> = HashMap::new();
        for op in &ops {
            let want = expected(&model, op);
            let accepted = apply(&mut store, &segs, &model, op);
            prop_assert_eq!(accepted, want.is_some(), "{:?} on {:?}", op, model);
            if let Some((k, v)) = want {
                model.insert(k, v);
            }
        }
        // progress == recount from the tables, per language and status.
        let p = report::progress(&store, Some(&doc), None, GroupBy::Lang).unwrap();
        for row in &p.groups {
            let lang: Lang = row.lang.as_deref().unwrap().parse().unwrap();
            let rc = recount(&store, lang);
            for st in Status::ALL {
                let (n, w) = rc.get(&st).copied().unwrap_or((0, 0));
                prop_assert_eq!(row.segments_by_status[&st], n, "{} {}", lang, st);
                prop_assert_eq!(row.words_by_status[&st], w, "{} {}", lang, st);
            }
        }
        // Every grouping sums to the same total.
        for by in [GroupBy::Doc, GroupBy::Translator, GroupBy::Reviewer] {
            let q = report::progress(&store, None, None, by).unwrap();
            let sum: i64 = q.groups.iter().map(|r| r.words).sum();
            prop_assert_eq!(sum, p.total.words);
            prop_assert_eq!(&q.total.words_by_status, &p.total.words_by_status);
        }
        let day = report::progress(&store, None, None, GroupBy::Day).unwrap();
        if let Some(last) = day.groups.last() {
            prop_assert_eq!(&last.words_by_status, &p.total.words_by_status);
        }
        // The log replayed from empty gives the current statuses (and the model's).
        prop_assert!(review::verify_log(&store).unwrap().is_empty());
        let replayed = review::replay(&store).unwrap();
        for ((pos, lang), (status, text)) in &model {
            prop_assert_eq!(replayed.get(&(segs[*pos].id, lang.code().to_string())), Some(status));
            let t = store.current_translation(segs[*pos].id, *lang).unwrap().unwrap();
            prop_assert_eq!(&t.text, text);
        }
        prop_assert_eq!(replayed.len(), model.len());
    }
}
