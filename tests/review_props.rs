//! Property tests: for any sequence of operations (saves, approvals, rejections,
//! edits) on a small document, `progress` equals a recount from the tables,
//! the event log replayed from empty gives the current statuses, and each
//! review operation succeeds exactly when the status rules allow it.

use std::collections::HashMap;

use audarma::report::{self, GroupBy};
use audarma::review;
use audarma::segment::Sentence;
use audarma::store::documents::{self, Segment};
use audarma::store::translations::{self, Status, Write};
use audarma::store::Store;
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

fn setup() -> (Store, audarma::store::documents::Document, Vec<Segment>) {
    let mut store = Store::in_memory().unwrap();
    let tx = store.write().unwrap();
    let sentences: Vec<Sentence> = ["Бір.", "Екі сөз.", "Үш сөз бар.", "Төрт сөз бар мұнда."]
        .iter()
        .map(|t| Sentence {
            paragraph: 1,
            text: t.to_string(),
        })
        .collect();
    let rep =
        documents::import_document(&tx, "p", "p.txt", Lang::Kk, "p", &sentences, false).unwrap();
    tx.commit().unwrap();
    let segs = documents::segments(store.conn(), rep.document.id).unwrap();
    (store, rep.document, segs)
}

/// Apply one operation; returns whether it was accepted (refusals roll back).
fn apply(
    store: &mut Store,
    segs: &[Segment],
    model: &HashMap<(usize, Lang), (Status, String)>,
    op: &Op,
) -> bool {
    let tx = store.write().unwrap();
    let result = match op {
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
                return false;
            }
            translations::write(
                &tx,
                &Write {
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
                },
            )
            .map(|_| ())
        }
        Op::Approve { pos, lang } => {
            review::approve(&tx, &segs[*pos], *lang, "rv", None).map(|_| ())
        }
        Op::Reject { pos, lang } => {
            review::reject(&tx, &segs[*pos], *lang, "rv", "why", None).map(|_| ())
        }
        Op::EditApprove { pos, lang, text } => {
            review::edit_and_approve(&tx, &segs[*pos], *lang, "rv", &format!("text {text}"), None)
                .map(|_| ())
        }
    };
    match result {
        Ok(()) => {
            tx.commit().unwrap();
            true
        }
        Err(_) => false,
    }
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

fn recount(store: &Store, lang: Lang) -> HashMap<Status, (i64, i64)> {
    let mut stmt = store.conn().prepare(
        "SELECT t.status, count(*), sum(s.words) FROM translations t JOIN segments s ON s.id = t.segment_id
         WHERE t.lang = ?1 GROUP BY t.status").unwrap();
    let mut out: HashMap<Status, (i64, i64)> = stmt
        .query_map([lang.code()], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap()
        .map(|r| {
            let (s, n, w) = r.unwrap();
            (s.parse().unwrap(), (n, w))
        })
        .collect();
    let (n, w): (i64, i64) = store
        .conn()
        .query_row("SELECT count(*), sum(words) FROM segments", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let done: (i64, i64) = out.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    out.insert(Status::Untranslated, (n - done.0, w - done.1));
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
        let p = report::progress(store.conn(), Some(&doc), None, GroupBy::Lang).unwrap();
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
            let q = report::progress(store.conn(), None, None, by).unwrap();
            let sum: i64 = q.groups.iter().map(|r| r.words).sum();
            prop_assert_eq!(sum, p.total.words);
            prop_assert_eq!(&q.total.words_by_status, &p.total.words_by_status);
        }
        let day = report::progress(store.conn(), None, None, GroupBy::Day).unwrap();
        if let Some(last) = day.groups.last() {
            prop_assert_eq!(&last.words_by_status, &p.total.words_by_status);
        }
        // The log replayed from empty gives the current statuses (and the model's).
        prop_assert!(review::verify_log(store.conn()).unwrap().is_empty());
        let replayed = review::replay(store.conn()).unwrap();
        for ((pos, lang), (status, text)) in &model {
            prop_assert_eq!(replayed.get(&(segs[*pos].id, lang.code().to_string())), Some(status));
            let t = translations::current(store.conn(), segs[*pos].id, *lang).unwrap().unwrap();
            prop_assert_eq!(&t.text, text);
        }
        prop_assert_eq!(replayed.len(), model.len());
    }
}
