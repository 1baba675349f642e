//! Unit tests of the review operations on an in-memory database.

use super::*;
use crate::segment::Sentence;
use crate::store::Store;

fn store_with_doc(n: usize) -> (Store, Document, Vec<Segment>) {
    let mut store = Store::in_memory().unwrap();
    let tx = store.write().unwrap();
    let sentences: Vec<Sentence> = (0..n)
        .map(|i| Sentence {
            paragraph: 1,
            text: format!("Бұл {} сөйлем.", i + 1),
        })
        .collect();
    let text: String = sentences.iter().map(|s| s.text.clone() + " ").collect();
    let rep =
        documents::import_document(&tx, "d", "d.txt", Lang::Kk, &text, &sentences, false).unwrap();
    tx.commit().unwrap();
    let segs = documents::segments(store.conn(), rep.document.id).unwrap();
    (store, rep.document, segs)
}

fn save(store: &mut Store, seg: &Segment, text: &str, status: Status, user: &str) {
    let tx = store.write().unwrap();
    translations::write(
        &tx,
        &Write {
            segment_id: seg.id,
            lang: Lang::En,
            text,
            status,
            user,
            origin: "typed",
            origin_score: None,
            origin_unit: None,
            expected_version: None,
            comment: None,
        },
    )
    .unwrap();
    tx.commit().unwrap();
}

fn status(store: &Store, seg: &Segment) -> Status {
    translations::current(store.conn(), seg.id, Lang::En)
        .unwrap()
        .map_or(Status::Untranslated, |t| t.status)
}

#[test]
fn approve_keeps_text_and_logs_a_status_event_by_the_reviewer() {
    let (mut store, _, segs) = store_with_doc(1);
    save(
        &mut store,
        &segs[0],
        "This is 1 sentence.",
        Status::Translated,
        "aigerim",
    );
    let tx = store.write().unwrap();
    let t = approve(&tx, &segs[0], Lang::En, "bolat", None).unwrap();
    tx.commit().unwrap();
    assert_eq!(t.text, "This is 1 sentence.");
    assert_eq!(t.status, Status::Approved);
    let ev = translations::events(store.conn(), segs[0].id, Lang::En).unwrap();
    let last = ev.last().unwrap();
    assert_eq!(
        (last.actor.as_str(), last.kind.as_str()),
        ("bolat", "status")
    );
    assert_eq!(last.from_status.as_deref(), Some("translated"));
    assert_eq!(last.to_status.as_deref(), Some("approved"));
    assert_eq!(
        translations::history(store.conn(), segs[0].id, Lang::En)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn forbidden_moves_are_refused_with_a_message() {
    let (mut store, _, segs) = store_with_doc(2);
    save(&mut store, &segs[0], "Draft.", Status::Draft, "aigerim");
    let tx = store.write().unwrap();
    let err = approve(&tx, &segs[0], Lang::En, "bolat", None).unwrap_err();
    assert!(err.to_string().contains("only translated"), "{err}");
    let err = approve(&tx, &segs[1], Lang::En, "bolat", None).unwrap_err();
    assert!(err.to_string().contains("no translation"), "{err}");
    assert_eq!(err.exit_code(), 5);
}

#[test]
fn reject_needs_a_comment_and_the_translator_can_read_it() {
    let (mut store, _, segs) = store_with_doc(1);
    save(&mut store, &segs[0], "Bad.", Status::Translated, "aigerim");
    let tx = store.write().unwrap();
    assert!(reject(&tx, &segs[0], Lang::En, "bolat", "  ", None).is_err());
    reject(&tx, &segs[0], Lang::En, "bolat", "wrong tense", None).unwrap();
    tx.commit().unwrap();
    let (actor, _, comment) = last_rejection(store.conn(), segs[0].id, Lang::En)
        .unwrap()
        .unwrap();
    assert_eq!((actor.as_str(), comment.as_str()), ("bolat", "wrong tense"));
    // Fixed: the old complaint is no longer shown.
    save(&mut store, &segs[0], "Good.", Status::Translated, "aigerim");
    assert_eq!(
        last_rejection(store.conn(), segs[0].id, Lang::En).unwrap(),
        None
    );
}

#[test]
fn edit_and_approve_logs_the_edit_then_the_approval() {
    let (mut store, _, segs) = store_with_doc(1);
    save(&mut store, &segs[0], "Bad.", Status::Translated, "aigerim");
    let tx = store.write().unwrap();
    reject(&tx, &segs[0], Lang::En, "bolat", "typo", None).unwrap();
    let t = edit_and_approve(&tx, &segs[0], Lang::En, "bolat", "Good.", None).unwrap();
    tx.commit().unwrap();
    assert_eq!((t.text.as_str(), t.status), ("Good.", Status::Approved));
    let kinds: Vec<_> = translations::events(store.conn(), segs[0].id, Lang::En)
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.to_status.unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("edit".into(), "translated".into()),
            ("status".into(), "rejected".into()),
            ("edit".into(), "translated".into()),
            ("status".into(), "approved".into()),
        ]
    );
    assert!(verify_log(store.conn()).unwrap().is_empty());
}

#[test]
fn approve_all_takes_only_translated_and_stale_versions_conflict() {
    let (mut store, doc, segs) = store_with_doc(3);
    save(&mut store, &segs[0], "One.", Status::Translated, "a");
    save(&mut store, &segs[1], "Two.", Status::Draft, "a");
    save(&mut store, &segs[2], "Three.", Status::Translated, "a");
    let tx = store.write().unwrap();
    let done = approve_positions(&tx, &doc, Lang::En, None, "b").unwrap();
    tx.commit().unwrap();
    assert_eq!(done, [1, 3]);
    assert_eq!(status(&store, &segs[1]), Status::Draft);
    save(&mut store, &segs[1], "Two!", Status::Translated, "a");
    let tx = store.write().unwrap();
    let err = approve(&tx, &segs[1], Lang::En, "b", Some(1)).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
}

#[test]
fn positions_parse_lists_ranges_and_all() {
    assert_eq!(parse_positions("all").unwrap(), None);
    assert_eq!(parse_positions("3,1,2-4").unwrap(), Some(vec![1, 2, 3, 4]));
    for bad in ["0", "x", "3-1", ",", "-2"] {
        assert!(parse_positions(bad).is_err(), "{bad}");
    }
}

#[test]
fn replay_matches_the_table() {
    let (mut store, _, segs) = store_with_doc(2);
    save(&mut store, &segs[0], "One.", Status::Translated, "a");
    save(&mut store, &segs[1], "Two.", Status::Draft, "a");
    let tx = store.write().unwrap();
    approve(&tx, &segs[0], Lang::En, "b", None).unwrap();
    tx.commit().unwrap();
    let replayed = replay(store.conn()).unwrap();
    assert_eq!(replayed[&(segs[0].id, "en".into())], Status::Approved);
    assert_eq!(replayed[&(segs[1].id, "en".into())], Status::Draft);
    assert!(verify_log(store.conn()).unwrap().is_empty());
}
