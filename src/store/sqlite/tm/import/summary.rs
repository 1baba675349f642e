//! What a TMX import is asked to do and what it reports: the duplicate
//! policy and options in, progress during, the summary and problems out.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::text::limits::Limits;

/// What to do with a unit whose source text is already in the memory with
/// another translation in the same language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    /// Do not import it.
    Skip,
    /// Replace the stored unit(s) with it (units tied to a document segment stay).
    Update,
    /// Import it too: both translations stay, as alternatives.
    #[default]
    Keep,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub lenient: bool,
    pub on_duplicate: OnDuplicate,
    /// What one file may hold (segments, decompressed size, markup ...).
    pub limits: Limits,
}

/// Reported to the progress callback every few hundred units.
#[derive(Debug, Clone, Copy)]
pub struct ImportProgress {
    /// Bytes read from the current file (compressed bytes for .gz/.zip).
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub units_read: u64,
}

/// A rejected unit's or a warning's place and rule.
#[derive(Debug, Clone, Serialize)]
pub struct ReportedProblem {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub rule: &'static str,
    pub message: String,
    /// `rejected` (the unit was not imported) or `warning`.
    pub severity: &'static str,
}

/// What an import did. Field names are the `--json` output's.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportSummary {
    pub files: usize,
    pub units_read: u64,
    pub imported: u64,
    pub duplicates_skipped: u64,
    pub alternatives_kept: u64,
    pub updated: u64,
    pub rejected: u64,
    pub warnings: u64,
    pub languages: BTreeSet<String>,
    /// Sound units that suggestions can offer (a Kazakh variant and an
    /// English or Russian one); the others only travel through the memory.
    pub suggestible: u64,
    pub rejected_files: Vec<String>,
    /// The first `MAX_REPORTED` rejections and warnings (all are counted).
    pub problems: Vec<ReportedProblem>,
}

pub(super) const MAX_REPORTED: usize = 1000;
