//! The session's soft claim on the segment it shows, so two translators on
//! one document do not both work on the same segment: the segment shown is
//! claimed (for [`TTL`], renewed at a prompt once [`RENEW_AFTER`] has passed,
//! so a busy database is not written at every line), the claim is given up on
//! leaving it and at the end, and moving forward passes over segments that
//! someone else has claimed.
//!
//! Soft: a claim never blocks a save (the version check does that), and a
//! claim that cannot be written (the database is locked by a long import, or
//! read-only) is done without rather than stopping the session.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::store::{Claim, Reader, Store};
use crate::text::Lang;

/// How long a claim lasts without being renewed: a session that died leaves
/// its segment to others after this.
pub const TTL: Duration = Duration::from_secs(10 * 60);

/// How old a claim gets before a prompt renews it.
pub const RENEW_AFTER: Duration = Duration::from_secs(60);

/// The one claim a session holds.
#[derive(Debug)]
pub struct Claims {
    lang: Lang,
    user: String,
    /// The segment claimed, and when the claim was last written (`None`:
    /// the database was busy, so the next prompt tries again).
    held: Option<(i64, Option<Instant>)>,
}

impl Claims {
    pub fn new(lang: Lang, user: &str) -> Claims {
        Claims {
            lang,
            user: user.to_string(),
            held: None,
        }
    }

    /// Somebody else's unexpired claims on the document's segments, by segment id.
    pub fn others(&self, r: &Reader, document_id: i64) -> Result<HashMap<i64, Claim>> {
        let mut all = r.claims_in_document(document_id, self.lang)?;
        all.retain(|_, c| c.claimed_by != self.user);
        Ok(all)
    }

    /// Claim `segment_id`, giving up the segment held before. `Some(theirs)`
    /// when someone else holds it (then this session holds nothing).
    pub fn take(&mut self, store: &mut Store, segment_id: i64) -> Result<Option<Claim>> {
        let (lang, user) = (self.lang, self.user.as_str());
        let before = self.held.map(|(id, _)| id);
        let written = soft(store.write(|w| {
            if let Some(old) = before.filter(|&old| old != segment_id) {
                w.release_claim(old, lang, user)?;
            }
            w.claim_segment(segment_id, lang, user, TTL)
        }))?;
        Ok(match written {
            Some(Some(theirs)) => {
                self.held = None;
                Some(theirs)
            }
            Some(None) => {
                self.held = Some((segment_id, Some(Instant::now())));
                None
            }
            None => {
                self.held = Some((segment_id, None));
                None
            }
        })
    }

    /// Renew the claim held once it is [`RENEW_AFTER`] old (call it at every
    /// prompt, so a translator working on a segment for long keeps it).
    pub fn renew(&mut self, store: &mut Store) -> Result<()> {
        match self.held {
            Some((segment_id, at)) if at.is_none_or(|at| at.elapsed() >= RENEW_AFTER) => {
                self.take(store, segment_id).map(drop)
            }
            _ => Ok(()),
        }
    }

    /// Give up the claim held (leaving the session).
    pub fn release(&mut self, store: &mut Store) -> Result<()> {
        let (lang, user) = (self.lang, self.user.as_str());
        if let Some((segment_id, _)) = self.held.take() {
            soft(store.write(|w| w.release_claim(segment_id, lang, user)))?;
        }
        Ok(())
    }
}

/// A claim that cannot be written is done without: `None` instead of the
/// database's lock or read-only error (the save that matters reports it).
fn soft<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(Error::Database { .. } | Error::Locked(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Sentence;
    use crate::store::NewDocument;

    fn store_with_two_segments() -> (Store, i64, [i64; 2]) {
        let mut store = Store::in_memory().unwrap();
        let s = ["Бір.", "Екі."].map(|t| Sentence {
            paragraph: 1,
            text: t.into(),
        });
        let doc = NewDocument {
            name: "d",
            file_name: "d.txt",
            lang: Lang::Kk,
            text: "Бір. Екі.",
            sentences: &s,
            replace: false,
            removal_confirmed: false,
        };
        let rep = store.write(|w| w.import_document(&doc)).unwrap();
        let segs = store.segments_of(rep.document.id).unwrap();
        (store, rep.document.id, [segs[0].id, segs[1].id])
    }

    fn holders(store: &Store, doc: i64) -> Vec<(i64, String)> {
        let mut all: Vec<_> = store
            .claims_in_document(doc, Lang::En)
            .unwrap()
            .into_values()
            .map(|c| (c.segment_id, c.claimed_by))
            .collect();
        all.sort();
        all
    }

    #[test]
    fn one_claim_at_a_time_given_up_on_moving_and_at_the_end() {
        let (mut store, doc, [a, b]) = store_with_two_segments();
        let mut mine = Claims::new(Lang::En, "aigerim");
        assert_eq!(mine.take(&mut store, a).unwrap(), None);
        assert_eq!(holders(&store, doc), [(a, "aigerim".to_string())]);
        // Moving on gives up the segment left.
        assert_eq!(mine.take(&mut store, b).unwrap(), None);
        assert_eq!(holders(&store, doc), [(b, "aigerim".to_string())]);
        mine.renew(&mut store).unwrap();
        assert_eq!(holders(&store, doc), [(b, "aigerim".to_string())]);

        // Someone else is told whose it is, holds nothing, and sees it among the others'.
        let mut theirs = Claims::new(Lang::En, "dana");
        let held = theirs.take(&mut store, b).unwrap().unwrap();
        assert_eq!(held.claimed_by, "aigerim");
        assert_eq!(theirs.others(&store, doc).unwrap().len(), 1);
        assert!(mine.others(&store, doc).unwrap().is_empty());
        theirs.release(&mut store).unwrap();
        assert_eq!(holders(&store, doc), [(b, "aigerim".to_string())]);

        mine.release(&mut store).unwrap();
        assert!(holders(&store, doc).is_empty());
        assert_eq!(theirs.take(&mut store, b).unwrap(), None);
    }
}
