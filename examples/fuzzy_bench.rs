//! Fuzzy-matching benchmark (driven by `bench/fuzzy.sh`).
//!
//! `fuzzy_bench load TMX DB`
//!     Create DB and load gen_tm.py's TMX into the memory with the bulk index
//!     (a minimal quick-xml loader until the TMX importer lands). Prints JSON:
//!     units, load_s (total), index_s (index part), peak_rss_mb.
//! `fuzzy_bench reindex DB`
//!     Rebuild the fuzzy index of DB from its memory; prints the seconds taken.
//! `fuzzy_bench query DB QUERIES.tsv [--min 50] [--limit 5] [--recall R]`
//!     Warm lookups as in a session (index loaded in memory), one core: median
//!     and p95 per query; then the result sets (every unit ≥ min) of R queries
//!     against a brute-force scan scoring every unit. Prints JSON.

use std::collections::BTreeSet;
use std::time::Instant;

use audarma::fuzzy::score::{score, Prepared};
use audarma::fuzzy::{Matcher, Query};

use audarma::store::Store;
use audarma::text::Lang;
use quick_xml::events::Event;

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn arg_after(args: &[String], flag: &str, default: f64) -> f64 {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("load") if args.len() == 3 => load(&args[1], &args[2]),
        Some("query") if args.len() >= 3 => query(&args[1], &args[2], &args[3..]),
        Some("reindex") if args.len() == 2 => reindex(&args[1]),
        _ => {
            eprintln!("usage: fuzzy_bench load TMX DB | reindex DB | query DB QUERIES.tsv [--min 50] [--limit 5] [--recall R]");
            std::process::exit(2);
        }
    }
}

/// Stream the TMX: each `<tu>` gives (lang, text) pairs.
fn for_each_tu(path: &str, mut f: impl FnMut(&[(String, String)])) {
    let mut reader = quick_xml::Reader::from_file(path).expect("open TMX");
    let mut buf = Vec::new();
    let (mut tuvs, mut lang, mut text, mut in_seg) =
        (Vec::new(), String::new(), String::new(), false);
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed TMX") {
            Event::Start(e) if e.name().as_ref() == b"tuv" => {
                lang = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == b"xml:lang")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    .unwrap_or_default();
            }
            Event::Start(e) if e.name().as_ref() == b"seg" => {
                in_seg = true;
                text.clear();
            }
            Event::Text(t) if in_seg => text.push_str(&t.unescape().expect("text")),
            Event::End(e) if e.name().as_ref() == b"seg" => {
                in_seg = false;
                tuvs.push((lang.clone(), text.clone()));
            }
            Event::End(e) if e.name().as_ref() == b"tu" => {
                f(&tuvs);
                tuvs.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
}

fn load(tmx: &str, db: &str) {
    let started = Instant::now();
    let (mut store, created) = Store::create(std::path::Path::new(db)).expect("create db");
    assert!(created, "{db} exists already");
    let mut index_time = 0.0;
    let mut units = 0usize;
    store
        .write(|w| {
            let mut failed = None;
            for_each_tu(tmx, |tuvs| {
                let pairs: Vec<(&str, &str)> =
                    tuvs.iter().map(|(l, t)| (l.as_str(), t.as_str())).collect();
                if let Err(e) = w.add_unit(Some(&units.to_string()), &pairs) {
                    failed.get_or_insert(e);
                }
                units += 1;
            });
            if let Some(e) = failed {
                return Err(e);
            }
            let t = Instant::now();
            w.index_new_units()?;
            index_time += t.elapsed().as_secs_f64();
            Ok(())
        })
        .expect("load");
    println!(
        "{}",
        serde_json::json!({
            "units": units,
            "load_s": (started.elapsed().as_secs_f64() * 100.0).round() / 100.0,
            "index_s": (index_time * 100.0).round() / 100.0,
            "peak_rss_mb": peak_rss_mb().round(),
        })
    );
}

fn reindex(db: &str) {
    let mut store = Store::open(std::path::Path::new(db)).expect("open db");
    let t = Instant::now();
    store.write(|w| w.rebuild_index()).expect("rebuild");
    println!("{:.2} s", t.elapsed().as_secs_f64());
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

fn query(db: &str, queries: &str, rest: &[String]) {
    let min = arg_after(rest, "--min", 50.0);
    let limit = arg_after(rest, "--limit", 5.0) as usize;
    let recall_n = arg_after(rest, "--recall", 20.0) as usize;
    let store = Store::open(std::path::Path::new(db)).expect("open db");
    let conn: &audarma::store::Reader = &store;
    let qs: Vec<String> = std::fs::read_to_string(queries)
        .expect("queries")
        .lines()
        .filter_map(|l| l.splitn(3, '\t').nth(2).map(str::to_string))
        .collect();
    let rss_before = peak_rss_mb();
    let t = Instant::now();
    let matcher = Matcher::load(conn).expect("load index");
    let load_s = t.elapsed().as_secs_f64();
    let index_rss = peak_rss_mb() - rss_before;
    let mut lat = Vec::new();
    let mut found = 0;
    for q in &qs {
        let query = Query {
            text: q,
            target: Lang::En,
            min,
            limit,
            explain: false,
            include_rejected: false,
        };
        let t = Instant::now();
        found += matcher.suggest(conn, &query).unwrap().len();
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    lat.sort_by(f64::total_cmp);
    let (same, checked) = recall(conn, &matcher, &qs, min, recall_n);
    println!(
        "{}",
        serde_json::json!({
            "units": matcher.index().units(),
            "queries": qs.len(),
            "matches": found,
            "index_load_s": (load_s * 1000.0).round() / 1000.0,
            "index_heap_mb": (matcher.index().heap_bytes() as f64 / 1048576.0).round(),
            "index_rss_mb": index_rss.round(),
            "median_ms": (percentile(&lat, 0.5) * 1000.0).round() / 1000.0,
            "p95_ms": (percentile(&lat, 0.95) * 1000.0).round() / 1000.0,
            "recall": if checked == 0 { 1.0 } else { same as f64 / checked as f64 },
            "recall_queries": recall_n.min(qs.len()),
            "recall_units": checked,
        })
    );
}

/// Recall against brute force: for `n` queries spread over the file, the set of
/// units scoring ≥ min found by the index vs by scoring every unit. Returns
/// (units found by both, units brute force found).
fn recall(
    conn: &audarma::store::Reader,
    matcher: &Matcher,
    qs: &[String],
    min: f64,
    n: usize,
) -> (usize, usize) {
    if n == 0 {
        return (0, 0);
    }
    let step = (qs.len() / n).max(1);
    let picked: Vec<&String> = qs.iter().step_by(step).take(n).collect();
    let prepared: Vec<Prepared> = picked.iter().map(|q| Prepared::new(q, Lang::Kk)).collect();
    let mut brute: Vec<BTreeSet<i64>> = vec![BTreeSet::new(); picked.len()];
    let mut last = -1;
    conn.each_variant_in(Lang::Kk, &mut |id, plain| {
        if id == last {
            return; // only the first Kazakh variant is the source
        }
        last = id;
        let unit = Prepared::new(plain, Lang::Kk);
        for (qi, q) in prepared.iter().enumerate() {
            if score(q, &unit).score >= min {
                brute[qi].insert(id);
            }
        }
    })
    .unwrap();
    let (mut same, mut total) = (0, 0);
    for (qi, q) in picked.iter().enumerate() {
        let query = Query {
            text: q,
            target: Lang::En,
            min,
            limit: usize::MAX,
            explain: false,
            include_rejected: false,
        };
        let got: BTreeSet<i64> = matcher
            .suggest(conn, &query)
            .unwrap()
            .iter()
            .map(|m| m.unit_id)
            .collect();
        same += got.intersection(&brute[qi]).count();
        total += brute[qi].len();
        if got != brute[qi] {
            eprintln!(
                "recall mismatch on query {qi}: index {} vs brute force {}",
                got.len(),
                brute[qi].len()
            );
        }
    }
    (same, total)
}
