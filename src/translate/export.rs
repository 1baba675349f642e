//! The translated document: target text with the source's paragraph
//! structure, and a fallback for segments without an accepted translation.

use std::str::FromStr;

use serde::Serialize;

use crate::error::Result;
use crate::store::{Document, Reader, Status};
use crate::text::Lang;

/// Which translations count as accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Translated or approved.
    Translated,
    /// Approved only.
    Approved,
}

impl Accept {
    fn accepts(self, status: Status) -> bool {
        match self {
            Accept::Translated => matches!(status, Status::Translated | Status::Approved),
            Accept::Approved => status == Status::Approved,
        }
    }
}

impl FromStr for Accept {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "translated" => Ok(Accept::Translated),
            "approved" => Ok(Accept::Approved),
            _ => Err(format!(
                "unknown status '{s}': expected translated or approved"
            )),
        }
    }
}

/// What stands in for a segment without an accepted translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// The source sentence as is.
    Source,
    /// The source sentence between `[[` and `]]`, easy to find and impossible to miss.
    Mark,
}

impl FromStr for Fallback {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "source" => Ok(Fallback::Source),
            "mark" => Ok(Fallback::Mark),
            _ => Err(format!("unknown fallback '{s}': expected source or mark")),
        }
    }
}

/// The exported text and what had to fall back.
#[derive(Debug, Clone, Serialize)]
pub struct Exported {
    pub text: String,
    pub segments: usize,
    pub paragraphs: usize,
    /// Positions of the segments that fell back to the source.
    pub fallback_positions: Vec<i64>,
}

/// Build the translated document: segments of a paragraph joined by a space,
/// paragraphs by a newline (the text ends with one).
pub fn export(
    conn: &Reader,
    doc: &Document,
    lang: Lang,
    accept: Accept,
    fallback: Fallback,
) -> Result<Exported> {
    let segments = conn.segments_of(doc.id)?;
    let done = conn.translations_of(doc.id, lang)?;
    let mut text = String::new();
    let mut fallback_positions = Vec::new();
    let mut paragraph = None;
    let mut paragraphs = 0;
    for seg in &segments {
        if paragraph != Some(seg.paragraph) {
            if paragraph.is_some() {
                text.push('\n');
            }
            paragraph = Some(seg.paragraph);
            paragraphs += 1;
        } else {
            text.push(' ');
        }
        match done.get(&seg.id).filter(|t| accept.accepts(t.status)) {
            // A line break inside a translation would break the paragraph structure.
            Some(t) => text.push_str(&crate::text::clean(&t.text)),
            // The source exactly as imported: normalisation is for matching,
            // never for what the reader sees (a Latin `i` typed in a Kazakh
            // word stays; a line broken after initials stays broken).
            None => {
                fallback_positions.push(seg.position);
                let source = &seg.source;
                match fallback {
                    Fallback::Source => text.push_str(source),
                    Fallback::Mark => text.push_str(&format!("[[{source}]]")),
                }
            }
        }
    }
    if !segments.is_empty() {
        text.push('\n');
    }
    Ok(Exported {
        text,
        segments: segments.len(),
        paragraphs,
        fallback_positions,
    })
}
