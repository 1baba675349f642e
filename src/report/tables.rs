//! The report's tables. Every number sits in a data attribute as well as in
//! the text, so tests compare the page with `progress --json` cell by cell.

use std::fmt::Write as _;

use super::html::{colour, BAR_ORDER};
use super::svg::esc;
use super::{Activity, OpenComment, Progress, Row};

/// The label of a table's total row: over several languages it adds each
/// source word once per language, and says so.
fn total_label(p: &Progress) -> &'static str {
    if p.total.words != p.source_words {
        "<b>total</b> <small>(word-languages)</small>"
    } else {
        "<b>total</b>"
    }
}

/// The row's tag and first cell; `by_status`: a status table, whose total
/// over several languages is word-languages and says so.
fn opening(s: &mut String, r: &Row, p: &Progress, by_status: bool) {
    let total = std::ptr::eq(r, &p.total);
    let _ = write!(
        s,
        r#"<tr data-{}="{}"><td>{}</td>"#,
        if total { "total" } else { "group" },
        esc(&r.group),
        if total && by_status {
            total_label(p).to_string()
        } else if total {
            "<b>total</b>".to_string()
        } else {
            esc(&r.group)
        },
    );
}

/// A table of progress rows by status (documents, languages, days); with
/// `day_activity`, the words each day moved.
pub fn progress_table(id: &str, first: &str, p: &Progress, day_activity: bool) -> String {
    let mut s = format!(
        r#"<div class="scroll"><table id="{id}"><thead><tr><th>{first}</th><th>segments</th><th>words</th>"#
    );
    for st in BAR_ORDER {
        let _ = write!(
            s,
            r#"<th><i class="dot" style="background:{}"></i>{st}</th>"#,
            colour(st)
        );
    }
    s.push_str("<th>% transl.</th><th>% appr.</th>");
    if day_activity {
        s.push_str(
            r#"<th class="act">edits</th><th>+ transl.</th><th>+ appr.</th><th>+ rej.</th>"#,
        );
    }
    s.push_str("</tr></thead><tbody>");
    for r in p.groups.iter().chain(std::iter::once(&p.total)) {
        opening(&mut s, r, p, true);
        let _ = write!(
            s,
            r#"<td data-field="segments" data-value="{0}">{0}</td><td data-field="words" data-value="{1}">{1}</td>"#,
            r.segments, r.words
        );
        for st in BAR_ORDER {
            let (seg, words) = (r.segments_by_status[&st], r.words_by_status[&st]);
            let _ = write!(
                s,
                r#"<td data-status="{st}" data-segments="{seg}" data-words="{words}">{words} <small>({seg})</small></td>"#
            );
        }
        let _ = write!(
            s,
            r#"<td data-field="translated_percent" data-value="{0:.1}">{0:.1}%</td><td data-field="approved_percent" data-value="{1:.1}">{1:.1}%</td>"#,
            r.translated_percent, r.approved_percent
        );
        if day_activity {
            let a = r.activity.clone().unwrap_or_default();
            activity_cells(
                &mut s,
                &[
                    ("edits", a.edits),
                    ("translated_words", a.translated_words),
                    ("approved_words", a.approved_words),
                    ("rejected_words", a.rejected_words),
                ],
            );
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s.push_str(if day_activity {
        r#"<p class="hint">Status columns: words (segments) at the end of the day, from the event log; the + columns: words moved that day.</p>"#
    } else {
        r#"<p class="hint">Status columns: words (segments).</p>"#
    });
    s
}

fn activity_cells(s: &mut String, cells: &[(&str, i64)]) {
    for (i, (field, v)) in cells.iter().enumerate() {
        let class = if i == 0 { r#" class="act""# } else { "" };
        let _ = write!(
            s,
            r#"<td{class} data-field="{field}" data-value="{v}">{v}</td>"#
        );
    }
}

/// What each person did (`progress --by person`): their events, no status.
pub fn people_table(p: &Progress) -> String {
    let mut s = String::from(
        r#"<div class="scroll"><table id="by-person"><thead><tr><th>person</th><th class="act">edits</th><th>words translated</th><th>words approved</th><th>words rejected</th><th>approvals</th><th>rejections</th><th>comments</th></tr></thead><tbody>"#,
    );
    for r in p.groups.iter().chain(std::iter::once(&p.total)) {
        opening(&mut s, r, p, false);
        let a: Activity = r.activity.clone().unwrap_or_default();
        activity_cells(
            &mut s,
            &[
                ("edits", a.edits),
                ("translated_words", a.translated_words),
                ("approved_words", a.approved_words),
                ("rejected_words", a.rejected_words),
                ("approvals", a.approvals),
                ("rejections", a.rejections),
                ("comments", a.comments),
            ],
        );
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s.push_str(r#"<p class="hint">From the event log, whatever the person's role: edits are saves that changed a text (a reviewer's edit too); words translated are the words of segments they moved into translated (a fixed rejection counts again); approvals and rejections with their words; comments written.</p>"#);
    s
}

/// The comments and rejections still waiting for an edit.
pub fn open_comments_table(list: &[OpenComment]) -> String {
    let mut s = String::from(
        r#"<table id="open-comments"><thead><tr><th>document</th><th>#</th><th>lang</th><th class="text">kind</th><th class="text">source</th><th class="text">translation now</th><th class="text">comment</th><th class="text">by</th><th class="text">when</th></tr></thead><tbody>"#,
    );
    for c in list {
        let translation = c
            .translation
            .as_deref()
            .map_or_else(|| r#"<span class="empty">untranslated</span>"#.into(), esc);
        let _ = write!(
            s,
            r#"<tr data-position="{}" data-lang="{}" data-kind="{}"><td>{}</td><td>{}</td><td>{}</td><td class="text">{}</td><td class="text">{}</td><td class="text">{}</td><td class="text"><b>{}</b></td><td class="text">{}</td><td class="text">{}</td></tr>"#,
            c.position,
            esc(&c.lang),
            esc(&c.kind),
            esc(&c.document),
            c.position,
            esc(&c.lang),
            esc(&c.kind),
            esc(&c.source),
            translation,
            esc(&c.comment),
            esc(&c.by),
            esc(&c.at)
        );
    }
    s.push_str("</tbody></table>");
    s
}
