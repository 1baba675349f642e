//! Translator operations: saving a translation (history, propagation to
//! repetitions, entry into the memory) and exporting the translated document.
//!
//! STUB: the translation-session issue fills this in.
