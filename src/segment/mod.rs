//! Sentence segmentation of whole documents (Kazakh first; Russian and English
//! for target-side texts), with paragraphs.
//!
//! STUB: to be replaced by the rule-based segmenter.

use crate::text::Lang;

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    /// 1-based paragraph number in the document.
    pub paragraph: usize,
    /// The sentence exactly as in the file (trimmed at both ends).
    pub text: String,
}

/// Split a whole document into paragraphs and sentences.
pub fn split_document(text: &str, lang: Lang) -> Vec<Sentence> {
    let _ = lang;
    let mut out = Vec::new();
    let mut paragraph = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        paragraph += 1;
        for part in line.split_inclusive(". ") {
            let t = part.trim();
            if !t.is_empty() {
                out.push(Sentence {
                    paragraph,
                    text: t.to_string(),
                });
            }
        }
    }
    out
}
