//! Soft claims on segments (`segment_claims`): who has a segment open in a
//! translation session, until when. Claims expire by time, so a session that
//! died leaves nothing behind for long; they never block a save.

use std::collections::HashMap;
use std::time::Duration;

use rusqlite::{params, OptionalExtension};

use crate::error::Result;
use crate::store::model::Claim;
use crate::store::{Reader, Writer};
use crate::text::Lang;

fn expiry(ttl: Duration) -> String {
    let ttl = chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::seconds(60));
    (chrono::Utc::now() + ttl)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Claim> {
    Ok(Claim {
        segment_id: r.get(0)?,
        lang: r.get(1)?,
        claimed_by: r.get(2)?,
        expires_at: r.get(3)?,
    })
}

impl Reader {
    /// The unexpired claim on a segment in `lang`, if any.
    pub fn claim_on(&self, segment_id: i64, lang: Lang) -> Result<Option<Claim>> {
        Ok(self
            .db
            .conn()
            .query_row(
                "SELECT segment_id, lang, claimed_by, expires_at FROM segment_claims
                 WHERE segment_id = ?1 AND lang = ?2 AND expires_at > ?3",
                params![segment_id, lang.code(), crate::store::now()],
                from_row,
            )
            .optional()?)
    }

    /// Every unexpired claim on a document's segments in `lang`, by segment id.
    pub fn claims_in_document(&self, document_id: i64, lang: Lang) -> Result<HashMap<i64, Claim>> {
        let mut stmt = self.db.conn().prepare(
            "SELECT c.segment_id, c.lang, c.claimed_by, c.expires_at FROM segment_claims c
             JOIN segments s ON s.id = c.segment_id
             WHERE s.document_id = ?1 AND c.lang = ?2 AND c.expires_at > ?3",
        )?;
        let rows = stmt.query_map(
            params![document_id, lang.code(), crate::store::now()],
            from_row,
        )?;
        let mut out = HashMap::new();
        for c in rows {
            let c = c?;
            out.insert(c.segment_id, c);
        }
        Ok(out)
    }
}

impl Writer<'_> {
    /// Claim a segment for `user` for `ttl` (renewing their own claim). When
    /// somebody else holds an unexpired claim, nothing changes and theirs is
    /// returned; `Ok(None)` means the claim is now `user`'s.
    pub fn claim_segment(
        &self,
        segment_id: i64,
        lang: Lang,
        user: &str,
        ttl: Duration,
    ) -> Result<Option<Claim>> {
        if let Some(theirs) = self.claim_on(segment_id, lang)? {
            if theirs.claimed_by != user {
                return Ok(Some(theirs));
            }
        }
        self.tx.execute(
            "INSERT INTO segment_claims (segment_id, lang, claimed_by, expires_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (segment_id, lang) DO UPDATE SET claimed_by = excluded.claimed_by, expires_at = excluded.expires_at",
            params![segment_id, lang.code(), user, expiry(ttl)],
        )?;
        Ok(None)
    }

    /// Give up `user`'s claim on a segment (somebody else's is left alone).
    pub fn release_claim(&self, segment_id: i64, lang: Lang, user: &str) -> Result<()> {
        self.tx.execute(
            "DELETE FROM segment_claims WHERE segment_id = ?1 AND lang = ?2 AND claimed_by = ?3",
            params![segment_id, lang.code(), user],
        )?;
        Ok(())
    }

    /// Give up every claim `user` holds, and forget expired claims.
    pub fn release_claims_of(&self, user: &str) -> Result<()> {
        self.tx.execute(
            "DELETE FROM segment_claims WHERE claimed_by = ?1 OR expires_at <= ?2",
            params![user, crate::store::now()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Sentence;
    use crate::store::{NewDocument, Store};

    #[test]
    fn a_claim_keeps_others_out_until_released_or_expired() {
        let mut store = Store::in_memory().unwrap();
        let s = [Sentence {
            paragraph: 1,
            text: "Бір.".into(),
        }];
        let doc = NewDocument {
            name: "d",
            file_name: "d.txt",
            lang: Lang::Kk,
            text: "Бір.",
            sentences: &s,
            replace: false,
            removal_confirmed: false,
        };
        let rep = store.write(|w| w.import_document(&doc)).unwrap();
        let seg = store.segments_of(rep.document.id).unwrap()[0].id;
        let hour = Duration::from_secs(3600);
        let mine = store
            .write(|w| w.claim_segment(seg, Lang::En, "aigerim", hour))
            .unwrap();
        assert_eq!(mine, None);
        let theirs = store
            .write(|w| w.claim_segment(seg, Lang::En, "dana", hour))
            .unwrap();
        assert_eq!(theirs.map(|c| c.claimed_by).as_deref(), Some("aigerim"));
        // Another language is another claim.
        assert_eq!(
            store
                .write(|w| w.claim_segment(seg, Lang::Ru, "dana", hour))
                .unwrap(),
            None
        );
        assert_eq!(
            store.claims_in_document(rep.document.id, Lang::En).unwrap()[&seg].claimed_by,
            "aigerim"
        );
        store
            .write(|w| w.release_claim(seg, Lang::En, "aigerim"))
            .unwrap();
        assert_eq!(
            store
                .write(|w| w.claim_segment(seg, Lang::En, "dana", Duration::ZERO))
                .unwrap(),
            None
        );
        // A zero-length claim has expired at once: anybody may take it.
        assert_eq!(
            store
                .write(|w| w.claim_segment(seg, Lang::En, "aigerim", hour))
                .unwrap(),
            None
        );
    }
}
