//! The candidate scanner: walks one paragraph, finds every place a sentence
//! could end (a run of final punctuation followed by white space, a `..` glue,
//! `?`/`!` glued to a capital) and asks the rules whether it does. The rules
//! are the ordered table [`RULES`], first match wins (NOTES.md 1.3); their
//! per-language data (abbreviation lists ...) is in [`super::rules`].

use super::chars::{is_closer, is_dash, is_line_break, is_opener, is_space, is_terminal};
use super::rules::{self, AbbrevKind, LangRules};

/// One sentence of a paragraph: an untrimmed byte range, and whether a `..`
/// glue before it makes it start a new paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub new_paragraph: bool,
}

/// Why a candidate boundary is not a sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Abbreviation,
    Initials,
    ListMarker,
    Continuation,
    Enclosed,
}

/// The rules' answer for one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Break,
    Keep(Keep),
}

/// What the rules look at around a candidate boundary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Candidate<'a> {
    /// The word right before the punctuation run, leading openers stripped
    /// (`т.б` in `(т.б.).`).
    pub token: &'a str,
    /// The word before `token` (a number there makes `г.` or `млн.` a unit).
    pub prev_word: &'a str,
    /// `token` starts a line or a sentence, or follows `:` or `;`.
    pub list_position: bool,
    /// The punctuation run: final punctuation and closers (`.`, `?»`, `...`).
    pub run: &'a str,
    /// The character just before the run.
    pub before_run: Option<char>,
    /// The first non-space character after the boundary; `None` at the end.
    pub next: Option<char>,
    /// When `next` is a dash: the first non-space character after it.
    pub after_dash: Option<char>,
    /// The word starting at `next` (`АҚШ` after `60 млрд.`).
    pub next_word: &'a str,
}

/// A rule: given a candidate and the first character after it, a verdict,
/// or `None` to let the next rule decide.
pub type Rule = fn(&Candidate, char, &LangRules) -> Option<Verdict>;

/// The rules in the order they apply, first match wins (as SRX applies its
/// rules). A candidate no rule claims is a sentence end.
pub const RULES: &[(&str, Rule)] = &[
    ("punctuation follows", punctuation_follows),
    ("dash follows", dash_follows),
    ("inside brackets", inside_brackets),
    ("abbreviation", abbreviation_rule),
    ("initials", initials_rule),
    ("list marker", list_marker_rule),
    ("lower case follows", lower_case_follows),
];

/// Apply [`RULES`], in order, to one candidate.
pub fn decide(c: &Candidate, rules: &LangRules) -> Verdict {
    let Some(next) = c.next else {
        return Verdict::Break;
    };
    RULES
        .iter()
        .find_map(|(_, rule)| rule(c, next, rules))
        .unwrap_or(Verdict::Break)
}

/// `, ; : ) ]` or more final punctuation after the space: the sentence goes on.
fn punctuation_follows(_: &Candidate, next: char, _: &LangRules) -> Option<Verdict> {
    let goes_on = matches!(next, ',' | ';' | ':' | ')' | ']') || is_terminal(next);
    goes_on.then_some(Verdict::Keep(Keep::Continuation))
}

/// A dash before a lower-case word is reported speech (`?» – деп сұрады`);
/// before anything else it opens a new dialogue turn.
fn dash_follows(c: &Candidate, next: char, _: &LangRules) -> Option<Verdict> {
    if !is_dash(next) {
        return None;
    }
    Some(match c.after_dash {
        Some(a) if a.is_lowercase() => Verdict::Keep(Keep::Continuation),
        _ => Verdict::Break,
    })
}

/// `(...)`, `[!]`: punctuation standing alone in brackets.
fn inside_brackets(c: &Candidate, _: char, _: &LangRules) -> Option<Verdict> {
    matches!(c.before_run, Some('(' | '[')).then_some(Verdict::Keep(Keep::Enclosed))
}

/// The language's abbreviation lists (after a single dot only).
fn abbreviation_rule(c: &Candidate, next: char, rules: &LangRules) -> Option<Verdict> {
    if !is_single_dot(c.run) {
        return None;
    }
    abbreviation_verdict(c, next, rules)
}

/// Initials before an upper-case word of the same script (`Н.Ә. Назарбаев`,
/// but not `D.C. В пятницу`).
fn initials_rule(c: &Candidate, next: char, _: &LangRules) -> Option<Verdict> {
    let same_script = is_latin(c.token) == is_latin(c.next_word);
    let applies = is_single_dot(c.run)
        && is_initials(c.token)
        && same_script
        && (next.is_uppercase() || is_opener(next));
    applies.then_some(Verdict::Keep(Keep::Initials))
}

/// `1.`, `IV.`, `а.` in a list position (and bare numbers in Kazakh).
fn list_marker_rule(c: &Candidate, _: char, rules: &LangRules) -> Option<Verdict> {
    (is_single_dot(c.run) && is_list_marker(c, rules)).then_some(Verdict::Keep(Keep::ListMarker))
}

/// A lower-case word next: `млн. фунт`, `... бірақ`, `«Қашан?» деп`.
fn lower_case_follows(_: &Candidate, next: char, _: &LangRules) -> Option<Verdict> {
    next.is_lowercase()
        .then_some(Verdict::Keep(Keep::Continuation))
}

/// The final punctuation of the run is exactly one dot (closers may follow).
fn is_single_dot(run: &str) -> bool {
    let mut terminals = run.chars().filter(|c| is_terminal(*c));
    terminals.next() == Some('.') && terminals.next().is_none()
}

fn abbreviation_verdict(c: &Candidate, next: char, rules: &LangRules) -> Option<Verdict> {
    let (word, glued_number) = split_number_prefix(c.token);
    let kind = rules::abbreviation(rules, word)?;
    let ends_if_upper = match kind {
        AbbrevKind::Never => false,
        AbbrevKind::EndsIfUpper => true,
        // a currency acronym goes on with the amount: `60 млрд. АҚШ доллары`
        AbbrevKind::AfterNumber => {
            (glued_number || is_quantity(c.prev_word, rules)) && !is_acronym(c.next_word)
        }
    };
    if ends_if_upper && !next.is_lowercase() && !next.is_numeric() {
        Some(Verdict::Break)
    } else {
        Some(Verdict::Keep(Keep::Abbreviation))
    }
}

/// `1870ж` → (`ж`, true): a unit or year word glued to its number.
fn split_number_prefix(token: &str) -> (&str, bool) {
    let rest = token.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() < token.len() && !rest.is_empty() && rest.chars().all(char::is_alphabetic) {
        (rest, true)
    } else {
        (token, false)
    }
}

/// A word that makes the next unit word a quantity: a number (`2,8`, `1950-53`,
/// `40.27°`), a Roman numeral range (`X–XI`) or another unit (`млн.` in `млн. руб.`).
fn is_quantity(word: &str, rules: &LangRules) -> bool {
    if is_number_word(word) || is_roman(word, true) {
        return true;
    }
    match word.strip_suffix('.') {
        Some(unit) => rules::abbreviation(rules, unit) == Some(AbbrevKind::AfterNumber),
        None => false,
    }
}

fn is_number_word(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '/' | '%' | '°') || is_dash(c))
}

/// Roman numerals (`XIV`, `X–XI`); `lookalikes` also accepts the Cyrillic
/// letters typed for them (`Х`, `І`, `С`, `М`).
fn is_roman(word: &str, lookalikes: bool) -> bool {
    let numeral = |c: char| {
        matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M')
            || (lookalikes && matches!(c, 'І' | 'Х' | 'С' | 'М'))
    };
    word.chars().any(numeral) && word.chars().all(|c| numeral(c) || is_dash(c))
}

/// An all-capitals word of two letters or more (`АҚШ`, `США`, `ET`).
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().take_while(|c| c.is_alphabetic());
    let (mut count, mut upper) = (0, true);
    for c in letters {
        count += 1;
        upper &= c.is_uppercase();
    }
    count >= 2 && upper
}

/// The word's first letter is Latin (initials `D.C.` do not join a Cyrillic name).
fn is_latin(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c))
}

/// 1–3 single upper-case letters joined by dots: `Н`, `Н.Ә`, `Қ.-Ж`, `A.S`.
/// In a multi-part token a part may be a transliterated digraph (`K.-Zh`,
/// `Sh.A`); a lone two-letter word (`Ли.`) is a name, not an initial.
fn is_initials(token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() > 3 {
        return false;
    }
    let several = parts.len() > 1;
    parts.iter().enumerate().all(|(i, part)| {
        let letter = if i > 0 {
            part.strip_prefix('-').unwrap_or(part)
        } else {
            part
        };
        let mut chars = letter.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(c), None, _) => c.is_uppercase(),
            (Some(c), Some(d), None) => several && c.is_uppercase() && d.is_lowercase(),
            _ => false,
        }
    })
}

/// A list-marker token on its own: 1–3 digits, a Roman numeral or one letter.
pub fn is_list_token(token: &str) -> bool {
    let digits = (1..=3).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit());
    let letter = token.chars().count() == 1 && token.chars().all(char::is_alphabetic);
    digits || letter || (token.len() <= 6 && is_roman(token, false))
}

fn is_list_marker(c: &Candidate, rules: &LangRules) -> bool {
    if c.list_position && is_list_token(c.token) {
        return true;
    }
    rules.bare_numbers_are_list_markers
        && (1..=2).contains(&c.token.len())
        && c.token.bytes().all(|b| b.is_ascii_digit())
}

type Chars = [(usize, char)];

fn byte_at(text: &str, chars: &Chars, i: usize) -> usize {
    chars.get(i).map_or(text.len(), |&(b, _)| b)
}

fn skip_spaces(chars: &Chars, mut i: usize) -> usize {
    while i < chars.len() && is_space(chars[i].1) {
        i += 1;
    }
    i
}

/// Two dots glued between a word (or `]`, a closing quote) and an upper-case
/// word, `«` or a number: `етті..Осыдан`, `[5]..Кез`, `Әдебиеттер..1.`.
fn is_glue(chars: &Chars, i: usize) -> bool {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    if i == 0 || at(i) != Some('.') || at(i + 1) != Some('.') {
        return false;
    }
    let (Some(prev), Some(next)) = (at(i - 1), at(i + 2)) else {
        return false;
    };
    let prev_ok = prev.is_alphanumeric() || matches!(prev, ']' | ')' | '»' | '"' | '”');
    let next_ok = next.is_uppercase()
        || matches!(next, '«' | '"' | '“')
        || (next.is_ascii_digit() && prev.is_alphabetic());
    prev != '.' && prev_ok && next_ok
}

/// A citation `[12]`, `[1, 3–5]` starting at `k`: the index after its `]`.
fn citation_end(chars: &Chars, k: usize) -> Option<usize> {
    if chars.get(k)?.1 != '[' {
        return None;
    }
    let mut seen_digit = false;
    for (offset, &(_, c)) in chars[k + 1..].iter().enumerate().take(24) {
        match c {
            ']' => return seen_digit.then_some(k + 2 + offset),
            '0'..='9' => seen_digit = true,
            ',' | ' ' | '-' | '–' | '—' => {}
            _ => return None,
        }
    }
    None
}

/// The token ending at `end` (exclusive): back to the previous space, but not
/// before `floor` (the start of the sentence, after a `..` glue).
fn token_start(chars: &Chars, end: usize, floor: usize) -> usize {
    let mut s = end;
    while s > floor && !is_space(chars[s - 1].1) {
        s -= 1;
    }
    s
}

/// Build the candidate for a run of punctuation `chars[run_start..run_end]`,
/// with `next_at` the index of the first character after the boundary.
fn candidate<'a>(
    text: &'a str,
    chars: &Chars,
    run_start: usize,
    run_end: usize,
    next_at: usize,
    sentence_start: usize,
) -> Candidate<'a> {
    let ts = token_start(chars, run_start, sentence_start.min(run_start));
    let token = text[byte_at(text, chars, ts)..byte_at(text, chars, run_start)]
        .trim_start_matches(is_opener);
    let mut p = ts;
    while p > 0 && is_space(chars[p - 1].1) && !is_line_break(chars[p - 1].1) {
        p -= 1;
    }
    let list_position = p == 0
        || ts <= sentence_start
        || matches!(chars[p - 1].1, ':' | ';')
        || is_line_break(chars[p - 1].1);
    let mut w_end = ts;
    while w_end > 0 && is_space(chars[w_end - 1].1) {
        w_end -= 1;
    }
    let w_start = token_start(chars, w_end, 0);
    let next = chars.get(next_at).map(|&(_, c)| c);
    let after_dash = match next {
        Some(d) if is_dash(d) => chars.get(skip_spaces(chars, next_at + 1)).map(|&(_, c)| c),
        _ => None,
    };
    let next_end = (next_at..chars.len())
        .find(|&k| is_space(chars[k].1))
        .unwrap_or(chars.len());
    Candidate {
        token,
        prev_word: &text[byte_at(text, chars, w_start)..byte_at(text, chars, w_end)],
        list_position,
        run: &text[byte_at(text, chars, run_start)..byte_at(text, chars, run_end)],
        before_run: run_start.checked_sub(1).map(|k| chars[k].1),
        next,
        after_dash,
        next_word: &text
            [byte_at(text, chars, next_at.min(next_end))..byte_at(text, chars, next_end)],
    }
}

/// `?` or `!` glued to an upper-case letter still ends a sentence
/// (`қалай?Бұл`), unless the token is a URL (`page?Id=5`). A glued ellipsis
/// does not: in real text it mostly marks a pause inside a quotation.
fn glued_break<'a>(run: &str, token: impl FnOnce() -> &'a str, next: char) -> bool {
    let strong = run.chars().any(|c| is_terminal(c) && c != '.' && c != '…');
    strong && next.is_uppercase() && !token().contains(['/', '=', '@'])
}

/// Split one paragraph (possibly spanning joined lines) into sentences.
pub fn scan(text: &str, rules: &LangRules) -> Vec<Piece> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| byte_at(text, &chars, i);
    let mut pieces = Vec::new();
    let (mut start, mut new_paragraph) = (0usize, false);
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if is_glue(&chars, i) {
            pieces.push(Piece {
                start: at(start),
                end: at(i + 1),
                new_paragraph,
            });
            (start, new_paragraph) = (i + 2, true);
            i += 2;
            continue;
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && (is_terminal(chars[j].1) || is_closer(chars[j].1)) {
            j += 1;
        }
        if j == n {
            break;
        }
        if !is_space(chars[j].1) {
            // the token is only looked at for a strong run before a capital,
            // which keeps long dotted strings (`a.b.c...`) linear
            let token = || &text[at(token_start(&chars, i, start.min(i)))..at(i)];
            if glued_break(&text[at(i)..at(j)], token, chars[j].1) {
                pieces.push(Piece {
                    start: at(start),
                    end: at(j),
                    new_paragraph,
                });
                (start, new_paragraph) = (j, false);
            }
            i = j;
            continue;
        }
        let mut next_at = skip_spaces(&chars, j);
        let mut end = j;
        if let Some(after) = citation_end(&chars, next_at) {
            end = after;
            next_at = skip_spaces(&chars, after);
        }
        let cand = candidate(text, &chars, i, j, next_at, start);
        if next_at < n && decide(&cand, rules) == Verdict::Break {
            pieces.push(Piece {
                start: at(start),
                end: at(end),
                new_paragraph,
            });
            (start, new_paragraph) = (next_at, false);
            i = next_at;
        } else {
            i = j;
        }
    }
    pieces.push(Piece {
        start: at(start),
        end: text.len(),
        new_paragraph,
    });
    pieces
}

/// Whether a line ending in an initial or a known abbreviation continues on
/// the next line (`Президенті Н.Ә.` / `Назарбаев ...`), or is a bare list marker.
pub fn line_continues(line: &str, next_line: &str, rules: &LangRules) -> bool {
    let line = line.trim_matches(is_space);
    let next_chars: Vec<(usize, char)> = next_line.char_indices().collect();
    let next_at = skip_spaces(&next_chars, 0);
    if next_at == next_chars.len() || line.is_empty() {
        return false;
    }
    if let Some(marker) = line.strip_suffix(['.', ')']) {
        if is_list_token(marker) {
            return true;
        }
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut run_start = chars.len();
    while run_start > 0
        && (is_terminal(chars[run_start - 1].1) || is_closer(chars[run_start - 1].1))
    {
        run_start -= 1;
    }
    if run_start == chars.len() || !is_terminal(chars[run_start].1) {
        return false;
    }
    let mut cand = candidate(line, &chars, run_start, chars.len(), chars.len(), 0);
    cand.next = Some(next_chars[next_at].1);
    let next_end = (next_at..next_chars.len())
        .find(|&k| is_space(next_chars[k].1))
        .unwrap_or(next_chars.len());
    cand.next_word = &next_line[next_chars[next_at].0..byte_at(next_line, &next_chars, next_end)];
    cand.after_dash = next_chars
        .get(skip_spaces(&next_chars, next_at + 1))
        .map(|&(_, c)| c)
        .filter(|_| is_dash(next_chars[next_at].1));
    matches!(
        decide(&cand, rules),
        Verdict::Keep(Keep::Abbreviation | Keep::Initials)
    )
}
