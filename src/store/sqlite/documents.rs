//! Documents and their segments: import (with re-import and replace), lookup,
//! listing, renaming and removal.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::store::model::{
    Document, DocumentSummary, ImportOutcome, ImportReport, NewDocument, RemovedDocument, Segment,
};
use crate::store::{Reader, Writer};
use crate::text;

/// The content hash stored for a document's decoded text.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

const DOC_COLUMNS: &str = "id, name, source_lang, file_name, content_hash, imported_at";

fn doc_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Document> {
    Ok(Document {
        id: r.get(0)?,
        name: r.get(1)?,
        source_lang: r.get(2)?,
        file_name: r.get(3)?,
        content_hash: r.get(4)?,
        imported_at: r.get(5)?,
    })
}

fn document_by_name(conn: &Connection, name: &str) -> Result<Option<Document>> {
    Ok(conn
        .query_row(
            &format!("SELECT {DOC_COLUMNS} FROM documents WHERE name = ?1 AND removed_at IS NULL"),
            [name],
            doc_from_row,
        )
        .optional()?)
}

/// Find a document by name, or by id when `key` is a number that is not a name.
pub fn find_document(conn: &Connection, key: &str) -> Result<Document> {
    // `#2` is always the id; `2` is the id unless a document is named so, and
    // when both exist the command must say which it means.
    let (by_name, id) = match key.strip_prefix('#') {
        Some(id) => (None, id.parse::<i64>().ok()),
        None => (document_by_name(conn, key)?, key.parse::<i64>().ok()),
    };
    let by_id = match id {
        Some(id) => conn
            .query_row(
                &format!(
                    "SELECT {DOC_COLUMNS} FROM documents WHERE id = ?1 AND removed_at IS NULL"
                ),
                [id],
                doc_from_row,
            )
            .optional()?,
        None => None,
    };
    match (by_name, by_id) {
        (Some(n), Some(i)) if n.id != i.id => Err(Error::usage(format!(
            "'{key}' is both the name of document {} and the id of document '{}'; write #{} for the id, or rename the document with `audarma docs rename`",
            n.id, i.name, i.id
        ))),
        (Some(doc), _) | (None, Some(doc)) => Ok(doc),
        (None, None) => Err(Error::usage(format!(
            "no document '{key}' in this database (see `audarma docs`)"
        ))),
    }
}

/// Every document, in import order.
pub fn list_documents(conn: &Connection) -> Result<Vec<Document>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {DOC_COLUMNS} FROM documents WHERE removed_at IS NULL ORDER BY id"
    ))?;
    let docs = stmt
        .query_map([], doc_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(docs)
}

const SEG_COLUMNS: &str = "id, document_id, position, paragraph, source, normalized, words";

fn seg_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Segment> {
    Ok(Segment {
        id: r.get(0)?,
        document_id: r.get(1)?,
        position: r.get(2)?,
        paragraph: r.get(3)?,
        source: r.get(4)?,
        normalized: r.get(5)?,
        words: r.get(6)?,
    })
}

/// The segments of a document in order.
pub fn segments(conn: &Connection, document_id: i64) -> Result<Vec<Segment>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {SEG_COLUMNS} FROM segments WHERE document_id = ?1 AND removed_at IS NULL ORDER BY position"
    ))?;
    let segs = stmt
        .query_map([document_id], seg_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(segs)
}

/// The segment at a 1-based position, with a message naming the valid range.
pub fn segment_at(conn: &Connection, doc: &Document, position: i64) -> Result<Segment> {
    let found = conn
        .query_row(
            &format!("SELECT {SEG_COLUMNS} FROM segments WHERE document_id = ?1 AND position = ?2"),
            params![doc.id, position],
            seg_from_row,
        )
        .optional()?;
    match found {
        Some(s) => Ok(s),
        None => {
            let n: i64 = conn.query_row(
                "SELECT count(*) FROM segments WHERE document_id = ?1 AND removed_at IS NULL",
                [doc.id],
                |r| r.get(0),
            )?;
            Err(Error::usage(format!(
                "document '{}' has no segment {position} (positions are 1 to {n})",
                doc.name
            )))
        }
    }
}

/// A segment by its id.
pub fn segment_by_id(conn: &Connection, id: i64) -> Result<Segment> {
    Ok(conn.query_row(
        &format!("SELECT {SEG_COLUMNS} FROM segments WHERE id = ?1"),
        [id],
        seg_from_row,
    )?)
}

/// Store a segmented document. Same name and same content: nothing happens.
/// Same name and other content: refused unless `replace`; replacing keeps the
/// translations (and their history and events) of sentences that did not change.
/// `progress` hears how many segments are stored.
pub fn import_document(
    tx: &Transaction<'_>,
    doc: &NewDocument<'_>,
    progress: &mut dyn FnMut(usize),
) -> Result<ImportReport> {
    let NewDocument {
        name,
        file_name,
        lang,
        text,
        sentences,
        replace,
        removal_confirmed,
    } = *doc;
    let hash = content_hash(text);
    let words: usize = sentences.iter().map(|s| text::word_count(&s.text)).sum();
    let existing = document_by_name(tx, name)?;
    let (doc_id, outcome, removed) = match &existing {
        Some(doc) if doc.content_hash == hash => {
            return Ok(ImportReport {
                outcome: ImportOutcome::Unchanged,
                document: doc.clone(),
                segments: sentences.len(),
                words,
                translations_kept: 0,
                translations_orphaned: 0,
                removed: Default::default(),
            });
        }
        Some(doc) if !replace => {
            return Err(Error::usage(format!(
                "a different document named '{}' is already imported (from {}, {}); use --replace to replace it, keeping the translations of unchanged sentences, or --name to import under another name",
                doc.name, doc.file_name, doc.imported_at
            )));
        }
        Some(doc) => {
            let keys: Vec<String> = sentences.iter().map(|s| text::match_key(&s.text)).collect();
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            let removed = super::replace::would_remove(tx, doc.id, &keys)?;
            if removed.holds_work() && !removal_confirmed {
                return Err(Error::usage(format!(
                    "replacing '{}' removes {}; they are kept with their history, hidden from the document, but confirm with --yes",
                    doc.name,
                    removed.describe()
                )));
            }
            tx.execute(
                "UPDATE documents SET source_lang = ?2, file_name = ?3, content_hash = ?4, imported_at = ?5 WHERE id = ?1",
                params![doc.id, lang.code(), file_name, hash, super::now()],
            )?;
            super::replace::park_old_sentences(tx, doc.id)?;
            (doc.id, ImportOutcome::Replaced, removed)
        }
        None => {
            tx.execute(
                "INSERT INTO documents (name, source_lang, file_name, content_hash, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, lang.code(), file_name, hash, super::now()],
            )?;
            (
                tx.last_insert_rowid(),
                ImportOutcome::Created,
                Default::default(),
            )
        }
    };

    let new_ids = insert_segments(tx, doc_id, sentences, progress)?;
    let (kept, orphaned) = if outcome == ImportOutcome::Replaced {
        super::replace::carry_over(tx, doc_id, &new_ids)?
    } else {
        (0, 0)
    };
    let document = find_document(tx, name)?;
    Ok(ImportReport {
        outcome,
        document,
        segments: sentences.len(),
        words,
        translations_kept: kept,
        translations_orphaned: orphaned,
        removed,
    })
}

/// Insert a document's segments in order; returns each one's id and match key.
fn insert_segments(
    tx: &Transaction<'_>,
    doc_id: i64,
    sentences: &[crate::segment::Sentence],
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<(i64, String)>> {
    let mut new_ids = Vec::with_capacity(sentences.len());
    let mut insert = tx.prepare(
        "INSERT INTO segments (document_id, position, paragraph, source, normalized, words) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, s) in sentences.iter().enumerate() {
        let key = text::match_key(&s.text);
        insert.execute(params![
            doc_id,
            i as i64 + 1,
            s.paragraph as i64,
            s.text,
            key,
            text::word_count(&s.text) as i64
        ])?;
        new_ids.push((tx.last_insert_rowid(), key));
        if i % 256 == 0 {
            progress(i);
        }
    }
    progress(sentences.len());
    Ok(new_ids)
}

impl Reader {
    /// A document by name, or by id when `key` is a number that is not a name.
    pub fn find_document(&self, key: &str) -> Result<Document> {
        find_document(self.db.conn(), key)
    }

    /// Every document, in import order.
    pub fn documents(&self) -> Result<Vec<Document>> {
        list_documents(self.db.conn())
    }

    /// Every document with its segment and word counts, in import order.
    pub fn document_summaries(&self) -> Result<Vec<DocumentSummary>> {
        let conn = self.db.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {}, (SELECT count(*) FROM segments s WHERE s.document_id = d.id AND s.removed_at IS NULL),
                    (SELECT coalesce(sum(words), 0) FROM segments s WHERE s.document_id = d.id AND s.removed_at IS NULL)
             FROM documents d WHERE d.removed_at IS NULL ORDER BY d.id",
            DOC_COLUMNS
                .split(", ")
                .map(|c| format!("d.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(DocumentSummary {
                document: doc_from_row(r)?,
                segments: r.get(6)?,
                words: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The segments of a document, in order.
    pub fn segments_of(&self, document_id: i64) -> Result<Vec<Segment>> {
        segments(self.db.conn(), document_id)
    }

    /// The segment at a 1-based position, with a message naming the valid range.
    pub fn segment_at(&self, doc: &Document, position: i64) -> Result<Segment> {
        segment_at(self.db.conn(), doc, position)
    }

    /// What replacing the document `name` by a text with these sentence match
    /// keys would remove; `None` when there is no such document or its content
    /// is `text` already.
    pub fn replace_preview(
        &self,
        name: &str,
        text: &str,
        keys: &[String],
    ) -> Result<Option<crate::store::SentencesRemoved>> {
        let conn = self.db.conn();
        let Some(doc) = document_by_name(conn, name)? else {
            return Ok(None);
        };
        if doc.content_hash == content_hash(text) {
            return Ok(None);
        }
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        Ok(Some(super::replace::would_remove(conn, doc.id, &keys)?))
    }

    /// A segment by its id.
    pub fn segment_by_id(&self, id: i64) -> Result<Segment> {
        segment_by_id(self.db.conn(), id)
    }

    /// Other segments of the same document with the same normalised source.
    pub fn repetitions_of(&self, seg: &Segment) -> Result<Vec<Segment>> {
        let mut stmt = self.db.conn().prepare_cached(&format!(
            "SELECT {SEG_COLUMNS} FROM segments
             WHERE document_id = ?1 AND normalized = ?2 AND id != ?3 AND removed_at IS NULL
             ORDER BY position"
        ))?;
        let rows = stmt.query_map(
            params![seg.document_id, seg.normalized, seg.id],
            seg_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Writer<'_> {
    /// Give a document another name; a name another document has is refused.
    pub fn rename_document(&self, doc: &Document, new_name: &str) -> Result<Document> {
        if let Some(other) = document_by_name(&self.tx, new_name)?.filter(|d| d.id != doc.id) {
            return Err(Error::usage(format!(
                "a document named '{}' already exists (id {})",
                other.name, other.id
            )));
        }
        self.tx.execute(
            "UPDATE documents SET name = ?2 WHERE id = ?1",
            params![doc.id, new_name],
        )?;
        find_document(&self.tx, new_name)
    }

    /// Remove a document: hidden from every list and lookup, its name free,
    /// its segments with their translations, history and events kept. With
    /// `purge` it is deleted instead: its segments go, and with them (the
    /// schema's cascades) their translations, history and events. Either way
    /// the memory units made from it stay (purged: no longer tied to a segment).
    pub fn remove_document(&self, doc: &Document, purge: bool) -> Result<RemovedDocument> {
        let count = |sql: &str| -> Result<i64> {
            Ok(self.tx.query_row(
                &format!("SELECT count(*) FROM {sql} IN (SELECT id FROM segments WHERE document_id = ?1)"),
                [doc.id],
                |r| r.get(0),
            )?)
        };
        let removed = RemovedDocument {
            document: doc.clone(),
            segments: count("segments WHERE id")?,
            translations: count("translations WHERE segment_id")?,
            history: count("translation_history WHERE segment_id")?,
            events: count("review_events WHERE segment_id")?,
            memory_units_kept: count("tm_units WHERE segment_id")?,
            purged: purge,
        };
        if purge {
            self.tx
                .execute("DELETE FROM documents WHERE id = ?1", [doc.id])?;
        } else {
            self.tx.execute(
                "UPDATE documents SET removed_at = ?2, name = '#' || id || ':' || name WHERE id = ?1",
                params![doc.id, super::now()],
            )?;
            self.tx.execute(
                "DELETE FROM segment_claims WHERE segment_id IN (SELECT id FROM segments WHERE document_id = ?1)",
                [doc.id],
            )?;
        }
        Ok(removed)
    }

    /// Store a segmented document (see [`import_document`]).
    pub fn import_document(&self, doc: &NewDocument<'_>) -> Result<ImportReport> {
        self.import_document_with(doc, &mut |_| {})
    }

    /// [`Writer::import_document`], telling `progress` how many segments are stored.
    pub fn import_document_with(
        &self,
        doc: &NewDocument<'_>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportReport> {
        import_document(&self.tx, doc, progress)
    }
}
