//! The word diff shown with a match (suggest, the translate session, review):
//! the differences the score counts, and only those (issue 13, item 11).
//!
//! It is read off the score's own alignment of the normalised tokens, so what
//! the score ignores (Latin look-alikes, line breaks and white space, case)
//! is never shown as a change, and every word the score charges for is. Each
//! token is displayed as the text it was typed in: the user's side for what
//! both share and what the user added, the match's for what it has alone.
//! The parts keep the spaces between tokens, and a deletion and the insertion
//! after it are always apart, so `[-old-] {+new+}` reads without colour.

use serde::Serialize;

use super::score::{score, Op, Prepared, Step};
use crate::text::stem::match_tokens;
use crate::text::{tokens_of, Lang, Token, TokenKind};

/// One part of the word diff from the match's source to the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffOp {
    /// `equal`, `delete` (only in the match) or `insert` (only in the query).
    pub op: String,
    pub text: String,
}

/// Word diff from `old` (the match's source) to `new` (the query).
pub fn word_diff(old: &str, new: &str) -> Vec<DiffOp> {
    let (unit, query) = (Prepared::new(old, Lang::Kk), Prepared::new(new, Lang::Kk));
    let scored = score(&query, &unit);
    aligned_diff(
        &scored.alignment,
        &surfaces(old, &unit.tokens),
        &surfaces(new, &query.tokens),
    )
}

/// A token as displayed: the text typed, and whether white space came before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surface {
    pub text: String,
    pub space_before: bool,
}

/// How each of `tokens` (a [`Prepared`] text's) was typed in `original`, one
/// per token. The original's own tokens pair one for one with the key's
/// unless normalisation merged or split one; then the display-clean form
/// stands in, and if even that does not pair, the key text.
pub fn surfaces(original: &str, tokens: &[Token]) -> Vec<Surface> {
    let keyed = tokens_of(original);
    let same = keyed.len() == tokens.len() && keyed.iter().zip(tokens).all(|(k, t)| k.token == *t);
    if !same {
        return tokens
            .iter()
            .enumerate()
            .map(|(i, t)| Surface {
                text: t.text.clone(),
                space_before: i > 0 && t.kind != TokenKind::Punct,
            })
            .collect();
    }
    let typed = match_tokens(original);
    let paired = typed.len() == keyed.len()
        && typed
            .iter()
            .zip(&keyed)
            .all(|(t, k)| t.kind == k.token.kind);
    keyed
        .into_iter()
        .enumerate()
        .map(|(i, k)| Surface {
            text: if paired {
                typed[i].text.clone()
            } else {
                k.surface
            },
            space_before: k.space_before,
        })
        .collect()
}

/// The diff read off a score's `alignment` of `unit`'s tokens with `query`'s
/// (their [`surfaces`]): kept tokens are equal, the rest go into runs of
/// changes shown as everything deleted, then everything inserted.
pub fn aligned_diff(alignment: &[Step], unit: &[Surface], query: &[Surface]) -> Vec<DiffOp> {
    let mut out = Parts::default();
    let mut run = Run::default();
    let (mut qi, mut ui) = (0, 0);
    let blank = Surface {
        text: String::new(),
        space_before: false,
    };
    for step in alignment {
        // (The surfaces are one per token, so these are there; a blank
        // rather than a panic if a caller paired the wrong texts.)
        let q = query.get(qi).unwrap_or(&blank);
        let u = unit.get(ui).unwrap_or(&blank);
        match step.op {
            Op::Keep => {
                // After a change, either side's space keeps the words apart.
                let spaced = q.space_before || (!run.is_empty() && u.space_before);
                out.flush(&mut run);
                out.equal(&q.text, spaced);
                (qi, ui) = (qi + 1, ui + 1);
            }
            Op::Inflect | Op::Replace => {
                run.deleted.push(u);
                run.inserted.push(q);
                (qi, ui) = (qi + 1, ui + 1);
            }
            Op::Insert => {
                run.inserted.push(q);
                qi += 1;
            }
            Op::Delete => {
                run.deleted.push(u);
                ui += 1;
            }
        }
    }
    out.flush(&mut run);
    out.ops
}

/// Consecutive changed tokens: what the match has there, and what the query has.
#[derive(Default)]
struct Run<'a> {
    deleted: Vec<&'a Surface>,
    inserted: Vec<&'a Surface>,
}

impl Run<'_> {
    fn is_empty(&self) -> bool {
        self.deleted.is_empty() && self.inserted.is_empty()
    }
}

/// The diff being built: adjacent parts of one kind are merged.
#[derive(Default)]
struct Parts {
    ops: Vec<DiffOp>,
}

impl Parts {
    fn push(&mut self, op: &str, text: &str) {
        match self.ops.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => self.ops.push(DiffOp {
                op: op.to_string(),
                text: text.to_string(),
            }),
        }
    }

    /// A space between the last part and the next (never at the start).
    fn space(&mut self, wanted: bool) {
        if wanted && !self.ops.is_empty() {
            self.push("equal", " ");
        }
    }

    fn equal(&mut self, text: &str, spaced: bool) {
        self.space(spaced);
        self.push("equal", text);
    }

    fn flush(&mut self, run: &mut Run<'_>) {
        if run.is_empty() {
            return;
        }
        let first_spaced = |side: &[&Surface]| side.first().is_some_and(|s| s.space_before);
        self.space(first_spaced(&run.deleted) || first_spaced(&run.inserted));
        if !run.deleted.is_empty() {
            self.push("delete", &joined(&run.deleted));
        }
        if !run.inserted.is_empty() {
            self.space(!run.deleted.is_empty());
            self.push("insert", &joined(&run.inserted));
        }
        run.deleted.clear();
        run.inserted.clear();
    }
}

/// Tokens of one side as they were spaced.
fn joined(tokens: &[&Surface]) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && t.space_before {
            out.push(' ');
        }
        out.push_str(&t.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(diff: &[DiffOp]) -> String {
        diff.iter()
            .map(|d| match d.op.as_str() {
                "delete" => format!("[-{}-]", d.text),
                "insert" => format!("{{+{}+}}", d.text),
                _ => d.text.clone(),
            })
            .collect()
    }

    #[test]
    fn what_the_score_ignores_is_no_change() {
        // Latin `i` for `і`, a line break and case: the same tokens. The
        // user's sentence is shown as typed.
        let diff = word_diff(
            "Елдің бірлігі\nбәрінен маңызды.",
            "елдiң бiрлiгi Бәрінен маңызды.",
        );
        assert!(diff.iter().all(|d| d.op == "equal"), "{diff:?}");
        assert_eq!(plain(&diff), "елдiң бiрлiгi Бәрінен маңызды.");
    }

    #[test]
    fn a_replaced_word_shows_both_words_apart() {
        let diff = word_diff("Бала кітап оқыды.", "Бала газет оқыды.");
        assert_eq!(plain(&diff), "Бала [-кітап-] {+газет+} оқыды.");
        let diff = word_diff("Бала кітап оқыды.", "Бала оқыды.");
        assert_eq!(plain(&diff), "Бала [-кітап-] оқыды.");
        // Runs: what the match has, then what the query has; spacing kept.
        let diff = word_diff("Ал бала келді.", "Бала келді ғой!");
        assert_eq!(plain(&diff), "[-Ал-] Бала келді [-.-] {+ғой!+}");
        // Only the changed word is marked, in its typed form, next to a
        // case-only and a Latin-letter difference that are not.
        let diff = word_diff("Бала кітапты оқыды.", "бала кiтаптарды оқыды.");
        assert_eq!(plain(&diff), "бала [-кітапты-] {+кiтаптарды+} оқыды.");
    }

    #[test]
    fn surfaces_are_what_was_typed() {
        let text = "Елдiң  бірлігі,\nмаңызды";
        let p = Prepared::new(text, Lang::Kk);
        let s = surfaces(text, &p.tokens);
        let shown: Vec<(&str, bool)> = s
            .iter()
            .map(|s| (s.text.as_str(), s.space_before))
            .collect();
        assert_eq!(
            shown,
            [
                ("Елдiң", false),
                ("бірлігі", true),
                (",", false),
                ("маңызды", true)
            ]
        );
    }
}
