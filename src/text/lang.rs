//! The languages Audarma segments and translates.

use std::fmt;
use std::str::FromStr;

/// A language Audarma knows rules for. Sources are Kazakh; targets English or Russian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Kk,
    En,
    Ru,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// Parse a target language (`en` or `ru`), with a message that says what is allowed.
    pub fn parse_target(s: &str) -> Result<Lang, String> {
        match s.parse::<Lang>()? {
            Lang::Kk => Err("unknown target language 'kk': translations go into en or ru".into()),
            l => Ok(l),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    /// Accepts `kk`, `en`, `ru` and region variants such as `kk-KZ` or `en_US`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "kk" | "kaz" => Ok(Lang::Kk),
            "en" | "eng" => Ok(Lang::En),
            "ru" | "rus" => Ok(Lang::Ru),
            _ => Err(format!("unknown language '{s}': expected kk, en or ru")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_regions() {
        assert_eq!("kk-KZ".parse::<Lang>(), Ok(Lang::Kk));
        assert_eq!("EN_us".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
        assert!(Lang::parse_target("kk").is_err());
        assert_eq!(Lang::parse_target("ru"), Ok(Lang::Ru));
    }
}
