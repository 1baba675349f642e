//! Every shared sample imports strictly, exports DTD-valid, gives back the same
//! units (canonical comparison) and reaches a fixed point.

use crate::tmx_support;

use tmx_support::*;

#[test]
fn every_sample_round_trips_and_reaches_a_fixed_point() {
    let Some(shared) = shared_tmx() else { return };
    let dtd = shared.join("tmx14.dtd");
    for sample in tmx_files(&shared.join("samples")) {
        let name = sample.file_name().unwrap().to_string_lossy().into_owned();
        let original = canonical_units(&std::fs::read(&sample).unwrap(), &name);
        let dir = tempfile::tempdir().unwrap();
        let mut store = new_store(dir.path());
        let summary = import(&mut store, &sample, false).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(summary.rejected, 0, "{name}");
        assert_eq!(summary.units_read as usize, original.len(), "{name}");

        let first = export(&store);
        let exported = canonical_units(&first, &format!("{name} (export)"));
        assert_eq!(exported.len(), original.len(), "{name}: unit count");
        for (a, b) in original.iter().zip(&exported) {
            assert_eq!(a, b, "{name}: a unit changed in the round trip");
        }
        let out = dir.path().join("export.tmx");
        std::fs::write(&out, &first).unwrap();
        xmllint_valid(&out, &dtd);

        let second_dir = dir.path().join("second");
        std::fs::create_dir(&second_dir).unwrap();
        let mut again = new_store(&second_dir);
        import(&mut again, &out, false).unwrap();
        let second = export(&again);
        assert_eq!(
            without_creationdate(&first),
            without_creationdate(&second),
            "{name}: import → export → import → export is not a fixed point"
        );
    }
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let Some(shared) = shared_tmx() else { return };
    let sample = shared.join("samples/omegat-6.0.1_nushell-docs_en-ru_level2.tmx");
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let first = import(&mut store, &sample, false).unwrap();
    let count = unit_count(&store);
    assert_eq!(first.imported as i64, count);
    let second = import(&mut store, &sample, false).unwrap();
    assert_eq!(second.imported, 0);
    assert_eq!(second.duplicates_skipped, first.imported);
    assert_eq!(unit_count(&store), count);
}

#[test]
fn the_same_units_in_other_encodings_are_recognised_as_duplicates() {
    let Some(shared) = shared_tmx() else { return };
    // 1G is UTF-16BE with literal characters, 1H us-ascii with references.
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let g = import(
        &mut store,
        &shared.join("samples/lisa-compkit_ImportTest1G.tmx"),
        false,
    )
    .unwrap();
    let h = import(
        &mut store,
        &shared.join("samples/lisa-compkit_ImportTest1H.tmx"),
        false,
    )
    .unwrap();
    assert_eq!(g.imported, 3);
    assert_eq!(h.imported, 0);
    assert_eq!(h.duplicates_skipped, 3);
}
