//! What a line typed in the session means. Both front ends use the same syntax:
//!
//! | line            | meaning                                                        |
//! |-----------------|----------------------------------------------------------------|
//! | `TEXT`          | save TEXT as `translated`                                      |
//! | (empty)         | skip to the next segment                                       |
//! | `N`             | match N: put it on the line (terminal) / save it as is (piped) |
//! | `:d TEXT`       | save TEXT as `draft`                                           |
//! | `:d`            | save the text on offer (last match taken, or the current translation) as `draft` |
//! | `:b`            | back to the segment shown before                               |
//! | `:g N`          | go to segment N (1-based position)                             |
//! | `:c TEXT`       | comment on the segment                                         |
//! | `:f WORDS`      | concordance search in the memory                               |
//! | `:?`            | help                                                           |
//! | `:q`            | quit (also Ctrl-D, or the end of the piped input)              |
//! | `\TEXT`         | save TEXT literally (for a translation that starts with `:` or is a number) |

/// One parsed session command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Save(String),
    Skip,
    TakeMatch(usize),
    Draft(Option<String>),
    Back,
    Goto(i64),
    Comment(String),
    Find(String),
    Help,
    Quit,
}

/// The help text shown by `:?`.
pub const HELP: &str = "\
  TEXT       save as translated          (empty line) skip
  N          take match N                :d [TEXT]    save as draft
  :b         back                        :g N         go to segment N
  :c TEXT    comment                     :f WORDS     concordance search
  :?         this help                   :q           quit (also Ctrl-D)
  \\TEXT      save TEXT literally (when it starts with ':' or is a number)";

/// Parse one line; `Err` carries a message for the translator.
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(Command::Skip);
    }
    if let Some(literal) = line.strip_prefix('\\') {
        return Ok(Command::Save(literal.trim().to_string()));
    }
    let is_number = line.bytes().all(|b| b.is_ascii_digit());
    if let Some(n) = line.parse::<usize>().ok().filter(|_| is_number) {
        return if n == 0 {
            Err("matches are numbered from 1".into())
        } else {
            Ok(Command::TakeMatch(n))
        };
    }
    match line.strip_prefix(':') {
        Some(rest) => parse_colon(rest),
        None => Ok(Command::Save(line.to_string())),
    }
}

fn parse_colon(rest: &str) -> Result<Command, String> {
    let (name, arg) = match rest.split_once(char::is_whitespace) {
        Some((n, a)) => (n, a.trim()),
        None => (rest, ""),
    };
    let need = |what: &str| format!(":{name} needs {what} (`:?` for help)");
    match name {
        "d" => Ok(Command::Draft(Some(arg.to_string()).filter(|a| !a.is_empty()))),
        "b" => Ok(Command::Back),
        "g" => arg
            .parse::<i64>()
            .map(Command::Goto)
            .map_err(|_| need("a segment number, e.g. `:g 12`")),
        "c" if arg.is_empty() => Err(need("a comment")),
        "c" => Ok(Command::Comment(arg.to_string())),
        "f" if arg.is_empty() => Err(need("words to look for")),
        "f" => Ok(Command::Find(arg.to_string())),
        "?" | "h" | "help" => Ok(Command::Help),
        "q" | "quit" => Ok(Command::Quit),
        _ => Err(format!(
            "unknown command ':{name}' (`:?` for help; start a translation with \\ to save it literally)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_command() {
        assert_eq!(parse("  "), Ok(Command::Skip));
        assert_eq!(parse("Hello."), Ok(Command::Save("Hello.".into())));
        assert_eq!(parse("2"), Ok(Command::TakeMatch(2)));
        assert_eq!(parse(":d"), Ok(Command::Draft(None)));
        assert_eq!(
            parse(":d Hi there"),
            Ok(Command::Draft(Some("Hi there".into())))
        );
        assert_eq!(parse(":b"), Ok(Command::Back));
        assert_eq!(parse(":g 12"), Ok(Command::Goto(12)));
        assert_eq!(
            parse(":c check the term"),
            Ok(Command::Comment("check the term".into()))
        );
        assert_eq!(parse(":f жер"), Ok(Command::Find("жер".into())));
        assert_eq!(parse(":?"), Ok(Command::Help));
        assert_eq!(parse(":q"), Ok(Command::Quit));
    }

    #[test]
    fn literal_escape_and_mistakes() {
        assert_eq!(parse("\\2024"), Ok(Command::Save("2024".into())));
        assert_eq!(parse("\\:)"), Ok(Command::Save(":)".into())));
        assert!(parse(":g x").unwrap_err().contains(":g"));
        assert!(parse(":c").is_err());
        assert!(parse(":zz").unwrap_err().contains("unknown command"));
        assert!(parse("0").is_err());
        assert_eq!(parse("+5"), Ok(Command::Save("+5".into())));
    }

    proptest::proptest! {
        /// Any text that is not a command or a number is saved as typed (trimmed),
        /// and the `\\` escape saves anything literally.
        #[test]
        fn plain_text_is_a_translation(text in "[^:\\\\\\s0-9][^\\n]{0,40}") {
            proptest::prop_assert_eq!(parse(&text), Ok(Command::Save(text.trim().to_string())));
            let escaped = format!("\\{text}");
            proptest::prop_assert_eq!(parse(&escaped), Ok(Command::Save(text.trim().to_string())));
        }
    }
}
