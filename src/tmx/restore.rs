//! Attributes as the reader hands them on: those the exporter carried as
//! `<prop type="x-attribute:NAME">` put back, and language attributes in
//! BCP 47 casing.

use super::lang;
use super::model::{Attrs, Extra};

/// `<prop type="x-attribute:NAME">` (written by the exporter for attributes the
/// DTD does not allow) goes back to being an attribute.
/// More attributes than `max` is an error (each lookup is linear, so
/// this also keeps a unit of many such props from costing their square).
pub(super) fn restore_attributes(
    attrs: &mut Attrs,
    extras: &mut Vec<Extra>,
    max: u64,
) -> std::result::Result<(), String> {
    let mut over = false;
    extras.retain(
        |e| match e.prop_type().and_then(|t| t.strip_prefix("x-attribute:")) {
            Some(_) if over => false,
            Some(name) => {
                if let Extra::Prop { text, .. } = e {
                    over = attrs.len() as u64 >= max;
                    let value = if is_lang_attr(name) {
                        lang::normalize(text)
                    } else {
                        text.clone()
                    };
                    super::model::set_attr(attrs, name, &value);
                }
                false
            }
            None => true,
        },
    );
    if over {
        return Err(format!(
            "more than {max} attributes (with the x-attribute props) [too-many-attributes] (raise it with --limit attributes=N)"
        ));
    }
    Ok(())
}

fn is_lang_attr(name: &str) -> bool {
    matches!(name, "srclang" | "adminlang" | "xml:lang" | "lang")
}

pub(super) fn normalize_lang_attrs(attrs: Attrs) -> Attrs {
    attrs
        .into_iter()
        .map(|(k, v)| {
            if is_lang_attr(&k) {
                let n = lang::normalize(&v);
                (k, n)
            } else {
                (k, v)
            }
        })
        .collect()
}
