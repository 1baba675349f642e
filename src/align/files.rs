//! Aligning two files as one library operation: read both sides (checking
//! encodings, scripts and languages), split them with the project's segmenter,
//! align them, and either write the confident pairs into the database or apply
//! a reviewed file. `audarma align` fills an [`AlignRequest`] and renders what
//! comes back; it writes the review file itself.

use std::path::Path;

use serde::Serialize;

use super::apply::{self, ApplyReport, SourceDoc};
use super::{checks, review_file, Alignment, Options};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::text::controls::{check_actor, check_file_text};
use crate::text::decode::read_text_file;
use crate::text::Lang;
use crate::{import, segment};

/// Confidence below which aligned pairs are not written as drafts by default.
pub const DEFAULT_MIN_CONFIDENCE: f64 = 0.5;

/// What to align, and what to do with the pairs.
#[derive(Debug, Clone, Copy)]
pub struct AlignRequest<'a> {
    /// The Kazakh document.
    pub source: &'a Path,
    /// Its existing translation.
    pub target: &'a Path,
    pub to: Lang,
    /// Document name in the database [default: the source's file stem].
    pub doc: Option<&'a str>,
    /// Pairs below this do not become drafts [default: 0.5; 0 with `review`].
    pub min_confidence: Option<f64>,
    /// Apply this reviewed (corrected) file instead of aligning.
    pub review: Option<&'a Path>,
    /// Author of the drafts.
    pub user: &'a str,
}

/// What an alignment found and did.
#[derive(Debug, Serialize)]
pub struct AlignOutcome {
    /// The pairs found (`None` when a review file was applied instead).
    #[serde(flatten)]
    pub alignment: Option<Alignment>,
    /// What was written (`None` on a dry run: no store given).
    pub applied: Option<ApplyReport>,
    /// Problems with the files that did not stop the alignment.
    pub warnings: Vec<String>,
}

/// Align the two files; with a store, write the confident pairs (or the
/// reviewed file's pairs) as aligned drafts and memory units in one unit of
/// work. Without one (a dry run), nothing is written. `open_store` is called
/// once the files are read and checked, so a bad input file is reported as
/// such even when the database is missing too.
pub fn align_files<'s>(
    open_store: impl FnOnce() -> Result<Option<&'s mut Store>>,
    req: &AlignRequest<'_>,
) -> Result<AlignOutcome> {
    if let Some(x) = req.min_confidence.filter(|x| !(0.0..=1.0).contains(x)) {
        return Err(Error::usage(format!(
            "--min-confidence {x}: expected a number from 0 to 1"
        )));
    }
    check_actor(req.user)?;
    let source = checks::read_side(req.source)?;
    let target = checks::read_side(req.target)?;
    check_file_text(&source.path, &source.text)?;
    check_file_text(&target.path, &target.text)?;
    let mut warnings = checks::check_files(&source, &target, req.to)?;
    let s = segment::split_document(&source.text, Lang::Kk);
    let t = segment::split_document(&target.text, req.to);
    warnings.extend(checks::check_sentences(&source, &s, &target, &t)?);
    let store = open_store()?;
    let name = import::document_name(req.source, req.doc)
        .map_err(|_| Error::usage("--doc must not be empty"))?;
    import::check_name(&name).map_err(|e| match e {
        Error::Usage(m) if req.doc.is_none() => Error::Usage(format!(
            "{m} (it is the name of {}); give one with --doc",
            req.source.display()
        )),
        other => other,
    })?;
    let file_name = req
        .source
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc = SourceDoc {
        name: &name,
        file_name: &file_name,
        text: &source.text,
        sentences: &s,
    };
    if let Some(review) = req.review {
        let store =
            store.ok_or_else(|| Error::usage("applying a review file needs the database"))?;
        let rows = review_file::parse(&read_text_file(review)?, review)?;
        apply::validate_rows(&rows, &s, t.len(), review)?;
        let pairs: Vec<_> = rows.into_iter().map(|r| r.pair).collect();
        let min = req.min_confidence.unwrap_or(0.0);
        let report = apply::apply_pairs(store, doc, req.to, &pairs, min, req.user)?;
        return Ok(AlignOutcome {
            alignment: None,
            applied: Some(report),
            warnings,
        });
    }
    let alignment = super::align_sentences(&s, &t, req.to, &Options::for_target(req.to));
    let min = req.min_confidence.unwrap_or(DEFAULT_MIN_CONFIDENCE);
    let applied = match store {
        Some(store) => Some(apply::apply_pairs(
            store,
            doc,
            req.to,
            &alignment.pairs,
            min,
            req.user,
        )?),
        None => None,
    };
    Ok(AlignOutcome {
        alignment: Some(alignment),
        applied,
        warnings,
    })
}
