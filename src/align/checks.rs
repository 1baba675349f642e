//! Reading the two sides of an alignment and refusing input that would give a
//! silent garbage alignment: an empty side, the wrong language or script on
//! either side, the same file twice, or files in different encodings.
//!
//! Errors name the file; softer doubts come back as warnings for the caller to
//! print on stderr.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::segment::Sentence;
use crate::text::{decode, Lang};

/// One side of an alignment, decoded.
#[derive(Debug, Clone)]
pub struct SideFile {
    pub path: PathBuf,
    pub text: String,
    /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE` or `UTF-16BE`.
    pub encoding: &'static str,
}

/// Read and decode one side (UTF-8, or UTF-16 with a BOM), naming the file on error.
pub fn read_side(path: &Path) -> Result<SideFile> {
    if path.is_dir() {
        return Err(Error::input(path, "is a directory, not a file"));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        Error::input(path, why)
    })?;
    let encoding = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        "UTF-8 with BOM"
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        "UTF-16LE"
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        "UTF-16BE"
    } else {
        "UTF-8"
    };
    let text = decode::decode_text(&bytes).map_err(|msg| Error::input(path, msg))?;
    Ok(SideFile {
        path: path.to_path_buf(),
        text,
        encoding,
    })
}

/// Letter counts by script.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scripts {
    pub latin: usize,
    pub cyrillic: usize,
    /// ә ғ қ ң ө ұ ү һ і (either case): in Kazakh, not in Russian.
    pub kazakh: usize,
    /// ђ ѓ ќ ћ џ ў ї є ѕ: legacy Kazakh fonts put Kazakh letters here.
    pub legacy_font: usize,
}

/// Count the letters of `text` by script.
pub fn scripts(text: &str) -> Scripts {
    let mut s = Scripts::default();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let lower = c.to_lowercase().next().unwrap_or(c);
        if c.is_ascii_alphabetic() {
            s.latin += 1;
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            s.cyrillic += 1;
            if "әғқңөұүһі".contains(lower) {
                s.kazakh += 1;
            }
            if "ђѓќћџўїєѕ".contains(lower) {
                s.legacy_font += 1;
            }
        }
    }
    s
}

/// Share of Kazakh-specific letters among Cyrillic letters above which a text
/// is Kazakh, not Russian (Kazakh prose runs at 8–12%; Russian has none).
const KAZAKH_SHARE: f64 = 0.02;

/// Check the two decoded files before segmenting. Returns warnings; errors for
/// input that cannot give a meaningful alignment.
pub fn check_files(source: &SideFile, target: &SideFile, to: Lang) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    if source.text.trim() == target.text.trim() {
        return Err(Error::input(
            &target.path,
            format!(
                "has the same text as {}; give the translation as TARGET",
                source.path.display()
            ),
        ));
    }
    if source.encoding != target.encoding {
        warnings.push(format!(
            "{} is {} but {} is {}; both were decoded, but check that they are the same document",
            source.path.display(),
            source.encoding,
            target.path.display(),
            target.encoding
        ));
    }
    let s = scripts(&source.text);
    if s.cyrillic + s.latin == 0 {
        return Err(Error::input(
            &source.path,
            "has no letters; expected a Kazakh document",
        ));
    }
    if s.latin > s.cyrillic {
        return Err(Error::input(
            &source.path,
            "is mostly Latin script; the source must be Kazakh in Cyrillic",
        ));
    }
    if (s.kazakh as f64) < KAZAKH_SHARE * s.cyrillic as f64 && s.cyrillic >= 100 {
        warnings.push(format!(
            "{} has almost no Kazakh-specific letters (ә ғ қ ң ө ұ ү һ і); is it Kazakh?",
            source.path.display()
        ));
    }
    if s.legacy_font > 0 {
        warnings.push(format!(
            "{} contains letters of legacy Kazakh fonts (ђ ѓ ќ ћ ў ї ...); recode it to Unicode first",
            source.path.display()
        ));
    }
    check_target_language(target, to)?;
    Ok(warnings)
}

fn check_target_language(target: &SideFile, to: Lang) -> Result<()> {
    let t = scripts(&target.text);
    let letters = t.cyrillic + t.latin;
    if letters == 0 {
        return Err(Error::input(
            &target.path,
            format!("has no letters; expected a translation into {to}"),
        ));
    }
    match to {
        Lang::En if t.cyrillic * 2 > letters => Err(Error::input(
            &target.path,
            format!("is mostly Cyrillic ({}% of letters), but --to en expects English", t.cyrillic * 100 / letters),
        )),
        Lang::Ru if t.latin * 2 > letters => Err(Error::input(&target.path, "is mostly Latin script, but --to ru expects Russian")),
        Lang::Ru if t.kazakh as f64 >= KAZAKH_SHARE * t.cyrillic as f64 => Err(Error::input(
            &target.path,
            format!(
                "has Kazakh-specific letters (ә ғ қ ң ө ұ ү һ і: {:.1}% of Cyrillic letters), but --to ru expects Russian; is this the Kazakh side?",
                100.0 * t.kazakh as f64 / t.cyrillic.max(1) as f64
            ),
        )),
        _ => Ok(()),
    }
}

/// Check the segmented sides: neither may be empty, and very different counts are suspicious.
pub fn check_sentences(
    source: &SideFile,
    s: &[Sentence],
    target: &SideFile,
    t: &[Sentence],
) -> Result<Vec<String>> {
    if s.is_empty() {
        return Err(Error::input(&source.path, "no sentences found"));
    }
    if t.is_empty() {
        return Err(Error::input(&target.path, "no sentences found"));
    }
    let (a, b) = (s.len().min(t.len()), s.len().max(t.len()));
    let mut warnings = Vec::new();
    if b > 2 * a + 2 {
        warnings.push(format!(
            "{} has {} sentences and {} has {}; is the translation complete and of this document?",
            source.path.display(),
            s.len(),
            target.path.display(),
            t.len()
        ));
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(name: &str, text: &str, encoding: &'static str) -> SideFile {
        SideFile {
            path: PathBuf::from(name),
            text: text.into(),
            encoding,
        }
    }

    const KK: &str = "Қазақстан Республикасы — тәуелсіз мемлекет. Бүгін күн ашық болды.";

    #[test]
    fn wrong_target_language_is_an_error_naming_the_file() {
        let s = side("kk.txt", KK, "UTF-8");
        let err = check_files(
            &s,
            &side("en.txt", "Бүгін күн ашық болды, бәрі жақсы.", "UTF-8"),
            Lang::En,
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("en.txt: is mostly Cyrillic"), "{err}");
        let err = check_files(
            &s,
            &side("ru.txt", "Бүгін күн ашық болды, бәрі жақсы.", "UTF-8"),
            Lang::Ru,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("Kazakh-specific letters"), "{err}");
        let ok = check_files(
            &s,
            &side("ru.txt", "Сегодня был ясный день.", "UTF-8"),
            Lang::Ru,
        );
        assert!(ok.unwrap().is_empty());
    }

    #[test]
    fn different_encodings_warn_and_same_text_errors() {
        let s = side("kk.txt", KK, "UTF-16LE");
        let w = check_files(
            &s,
            &side("en.txt", "The Republic of Kazakhstan.", "UTF-8"),
            Lang::En,
        )
        .unwrap();
        assert!(w[0].contains("UTF-16LE") && w[0].contains("UTF-8"), "{w:?}");
        assert!(check_files(&s, &side("kk2.txt", KK, "UTF-8"), Lang::En).is_err());
    }

    #[test]
    fn empty_side_is_an_error() {
        let s = side("kk.txt", KK, "UTF-8");
        let t = side("en.txt", "x", "UTF-8");
        let one = vec![Sentence {
            paragraph: 1,
            text: "a".into(),
        }];
        let err = check_sentences(&s, &one, &t, &[]).unwrap_err().to_string();
        assert!(err.starts_with("en.txt"), "{err}");
    }
}
