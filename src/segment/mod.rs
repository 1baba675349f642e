//! Sentence segmentation of whole documents (Kazakh first; Russian and English
//! for target-side texts), with paragraph numbers.
//!
//! This module owns the document level: lines, the joining of a line that ends
//! in an initial or an abbreviation with the next one, paragraph numbering and
//! trimming. [`scanner`] finds the sentence ends inside a paragraph, [`rules`]
//! holds the per-language data (abbreviation lists, list markers) and [`chars`]
//! the character classes and the homoglyph folding used for list look-ups.
//! Sentences are slices of the original text: nothing is normalised here.
//! It must not know about storage: it turns text into sentences and back.

mod chars;
pub mod rules;
pub mod scanner;

use crate::text::Lang;
use chars::{is_line_break, is_space};

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    /// 1-based paragraph number in the document.
    pub paragraph: usize,
    /// The sentence exactly as in the file (trimmed at both ends). It keeps a
    /// line break when a line ending in an initial was joined with the next.
    pub text: String,
}

/// Split a whole document into paragraphs and sentences.
///
/// A non-empty line is a paragraph, except that a line ending in an initial or
/// a known abbreviation continues on the next line; `..` glued between two
/// sentences (`етті..Осыдан`) also starts a new paragraph, and its second dot
/// is dropped. Blank lines are not paragraphs.
pub fn split_document(text: &str, lang: Lang) -> Vec<Sentence> {
    split_document_with(text, lang, &mut |_| {})
}

/// [`split_document`], telling `progress` how many bytes of `text` are split
/// after each paragraph (a large import shows it).
pub fn split_document_with(
    text: &str,
    lang: Lang,
    progress: &mut dyn FnMut(usize),
) -> Vec<Sentence> {
    let rules = rules::for_lang(lang);
    let mut out = Vec::new();
    let mut paragraph = 0;
    for span in paragraph_spans(text, rules) {
        progress(span.start);
        let body = &text[span.start..span.end];
        paragraph += 1;
        let mut emitted = false;
        let pieces = if span.whole {
            vec![scanner::Piece {
                start: 0,
                end: body.len(),
                new_paragraph: false,
            }]
        } else {
            scanner::scan(body, rules)
        };
        for piece in pieces {
            let sentence = body[piece.start..piece.end].trim_matches(is_space);
            if sentence.is_empty() {
                continue;
            }
            if piece.new_paragraph && emitted {
                paragraph += 1;
            }
            emitted = true;
            out.push(Sentence {
                paragraph,
                text: sentence.to_string(),
            });
        }
        if !emitted {
            paragraph -= 1;
        }
    }
    progress(text.len());
    out
}

/// The sentences of one paragraph (or any text: line breaks are handled as in
/// [`split_document`], paragraph numbers are dropped).
pub fn split_paragraph(text: &str, lang: Lang) -> Vec<String> {
    split_document(text, lang)
        .into_iter()
        .map(|s| s.text)
        .collect()
}

/// Byte ranges `(start, end)` of the lines of `text`, line breaks excluded.
/// `\r\n` counts as one break; so do the Unicode line and paragraph separators.
fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !is_line_break(c) {
            continue;
        }
        spans.push((start, i));
        start = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(j, '\n')) = iter.peek() {
                iter.next();
                start = j + 1;
            }
        }
    }
    spans.push((start, text.len()));
    spans
}

/// A paragraph: a byte range of the document, and whether it is one segment
/// as a whole (a line of a reference list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ParagraphSpan {
    start: usize,
    end: usize,
    whole: bool,
}

/// The paragraphs: non-blank lines, each joined with the lines it continues
/// onto. In a reference list (a heading such as `Әдебиеттер..`, then numbered
/// lines) every numbered line is a whole paragraph and segment of its own; the
/// list ends at the first line that is not numbered.
fn paragraph_spans(text: &str, rules: &rules::LangRules) -> Vec<ParagraphSpan> {
    let lines = line_spans(text);
    let mut out: Vec<ParagraphSpan> = Vec::new();
    let (mut joining, mut after_heading, mut in_references) = (false, false, false);
    for (k, &(start, end)) in lines.iter().enumerate() {
        let line = &text[start..end];
        if line.chars().all(is_space) {
            joining = false;
            continue;
        }
        in_references = (after_heading || in_references) && starts_numbered(line);
        after_heading = rules::is_reference_heading(line);
        match out.last_mut() {
            Some(last) if joining => last.end = end,
            _ => out.push(ParagraphSpan {
                start,
                end,
                whole: in_references,
            }),
        }
        joining = match lines.get(k + 1) {
            Some(&(ns, ne)) if !in_references => {
                scanner::line_continues(line, &text[ns..ne], rules)
            }
            _ => false,
        };
    }
    out
}

/// The line starts with a number as a list marker: `1.`, `12)`, `[3]`.
fn starts_numbered(line: &str) -> bool {
    let first = line
        .trim_start_matches(is_space)
        .split(is_space)
        .next()
        .unwrap_or("");
    let number = first
        .strip_suffix(['.', ')'])
        .or_else(|| first.strip_prefix('[').and_then(|f| f.strip_suffix(']')))
        .unwrap_or("");
    (1..=3).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests;
