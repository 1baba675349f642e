//! Unit tests of the progress figures and the HTML report.

use super::*;
use crate::segment::Sentence;
use crate::store::Store;
use crate::store::Write;
use crate::store::{Document, Segment};

fn setup() -> (Store, Document, Vec<Segment>) {
    let mut store = Store::in_memory().unwrap();
    let tx = store.begin().unwrap();
    let sentences: Vec<Sentence> = ["Бір екі.", "Үш төрт бес.", "Алты."]
        .iter()
        .map(|t| Sentence {
            paragraph: 1,
            text: t.to_string(),
        })
        .collect();
    let rep = tx
        .import_document(&crate::store::NewDocument {
            name: "doc",
            file_name: "doc.txt",
            lang: Lang::Kk,
            text: "x",
            sentences: &sentences,
            replace: false,
            removal_confirmed: false,
        })
        .unwrap();
    tx.commit().unwrap();
    let segs = store.segments_of(rep.document.id).unwrap();
    (store, rep.document, segs)
}

fn save(store: &mut Store, seg: &Segment, lang: Lang, status: Status, user: &str) {
    let tx = store.begin().unwrap();
    tx.save_translation(&Write {
        segment_id: seg.id,
        lang,
        text: "text",
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

#[test]
fn counts_per_document_and_language() {
    let (mut store, doc, segs) = setup();
    save(
        &mut store,
        &segs[0],
        Lang::En,
        Status::Translated,
        "aigerim",
    );
    save(&mut store, &segs[1], Lang::En, Status::Draft, "aigerim");
    let tx = store.begin().unwrap();
    crate::review::approve(&tx, &segs[0], Lang::En, "bolat", None).unwrap();
    tx.commit().unwrap();
    let p = progress(&store, Some(&doc), None, GroupBy::Doc).unwrap();
    assert_eq!(p.groups.len(), 2);
    let en = &p.groups[0];
    assert_eq!((en.group.as_str(), en.segments, en.words), ("doc/en", 3, 6));
    assert_eq!(en.words_by_status[&Status::Approved], 2);
    assert_eq!(en.words_by_status[&Status::Draft], 3);
    assert_eq!(en.segments_by_status[&Status::Untranslated], 1);
    assert_eq!(en.approved_percent, 33.3);
    assert_eq!(en.translated_percent, 33.3);
    assert_eq!(p.groups[1].segments_by_status[&Status::Untranslated], 3);
    assert_eq!(p.total.segments, 6);
}

#[test]
fn people_rows_cover_every_unit_and_log_activity() {
    let (mut store, _, segs) = setup();
    save(
        &mut store,
        &segs[0],
        Lang::En,
        Status::Translated,
        "aigerim",
    );
    save(&mut store, &segs[1], Lang::En, Status::Translated, "dana");
    let tx = store.begin().unwrap();
    crate::review::reject(&tx, &segs[1], Lang::En, "bolat", "no", None).unwrap();
    tx.commit().unwrap();
    let p = progress(&store, None, Some(Lang::En), GroupBy::Translator).unwrap();
    let names: Vec<_> = p.groups.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(names, ["aigerim", "dana", "(untranslated)"]);
    assert_eq!(p.groups.iter().map(|r| r.segments).sum::<i64>(), 3);
    assert_eq!(p.groups[1].activity.as_ref().unwrap().translated_words, 3);
    let p = progress(&store, None, Some(Lang::En), GroupBy::Reviewer).unwrap();
    let bolat = &p.groups[0];
    assert_eq!(bolat.group, "bolat");
    assert_eq!(bolat.activity.as_ref().unwrap().rejected_words, 3);
    assert_eq!(bolat.segments_by_status[&Status::Rejected], 1);
}

#[test]
fn day_rows_end_at_the_current_state() {
    let (mut store, _, segs) = setup();
    save(
        &mut store,
        &segs[0],
        Lang::En,
        Status::Translated,
        "aigerim",
    );
    // An older event, as if logged two days ago.
    store
        .backdate_events("2026-01-01T10:00:00Z", false)
        .unwrap();
    save(
        &mut store,
        &segs[2],
        Lang::En,
        Status::Translated,
        "aigerim",
    );
    store.backdate_events("2026-01-03T09:00:00Z", true).unwrap();
    let p = progress(&store, None, Some(Lang::En), GroupBy::Day).unwrap();
    let days: Vec<_> = p.groups.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(days, ["2026-01-01", "2026-01-02", "2026-01-03"]);
    assert_eq!(p.groups[0].words_by_status[&Status::Translated], 2);
    assert_eq!(p.groups[1].activity.as_ref().unwrap().translated_words, 0);
    let last = p.groups.last().unwrap();
    assert_eq!(last.words_by_status, p.total.words_by_status);
}

#[test]
fn report_is_self_contained_and_escapes_text() {
    let (mut store, _, segs) = setup();
    save(
        &mut store,
        &segs[0],
        Lang::En,
        Status::Translated,
        "<script>",
    );
    let tx = store.begin().unwrap();
    crate::review::reject(&tx, &segs[0], Lang::En, "bolat", "a < b & \"c\"", None).unwrap();
    tx.commit().unwrap();
    let html = html::render(&html::gather(&store, None, None).unwrap());
    assert!(!html.contains("<script"), "no scripts");
    for external in ["src=", "href=", "@import", "url(", "@font-face"] {
        assert!(!html.contains(external), "external resource: {external}");
    }
    assert!(html.contains("a &lt; b &amp; &quot;c&quot;"));
    assert!(html.contains(r#"<table id="open-comments">"#));
}

#[test]
fn headline_figures_group_thousands() {
    assert_eq!(html::thousands(461008), "461\u{202f}008");
    assert_eq!(html::thousands(999), "999");
    assert_eq!(html::thousands(-1000), "-1\u{202f}000");
}

/// Activity figures worked out by hand: segment words are 2 ("Бір екі."),
/// 3 ("Үш төрт бес.") and 1 ("Алты.").
#[test]
fn activity_counts_edits_approvals_rejections_and_sums_them() {
    let (mut store, _, segs) = setup();
    save(
        &mut store,
        &segs[0],
        Lang::En,
        Status::Translated,
        "aigerim",
    );
    save(&mut store, &segs[1], Lang::En, Status::Draft, "aigerim");
    save(&mut store, &segs[2], Lang::En, Status::Translated, "dana");
    let tx = store.begin().unwrap();
    crate::review::approve(&tx, &segs[0], Lang::En, "bolat", None).unwrap();
    crate::review::reject(&tx, &segs[2], Lang::En, "bolat", "no", None).unwrap();
    tx.commit().unwrap();
    let p = progress(&store, None, Some(Lang::En), GroupBy::Translator).unwrap();
    let aigerim = p.groups.iter().find(|r| r.group == "aigerim").unwrap();
    let a = aigerim.activity.as_ref().unwrap();
    // Two text saves; only segment 1 (2 words) moved into translated.
    assert_eq!((a.edits, a.translated_words), (2, 2), "{a:?}");
    assert_eq!(
        aigerim.segments, 2,
        "a draft-only save still counts the segment"
    );
    let p = progress(&store, None, Some(Lang::En), GroupBy::Reviewer).unwrap();
    let b = p.groups.iter().find(|r| r.group == "bolat").unwrap();
    let b = b.activity.as_ref().unwrap();
    assert_eq!(
        (
            b.approvals,
            b.approved_words,
            b.rejections,
            b.rejected_words,
            b.edits
        ),
        (1, 2, 1, 1, 0),
        "{b:?}"
    );
    let total = p.total.activity.as_ref().unwrap();
    let sum = |f: fn(&Activity) -> i64| -> i64 {
        p.groups
            .iter()
            .filter_map(|r| r.activity.as_ref())
            .map(f)
            .sum()
    };
    assert_eq!(total.approvals, sum(|a| a.approvals));
    assert_eq!(total.rejected_words, sum(|a| a.rejected_words));
    assert_eq!(total.edits, sum(|a| a.edits));
    assert_eq!(total.translated_words, sum(|a| a.translated_words));
}

fn day(d: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
}

fn forecast_on(store: &Store, today: &str) -> Vec<Forecast> {
    store
        .read(|r| count_progress(r, None, None, GroupBy::Doc, day(today)))
        .unwrap()
        .forecast
}

/// Worked by hand on the 6-word document (2, 3 and 1 words).
#[test]
fn forecast_divides_what_is_left_by_the_net_pace_of_the_window() {
    let (mut store, _, segs) = setup();
    save(
        &mut store,
        &segs[0],
        Lang::En,
        Status::Translated,
        "aigerim",
    );
    store
        .backdate_events("2026-01-01T10:00:00Z", false)
        .unwrap();
    save(
        &mut store,
        &segs[1],
        Lang::En,
        Status::Translated,
        "aigerim",
    );
    store.backdate_events("2026-01-03T10:00:00Z", true).unwrap();
    // A log four days old is measured from its first day: 5 words in 4 days,
    // 1 word left: 1 / 1.25 = 0.8, so tomorrow.
    let f = forecast_on(&store, "2026-01-04");
    let (en, ru) = (&f[0], &f[1]);
    assert_eq!((en.lang.as_str(), ru.lang.as_str()), ("en", "ru"));
    assert_eq!(
        (en.pace_from.as_deref(), en.pace_days),
        (Some("2026-01-01"), 4)
    );
    assert_eq!(en.translation.remaining_words, 1);
    assert_eq!(en.translation.words_per_day, 1.25);
    assert_eq!(en.translation.finish.as_deref(), Some("2026-01-05"));
    assert_eq!(
        (en.approval.remaining_words, en.approval.finish.as_deref()),
        (6, None)
    );
    assert_eq!((ru.pace_days, ru.pace_from.as_deref()), (0, None));
    assert_eq!(
        (
            ru.translation.words_per_day,
            ru.translation.finish.as_deref()
        ),
        (0.0, None)
    );
    // A month later the window (7 days) saw nothing: no date.
    let later = &forecast_on(&store, "2026-02-01")[0];
    assert_eq!(
        (later.pace_days, later.pace_from.as_deref()),
        (7, Some("2026-01-26"))
    );
    assert_eq!(
        (
            later.translation.words_per_day,
            later.translation.finish.as_deref()
        ),
        (0.0, None)
    );
    // A rejection sends 3 words back: net 2 in 4 days, 4 left: 8 days.
    let tx = store.begin().unwrap();
    crate::review::reject(&tx, &segs[1], Lang::En, "bolat", "no", None).unwrap();
    tx.commit().unwrap();
    store.backdate_events("2026-01-04T10:00:00Z", true).unwrap();
    let en = &forecast_on(&store, "2026-01-04")[0];
    assert_eq!(
        (en.translation.remaining_words, en.translation.words_per_day),
        (4, 0.5)
    );
    assert_eq!(en.translation.finish.as_deref(), Some("2026-01-12"));
    // Nothing left: no date, done.
    for s in [&segs[1], &segs[2]] {
        save(&mut store, s, Lang::En, Status::Translated, "aigerim");
    }
    let en = &forecast_on(&store, "2026-01-04")[0];
    assert_eq!(
        (
            en.translation.remaining_words,
            en.translation.finish.as_deref()
        ),
        (0, None)
    );
}

#[test]
fn person_rows_hold_every_event_of_each_person() {
    let (mut store, _, segs) = setup();
    save(
        &mut store,
        &segs[0],
        Lang::En,
        Status::Translated,
        "aigerim",
    );
    let tx = store.begin().unwrap();
    crate::review::approve(&tx, &segs[0], Lang::En, "bolat", None).unwrap();
    tx.commit().unwrap();
    let p = progress(&store, None, None, GroupBy::Person).unwrap();
    let names: Vec<_> = p.groups.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(names, ["aigerim", "bolat"], "no row for nobody");
    // Both worked on the one segment; the total still counts every unit.
    assert_eq!((p.groups[0].segments, p.groups[1].segments), (1, 1));
    assert_eq!(
        (p.total.segments, p.source_segments, p.source_words),
        (6, 3, 6)
    );
    let b = p.groups[1].activity.as_ref().unwrap();
    assert_eq!((b.approvals, b.approved_words, b.edits), (1, 2, 0));
}

#[test]
fn two_days_of_history_say_why_there_is_no_burn_down() {
    let (mut store, _, segs) = setup();
    save(
        &mut store,
        &segs[0],
        Lang::En,
        Status::Translated,
        "aigerim",
    );
    store
        .backdate_events("2026-01-01T10:00:00Z", false)
        .unwrap();
    save(
        &mut store,
        &segs[1],
        Lang::En,
        Status::Translated,
        "aigerim",
    );
    store.backdate_events("2026-01-02T10:00:00Z", true).unwrap();
    let html = html::render(&html::gather(&store, None, None).unwrap());
    assert!(html.contains("the log covers 2 days (2026-01-01 to 2026-01-02)"));
    assert!(!html.contains("<polyline"), "no line of two points");
}
