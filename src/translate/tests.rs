//! Unit tests of saving, propagation, export and the session state machine.

use super::command::Command;
use super::export::{self, Accept, Fallback};
use super::session::{Only, Options, Outcome, Session};
use super::*;
use crate::segment::Sentence;

const TEXT: &str = "Бала кітап оқыды. Күн жылы.\nБала кітап оқыды. Ауа таза.";

fn sentences() -> Vec<Sentence> {
    [
        (1, "Бала кітап оқыды."),
        (1, "Күн жылы."),
        (2, "Бала кітап оқыды."),
        (2, "Ауа таза."),
    ]
    .iter()
    .map(|(p, t)| Sentence {
        paragraph: *p,
        text: t.to_string(),
    })
    .collect()
}

fn store() -> (Store, Document) {
    let mut store = Store::in_memory().unwrap();
    let tx = store.begin().unwrap();
    let rep = tx
        .import_document(&crate::store::NewDocument {
            name: "doc",
            file_name: "doc.txt",
            lang: Lang::Kk,
            text: TEXT,
            sentences: &sentences(),
            replace: false,
            removal_confirmed: false,
        })
        .unwrap();
    tx.commit().unwrap();
    (store, rep.document)
}

fn seg(store: &Store, doc: &Document, pos: i64) -> Segment {
    store.segment_at(doc, pos).unwrap()
}

fn save_text(
    store: &mut Store,
    doc: &Document,
    pos: i64,
    text: &str,
    status: Status,
    origin: Origin,
) -> Result<Saved> {
    let s = seg(store, doc, pos);
    save(
        store,
        &SaveRequest {
            segment: &s,
            lang: Lang::En,
            text,
            status,
            user: "aigerim",
            origin,
            expected_version: None,
        },
    )
}

fn current(store: &Store, doc: &Document, pos: i64) -> Option<Translation> {
    store
        .current_translation(seg(store, doc, pos).id, Lang::En)
        .unwrap()
}

#[test]
fn save_propagates_to_repetitions_and_enters_the_memory() {
    let (mut store, doc) = store();
    let saved = save_text(
        &mut store,
        &doc,
        1,
        "The child read a book.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    assert_eq!(saved.propagated, vec![3]);
    let rep = current(&store, &doc, 3).unwrap();
    assert_eq!(
        (rep.origin.as_str(), rep.status),
        ("propagated", Status::Translated)
    );
    let m = crate::fuzzy::suggest(&store, "Бала кітап оқыды.", Lang::En, 100.0, 5).unwrap();
    assert_eq!(m[0].target, "The child read a book.");
}

#[test]
fn a_deliberate_translation_of_a_repetition_is_kept() {
    let (mut store, doc) = store();
    save_text(
        &mut store,
        &doc,
        3,
        "A boy read a book.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    let saved = save_text(
        &mut store,
        &doc,
        1,
        "The child read a book.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    assert!(saved.propagated.is_empty());
    assert_eq!(current(&store, &doc, 3).unwrap().text, "A boy read a book.");
}

#[test]
fn drafts_do_not_propagate_and_propagated_ones_follow_a_change() {
    let (mut store, doc) = store();
    let saved = save_text(&mut store, &doc, 1, "Draft.", Status::Draft, Origin::Typed).unwrap();
    assert!(saved.propagated.is_empty());
    save_text(
        &mut store,
        &doc,
        1,
        "First.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    let saved = save_text(
        &mut store,
        &doc,
        1,
        "Second.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    assert_eq!(saved.propagated, vec![3]);
    assert_eq!(current(&store, &doc, 3).unwrap().text, "Second.");
}

#[test]
fn saving_the_same_again_writes_nothing_and_history_keeps_versions() {
    let (mut store, doc) = store();
    save_text(
        &mut store,
        &doc,
        2,
        "It is warm.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    let again = save_text(
        &mut store,
        &doc,
        2,
        "It is warm.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    assert!(!again.changed);
    save_text(
        &mut store,
        &doc,
        2,
        "The day is warm.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    let state = segment_state(&store, &doc, 2, Lang::En).unwrap();
    let v = versions(&state);
    assert_eq!(v.len(), 2);
    assert_eq!((v[0].text.as_str(), v[1].current), ("It is warm.", true));
}

#[test]
fn empty_text_stale_version_and_forbidden_moves_are_refused() {
    let (mut store, doc) = store();
    let err = save_text(&mut store, &doc, 2, "  ", Status::Translated, Origin::Typed).unwrap_err();
    assert!(err.to_string().contains("empty"), "{err}");
    save_text(
        &mut store,
        &doc,
        2,
        "Warm.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    let s = seg(&store, &doc, 2);
    let stale = SaveRequest {
        segment: &s,
        lang: Lang::En,
        text: "Mine.",
        status: Status::Translated,
        user: "dana",
        origin: Origin::Typed,
        expected_version: Some(0),
    };
    let err = save(&mut store, &stale).unwrap_err();
    assert_eq!(err.exit_code(), 5);
    assert!(err.to_string().contains("Warm.") && err.to_string().contains("Mine."));
    let err = save_text(
        &mut store,
        &doc,
        2,
        "Warm.",
        Status::Approved,
        Origin::Typed,
    )
    .unwrap_err();
    assert_eq!(err.exit_code(), 2);
}

#[test]
fn export_keeps_paragraphs_and_counts_fallbacks() {
    let (mut store, doc) = store();
    save_text(
        &mut store,
        &doc,
        1,
        "The child read a book.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    save_text(
        &mut store,
        &doc,
        2,
        "Warm day.",
        Status::Draft,
        Origin::Typed,
    )
    .unwrap();
    let out = export::export(&store, &doc, Lang::En, Accept::Translated, Fallback::Mark).unwrap();
    assert_eq!(
        out.text,
        "The child read a book. [[Күн жылы.]]\nThe child read a book. [[Ауа таза.]]\n"
    );
    assert_eq!(out.fallback_positions, vec![2, 4]);
    let out = export::export(&store, &doc, Lang::En, Accept::Approved, Fallback::Source).unwrap();
    assert_eq!(out.text, TEXT.to_string() + "\n");
    assert_eq!(out.fallback_positions.len(), 4);
}

fn options(only: Only) -> Options {
    Options {
        lang: Lang::En,
        from: None,
        only,
        user: "aigerim".into(),
        matches: 3,
        min_score: 50.0,
        include_claimed: false,
    }
}

#[test]
fn session_saves_skips_goes_back_and_ends() {
    let (mut store, doc) = store();
    let mut s = Session::start(&store, "doc", options(Only::Untranslated)).unwrap();
    assert_eq!(s.view(&store).unwrap().unwrap().position, 1);
    let out = s
        .apply(&mut store, Command::Save("The child read a book.".into()))
        .unwrap();
    assert!(matches!(out, Outcome::Saved(ref saved) if saved.propagated == vec![3]));
    assert_eq!(s.view(&store).unwrap().unwrap().position, 2);
    s.apply(&mut store, Command::Skip).unwrap();
    // 3 was filled by propagation, so the untranslated filter goes on to 4.
    assert_eq!(s.view(&store).unwrap().unwrap().position, 4);
    s.apply(&mut store, Command::Back).unwrap();
    assert_eq!(s.view(&store).unwrap().unwrap().position, 2);
    s.apply(&mut store, Command::Goto(4)).unwrap();
    let v = s.view(&store).unwrap().unwrap();
    assert_eq!((v.position, v.progress.segments_done), (4, 2));
    s.apply(&mut store, Command::Draft(Some("Clean air.".into())))
        .unwrap();
    assert!(s.view(&store).unwrap().is_none());
    assert_eq!(s.stats().saved, 2);
    assert_eq!(current(&store, &doc, 4).unwrap().status, Status::Draft);
}

#[test]
fn session_takes_a_match_with_its_score_and_refuses_a_stale_save() {
    let (mut store, doc) = store();
    save_text(
        &mut store,
        &doc,
        1,
        "The child read a book.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    let mut s = Session::start(&store, "doc", options(Only::All)).unwrap();
    s.view(&store).unwrap();
    s.apply(&mut store, Command::Goto(3)).unwrap();
    let v = s.view(&store).unwrap().unwrap();
    assert_eq!(v.current.as_ref().unwrap().origin, "propagated");
    // Position 3's own unit does not exist (propagation adds none), position 1's does.
    assert!(!v.matches.is_empty());
    let Outcome::Offer(text) = s.apply(&mut store, Command::TakeMatch(1)).unwrap() else {
        panic!("expected an offer");
    };
    save_text(
        &mut store,
        &doc,
        3,
        "Someone else's.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    let err = s
        .apply(&mut store, Command::Save(text.clone()))
        .unwrap_err();
    assert_eq!(err.exit_code(), 5);
    s.view(&store).unwrap();
    s.apply(&mut store, Command::TakeMatch(1)).unwrap();
    let Outcome::Saved(saved) = s
        .apply(&mut store, Command::Save(format!("{text} Edited.")))
        .unwrap()
    else {
        panic!("expected a save");
    };
    // Most of the match kept: an edited match, with the match's score.
    assert_eq!(saved.translation.origin, "match-edited");
    assert_eq!(saved.translation.origin_score, Some(100.0));
}

#[test]
fn confirming_a_pretranslated_draft_keeps_its_origin() {
    let (mut store, doc) = store();
    let pre = Origin::Pretranslated {
        score: Some(92.0),
        unit_id: None,
    };
    save_text(&mut store, &doc, 2, "It is warm.", Status::Draft, pre).unwrap();
    let saved = save_text(
        &mut store,
        &doc,
        2,
        "It is warm.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    assert_eq!(saved.translation.origin, "pretranslated");
    assert_eq!(saved.translation.origin_score, Some(92.0));
    let edited = save_text(
        &mut store,
        &doc,
        2,
        "The day is warm.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    assert_eq!(edited.translation.origin, "typed");
}

#[test]
fn the_final_text_decides_the_origin_of_a_taken_match() {
    let (mut store, doc) = store();
    let first = save_text(
        &mut store,
        &doc,
        2,
        "It was warm and sunny today.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    let unit_id = first.unit_id.unwrap();
    let from_match = Origin::Match {
        score: 51.0,
        unit_id,
    };
    let origin_of = |store: &mut Store, pos: i64, text: &str| {
        save_text(store, &doc, pos, text, Status::Translated, from_match)
            .unwrap()
            .translation
    };
    // Taken as it is: a match.
    assert_eq!(
        origin_of(&mut store, 4, "It was warm and sunny today.").origin,
        "match"
    );
    // Four of six words kept: an edited match, with the match's score.
    let edited = origin_of(&mut store, 4, "It was cold and sunny yesterday.");
    assert_eq!(
        (edited.origin.as_str(), edited.origin_score),
        ("match-edited", Some(51.0))
    );
    // Retyped completely: typed, whatever the session started from.
    let retyped = origin_of(&mut store, 4, "The air is clean.");
    assert_eq!(
        (retyped.origin.as_str(), retyped.origin_score),
        ("typed", None)
    );
    assert!((words_kept("a b c d", "a b x y") - 0.5).abs() < 1e-9);
    assert!((words_kept("", "") - 1.0).abs() < 1e-9);
}

#[test]
fn a_segment_shown_is_shown_again_after_a_conflict_even_if_someone_else_claimed_it() {
    let (mut store, doc) = store();
    let mut s = Session::start(&store, "doc", options(Only::Untranslated)).unwrap();
    assert_eq!(s.show(&mut store).unwrap().unwrap().position, 1);
    // Our claim ran out; Dana claimed the segment and saved it.
    let first = seg(&store, &doc, 1);
    store
        .write(|w| {
            w.release_claim(first.id, Lang::En, "aigerim")?;
            w.claim_segment(first.id, Lang::En, "dana", super::claims::TTL)
        })
        .unwrap();
    save_text(
        &mut store,
        &doc,
        1,
        "Dana's.",
        Status::Translated,
        Origin::Typed,
    )
    .unwrap();
    let err = s
        .apply(&mut store, Command::Save("Mine.".into()))
        .unwrap_err();
    assert_eq!(err.exit_code(), 5);
    // Shown again, marked as hers, not passed over for the next segment.
    let v = s.show(&mut store).unwrap().unwrap();
    assert_eq!(v.position, 1);
    assert_eq!(v.claimed_by.unwrap().claimed_by, "dana");
    // Moving on passes over what others hold: segment 2 is Dana's too.
    let second = seg(&store, &doc, 2);
    store
        .write(|w| w.claim_segment(second.id, Lang::En, "dana", super::claims::TTL))
        .unwrap();
    s.apply(&mut store, Command::Skip).unwrap();
    let v = s.show(&mut store).unwrap().unwrap();
    assert_eq!(v.position, 4);
    assert_eq!(v.passed.iter().map(|p| p.position).collect::<Vec<_>>(), [2]);
}
