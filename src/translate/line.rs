//! From what the session's edit line holds to a [`Command`]. The syntax is
//! [`command::parse`]'s; this module adds what an editable line needs on top,
//! because the line may already hold text the translator did not type (a
//! draft or rejected translation, a match taken):
//!
//! * a command typed after that offered text (`It is warm.:q`) is the command,
//!   not a translation ending in `:q`;
//! * a translation whose changed text ends in a command (`It is hot.:g 19`) is
//!   refused, never saved: the text comes back without the command;
//! * pasted line breaks are folded into spaces and the folded text comes back
//!   on the line to be checked, so a paste can neither split nor carry breaks;
//! * a translation far longer than its source is worth a second look.
//!
//! Pure: the front ends decide what to do with a [`Refused`] (put `keep` on the
//! line, or print the message when there is no line to put it on).

use super::command::{self, Command};

/// A line that was not turned into a command: why, and what goes back on the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub message: String,
    pub keep: String,
}

/// The command for `line`, given `offered`: the text that was on the line
/// when it was shown ("" when it was empty).
pub fn read(line: &str, offered: &str) -> Result<Command, Refused> {
    fold_or_refuse(line)?;
    if let Some(cmd) = appended_command(line, offered)? {
        return Ok(cmd);
    }
    let cmd = command::parse(line).map_err(|message| Refused {
        message,
        keep: line.trim().to_string(),
    })?;
    let line = line.trim();
    let text = match &cmd {
        _ if line.starts_with('\\') => None,
        Command::Save(t) | Command::Draft(Some(t)) | Command::Comment(t) => Some(t),
        _ => None,
    };
    if let Some(t) = text {
        // The text is the end of the trimmed line (`:d TEXT`, `:c TEXT`, TEXT).
        refuse_trailing_command(line, line.len() - t.len())?;
    }
    Ok(cmd)
}

/// The line saved as a draft whatever it holds (the draft key): the line's
/// text, or the text on offer when the line is empty.
pub fn draft(line: &str) -> Result<Command, Refused> {
    fold_or_refuse(line)?;
    let text = line.trim();
    if text.is_empty() {
        return Ok(Command::Draft(None));
    }
    refuse_trailing_command(text, 0)?;
    Ok(Command::Draft(Some(text.to_string())))
}

/// What goes back on the line when the command read from `line` failed (a
/// save refused, say): the offered text when the line was that text with a
/// command typed after it, otherwise the line as typed.
pub fn after_failure(line: &str, offered: &str) -> String {
    match appended_command(line, offered) {
        Ok(Some(_)) => offered.trim().to_string(),
        _ => line.trim().to_string(),
    }
}

/// A line that still has line breaks inside it (a paste) comes back folded.
fn fold_or_refuse(line: &str) -> Result<(), Refused> {
    let (folded, breaks) = fold_breaks(line.trim());
    if breaks == 0 {
        return Ok(());
    }
    Err(Refused {
        message: format!(
            "the pasted text had {breaks} line break(s); they are folded into spaces and the \
             text is back on the line: check it and press Enter to save it"
        ),
        keep: folded,
    })
}

/// `text` with each line break (and the white space around it) folded into
/// one space, and how many breaks there were.
pub fn fold_breaks(text: &str) -> (String, usize) {
    let is_break = |c: char| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
    if !text.contains(is_break) {
        return (text.to_string(), 0);
    }
    let lines: Vec<&str> = text
        .split(is_break)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // A CR LF pair is one break, as are the empty lines between paragraphs.
    (lines.join(" "), lines.len().saturating_sub(1))
}

/// A command typed after the unchanged offered text: `OFFERED:q`, `OFFERED :g 19`,
/// `OFFERED 2` (take match 2). A number counts only when the offered text does
/// not end in a digit (there it continues the number, `в 201` + `1`).
fn appended_command(line: &str, offered: &str) -> Result<Option<Command>, Refused> {
    let offered = offered.trim();
    let Some(rest) = (!offered.is_empty())
        .then(|| line.trim().strip_prefix(offered))
        .flatten()
    else {
        return Ok(None);
    };
    let rest = rest.trim();
    let is_number = !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    let ends_in_digit = offered.ends_with(|c: char| c.is_ascii_digit());
    let is_command = rest.starts_with(':') && known(command_name(&rest[1..]));
    if !(is_command || is_number && !ends_in_digit) {
        return Ok(None);
    }
    command::parse(rest).map(Some).map_err(|message| Refused {
        message,
        keep: line.trim().to_string(),
    })
}

fn command_name(after_colon: &str) -> &str {
    after_colon
        .split(char::is_whitespace)
        .next()
        .unwrap_or_default()
}

/// The names [`command::parse`] knows after `:`.
fn known(name: &str) -> bool {
    matches!(
        name,
        "d" | "b" | "g" | "c" | "f" | "?" | "h" | "help" | "q" | "quit"
    )
}

/// Refuse a line whose text (from byte `from` on) ends in a command: the
/// line comes back without it.
fn refuse_trailing_command(text: &str, from: usize) -> Result<(), Refused> {
    let Some(at) = trailing_command(text).filter(|&at| at >= from) else {
        return Ok(());
    };
    let cmd = &text[at..];
    Err(Refused {
        message: format!(
            "not saved: the line ends with the command `{cmd}`; to run it, type it on a line of \
             its own or right after the text the line was shown with (start a line with \\ to \
             save it exactly as typed)"
        ),
        keep: text[..at].trim_end().to_string(),
    })
}

/// Where the command that ends `text` (its last one) starts. A command without free text
/// (`:q`, `:b`, `:?`, `:g 19`) counts wherever it is glued on (`text.:q`);
/// one that takes text (`:d`, `:c`, `:f`) only at the start of a word or after
/// punctuation, so a ratio like `A:d` in a sentence stays text.
fn trailing_command(text: &str) -> Option<usize> {
    text.match_indices(':').rev().map(|(i, _)| i).find(|&i| {
        let tail = &text[i + 1..];
        let name = command_name(tail);
        let args = tail[name.len()..].trim();
        let after_word = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        match name {
            "b" | "?" | "h" | "help" | "q" | "quit" => args.is_empty(),
            "g" => !args.is_empty() && args.bytes().all(|b| b.is_ascii_digit()),
            "d" | "c" | "f" => after_word,
            _ => false,
        }
    })
}

/// A notice when a translation is far longer than its source (more than three
/// times its characters, and over 40): often two segments pasted into one.
pub fn too_long(source: &str, text: &str) -> Option<String> {
    let (s, t) = (source.chars().count(), text.trim().chars().count());
    (t > 40 && t > 3 * s).then(|| {
        format!(
            "the translation has {t} characters, more than three times its source's {s}: \
             was more than this segment pasted?"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str = "It is warm.";

    fn keep(r: Result<Command, Refused>) -> String {
        r.unwrap_err().keep
    }

    #[test]
    fn a_command_after_the_offered_text_is_the_command() {
        for (typed, cmd) in [
            (":q", Command::Quit),
            (" :q", Command::Quit),
            (":b", Command::Back),
            (":g 19", Command::Goto(19)),
            (":d", Command::Draft(None)),
            (":d Warm.", Command::Draft(Some("Warm.".into()))),
            (":c check", Command::Comment("check".into())),
            (":f жылы", Command::Find("жылы".into())),
            (":?", Command::Help),
            ("1", Command::TakeMatch(1)),
        ] {
            assert_eq!(read(&format!("{DRAFT}{typed}"), DRAFT), Ok(cmd), "{typed}");
        }
        // Unchanged, it is the offered text itself.
        assert_eq!(read(DRAFT, DRAFT), Ok(Command::Save(DRAFT.into())));
        // A digit after a number continues the number.
        assert_eq!(
            read("in 2011", "in 201"),
            Ok(Command::Save("in 2011".into()))
        );
        // A known command with bad arguments is reported, the line kept.
        let r = read(&format!("{DRAFT}:g x"), DRAFT).unwrap_err();
        assert!(r.message.contains(":g needs"), "{}", r.message);
        assert_eq!(r.keep, format!("{DRAFT}:g x"));
    }

    #[test]
    fn a_failed_command_gives_back_the_offered_text_or_the_line() {
        assert_eq!(after_failure("It is warm.:d", DRAFT), DRAFT);
        assert_eq!(
            after_failure("It is warm. And more.", DRAFT),
            "It is warm. And more."
        );
        assert_eq!(after_failure(":d Warm.", ""), ":d Warm.");
    }

    #[test]
    fn changed_text_ending_in_a_command_is_refused_and_comes_back_without_it() {
        assert_eq!(keep(read("It is hot.:q", DRAFT)), "It is hot.");
        assert_eq!(keep(read("It is hot. :g 19", DRAFT)), "It is hot.");
        assert_eq!(keep(read("It is hot.:b", "")), "It is hot.");
        assert_eq!(keep(read("It is hot :d", "")), "It is hot");
        assert_eq!(keep(read("It is hot. :c ask", "")), "It is hot.");
        assert_eq!(keep(read(":d It is hot. :q", "")), ":d It is hot.");
        assert_eq!(keep(read(":c see it :q", "")), ":c see it");
        let message = read("It is hot.:q", DRAFT).unwrap_err().message;
        assert!(message.contains("`:q`"), "{message}");
        // Text that only looks a little like a command stays text.
        for text in [
            "Ratio 3:2.",
            "A:d ratio",
            "At 10:30 :)",
            "See: b",
            "http://x.kz",
        ] {
            assert_eq!(read(text, ""), Ok(Command::Save(text.into())), "{text}");
        }
        // The escape saves anything as typed.
        assert_eq!(read("\\It is :q", ""), Ok(Command::Save("It is :q".into())));
    }

    #[test]
    fn pasted_line_breaks_come_back_folded() {
        let r = read("First line.\nSecond line.\r\n\r\nThird.", "").unwrap_err();
        assert_eq!(r.keep, "First line. Second line. Third.");
        assert!(r.message.contains("2 line break(s)"), "{}", r.message);
        // A break at the end of a paste is not inside the text.
        assert_eq!(
            read("One line.\n", ""),
            Ok(Command::Save("One line.".into()))
        );
        assert_eq!(keep(draft("a\nb")), "a b");
    }

    #[test]
    fn the_draft_key_saves_the_line_as_it_is() {
        assert_eq!(draft("  "), Ok(Command::Draft(None)));
        assert_eq!(draft("12"), Ok(Command::Draft(Some("12".into()))));
        assert_eq!(keep(draft(":q")), "");
        assert_eq!(keep(draft("Hot.:q")), "Hot.");
    }

    #[test]
    fn a_translation_far_longer_than_its_source_is_noticed() {
        let source = "Күн жылы.";
        assert!(too_long(source, "The day is warm.").is_none());
        let two = "The day is warm. The air is clean and the child reads a book.";
        assert!(too_long(source, two).unwrap().contains("three times"));
        // Short texts are never flagged, whatever the ratio.
        assert!(too_long("Иә.", "Yes, that is right.").is_none());
    }
}
