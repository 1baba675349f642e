//! The end-to-end and property tests, as one test program (it builds once;
//! as ripgrep's `tests/tests.rs` and cargo's `tests/testsuite/main.rs` do).
//! One module per area; the `*_support`, `*_reference` and `session_common`
//! modules are helpers shared by several.

// Helpers shared by several modules.
mod fuzz_support;
mod fuzzy_support;
mod normalize_reference;
mod review_support;
mod session_common;
mod stem_reference;
mod tmx_support;

mod align_cli;
mod cli_pipes;
mod data_sample;
mod docs_cli;
mod foundation_cli;
mod fuzz_readers;
mod fuzzy_cli;
mod fuzzy_diff_cli;
mod fuzzy_names_cli;
mod fuzzy_quality;
mod fuzzy_recall;
mod hostile_chars;
mod hostile_filters;
mod hostile_names;
mod hostile_output;
mod hostile_readonly;
mod hostile_replace;
mod import_batches;
mod import_cli;
mod layers;
mod output_files;
mod report_manager;
mod review_cli;
mod review_concurrency;
mod review_interactive;
mod review_props;
mod review_report;
mod safety_net;
mod segment_cases;
mod segment_cli;
mod segment_corpora;
mod segment_props;
mod segment_sample;
mod session_claims;
mod session_concurrency;
mod session_display;
mod session_piped;
mod session_prefilled;
mod session_real_document;
mod session_scripting;
mod session_terminal;
mod text_corpus;
mod text_facts;
mod text_normalize_reference;
mod text_properties;
mod text_stem_reference;
mod text_stem_treebank;
mod tmx_cli;
mod tmx_errors;
mod tmx_proptest;
mod tmx_roundtrip;
mod trust_memory;
