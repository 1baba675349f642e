//! A stored document's life after its import: renaming it (names follow one
//! rule) and removing it. Removing hides it and frees its name but keeps its
//! segments with their translations, history and events (the audit trail is
//! append-only); purging deletes those too. Both keep the memory: every unit
//! made from the document stays, and is offered as before.
//!
//! It applies the import's naming rule (`import::check_name`); the store does the writes.

use crate::error::Result;
use crate::store::{Document, RemovedDocument, Store};

/// The naming rule lives with the import, where names are first given.
pub use crate::import::check_name;

/// Rename the document `key` (name or id) to `new_name`.
pub fn rename(store: &mut Store, key: &str, new_name: &str) -> Result<(Document, Document)> {
    check_name(new_name)?;
    store.write(|w| {
        let doc = w.find_document(key)?;
        let renamed = w.rename_document(&doc, new_name)?;
        Ok((doc, renamed))
    })
}

/// Remove a document (the one the user was shown), keeping the memory units
/// made from it, and unless `purge` its segments' trail.
pub fn remove(store: &mut Store, doc: &Document, purge: bool) -> Result<RemovedDocument> {
    store.write(|w| w.remove_document(doc, purge))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::import::{import_file, ImportRequest};
    use crate::text::Lang;

    fn import(store: &mut Store, dir: &std::path::Path, name: &str) {
        let file = dir.join(format!("{name}.txt"));
        std::fs::write(&file, format!("Бірінші сөйлем. Екінші {name}.\n")).unwrap();
        let req = ImportRequest {
            file: &file,
            lang: Lang::Kk,
            name: None,
            replace: false,
            removal_confirmed: false,
        };
        import_file(store, &req).unwrap();
    }

    #[test]
    fn names_that_look_like_ids_or_are_empty_are_refused() {
        for bad in ["", "  ", "12", "007"] {
            assert!(matches!(check_name(bad), Err(Error::Usage(_))), "{bad:?}");
        }
        for good in ["doc2", "12a", "мақала"] {
            check_name(good).unwrap();
        }
    }

    #[test]
    fn rename_refuses_a_taken_name_and_remove_takes_the_segments() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::in_memory().unwrap();
        import(&mut store, dir.path(), "a");
        import(&mut store, dir.path(), "c");
        let (old, new) = rename(&mut store, "a", "b").unwrap();
        assert_eq!(
            (old.name.as_str(), new.name.as_str(), new.id),
            ("a", "b", old.id)
        );
        assert!(store.find_document("a").is_err());
        let err = rename(&mut store, "b", "c").unwrap_err().to_string();
        assert!(err.contains("a document named 'c' already exists"), "{err}");
        assert!(matches!(
            rename(&mut store, "b", "17"),
            Err(Error::Usage(_))
        ));
        let removed = remove(&mut store, &new, false).unwrap();
        assert_eq!((removed.segments, removed.translations), (2, 0));
        // Its name is free again, and the removed one stays out of view.
        import(&mut store, dir.path(), "b");
        let b = store.find_document("b").unwrap();
        assert_ne!(b.id, new.id);
        assert!(store.find_document(&format!("#{}", new.id)).is_err());
        remove(&mut store, &b, true).unwrap();
        let left: Vec<String> = store
            .documents()
            .unwrap()
            .into_iter()
            .map(|d| d.name)
            .collect();
        assert_eq!(left, ["c"]);
    }
}
