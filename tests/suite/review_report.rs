//! The HTML report against `progress --json`: every number in the report's
//! tables (carried in data attributes) equals the JSON figures, per grouping.
//! `sample_report` builds a few days of realistic history; with
//! AUDARMA_REPORT_OUT=DIR it leaves DIR/report.html for `scripts/render_report.sh`.
// Looks at the database file as another program would (a raw connection).
#![allow(clippy::disallowed_types)]

use crate::review_support;

use std::collections::BTreeMap;

use audarma::store::Status;
use audarma::text::Lang;
use review_support::Fixture;
use serde_json::Value;

/// Attributes of every `<td>` of each row of table `id`: row key → cells.
pub fn table_rows(html: &str, id: &str) -> BTreeMap<String, Vec<BTreeMap<String, String>>> {
    let start = html
        .find(&format!(r#"<table id="{id}">"#))
        .unwrap_or_else(|| panic!("no table {id}"));
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let mut rows = BTreeMap::new();
    for tr in table.split("<tr ").skip(1) {
        let head = &tr[..tr.find('>').unwrap()];
        let Some(key) = attrs(head)
            .into_iter()
            .find(|(k, _)| k == "data-group" || k == "data-total")
            .map(|(k, v)| if k == "data-total" { "total".into() } else { v })
        else {
            continue;
        };
        let cells = tr
            .split("<td")
            .skip(1)
            .map(|td| attrs(&td[..td.find('>').unwrap()]).into_iter().collect())
            .collect();
        rows.insert(key, cells);
    }
    rows
}

/// `key="value"` pairs of a tag, unescaped.
pub fn attrs(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let key = rest[..eq]
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_string();
        let after = &rest[eq + 2..];
        let end = after.find('"').unwrap();
        let value = after[..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        out.push((key, value));
        rest = &after[end + 1..];
    }
    out
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

/// The value of the cell with `data-field="{name}"`.
fn field(cells: &[BTreeMap<String, String>], table: &str, name: &str) -> f64 {
    let c = cells
        .iter()
        .find(|c| c.get("data-field").map(String::as_str) == Some(name))
        .unwrap_or_else(|| panic!("{table}: no {name}"));
    c["data-value"].parse().unwrap()
}

/// The people table: every activity figure of `progress --by person --json`.
fn assert_people_equal(html: &str, progress: &Value) {
    let rows = table_rows(html, "by-person");
    let groups = progress["groups"].as_array().unwrap();
    assert_eq!(rows.len(), groups.len() + 1, "one row per person + total");
    for g in groups.iter().chain(std::iter::once(&progress["total"])) {
        let cells = &rows[g["group"].as_str().unwrap()];
        for f in [
            "edits",
            "translated_words",
            "approved_words",
            "rejected_words",
            "approvals",
            "rejections",
            "comments",
        ] {
            let want = num(&g["activity"][f]);
            assert_eq!(field(cells, "by-person", f), want, "{} {f}", g["group"]);
        }
    }
}

/// Every JSON figure of `progress` equals the report table's cell.
fn assert_table_equals(html: &str, table: &str, progress: &Value) {
    let rows = table_rows(html, table);
    let groups = progress["groups"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        groups.len() + 1,
        "{table}: one row per group + total"
    );
    for g in groups.iter().chain(std::iter::once(&progress["total"])) {
        let cells = &rows[g["group"].as_str().unwrap()];
        let field = |name: &str| field(cells, table, name);
        for f in [
            "segments",
            "words",
            "translated_percent",
            "approved_percent",
        ] {
            assert_eq!(field(f), num(&g[f]), "{table} {} {f}", g["group"]);
        }
        for st in Status::ALL {
            let c = cells
                .iter()
                .find(|c| c.get("data-status").map(String::as_str) == Some(st.as_str()))
                .unwrap();
            let s = st.as_str();
            assert_eq!(
                c["data-segments"].parse::<f64>().unwrap(),
                num(&g["segments_by_status"][s])
            );
            assert_eq!(
                c["data-words"].parse::<f64>().unwrap(),
                num(&g["words_by_status"][s])
            );
        }
        if let Some(a) = g.get("activity") {
            for f in [
                "edits",
                "translated_words",
                "approved_words",
                "rejected_words",
            ] {
                assert_eq!(field(f), num(&a[f]), "{table} {} {f}", g["group"]);
            }
        }
    }
}

/// Backdate the events logged since `since` to `day` (simulated history).
pub fn backdate(f: &Fixture, since: i64, day: &str) -> i64 {
    let store = rusqlite::Connection::open(&f.db).unwrap();
    store
        .execute(
            "UPDATE review_events SET at = ?1 || substr(at, 11) WHERE id > ?2",
            rusqlite::params![day, since],
        )
        .unwrap();
    store
        .query_row("SELECT coalesce(max(id), 0) FROM review_events", [], |r| {
            r.get(0)
        })
        .unwrap()
}

/// The UTC date `n` days before today.
fn days_ago(n: u64) -> String {
    (chrono::Utc::now().date_naive() - chrono::Days::new(n)).to_string()
}

/// A few days of work by two translators and two reviewers on two documents,
/// ending today (so the report's pace and finish dates have something to show).
fn history(f: &Fixture) {
    let second = f.path("report.txt");
    std::fs::write(
        &second,
        "Жылдық есеп дайын. Табыс өсті. Шығындар азайды.\n\nКелесі жылы жоспар бар. Бәрі жақсы болады.\n",
    )
    .unwrap();
    f.cmd(&["import", second.to_str().unwrap()])
        .assert()
        .success();
    let mut last = 0;
    let approve = |pos: &str, lang: &str, who: &str| {
        f.cmd(&["approve", "doc", pos, "--to", lang, "--user", who])
            .assert()
            .success();
    };
    for pos in 1..=3 {
        f.save(
            pos,
            Lang::En,
            &format!("Sentence {pos}."),
            Status::Translated,
            "aigerim",
        );
    }
    f.save(
        1,
        Lang::Ru,
        "Первое предложение.",
        Status::Translated,
        "dana",
    );
    last = backdate(f, last, &days_ago(4));
    f.save(4, Lang::En, "Fourth sentence.", Status::Draft, "aigerim");
    approve("1,2", "en", "bolat");
    f.cmd(&[
        "reject",
        "doc",
        "3",
        "--to",
        "en",
        "--comment",
        "\"осында\" is \"here\", not \"there\"",
        "--user",
        "bolat",
    ])
    .assert()
    .success();
    last = backdate(f, last, &days_ago(3));
    f.save(
        2,
        Lang::Ru,
        "Второе предложение есть.",
        Status::Translated,
        "dana",
    );
    f.save(
        3,
        Lang::Ru,
        "Третье предложение здесь.",
        Status::Translated,
        "dana",
    );
    f.save(
        4,
        Lang::En,
        "Fourth sentence.",
        Status::Translated,
        "aigerim",
    );
    let out = f
        .cmd(&[
            "translate",
            "doc",
            "--to",
            "ru",
            "--from",
            "5",
            "--user",
            "dana",
        ])
        .write_stdin(":c is 'ұзын' long or tall here?\n:q\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    last = backdate(f, last, &days_ago(1));
    approve("1-3", "ru", "saule");
    f.cmd(&[
        "reject",
        "doc",
        "4",
        "--to",
        "en",
        "--comment",
        "too literal & missing article",
        "--user",
        "saule",
    ])
    .assert()
    .success();
    f.save(
        5,
        Lang::En,
        "The fifth long sentence stands here.",
        Status::Translated,
        "aigerim",
    );
    backdate(f, last, &days_ago(0));
}

#[test]
fn report_numbers_equal_progress_json() {
    let f = Fixture::new();
    history(&f);
    let out = f.path("report.html");
    f.cmd(&["report", out.to_str().unwrap()]).assert().success();
    let html = std::fs::read_to_string(&out).unwrap();
    for (table, by) in [("by-doc", "doc"), ("by-lang", "lang"), ("by-day", "day")] {
        let p = f.json(&["progress", "--by", by, "--json"]);
        assert_table_equals(&html, table, &p);
    }
    assert_people_equal(&html, &f.json(&["progress", "--by", "person", "--json"]));
    let days = f.json(&["progress", "--by", "day", "--json"]);
    assert_eq!(
        days["groups"].as_array().unwrap().len(),
        5,
        "four days ago to today, gaps filled"
    );
    // The open comments carry the rejections' comments, escaped.
    let open = table_rows(&html, "open-comments");
    assert!(open.is_empty(), "its rows are keyed by position, not group");
    assert!(html.contains("too literal &amp; missing article"));
    assert!(
        html.contains("is &#39;ұзын&#39; long or tall here?"),
        "dana's open comment"
    );
    assert!(html.contains("&quot;осында&quot; is &quot;here&quot;"));
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
}

#[test]
fn filtered_report_equals_filtered_progress() {
    let f = Fixture::new();
    history(&f);
    let out = f.path("ru.html");
    f.cmd(&["report", out.to_str().unwrap(), "doc", "--to", "ru"])
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    let p = f.json(&["progress", "doc", "--to", "ru", "--json"]);
    assert_table_equals(&html, "by-doc", &p);
    assert_eq!(p["groups"].as_array().unwrap().len(), 1);
    assert!(
        !html.contains("too literal"),
        "the en rejection is filtered out"
    );
    f.cmd(&["report", "/nonexistent/dir/x.html"])
        .assert()
        .code(3)
        .stderr(predicates::str::contains(
            "/nonexistent/dir/x.html: cannot write",
        ));
}

/// Leaves a sample report for the screenshot script when AUDARMA_REPORT_OUT is set.
#[test]
fn sample_report() {
    let f = Fixture::new();
    history(&f);
    let dir = std::env::var_os("AUDARMA_REPORT_OUT").map(std::path::PathBuf::from);
    let out = dir
        .as_ref()
        .map_or_else(|| f.path("sample.html"), |d| d.join("report.html"));
    f.cmd(&["report", out.to_str().unwrap()]).assert().success();
    assert!(std::fs::metadata(&out).unwrap().len() > 5000);
}

#[test]
fn report_of_a_fresh_database_has_every_table() {
    let f = Fixture::new();
    let out = f.path("fresh.html");
    f.cmd(&["report", out.to_str().unwrap()]).assert().success();
    let html = std::fs::read_to_string(&out).unwrap();
    for (table, by) in [("by-doc", "doc"), ("by-day", "day")] {
        assert_table_equals(&html, table, &f.json(&["progress", "--by", by, "--json"]));
    }
    assert_people_equal(&html, &f.json(&["progress", "--by", "person", "--json"]));
    assert!(html.contains("No translation events yet."));
    assert!(html.contains("Nobody yet.") && html.contains("no comment or rejection is waiting"));
}
