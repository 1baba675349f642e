//! TMX 1.1–1.4b reading and writing, with inline markup. Pure: no database.
//!
//! - `source`: containers (gzip, zip), encodings, line:column bookkeeping;
//! - `reader`: streaming reader, one unit at a time, with rule breaches;
//! - `model`: header, units, variants, props, notes, `ude`, attributes in order;
//! - `inline`: canonical seg XML and plain text with placeholders;
//! - `validate`: the TMX rules beyond the DTD, by name, and the `Problem` a breach is;
//! - `writer`: streaming TMX 1.4b writer, DTD-valid, well-formed whatever it is given
//!   (`guard` drops the characters XML cannot carry);
//! - `lang`: BCP 47 casing and primary-language matching.
//!
//! It must not know about the database (the store maps units to tables) and
//! must never write a file another TMX reader would refuse.

mod attrs;
mod events;
mod guard;
pub mod inline;
pub mod lang;
pub mod model;
pub mod reader;
pub mod source;
pub mod validate;
pub mod writer;

pub use model::{Extra, Header, Unit, Variant};
pub use reader::{ReadUnit, TmxReader};
pub use validate::Problem;
pub use writer::{Dropped, Dtd, TmxWriter};
