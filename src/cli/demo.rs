//! `audarma demo`: the README's main job. On the bundled data, in a throw-away
//! database: import the Kazakh document, load the team's English translations
//! for the first part, pretranslate the rest from the memory, show fuzzy
//! suggestions for new sentences, report progress, and export the English
//! document and the memory. Every step is a library call; this file only
//! chooses the steps and prints what they did.

use std::path::{Path, PathBuf};

use audarma::import::{self, ImportRequest};
use audarma::outfile::{self, Existing};
use audarma::store::tm::ExportOptions;
use audarma::store::{Document, Store};
use audarma::text::{self, Lang};
use audarma::translate::{self, export as doc_export, Origin, SaveRequest};
use audarma::{align, fuzzy, report, segment, Error, Result};

use super::common::{outln, read_text_file};
use super::output_file::{Inputs, OutputFile};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A folder with the sample's files (integration.kk.txt, .ru.txt,
    /// .segments.tsv) [default: the copy built into the program, so the demo
    /// runs from any folder]
    data: Option<PathBuf>,
    /// Keep the demo's database and outputs in this folder instead of a
    /// throw-away one (to look at them afterwards)
    #[arg(long, value_name = "DIR")]
    keep: Option<PathBuf>,
    /// Share of the document (from the start) whose team translation is loaded
    #[arg(long, default_value_t = 0.6)]
    share: f64,
}

const SOURCE: &str = "integration.kk.txt";
const GOLD: &str = "integration.segments.tsv";
const RUSSIAN: &str = "integration.ru.txt";
const USER: &str = "team";

/// The sample in `data/`, built into the binary: an installed `audarma` has
/// no source checkout to read it from.
const BUILT_IN: [(&str, &str); 3] = [
    (SOURCE, include_str!("../../data/integration.kk.txt")),
    (GOLD, include_str!("../../data/integration.segments.tsv")),
    (RUSSIAN, include_str!("../../data/integration.ru.txt")),
];

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let scratch = tempfile::tempdir()?;
    let dir = args
        .keep
        .clone()
        .unwrap_or_else(|| scratch.path().to_path_buf());
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("demo.db");
    if db.exists() {
        return Err(Error::usage(format!(
            "{} exists: give --keep an empty folder",
            db.display()
        )));
    }
    let data = match &args.data {
        Some(d) => d.clone(),
        None => unpack_sample(&dir)?,
    };
    let (mut store, _) = Store::create(&db)?;
    step(&format!("A throw-away database: {}", db.display()))?;

    let doc = import_source(&mut store, &data)?;
    load_team_translations(&mut store, &doc, &data, args.share)?;
    pretranslate_rest(&mut store, &doc)?;
    show_suggestions(&store, &doc)?;
    align_russian(&mut store, &doc, &data)?;
    show_progress(&store, &doc)?;
    export_outputs(&store, &doc, &dir, ctx)?;
    if args.keep.is_none() {
        outln!("\nDone. The database is thrown away; run with --keep DIR to look at it.")?;
    } else {
        outln!("\nDone. Everything is in {}.", dir.display())?;
    }
    Ok(())
}

/// The built-in sample, written into `DIR/data` (import reads a file, and
/// with --keep the files stay with the database made from them).
fn unpack_sample(dir: &Path) -> Result<PathBuf> {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).map_err(|e| Error::input(&data, e.to_string()))?;
    for (name, text) in BUILT_IN {
        let path = data.join(name);
        outfile::write_atomically(&path, Existing::Keep, |w| Ok(w.write_all(text.as_bytes())?))
            .map_err(|e| match e {
                Error::Io(_) => Error::usage(format!(
                    "{} exists: give --keep an empty folder",
                    path.display()
                )),
                e => e,
            })?;
    }
    Ok(data)
}

fn step(title: &str) -> Result<()> {
    outln!("\n== {title}")
}

fn import_source(store: &mut Store, data: &Path) -> Result<Document> {
    let path = data.join(SOURCE);
    step(&format!(
        "1. Import the Kazakh source document {}",
        path.display()
    ))?;
    let rep = import::import_file(
        store,
        &ImportRequest {
            file: &path,
            lang: Lang::Kk,
            name: Some("integration"),
            replace: false,
            removal_confirmed: false,
        },
    )?;
    let content = read_text_file(&path)?;
    let sentences = segment::split_document(&content, Lang::Kk);
    let paragraphs = sentences.last().map_or(0, |s| s.paragraph);
    outln!(
        "   {} lines -> {} paragraphs -> {} segments, {} words",
        content.lines().count(),
        paragraphs,
        rep.segments,
        rep.words
    )?;
    let repaired = content
        .split_whitespace()
        .filter(|w| text::clean(w) != *w && w.chars().any(|c| c.is_ascii_alphabetic()))
        .count();
    outln!("   {repaired} words typed with Latin look-alikes (i for і, h for һ ...) are repaired for matching")?;
    if let Some(s) = sentences.iter().find(|s| s.text.contains('\n')) {
        outln!("   a sentence broken over lines after initials stays one segment:")?;
        outln!("     {}", s.text.replace('\n', "⏎"))?;
    }
    Ok(rep.document)
}

/// The gold file's translations: (match key of the Kazakh sentence, English).
fn team_translations(data: &Path) -> Result<Vec<(String, String)>> {
    let path = data.join(GOLD);
    let content = read_text_file(&path)?;
    let mut rows = Vec::new();
    for (i, line) in content.lines().enumerate().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != 5 {
            return Err(Error::input(
                &path,
                format!("{}:1: expected 5 tab-separated cells", i + 1),
            ));
        }
        rows.push((text::match_key(cells[2]), cells[3].to_string()));
    }
    Ok(rows)
}

fn load_team_translations(
    store: &mut Store,
    doc: &Document,
    data: &Path,
    share: f64,
) -> Result<()> {
    let gold = team_translations(data)?;
    let segs = store.segments_of(doc.id)?;
    let cut = ((segs.len() as f64) * share.clamp(0.0, 1.0)).round() as usize;
    step(&format!(
        "2. Load the team's English translations of segments 1-{cut} (each enters the memory at once)"
    ))?;
    let (mut saved, mut propagated) = (0, 0);
    for seg in segs.iter().take(cut) {
        let Some((_, en)) = gold.iter().find(|(k, _)| *k == seg.normalized) else {
            continue;
        };
        let current = store.current_translation(seg.id, Lang::En)?;
        if current.is_some() {
            continue; // filled by propagation from an earlier repetition
        }
        let out = translate::save(
            store,
            &SaveRequest {
                segment: seg,
                lang: Lang::En,
                text: en,
                status: audarma::store::Status::Translated,
                user: USER,
                origin: Origin::Typed,
                expected_version: Some(0),
            },
        )?;
        saved += 1;
        propagated += out.propagated.len();
    }
    outln!("   saved {saved} translations; {propagated} repetitions later in the document were filled automatically")?;
    Ok(())
}

fn pretranslate_rest(store: &mut Store, doc: &Document) -> Result<()> {
    step("3. Leverage of the memory on the rest, then pretranslate it (100% as translated, >= 75% as drafts)")?;
    let analysis = fuzzy::analyze::analyze(store, doc, Lang::En)?;
    for band in &analysis.bands {
        outln!(
            "   {:<12} {:>4} segments {:>5} words",
            band.band,
            band.segments,
            band.words
        )?;
    }
    let done = fuzzy::pretranslate::pretranslate(store, doc, Lang::En, 75.0, "pretranslate")?;
    outln!(
        "   pretranslated: {} exact, {} fuzzy drafts, {} left for a translator",
        done.exact,
        done.fuzzy,
        done.unmatched
    )?;
    Ok(())
}

/// New sentences a translator might meet next: variants of sentences in the document.
fn new_sentences(store: &Store, doc: &Document) -> Result<Vec<(String, String)>> {
    let segs = store.segments_of(doc.id)?;
    let mut out = Vec::new();
    if let Some(s) = segs.iter().find(|s| s.source.contains("2009")) {
        out.push((
            "one number changed".into(),
            s.source.replace("2009", "2011"),
        ));
    }
    if let Some(s) = segs.iter().find(|s| s.source.contains("Қазақстанның")) {
        out.push((
            "one suffix changed".into(),
            s.source.replacen("Қазақстанның", "Қазақстанға", 1),
        ));
    }
    if let Some(s) = segs.iter().find(|s| s.source.contains('і') && s.words > 6) {
        out.push(("typed with Latin i".into(), s.source.replace('і', "i")));
    }
    out.push((
        "unrelated".into(),
        "Ертең таңертең ауа райы суық болады деп күтілуде.".into(),
    ));
    Ok(out)
}

fn show_suggestions(store: &Store, doc: &Document) -> Result<()> {
    step(
        "4. Fuzzy suggestions for new sentences (match %, word diff against the memory's source)",
    )?;
    for (what, sentence) in new_sentences(store, doc)? {
        outln!("   [{what}] {sentence}")?;
        let matches = fuzzy::suggest(store, &sentence, Lang::En, 50.0, 1)?;
        match matches.first() {
            None => outln!("      no match at 50% or more")?,
            Some(m) => {
                let diff: Vec<String> = m
                    .diff
                    .iter()
                    .filter(|d| d.op != "equal")
                    .map(|d| {
                        format!(
                            "{}{}",
                            if d.op == "insert" { "+" } else { "-" },
                            d.text.trim()
                        )
                    })
                    .collect();
                outln!(
                    "      {:.0}%{} -> {}",
                    m.score,
                    if m.substituted {
                        " (numbers substituted)"
                    } else {
                        ""
                    },
                    m.target
                )?;
                if !diff.is_empty() {
                    outln!("      diff: {}", diff.join(" "))?;
                }
            }
        }
    }
    Ok(())
}

/// Build the Russian side from the team's existing Russian translation of the
/// whole document: align, keep confident pairs as drafts (origin `aligned`).
fn align_russian(store: &mut Store, doc: &Document, data: &Path) -> Result<()> {
    let path = data.join(RUSSIAN);
    step(&format!(
        "5. Align the document with its existing Russian translation {}",
        path.display()
    ))?;
    let source = read_text_file(&data.join(SOURCE))?;
    let target = read_text_file(&path)?;
    let opts = align::Options::for_target(Lang::Ru);
    let (s, _, alignment) = align::align_texts(&source, &target, Lang::Ru, &opts);
    let gold = read_text_file(&data.join(GOLD))?;
    let gold_ru: Vec<&str> = gold
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(4))
        .collect();
    let one_to_one: Vec<_> = alignment
        .pairs
        .iter()
        .filter(|p| p.source_positions.len() == 1 && p.target_positions.len() == 1)
        .collect();
    let right = one_to_one
        .iter()
        .filter(|p| gold_ru.get(p.source_positions[0] - 1) == Some(&p.target.as_str()))
        .count();
    outln!(
        "   {} pairs ({} one-to-one, {right} of them equal to the team's gold pairing)",
        alignment.pairs.len(),
        one_to_one.len()
    )?;
    let source_doc = align::apply::SourceDoc {
        name: &doc.name,
        file_name: &doc.file_name,
        text: &source,
        sentences: &s,
    };
    let applied =
        align::apply::apply_pairs(store, source_doc, Lang::Ru, &alignment.pairs, 0.5, USER)?;
    outln!(
        "   {} Russian drafts (origin aligned, for review) and {} memory units written",
        applied.drafts_written,
        applied.memory_units
    )?;
    Ok(())
}

fn show_progress(store: &Store, doc: &Document) -> Result<()> {
    step("6. Progress per target language")?;
    let p = report::progress(store, Some(doc), None, report::GroupBy::Lang)?;
    for row in &p.groups {
        let by = |st: &str| {
            row.segments_by_status
                .iter()
                .find(|(k, _)| k.as_str() == st)
                .map_or(0, |(_, n)| *n)
        };
        outln!(
            "   {:<3} {:>4} translated {:>4} draft {:>4} untranslated   {:.1}% of the words translated",
            row.group,
            by("translated"),
            by("draft"),
            by("untranslated"),
            row.translated_percent
        )?;
    }
    Ok(())
}

fn export_outputs(store: &Store, doc: &Document, dir: &Path, ctx: &Ctx) -> Result<()> {
    step("7. Export the English document (untranslated segments marked [[...]]) and the memory as TMX")?;
    let out = doc_export::export(
        store,
        doc,
        Lang::En,
        doc_export::Accept::Translated,
        doc_export::Fallback::Mark,
    )?;
    let path = dir.join("integration.en.txt");
    // The demo's own folder (empty, or thrown away): replacing is fine.
    let file = OutputFile::check(&path, true, ctx, &Inputs::default())?;
    file.write(out.text.as_bytes())?;
    outln!(
        "   {} paragraphs written to {}; {} segments fell back to the source",
        out.paragraphs,
        path.display(),
        out.fallback_positions.len()
    )?;
    for line in out.text.lines().take(3) {
        let short: String = line.chars().take(160).collect();
        outln!(
            "   | {short}{}",
            if short.len() < line.len() { " ..." } else { "" }
        )?;
    }
    let tmx = dir.join("memory.tmx");
    let file = OutputFile::check(&tmx, true, ctx, &Inputs::default())?;
    let opts = ExportOptions {
        to: None,
        doc: None,
        statuses: Vec::new(),
        changed_since: None,
    };
    let summary = file.write_with(|w| store.export_tmx(w, &opts, &mut |_, _| {}))?;
    outln!(
        "   memory: {} units, {} variants written to {} (TMX 1.4b)",
        summary.units,
        summary.variants,
        tmx.display()
    )?;
    Ok(())
}
