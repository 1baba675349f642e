//! Audarma: a translation memory for Kazakh → English/Russian.
//!
//! Layers point one way: the CLI (`src/cli`, binary only) calls the features
//! (`fuzzy`, `translate`, `review`, `report`, `align`), which call `store` and
//! `segment`, which call the pure modules `text` and `tmx` (no database).
//! `outfile`, below them all beside `error`, writes every file Audarma
//! writes (atomically, with the umask's mode).
//! Only `store` knows there is a database; whole operations (`import`,
//! `documents`, `align::files`, `fuzzy::pretranslate` ...) are library functions, so tests,
//! a server or a GUI call them without the CLI.

pub mod align;
pub mod documents;
pub mod error;
pub mod fuzzy;
pub mod import;
pub mod outfile;
pub mod report;
pub mod review;
pub mod segment;
pub mod store;
pub mod text;
pub mod tmx;
pub mod translate;

pub use error::{Error, Result};
