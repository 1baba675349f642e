//! What `import --replace` does to a document's old sentences: those the new
//! text still has take their translations, history, events and memory units
//! with them to the new segment; the others are removed, never deleted. A
//! removed sentence keeps its row (parked at position `-id`, `removed_at`
//! set) and everything attached to it, hidden from the document, so the event
//! log and the history stay append-only in fact; a later import whose text
//! has the sentence again takes it all up.

use rusqlite::{params, Connection, Transaction};

use crate::error::Result;
use crate::store::model::SentencesRemoved;

/// An old sentence: its id and match key, and whether it was live (not
/// removed by an earlier replace).
struct Old {
    id: i64,
    key: String,
    live: bool,
}

/// The document's old sentences in the order they are matched: the live ones
/// in document order first, then those an earlier replace removed. A live
/// sentence's id order is its document order (each import inserts its
/// segments in order, carried-over ones included). `parked_only`: only those
/// parked out of the live positions (during a replace, beside the new ones).
fn old_sentences(conn: &Connection, doc_id: i64, parked_only: bool) -> Result<Vec<Old>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, normalized, removed_at IS NULL FROM segments
         WHERE document_id = ?1 AND (NOT ?2 OR position < 0)
         ORDER BY removed_at IS NOT NULL, id",
    )?;
    let rows = stmt.query_map(params![doc_id, parked_only], |r| {
        Ok(Old {
            id: r.get(0)?,
            key: r.get(1)?,
            live: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Pair each new key with the first unmatched old sentence of the same key.
/// Returns the pairs (new index, old id) and the live old ids left unmatched
/// (the newly removed).
fn pair_up(old: Vec<Old>, new_keys: &[&str]) -> (Vec<(usize, i64)>, Vec<i64>) {
    let mut by_key: std::collections::HashMap<String, std::collections::VecDeque<i64>> =
        std::collections::HashMap::new();
    let order: Vec<i64> = old.iter().filter(|o| o.live).map(|o| o.id).collect();
    for o in old {
        by_key.entry(o.key).or_default().push_back(o.id);
    }
    let mut pairs = Vec::new();
    for (i, key) in new_keys.iter().enumerate() {
        if let Some(id) = by_key.get_mut(*key).and_then(|q| q.pop_front()) {
            pairs.push((i, id));
        }
    }
    let taken: std::collections::HashSet<i64> = pairs.iter().map(|(_, id)| *id).collect();
    let left = order.into_iter().filter(|id| !taken.contains(id)).collect();
    (pairs, left)
}

/// What replacing `doc_id`'s text by sentences with `new_keys` would remove:
/// its live sentences the new text does not have, with the work on them.
pub fn would_remove(conn: &Connection, doc_id: i64, new_keys: &[&str]) -> Result<SentencesRemoved> {
    let (_, left) = pair_up(old_sentences(conn, doc_id, false)?, new_keys);
    let mut out = SentencesRemoved::default();
    for id in left {
        out.segments += 1;
        let mut stmt =
            conn.prepare_cached("SELECT lang, status FROM translations WHERE segment_id = ?1")?;
        let rows = stmt.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (lang, status) = row?;
            *out.translations
                .entry(lang)
                .or_default()
                .entry(status)
                .or_default() += 1;
        }
        let count = |sql: &str| -> Result<usize> {
            let n: i64 = conn.query_row(sql, [id], |r| r.get(0))?;
            Ok(n as usize)
        };
        out.history += count("SELECT count(*) FROM translation_history WHERE segment_id = ?1")?;
        out.events += count("SELECT count(*) FROM review_events WHERE segment_id = ?1")?;
    }
    Ok(out)
}

/// Park every sentence of the document out of the live positions (at `-id`,
/// unique), before the new sentences take positions 1..N.
pub fn park_old_sentences(tx: &Transaction<'_>, doc_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE segments SET position = -id WHERE document_id = ?1",
        [doc_id],
    )?;
    Ok(())
}

/// Move what is attached to each old sentence the new text still has onto its
/// new segment, drop the emptied old row, and mark the rest removed. Returns
/// (translations kept, translations left on removed sentences).
pub fn carry_over(
    tx: &Transaction<'_>,
    doc_id: i64,
    new_ids: &[(i64, String)],
) -> Result<(usize, usize)> {
    let keys: Vec<&str> = new_ids.iter().map(|(_, k)| k.as_str()).collect();
    let (pairs, left) = pair_up(old_sentences(tx, doc_id, true)?, &keys);
    let mut kept = 0;
    for (i, old_id) in pairs {
        let new_id = new_ids[i].0;
        for table in [
            "translations",
            "translation_history",
            "review_events",
            "tm_units",
            "segment_claims",
        ] {
            let n = tx.execute(
                &format!("UPDATE {table} SET segment_id = ?1 WHERE segment_id = ?2"),
                params![new_id, old_id],
            )?;
            if table == "translations" {
                kept += n;
            }
        }
        // Nothing is attached to it any more: deleting cascades to nothing.
        tx.execute("DELETE FROM segments WHERE id = ?1", [old_id])?;
    }
    let mut orphaned = 0;
    let now = super::now();
    for id in left {
        tx.execute(
            "UPDATE segments SET removed_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        let n: i64 = tx.query_row(
            "SELECT count(*) FROM translations WHERE segment_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        orphaned += n as usize;
    }
    Ok((kept, orphaned))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old(list: &[(i64, &str)]) -> Vec<Old> {
        list.iter()
            .map(|(id, k)| Old {
                id: id.abs(),
                key: k.to_string(),
                live: *id > 0,
            })
            .collect()
    }

    #[test]
    fn each_new_sentence_takes_the_first_old_one_with_its_text() {
        // Negative ids: sentences an earlier replace removed.
        let list = [(1, "a"), (2, "b"), (3, "a"), (-9, "c"), (-10, "b")];
        let (pairs, left) = pair_up(old(&list), &["a", "c", "d"]);
        assert_eq!(pairs, vec![(0, 1), (1, 9)]);
        assert_eq!(left, vec![2, 3], "only live sentences are newly removed");
        let (pairs, _) = pair_up(old(&list), &["b", "b"]);
        assert_eq!(
            pairs,
            vec![(0, 2), (1, 10)],
            "live ones first, then removed ones"
        );
    }
}
