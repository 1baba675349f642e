//! Unit tests of the review operations on an in-memory database.

use super::*;
use crate::segment::Sentence;
use crate::store::Store;

fn store_with_doc(n: usize) -> (Store, Document, Vec<Segment>) {
    let mut store = Store::in_memory().unwrap();
    let tx = store.begin().unwrap();
    let sentences: Vec<Sentence> = (0..n)
        .map(|i| Sentence {
            paragraph: 1,
            text: format!("Бұл {} сөйлем.", i + 1),
        })
        .collect();
    let text: String = sentences.iter().map(|s| s.text.clone() + " ").collect();
    let rep = tx
        .import_document(&crate::store::NewDocument {
            name: "d",
            file_name: "d.txt",
            lang: Lang::Kk,
            text: &text,
            sentences: &sentences,
            replace: false,
            removal_confirmed: false,
        })
        .unwrap();
    tx.commit().unwrap();
    let segs = store.segments_of(rep.document.id).unwrap();
    (store, rep.document, segs)
}

fn save(store: &mut Store, seg: &Segment, text: &str, status: Status, user: &str) {
    let tx = store.begin().unwrap();
    tx.save_translation(&Write {
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
    })
    .unwrap();
    tx.commit().unwrap();
}

fn status(store: &Store, seg: &Segment) -> Status {
    store
        .current_translation(seg.id, Lang::En)
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
    let tx = store.begin().unwrap();
    let t = approve(&tx, &segs[0], Lang::En, "bolat", None).unwrap();
    tx.commit().unwrap();
    assert_eq!(t.text, "This is 1 sentence.");
    assert_eq!(t.status, Status::Approved);
    let ev = store.events(segs[0].id, Lang::En).unwrap();
    let last = ev.last().unwrap();
    assert_eq!(
        (last.actor.as_str(), last.kind.as_str()),
        ("bolat", "status")
    );
    assert_eq!(last.from_status.as_deref(), Some("translated"));
    assert_eq!(last.to_status.as_deref(), Some("approved"));
    assert_eq!(store.history(segs[0].id, Lang::En).unwrap().len(), 1);
}

#[test]
fn forbidden_moves_are_refused_with_a_message() {
    let (mut store, _, segs) = store_with_doc(2);
    save(&mut store, &segs[0], "Draft.", Status::Draft, "aigerim");
    let tx = store.begin().unwrap();
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
    let tx = store.begin().unwrap();
    assert!(reject(&tx, &segs[0], Lang::En, "bolat", "  ", None).is_err());
    reject(&tx, &segs[0], Lang::En, "bolat", "wrong tense", None).unwrap();
    tx.commit().unwrap();
    let r = last_rejection(&store, segs[0].id, Lang::En)
        .unwrap()
        .unwrap();
    assert_eq!(
        (r.actor.as_str(), r.comment.as_str()),
        ("bolat", "wrong tense")
    );
    // Fixed: the old complaint is no longer shown.
    save(&mut store, &segs[0], "Good.", Status::Translated, "aigerim");
    assert_eq!(last_rejection(&store, segs[0].id, Lang::En).unwrap(), None);
}

#[test]
fn edit_and_approve_logs_the_edit_then_the_approval() {
    let (mut store, _, segs) = store_with_doc(1);
    save(&mut store, &segs[0], "Bad.", Status::Translated, "aigerim");
    let tx = store.begin().unwrap();
    reject(&tx, &segs[0], Lang::En, "bolat", "typo", None).unwrap();
    let t = edit_and_approve(&tx, &segs[0], Lang::En, "bolat", "Good.", None).unwrap();
    tx.commit().unwrap();
    assert_eq!((t.text.as_str(), t.status), ("Good.", Status::Approved));
    let kinds: Vec<_> = store
        .events(segs[0].id, Lang::En)
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
    assert!(verify_log(&store).unwrap().is_empty());
}

#[test]
fn approve_all_takes_only_translated_and_stale_versions_conflict() {
    let (mut store, doc, segs) = store_with_doc(3);
    save(&mut store, &segs[0], "One.", Status::Translated, "a");
    save(&mut store, &segs[1], "Two.", Status::Draft, "a");
    save(&mut store, &segs[2], "Three.", Status::Translated, "a");
    let tx = store.begin().unwrap();
    let done = approve_positions(&tx, &doc, Lang::En, None, "b").unwrap();
    tx.commit().unwrap();
    assert_eq!(done.approved, [1, 3]);
    assert!(done.skipped.is_empty() && done.refused.is_empty());
    assert_eq!(status(&store, &segs[1]), Status::Draft);
    save(&mut store, &segs[1], "Two!", Status::Translated, "a");
    let tx = store.begin().unwrap();
    let err = approve(&tx, &segs[1], Lang::En, "b", Some(1)).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
}

#[test]
fn a_range_skips_the_approved_refuses_the_untranslated_and_approves_the_rest() {
    let (mut store, doc, segs) = store_with_doc(5);
    save(&mut store, &segs[0], "One.", Status::Translated, "a");
    save(&mut store, &segs[1], "Two.", Status::Translated, "a");
    save(&mut store, &segs[3], "Four.", Status::Draft, "a");
    save(&mut store, &segs[4], "Five.", Status::Translated, "a");
    let tx = store.begin().unwrap();
    approve(&tx, &segs[1], Lang::En, "b", None).unwrap();
    let done = approve_positions(&tx, &doc, Lang::En, Some(&[1, 2, 3, 4, 5]), "b").unwrap();
    tx.commit().unwrap();
    assert_eq!(done.approved, [1, 5]);
    assert_eq!(done.skipped, [2]);
    let refused: Vec<_> = done
        .refused
        .iter()
        .map(|r| (r.position, r.status))
        .collect();
    assert_eq!(refused, [(3, Status::Untranslated), (4, Status::Draft)]);
    assert!(
        done.refused[0].reason.contains("no translation"),
        "{:?}",
        done.refused
    );
    assert_eq!(status(&store, &segs[4]), Status::Approved);
    assert_eq!(status(&store, &segs[3]), Status::Draft);
    assert!(verify_log(&store).unwrap().is_empty());
}

#[test]
fn the_queue_carries_the_comments_made_since_the_last_edit() {
    let (mut store, doc, segs) = store_with_doc(1);
    let note = |store: &mut Store, who: &str, text: &str| {
        let tx = store.begin().unwrap();
        tx.log_event(&crate::store::NewEvent {
            segment_id: segs[0].id,
            lang: Lang::En,
            actor: who,
            kind: "comment",
            from: None,
            to: None,
            comment: Some(text),
        })
        .unwrap();
        tx.commit().unwrap();
    };
    let open = |store: &Store| -> Vec<(String, String, String)> {
        let items = session::queue(store, &doc, Lang::En, session::Only::All, None).unwrap();
        items[0]
            .comments
            .iter()
            .map(|c| (c.kind.clone(), c.by.clone(), c.comment.clone()))
            .collect()
    };
    note(&mut store, "aigerim", "unsure of the date");
    save(&mut store, &segs[0], "One.", Status::Translated, "aigerim");
    assert!(open(&store).is_empty(), "the edit answered the note");
    note(&mut store, "aigerim", "check the name");
    let tx = store.begin().unwrap();
    reject(&tx, &segs[0], Lang::En, "bolat", " wrong tense ", None).unwrap();
    tx.commit().unwrap();
    let pair = |k: &str, a: &str, t: &str| (k.to_string(), a.to_string(), t.to_string());
    assert_eq!(
        open(&store),
        [
            pair("comment", "aigerim", "check the name"),
            pair("rejection", "bolat", "wrong tense")
        ]
    );
    save(&mut store, &segs[0], "One!", Status::Translated, "aigerim");
    assert!(open(&store).is_empty(), "the fix answered both");
}

#[test]
fn positions_parse_lists_ranges_and_all() {
    assert_eq!(parse_positions("all").unwrap(), None);
    assert_eq!(parse_positions("3,1,2-4").unwrap(), Some(vec![1, 2, 3, 4]));
    for bad in [
        "0",
        "x",
        "3-1",
        ",",
        "-2",
        "0-3",
        "1-1000002",
        "1,5-3",
        "1000-2000000",
    ] {
        assert!(parse_positions(bad).is_err(), "{bad}");
    }
    // A one-position range, and the largest range allowed (a million and one).
    assert_eq!(parse_positions("2-2").unwrap(), Some(vec![2]));
    assert_eq!(
        parse_positions("1-1000001").unwrap().map(|v| v.len()),
        Some(1_000_001)
    );
}

#[test]
fn refusals_say_why_in_words() {
    let msg = |from, to| refusal(7, from, to).to_string();
    assert!(msg(Status::Approved, Status::Approved).contains("already approved"));
    assert!(msg(Status::Rejected, Status::Rejected).contains("already rejected"));
    assert!(msg(Status::Untranslated, Status::Approved).contains("no translation yet"));
    assert!(msg(Status::Draft, Status::Approved).contains("only translated segments"));
    assert!(msg(Status::Approved, Status::Draft).contains("approved → draft"));
    assert!(msg(Status::Draft, Status::Approved).starts_with("segment 7 cannot be approved"));
}

#[test]
fn replay_matches_the_table() {
    let (mut store, _, segs) = store_with_doc(2);
    save(&mut store, &segs[0], "One.", Status::Translated, "a");
    save(&mut store, &segs[1], "Two.", Status::Draft, "a");
    let tx = store.begin().unwrap();
    approve(&tx, &segs[0], Lang::En, "b", None).unwrap();
    tx.commit().unwrap();
    let replayed = replay(&store).unwrap();
    assert_eq!(replayed[&(segs[0].id, "en".into())], Status::Approved);
    assert_eq!(replayed[&(segs[1].id, "en".into())], Status::Draft);
    assert!(verify_log(&store).unwrap().is_empty());
}

#[test]
fn queue_shows_origin_translator_and_memory_diff() {
    use crate::store::tm::SegmentUnit;
    let (mut store, doc, segs) = store_with_doc(3);
    let tx = store.begin().unwrap();
    let unit = tx
        .upsert_segment_unit(&SegmentUnit {
            segment_id: segs[1].id,
            source_lang: "kk",
            source: &segs[1].source,
            target_lang: Lang::En,
            target: "This is sentence 2.",
            origin: "typed",
            status: "translated",
            user: "aigerim",
            previous_unit: None,
        })
        .unwrap();
    tx.save_translation(&Write {
        segment_id: segs[0].id,
        lang: Lang::En,
        text: "This is sentence 1.",
        status: Status::Translated,
        user: "dana",
        origin: "match",
        origin_score: Some(87.0),
        origin_unit: Some(unit),
        expected_version: Some(0),
        comment: None,
    })
    .unwrap();
    tx.commit().unwrap();
    save(&mut store, &segs[2], "Three.", Status::Draft, "aigerim");
    let items = session::queue(&store, &doc, Lang::En, session::Only::Translated, None).unwrap();
    assert_eq!(items.len(), 1, "drafts are not for review");
    let item = &items[0];
    assert_eq!(
        (item.translator.as_str(), item.how.as_str()),
        ("dana", "from a 87% match")
    );
    let memory = item.memory.as_ref().unwrap();
    assert_eq!(memory.target, "This is sentence 2.");
    let changed: Vec<(&str, &str)> = memory
        .diff
        .iter()
        .filter(|d| d.op != "equal")
        .map(|d| (d.op.as_str(), d.text.trim()))
        .collect();
    assert_eq!(changed, [("delete", "2"), ("insert", "1")]);
    // The author of the last edit stays the translator after a reviewer's approval.
    let tx = store.begin().unwrap();
    approve(&tx, &segs[0], Lang::En, "bolat", None).unwrap();
    tx.commit().unwrap();
    let all = session::queue(&store, &doc, Lang::En, session::Only::All, Some("dana")).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].translation.status, Status::Approved);
}

#[test]
fn session_conflict_reloads_the_changed_translation() {
    let (mut store, doc, segs) = store_with_doc(1);
    save(&mut store, &segs[0], "Old.", Status::Translated, "aigerim");
    let items = session::queue(&store, &doc, Lang::En, session::Only::Translated, None).unwrap();
    let mut s = session::Session::new(items, Lang::En, "bolat");
    // The translator saves again after the reviewer loaded the queue.
    save(&mut store, &segs[0], "New.", Status::Translated, "aigerim");
    let err = s.apply(&mut store, session::Command::Approve).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
    assert_eq!(s.current().unwrap().translation.text, "New.");
    assert_eq!(
        s.apply(&mut store, session::Command::Approve).unwrap(),
        session::Step::Changed {
            position: 1,
            status: Status::Approved
        }
    );
    assert!(s.finished());
}

#[test]
fn the_memory_unit_follows_the_review() {
    let (mut store, _, segs) = store_with_doc(1);
    save(
        &mut store,
        &segs[0],
        "Draft text.",
        Status::Translated,
        "aigerim",
    );
    let tx = store.begin().unwrap();
    edit_and_approve(&tx, &segs[0], Lang::En, "bolat", "Final text.", None).unwrap();
    tx.commit().unwrap();
    let unit = store.units_of_segment(segs[0].id).unwrap()[0];
    let texts = store.unit_texts(unit, Lang::En).unwrap().unwrap();
    assert_eq!(
        (texts.status.as_deref(), texts.target.as_str()),
        (Some("approved"), "Final text.")
    );
}

#[test]
fn verify_log_finds_a_lost_event() {
    let (mut store, _, segs) = store_with_doc(1);
    save(&mut store, &segs[0], "One.", Status::Translated, "a");
    let tx = store.begin().unwrap();
    approve(&tx, &segs[0], Lang::En, "b", None).unwrap();
    tx.commit().unwrap();
    store.lose_events_to(Status::Approved).unwrap();
    let found = verify_log(&store).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].replayed, found[0].current),
        (Status::Translated, Status::Approved)
    );
}
