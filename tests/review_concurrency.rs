//! Concurrency: a translator process saving in a loop and a reviewer running
//! the real `audarma approve` / `reject` binary in a loop on the same database,
//! with an observer reading `progress --json` meanwhile. No event is lost and
//! every count the observer sees is consistent.
//!
//! The translator is this test binary re-run as a child process (the ignored
//! test `translator_process`), saving through `store::translations::write` as
//! the translation session does.

mod review_support;

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::thread;
use std::time::Duration;

use audarma::store::documents;
use audarma::store::translations::{self, Status, Write};
use audarma::store::Store;
use audarma::text::Lang;
use review_support::Fixture;

const BUSY_MS: &str = "30000";

/// One translator save of segment `pos`: a new text, status translated
/// (fixing a rejection or withdrawing an approval by the edit).
fn translator_save(db: &Path, pos: i64, round: usize) -> audarma::Result<()> {
    let mut store = Store::open(db)?;
    let tx = store.write()?;
    let doc = documents::find_document(&tx, "doc")?;
    let seg = documents::segment_at(&tx, &doc, pos)?;
    let current = translations::current(&tx, seg.id, Lang::En)?;
    let text = format!("Sentence {pos}, version {round}.");
    let from = current.as_ref().map_or(Status::Untranslated, |t| t.status);
    assert!(audarma::review::allowed(from, Status::Translated, true));
    translations::write(
        &tx,
        &Write {
            segment_id: seg.id,
            lang: Lang::En,
            text: &text,
            status: Status::Translated,
            user: "translator",
            origin: "typed",
            origin_score: None,
            origin_unit: None,
            expected_version: Some(current.map_or(0, |t| t.version)),
            comment: None,
        },
    )?;
    tx.commit()?;
    Ok(())
}

#[test]
#[ignore = "child process of translator_and_reviewer_lose_no_event"]
fn translator_process() {
    let Some(db) = std::env::var_os("AUDARMA_TEST_DB").map(PathBuf::from) else {
        return;
    };
    let stop = db.with_extension("stop");
    let mut saves = 0;
    while !stop.exists() || saves < 40 {
        translator_save(&db, (saves % 5) as i64 + 1, saves).unwrap();
        saves += 1;
        thread::sleep(Duration::from_millis(3));
    }
    println!("SAVES {saves}");
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
    let child = Process::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "translator_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("AUDARMA_TEST_DB", &f.db)
        .env("AUDARMA_BUSY_TIMEOUT_MS", BUSY_MS)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
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
    std::fs::write(f.db.with_extension("stop"), "").unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "translator process failed: {stdout}");
    let saves: i64 = stdout
        .lines()
        .find_map(|l| l.split_once("SAVES ").map(|(_, n)| n))
        .and_then(|n| n.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("translator reports its saves: {stdout}"));

    assert!(approvals > 0, "the reviewer approved something");
    assert_eq!(
        f.event_count(),
        saves + approvals + rejections,
        "no event lost"
    );
    let store = Store::open(&f.db).unwrap();
    assert!(audarma::review::verify_log(store.conn())
        .unwrap()
        .is_empty());
    observe(&f);
}
