//! The session's soft claim on the segment it shows, so two translators on
//! one document do not both work on the same segment: the segment shown is
//! claimed (for [`TTL`], renewed at every prompt), the claim is given up on
//! leaving it and at the end, and moving forward passes over segments that
//! someone else has claimed.
//!
//! Soft: a claim never blocks a save (the version check does that), and a
//! claim that cannot be written (the database is locked by a long import, or
//! read-only) is done without rather than stopping the session.

use std::collections::HashMap;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::store::{Claim, Reader, Store};
use crate::text::Lang;

/// How long a claim lasts without being renewed: a session that died leaves
/// its segment to others after this.
pub const TTL: Duration = Duration::from_secs(10 * 60);

/// The one claim a session holds.
#[derive(Debug)]
pub struct Claims {
    lang: Lang,
    user: String,
    held: Option<i64>,
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
        let (lang, user, before) = (self.lang, self.user.as_str(), self.held);
        let theirs = soft(store.write(|w| {
            if let Some(old) = before.filter(|&old| old != segment_id) {
                w.release_claim(old, lang, user)?;
            }
            w.claim_segment(segment_id, lang, user, TTL)
        }))?
        .flatten();
        self.held = theirs.is_none().then_some(segment_id);
        Ok(theirs)
    }

    /// Renew the claim held (at every prompt, so a translator thinking for
    /// a long time keeps it).
    pub fn renew(&mut self, store: &mut Store) -> Result<()> {
        match self.held {
            Some(segment_id) => self.take(store, segment_id).map(drop),
            None => Ok(()),
        }
    }

    /// Give up the claim held (leaving the session).
    pub fn release(&mut self, store: &mut Store) -> Result<()> {
        let (lang, user) = (self.lang, self.user.as_str());
        if let Some(segment_id) = self.held.take() {
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
