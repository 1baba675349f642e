//! Foreign names and loanwords with Kazakh endings: `Назарбаевтың`,
//! `Пушкинге`, `Достоевскийдің`, `Ахматованың`, `Гогольдің` (issue 13, item 12).
//!
//! Russian-type surnames and similar loans end in letters and clusters no
//! native Kazakh stem ends in (`-ов`, `-ев`, `-ин`, `-ский`, `-ова`, `-енко`,
//! `-вич`, `-штейн`, `-берг`, `-ь` ...). They take Kazakh suffixes, but the
//! native rules misread them: `-в`, `-г` and `-ч` take the voiceless allomorph
//! (`Назарбаевтың`, `Назарбаевқа`, `Цукербергке`), which the assimilation guard
//! forbids after a letter it takes for voiced, and the suffix follows the
//! vowel the name is *pronounced* with, which its spelling does not show
//! (`Назарбаевтың` but `Медведевтің`), so the harmony guard misfires. Here a
//! word is a name when, after the noun suffixes (particle, case, possessive,
//! plural) are taken off without those two guards, what remains ends in such
//! an ending; the name itself is never cut into. Native stems do not end
//! like that (the short ones that do, `той`, `бой`, are too short to count),
//! so Kazakh words keep the native rules: on every word of the corpora in
//! ../shared the rule changed only names and loans (`Назарбаевтың`,
//! `медальді`, `Гамбургтегі`), and the treebank figure rose (`stem_eval`).

use super::{case_guard, devoice, possessive_guard, suffix_of, CASE, PARTICLE, PLURAL, POSSESSIVE};

/// A name: it ends in one of the endings of foreign surnames and loanwords
/// after at least two letters with a vowel (`Пекин`, `Толстой`, but not
/// `жина-`, `той`, `бой`). The endings, lower case with `ё` folded to `е` as
/// in a match key: `-ов -ев -ин -ий -ой`, `-ова -ева -ина -кая -вич -вна -чна
/// -ейн`, `-енко -берг -бург`, `-ь`. `-ий` covers `-ский`/`-цкий`, `-кая`
/// covers `-ская`/`-цкая`, `-ейн` covers `-штейн`, `-вич` covers `-ович`/`-евич`.
/// (Slice patterns, not a list of strings: this runs on every word indexed.)
fn is_name(s: &[char]) -> bool {
    let n = match s {
        [.., 'е', 'н', 'к', 'о'] | [.., 'б', 'е' | 'у', 'р', 'г'] => 4,
        [.., 'о' | 'е', 'в', 'а']
        | [.., 'и', 'н', 'а']
        | [.., 'к', 'а', 'я']
        | [.., 'в', 'и', 'ч']
        | [.., 'в' | 'ч', 'н', 'а']
        | [.., 'е', 'й', 'н'] => 3,
        [.., 'о' | 'е', 'в'] | [.., 'и', 'н'] | [.., 'и' | 'о', 'й'] => 2,
        [.., 'ь'] => 1,
        _ => return false,
    };
    s.len() >= n + 2 && s[..s.len() - n].iter().any(|c| super::is_vowel(*c))
}

/// The one assimilation rule names keep: a vowel or the soft sign is never
/// followed by a voiceless allomorph (`Ахматова-ны`, `Гоголь-ді`, not
/// `комбина-ты`, `инсуль-та`); after a consonant any allomorph goes, since
/// the spelling does not show how the name ends in speech.
fn sounds_ok(stem: &[char], suf: &str) -> bool {
    let voiceless = matches!(suf.chars().next(), Some('т' | 'қ' | 'к' | 'п'));
    !(voiceless
        && stem
            .last()
            .is_some_and(|c| super::is_vowel(*c) || *c == 'ь'))
}

/// The stem of `word` (a lower-case match-key word) when it is a foreign name
/// or loanword, bare or with Kazakh noun suffixes: the name as written, with
/// the final devoicing every Kazakh stem gets (`цукерберг` → `цукерберк`).
/// `None` for any other word. (`stem_kk` gives the same, for every word.)
pub fn name_stem(word: &str) -> Option<String> {
    let mut s: Vec<char> = word.chars().collect();
    s.truncate(name_end(&s)?);
    devoice(&mut s);
    Some(s.into_iter().collect())
}

/// A suffix slot: its allomorphs, and when one may come off.
type Slot = (&'static [&'static str], fn(&[char], &str) -> bool);

/// Where the name ends in the word `s` (its length in letters, all of `s`
/// for a bare name), or `None` when `s` is no name.
pub(super) fn name_end(s: &[char]) -> Option<usize> {
    if is_name(s) {
        return Some(s.len());
    }
    // Right to left, the slots of a noun: each at most once, the first that
    // leaves a name wins (`Назарбаев-тар-дың`).
    let slots: [Slot; 4] = [
        (PARTICLE, |stem, suf| sounds_ok(stem, suf)),
        (CASE, |stem, suf| {
            sounds_ok(stem, suf) && case_guard(stem, suf)
        }),
        (POSSESSIVE, |stem, suf| {
            sounds_ok(stem, suf) && possessive_guard(stem, suf)
        }),
        (PLURAL, |stem, suf| sounds_ok(stem, suf)),
    ];
    let mut end = s.len();
    for (list, guard) in slots {
        if let Some((n, _)) = suffix_of(&s[..end], list, guard) {
            end -= n;
            if is_name(&s[..end]) {
                return Some(end);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::stem_kk;
    use super::*;

    /// `names.txt`: the nominative, then its forms.
    fn names() -> Vec<(String, Vec<String>)> {
        include_str!("names.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (nom, forms) = l.split_once(':').expect("NAME: FORMS");
                let forms = forms.split_whitespace().map(String::from).collect();
                (nom.trim().to_string(), forms)
            })
            .collect()
    }

    fn key(w: &str) -> String {
        crate::text::match_key(w)
    }

    #[test]
    fn every_case_form_of_a_surname_has_the_nominatives_stem() {
        let names = names();
        assert!(names.len() >= 15, "{} names", names.len());
        let mut wrong = Vec::new();
        for (nom, forms) in &names {
            assert!(forms.len() >= 6, "{nom}: the six oblique cases at least");
            let want = stem_kk(&key(nom));
            for form in forms {
                let got = stem_kk(&key(form));
                if got != want {
                    wrong.push(format!("{form} → {got} (≠ {nom} → {want})"));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn a_name_keeps_its_own_ending() {
        // The feminine and masculine are two names; the name is never cut into.
        assert_eq!(stem_kk("назарбаева"), "назарбаева");
        assert_eq!(stem_kk("назарбаев"), "назарбаев");
        assert_eq!(stem_kk("достоевскийді"), "достоевский");
        assert_eq!(stem_kk("цукерберг"), stem_kk("цукербергтің"));
    }

    #[test]
    fn native_words_are_not_names() {
        // Native words that end like a name or hold one's letters: the native
        // rules still decide (`жина-ды` has no vowel before `-ина`, `той`
        // and `бой` are too short, the rest end in no name ending).
        for w in [
            "жинады",
            "жиналды",
            "жиынға",
            "тойға",
            "бойынша",
            "бойы",
            "қойды",
            "ойдың",
            "кейін",
            "бірін",
            "мемлекеттің",
            "қазақстанның",
            "кітаппен",
            "астанаға",
            "жолдың",
            "сайлауға",
            "тілін",
            "әкімін",
        ] {
            assert_eq!(name_stem(w), None, "{w}");
        }
    }
}
