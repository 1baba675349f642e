//! Attributes as TMX elements carry them, in document order: the one type the
//! inline markup and the model both build on (so neither depends on the other
//! for it).

/// Attributes in document order: (qualified name, value).
pub type Attrs = Vec<(String, String)>;
