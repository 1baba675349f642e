//! Review workflow: which status moves are allowed, approve and reject.
//!
//! The review issue fills in the rest; the rule below is shared with `translate`.

use crate::store::translations::Status;

/// Whether a segment may move from one status to another.
///
/// draft ⇄ translated → approved | rejected; rejected → translated (after a fix);
/// approved → translated only through an edit (the approval is withdrawn).
/// Saving the same status again (a new text) is always allowed, except on approved.
pub fn allowed(from: Status, to: Status, edit: bool) -> bool {
    use Status::*;
    match (from, to) {
        (Untranslated, Draft | Translated) => true,
        (Draft, Draft | Translated) | (Translated, Draft | Translated) => true,
        (Translated, Approved | Rejected) => true,
        (Rejected, Translated) | (Rejected, Draft) => true,
        (Approved, Translated) => edit,
        _ => false,
    }
}
