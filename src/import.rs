//! Bringing a source document in, as one library operation: read the file
//! (any encoding `text::decode` accepts), name the document, split it into
//! sentences and store it in one unit of work, saying when the text's letters
//! contradict the language it is imported as. `audarma import`, the demo and
//! any other front end call [`import_file`] (or [`import_file_with`], to show
//! progress); the CLI only parses and renders.

use std::path::Path;

use crate::error::{Error, Result};
use crate::segment;
use crate::store::{ImportReport, NewDocument, SentencesRemoved, Store};
use crate::text::decode::read_text_file;
use crate::text::lang::letters_contradict;
use crate::text::Lang;

/// What to import and how.
#[derive(Debug, Clone, Copy)]
pub struct ImportRequest<'a> {
    pub file: &'a Path,
    /// Language of the document (Kazakh unless said otherwise).
    pub lang: Lang,
    /// The document's name; `None`: the file name without its extension.
    pub name: Option<&'a str>,
    /// Replace a changed document of the same name, keeping the translations
    /// of sentences that did not change.
    pub replace: bool,
    /// The user agreed that the replace removes sentences holding work (see
    /// [`replace_preview`]); without it such a replace is refused.
    pub removal_confirmed: bool,
}

/// Where a large import is: splitting the text (bytes) or storing the
/// segments, done out of total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportProgress {
    Splitting { done: usize, total: usize },
    Storing { done: usize, total: usize },
}

/// What an import did, and what it noticed on the way.
#[derive(Debug, Clone)]
pub struct Imported {
    pub report: ImportReport,
    /// Why the text does not look like its language (imported all the same).
    pub warnings: Vec<String>,
}

/// Read, segment and store a document. Re-importing the same content is a
/// no-op; a changed file under the same name needs `replace`.
pub fn import_file(store: &mut Store, req: &ImportRequest<'_>) -> Result<ImportReport> {
    Ok(import_file_with(store, req, &mut |_| {})?.report)
}

/// [`import_file`], telling `progress` where it is, with the warnings.
pub fn import_file_with(
    store: &mut Store,
    req: &ImportRequest<'_>,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<Imported> {
    let Prepared {
        name,
        text,
        sentences,
        warnings,
    } = prepare(req, progress)?;
    let file_name = req
        .file
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc = NewDocument {
        name: &name,
        file_name: &file_name,
        lang: req.lang,
        text: &text,
        sentences: &sentences,
        replace: req.replace,
        removal_confirmed: req.removal_confirmed,
    };
    let total = sentences.len();
    let report = store.write(|w| {
        w.import_document_with(&doc, &mut |done| {
            progress(ImportProgress::Storing { done, total })
        })
    })?;
    Ok(Imported { report, warnings })
}

/// A file read, named and split, ready to store.
struct Prepared {
    name: String,
    text: String,
    sentences: Vec<segment::Sentence>,
    warnings: Vec<String>,
}

fn prepare(req: &ImportRequest<'_>, progress: &mut dyn FnMut(ImportProgress)) -> Result<Prepared> {
    let name = document_name(req.file, req.name)?;
    check_name(&name).map_err(|e| match e {
        Error::Usage(m) if req.name.is_none() => Error::Usage(format!(
            "{m} (it is the name of {}); give one with --name",
            req.file.display()
        )),
        other => other,
    })?;
    let text = read_text_file(req.file)?;
    crate::text::controls::check_file_text(req.file, &text)?;
    let warnings = letters_contradict(&text, req.lang)
        .map(|why| format!("{why}; imported as {} all the same", req.lang))
        .into_iter()
        .collect();
    let total = text.len();
    let sentences = segment::split_document_with(&text, req.lang, &mut |done| {
        progress(ImportProgress::Splitting { done, total })
    });
    if sentences.is_empty() {
        return Err(Error::input(req.file, "no sentences found"));
    }
    Ok(Prepared {
        name,
        text,
        sentences,
        warnings,
    })
}

/// What importing `req` with `replace` would remove from the stored document
/// of the same name, read without writing; `None` when there is no such
/// document or its content is the same (nothing would be replaced).
pub fn replace_preview(store: &Store, req: &ImportRequest<'_>) -> Result<Option<SentencesRemoved>> {
    let prepared = prepare(req, &mut |_| {})?;
    let keys: Vec<String> = prepared
        .sentences
        .iter()
        .map(|s| crate::text::match_key(&s.text))
        .collect();
    store.read(|r| r.replace_preview(&prepared.name, &prepared.text, &keys))
}

/// A name a document may be given: not empty, and not all digits (commands
/// take a name or an id, so `12` must always mean document 12).
pub fn check_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::usage("a document name must not be empty"));
    }
    crate::text::controls::check_field(
        "the document name",
        name,
        crate::text::controls::Lines::One,
    )?;
    if name.chars().all(|c| c.is_ascii_digit())
        || name.trim().parse::<i64>().is_ok()
        || name.starts_with('#')
    {
        return Err(Error::usage(format!(
            "'{name}' looks like a document id; give a name with a letter in it"
        )));
    }
    Ok(())
}

/// The name a document is stored under: the one given, else the file's stem.
pub fn document_name(file: &Path, given: Option<&str>) -> Result<String> {
    match given {
        Some(n) if !n.trim().is_empty() => Ok(n.to_string()),
        Some(_) => Err(Error::usage("--name must not be empty")),
        None => Ok(file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_flag_or_the_file_stem() {
        let f = Path::new("dir/article.kk.txt");
        assert_eq!(document_name(f, None).unwrap(), "article.kk");
        assert_eq!(document_name(f, Some("art")).unwrap(), "art");
        assert!(document_name(f, Some("  ")).is_err());
    }

    #[test]
    fn a_file_is_stored_once_and_a_changed_one_needs_replace() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "Бірінші сөйлем. Екінші сөйлем.\n").unwrap();
        let mut store = Store::in_memory().unwrap();
        let req = ImportRequest {
            file: &file,
            lang: Lang::Kk,
            name: None,
            replace: false,
            removal_confirmed: false,
        };
        let first = import_file(&mut store, &req).unwrap();
        assert_eq!(first.segments, 2);
        let again = import_file(&mut store, &req).unwrap();
        assert_eq!(again.outcome, crate::store::ImportOutcome::Unchanged);
        std::fs::write(&file, "Бірінші сөйлем. Үшінші сөйлем.\n").unwrap();
        assert!(matches!(
            import_file(&mut store, &req),
            Err(Error::Usage(_))
        ));
        let replaced = import_file(
            &mut store,
            &ImportRequest {
                replace: true,
                removal_confirmed: false,
                ..req
            },
        )
        .unwrap();
        assert_eq!(replaced.outcome, crate::store::ImportOutcome::Replaced);
        assert_eq!(store.segments_of(replaced.document.id).unwrap().len(), 2);
    }
}
