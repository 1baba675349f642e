//! Which comments on a segment are still open, for the translator coming
//! back to it. The event log has no "resolved" mark, so an approval closes the
//! discussion: what was said before the segment was approved has been dealt with.

use crate::store::{Event, Status};

/// The comments still open on a segment: `comment` events since it was last
/// approved (an approval closes the discussion), oldest first. The reviewer's
/// rejection comment is shown apart
/// ([`View::reject_comment`](super::session::View::reject_comment)).
pub fn open_comments(events: &[Event]) -> Vec<Event> {
    let since = events
        .iter()
        .rposition(|e| e.to_status.as_deref() == Some(Status::Approved.as_str()))
        .map_or(0, |i| i + 1);
    events[since..]
        .iter()
        .filter(|e| {
            e.kind == "comment" && e.comment.as_deref().is_some_and(|c| !c.trim().is_empty())
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: i64, kind: &str, to: Option<&str>, comment: Option<&str>) -> Event {
        Event {
            id,
            segment_id: 1,
            lang: "en".into(),
            actor: "dana".into(),
            at: "2026-01-31T10:00:00Z".into(),
            kind: kind.into(),
            from_status: None,
            to_status: to.map(str::to_string),
            words: 2,
            comment: comment.map(str::to_string),
        }
    }

    #[test]
    fn comments_are_open_until_the_segment_is_approved() {
        let events = [
            event(1, "comment", None, Some("before the approval")),
            event(2, "edit", Some("translated"), None),
            event(3, "status", Some("approved"), None),
            event(4, "comment", None, Some("after it")),
            event(
                5,
                "status",
                Some("rejected"),
                Some("the rejection, shown apart"),
            ),
            event(6, "comment", None, Some("  ")),
            event(7, "edit", Some("translated"), None),
            event(8, "comment", None, Some("and after a fix")),
        ];
        let open: Vec<_> = open_comments(&events).into_iter().map(|e| e.id).collect();
        assert_eq!(open, [4, 8]);
        assert!(open_comments(&events[..3]).is_empty());
        assert_eq!(open_comments(&events[..1]).len(), 1);
    }
}
