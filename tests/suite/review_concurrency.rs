//! Concurrency: a translator (the real `audarma set`, in a loop) and a reviewer
//! (the real `audarma approve` / `reject`, in a loop) work on the same document
//! at the same time, each command its own process, while an observer reads
//! `progress --json`. No event is lost and every count the observer sees is
//! consistent.
// Looks at the database file as another program would (a raw connection).
#![allow(clippy::disallowed_types)]

use crate::review_support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;

use audarma::store::Store;
use review_support::Fixture;

const BUSY_MS: &str = "30000";

/// The translator: `set` segments 1..5 in turn with a new text each time until
/// told to stop (and at least 40 times). Returns the events its saves logged.
fn translator(db: std::path::PathBuf, stop: Arc<AtomicBool>) -> i64 {
    let mut events = 0;
    let mut round = 0;
    while !stop.load(Ordering::SeqCst) || round < 40 {
        let pos = (round % 5 + 1).to_string();
        let text = format!("Sentence {pos}, version {round}.");
        let out = assert_cmd::Command::cargo_bin("audarma")
            .unwrap()
            .arg("--db")
            .arg(&db)
            .args([
                "set",
                "doc",
                &pos,
                "--to",
                "en",
                "--text",
                &text,
                "--user",
                "translator",
                "--json",
            ])
            .env("AUDARMA_BUSY_TIMEOUT_MS", BUSY_MS)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "set: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["changed"], true);
        events += 1 + v["propagated"].as_array().map_or(0, |p| p.len() as i64);
        round += 1;
    }
    events
}

fn observe(f: &Fixture) {
    let out = f
        .cmd(&["progress", "--by", "day", "--to", "en", "--json"])
        .env("AUDARMA_BUSY_TIMEOUT_MS", BUSY_MS)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let total = &p["total"];
    assert_eq!(total["segments"], 5);
    let by_status: i64 = total["segments_by_status"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_i64().unwrap())
        .sum();
    assert_eq!(by_status, 5, "{total}");
    // The event log replayed to the end of the last day equals the current table.
    if let Some(last) = p["groups"].as_array().unwrap().last() {
        assert_eq!(
            last["segments_by_status"], total["segments_by_status"],
            "{p}"
        );
    }
}

#[test]
fn translator_and_reviewer_lose_no_event() {
    let f = Fixture::new();
    let stop = Arc::new(AtomicBool::new(false));
    let translating = {
        let (db, stop) = (f.db.clone(), stop.clone());
        thread::spawn(move || translator(db, stop))
    };
    let (mut approvals, mut rejections) = (0i64, 0i64);
    for round in 0..30 {
        let out = f
            .cmd(&[
                "approve", "doc", "all", "--to", "en", "--yes", "--json", "--user", "reviewer",
            ])
            .env("AUDARMA_BUSY_TIMEOUT_MS", BUSY_MS)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        approvals += v["count"].as_i64().unwrap();
        if round % 3 == 0 {
            let pos = (round / 3 % 5 + 1).to_string();
            let out = f
                .cmd(&[
                    "reject",
                    "doc",
                    &pos,
                    "--to",
                    "en",
                    "--comment",
                    "again",
                    "--user",
                    "reviewer",
                ])
                .env("AUDARMA_BUSY_TIMEOUT_MS", BUSY_MS)
                .output()
                .unwrap();
            // Refused (5) when the segment was not translated at that moment; nothing else.
            match out.status.code() {
                Some(0) => rejections += 1,
                Some(5) => {}
                other => panic!("reject: {other:?} {}", String::from_utf8_lossy(&out.stderr)),
            }
        }
        observe(&f);
    }
    stop.store(true, Ordering::SeqCst);
    let translator_events = translating.join().expect("the translator thread finished");

    assert!(approvals > 0, "the reviewer approved something");
    assert_eq!(
        f.event_count(),
        translator_events + approvals + rejections,
        "no event lost"
    );
    let store = Store::open(&f.db).unwrap();
    let withdrawn: i64 = rusqlite::Connection::open(&f.db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM review_events WHERE from_status = 'approved' AND to_status = 'translated'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    eprintln!("translator events {translator_events}, approvals {approvals}, rejections {rejections}, approvals withdrawn by an edit {withdrawn}");
    assert!(withdrawn > 0, "the two really interleaved");
    assert!(audarma::review::verify_log(&store).unwrap().is_empty());
    observe(&f);
}
