//! The inside of a unit: its variants (`tuv`), their segments, and the
//! props, notes and `ude` maps around them, each bounded as the reader is.

use super::*;

impl TmxReader<'_> {
    pub(super) fn read_tuv(&mut self, tag: Tag) -> Result<Variant> {
        let (line, column) = self.locate();
        let mut v = Variant {
            line,
            column,
            ..Variant::default()
        };
        let has_xml_lang = attr(&tag.attrs, "xml:lang").is_some();
        if self.v11 && has_xml_lang {
            self.problem(
                "tmx11-xml-lang",
                "xml:lang on a <tuv> of a TMX 1.1 file, which uses lang",
            );
        }
        for (k, val) in tag.attrs {
            match k.as_str() {
                "xml:lang" => v.lang = lang::normalize(&val),
                "lang" if !has_xml_lang => v.lang = lang::normalize(&val),
                _ => v.attrs.push((k, val)),
            }
        }
        if v.lang.is_empty() {
            self.problem("tuv-missing-lang", "<tuv> without xml:lang (or lang)");
        }
        let mut seg_seen = false;
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Start(t) if t.name == "prop" || t.name == "note" => {
                        if seg_seen {
                            self.problem(
                                "tuv-content-order",
                                format!("<{}> after <seg> in <tuv>", echo(&t.name)),
                            );
                        }
                        let extra = self.read_extra(t)?;
                        v.extras.push(extra);
                    }
                    Ev::Start(t) if t.name == "seg" => {
                        if seg_seen {
                            self.problem("tuv-duplicate-seg", "a second <seg> in one <tuv>");
                        }
                        seg_seen = true;
                        self.read_seg(t, &mut v)?;
                    }
                    Ev::Start(t) => {
                        self.problem(
                            "unknown-element",
                            format!("<{}> does not belong in <tuv>", echo(&t.name)),
                        );
                        self.skip(t)?;
                    }
                    Ev::Text(t) if t.trim().is_empty() => {}
                    Ev::Text(_) => self.problem("text-outside-seg", "text directly in <tuv>"),
                    Ev::End => break,
                    Ev::Eof => return Err(self.fatal("the file ends inside <tuv> (truncated?)")),
                }
            }
        }
        if !seg_seen {
            self.problem("tuv-missing-seg", "<tuv> without <seg>");
        }
        restore_attributes(&mut v.attrs, &mut v.extras, self.limits.attributes)
            .map_err(|m| self.fatal(m))?;
        Ok(v)
    }

    pub(super) fn read_seg(&mut self, tag: Tag, v: &mut Variant) -> Result<()> {
        if tag.empty {
            v.seg.clear();
            v.plain.clear();
            v.tags.clear();
            return Ok(());
        }
        let mut b = SegBuilder::default();
        self.in_seg = true;
        loop {
            match self.next()? {
                Ev::Start(t) => b.start(&t.name, &t.attrs, t.empty),
                Ev::End if b.depth() == 0 => break,
                Ev::End => b.end_current(),
                Ev::Text(t) => b.text_owned(t),
                Ev::Eof => return Err(self.fatal("the file ends inside <seg> (truncated?)")),
            }
            self.check_text_len(b.xml_len(), "segment")?;
        }
        self.in_seg = false;
        for name in std::mem::take(&mut b.unknown) {
            self.problem(
                "unknown-inline-element",
                format!("<{}> is not a TMX inline element", echo(&name)),
            );
        }
        let seg = b.finish();
        v.seg = seg.xml;
        v.plain = seg.plain;
        v.tags = seg.tags;
        Ok(())
    }

    /// A `prop` or `note`: attributes and text.
    pub(super) fn read_extra(&mut self, tag: Tag) -> Result<Extra> {
        let mut attrs = Attrs::with_capacity(tag.attrs.len());
        for (k, v) in tag.attrs {
            match k.as_str() {
                "lang" | "xml:lang" => attrs.push(("xml:lang".to_string(), lang::normalize(&v))),
                _ => attrs.push((k, v)),
            }
        }
        let mut text = String::new();
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Text(t) => {
                        text.push_str(&t);
                        self.check_text_len(text.len(), &tag.name)?;
                    }
                    Ev::Start(t) => {
                        self.problem(
                            "unknown-element",
                            format!("<{}> inside <{}>", echo(&t.name), tag.name),
                        );
                        self.skip(t)?;
                    }
                    Ev::End => break,
                    Ev::Eof => {
                        return Err(self.fatal("the file ends inside a prop or note (truncated?)"))
                    }
                }
            }
        }
        Ok(if tag.name == "prop" {
            Extra::Prop { attrs, text }
        } else {
            Extra::Note { attrs, text }
        })
    }

    pub(super) fn read_ude(&mut self, tag: Tag) -> Result<Extra> {
        let mut maps = Vec::new();
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Start(t) if t.name == "map" => {
                        maps.push(t.attrs.clone());
                        self.skip(t)?;
                    }
                    Ev::Start(t) => {
                        self.problem(
                            "unknown-element",
                            format!("<{}> inside <ude>", echo(&t.name)),
                        );
                        self.skip(t)?;
                    }
                    Ev::Text(_) => {}
                    Ev::End => break,
                    Ev::Eof => return Err(self.fatal("the file ends inside <ude> (truncated?)")),
                }
            }
        }
        Ok(Extra::Ude {
            attrs: tag.attrs,
            maps,
        })
    }
}
