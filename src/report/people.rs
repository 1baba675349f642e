//! Rows per person: by role (translator, reviewer: the segments whose last
//! event of that role is theirs) and by person (everything they did, from the
//! event log, whatever their role).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{count, current, Activity, LogEvent, Row, Unit};

/// Rows per person: the units whose last role event is theirs, plus the
/// activity of every event they made that `is_role_event`.
pub(super) fn by_role(
    units: &[Unit],
    events: &[LogEvent],
    nobody: &str,
    is_role_event: impl Fn(&LogEvent) -> bool,
) -> Vec<Row> {
    let mut last: HashMap<(i64, &str), &str> = HashMap::new();
    let mut activity: BTreeMap<&str, Activity> = BTreeMap::new();
    for e in events.iter().filter(|e| is_role_event(e)) {
        last.insert((e.segment_id, e.lang.as_str()), e.actor.as_str());
        activity.entry(e.actor.as_str()).or_default().add(e);
    }
    let mut groups: BTreeMap<&str, Vec<&Unit>> = activity.keys().map(|a| (*a, vec![])).collect();
    for u in units {
        let who = last
            .get(&(u.segment_id, u.lang.as_str()))
            .copied()
            .unwrap_or(nobody);
        groups.entry(who).or_default().push(u);
    }
    let mut rows: Vec<Row> = groups
        .into_iter()
        .map(|(who, us)| {
            let mut row = count(who.to_string(), us.into_iter().map(current));
            row.activity = Some(activity.remove(who).unwrap_or_default());
            row
        })
        .collect();
    // The "nobody yet" group goes last.
    rows.sort_by_key(|r| r.group == nobody);
    rows
}

/// One row per person who has an event, by name: the activity of all their
/// events (a reviewer's edit is an edit, a translator's comment a comment).
/// The status figures are those of the segments they worked on, so a segment
/// two people worked on counts for both and the rows do not add up to the total.
pub(super) fn by_person(units: &[Unit], events: &[LogEvent]) -> Vec<Row> {
    // Per person: the (segment, language) pairs they worked on, and what they did.
    type Worked<'a> = (HashSet<(i64, &'a str)>, Activity);
    let mut worked: BTreeMap<&str, Worked> = BTreeMap::new();
    for e in events {
        let (keys, activity) = worked.entry(e.actor.as_str()).or_default();
        keys.insert((e.segment_id, e.lang.as_str()));
        activity.add(e);
    }
    worked
        .into_iter()
        .map(|(who, (keys, activity))| {
            let mine = units
                .iter()
                .filter(|u| keys.contains(&(u.segment_id, u.lang.as_str())));
            let mut row = count(who.to_string(), mine.map(current));
            row.activity = Some(activity);
            row
        })
        .collect()
}
