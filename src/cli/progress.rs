//! `audarma progress [DOC] [--to en|ru] [--by doc|lang|translator|reviewer|day]`:
//! segments and words per status, % translated and % approved per group, as a
//! table with small bars, JSON or CSV.

use audarma::report::{self, GroupBy, Progress, Row};
use audarma::store::Status;
use audarma::text::display::one_line;
use audarma::text::{cells, Lang};
use audarma::{Error, Result};

use super::common::{colour_stdout, out, parse_target, print_json, Quiet};
use super::Ctx;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "A total over several languages counts each source word once per language; \
source_words (--json) counts it once.\n\
Expected finish, per language: the words still to translate (to approve) divided by the net words \
translated (approved) per calendar day over the last 7 days up to today (UTC), fewer when the log is \
younger, rounded up to a day; no date without net progress."
)]
pub struct Args {
    /// Only this document (name or id)
    doc: Option<String>,
    /// Only this target language
    #[arg(long, value_parser = Quiet(parse_target))]
    to: Option<Lang>,
    /// How to group the rows
    #[arg(long, value_enum, default_value = "doc")]
    by: By,
    /// Print {"by", "filter", "groups": [row], "total": row, "source_segments",
    /// "source_words", "forecast": [{"lang", "pace_from", "pace_to", "pace_days",
    /// "translation", "approval"}]}; a row is {"group", "document"?, "lang"?,
    /// "segments", "words", "segments_by_status", "words_by_status",
    /// "translated_percent", "approved_percent", "activity"?}; translation and
    /// approval are {"remaining_words", "words_per_day", "finish"}
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV, one line per group and a last `total` line; a cell that a
    /// spreadsheet would read as a formula (= + - @ first) starts with '
    #[arg(long)]
    csv: bool,
}

/// `--by`: the CLI's own argument type, mapped to the library's [`GroupBy`].
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum By {
    /// Document and target language
    Doc,
    /// Target language
    Lang,
    /// Who last wrote the text
    Translator,
    /// Who last approved or rejected it
    Reviewer,
    /// What each person did, from the event log (edits, words translated,
    /// approved, rejected, comments); status columns: the segments they worked on
    Person,
    /// Day by day from the event log (the burn-down)
    Day,
}

impl From<By> for GroupBy {
    fn from(by: By) -> GroupBy {
        match by {
            By::Doc => GroupBy::Doc,
            By::Lang => GroupBy::Lang,
            By::Translator => GroupBy::Translator,
            By::Reviewer => GroupBy::Reviewer,
            By::Person => GroupBy::Person,
            By::Day => GroupBy::Day,
        }
    }
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let doc = match &args.doc {
        Some(key) => Some(store.find_document(key)?),
        None => None,
    };
    let p = report::progress(&store, doc.as_ref(), args.to, args.by.into())?;
    if args.json {
        return print_json(&p);
    }
    if args.csv {
        out!("{}", csv(&p))?;
        return Ok(());
    }
    if p.total.segments == 0 {
        return Err(Error::usage(
            "no segments to report on; import a document with `audarma import FILE`",
        ));
    }
    if p.by == GroupBy::Day && p.groups.is_empty() {
        eprintln!("no events in the log yet: the day-by-day history starts with the first save");
    }
    out!("{}", table(&p, colour_stdout()))?;
    Ok(())
}

/// A name as a CSV cell: a spreadsheet never runs it as a formula
/// (`text::cells`), a control character never reaches the terminal it is
/// printed on, and quotes where CSV needs them.
fn csv_field(s: &str) -> String {
    let s = one_line(&cells::defuse(s)).into_owned();
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV with a header; activity columns only for translator, reviewer and day.
fn csv(p: &Progress) -> String {
    let activity = p.total.activity.is_some();
    let mut head = vec![
        "group".to_string(),
        "document".into(),
        "lang".into(),
        "segments".into(),
        "words".into(),
    ];
    head.extend(Status::ALL.iter().map(|s| format!("segments_{s}")));
    head.extend(Status::ALL.iter().map(|s| format!("words_{s}")));
    head.extend(["translated_percent".into(), "approved_percent".into()]);
    if activity {
        head.extend(
            [
                "edits",
                "translated_words",
                "approved_words",
                "rejected_words",
            ]
            .map(String::from),
        );
    }
    let mut out = head.join(",") + "\n";
    for r in p.groups.iter().chain(std::iter::once(&p.total)) {
        let mut f = vec![
            csv_field(&r.group),
            csv_field(r.document.as_deref().unwrap_or("")),
            csv_field(r.lang.as_deref().unwrap_or("")),
            r.segments.to_string(),
            r.words.to_string(),
        ];
        f.extend(
            Status::ALL
                .iter()
                .map(|s| r.segments_by_status[s].to_string()),
        );
        f.extend(Status::ALL.iter().map(|s| r.words_by_status[s].to_string()));
        f.extend([
            format!("{:.1}", r.translated_percent),
            format!("{:.1}", r.approved_percent),
        ]);
        if activity {
            let a = r.activity.clone().unwrap_or_default();
            f.extend(
                [
                    a.edits,
                    a.translated_words,
                    a.approved_words,
                    a.rejected_words,
                ]
                .map(|v| v.to_string()),
            );
        }
        out.push_str(&(f.join(",") + "\n"));
    }
    out
}

/// A 20-character bar of words by status: approved, translated, rejected, draft, untranslated.
fn bar(r: &Row, colour: bool) -> String {
    const WIDTH: i64 = 20;
    let order = [
        (Status::Approved, '█', "32"),
        (Status::Translated, '▓', "34"),
        (Status::Rejected, '▒', "31"),
        (Status::Draft, '░', "33"),
    ];
    let mut out = String::new();
    let mut used = 0;
    let mut acc = 0;
    for (st, ch, code) in order {
        acc += r.words_by_status[&st];
        // Cumulative rounding so the pieces always add up to the same width.
        let upto = if r.words == 0 {
            0
        } else {
            (acc * WIDTH + r.words / 2) / r.words
        };
        let n = (upto - used).max(0) as usize;
        used += n as i64;
        let piece: String = std::iter::repeat_n(ch, n).collect();
        if colour && n > 0 {
            out.push_str(&format!("\x1b[{code}m{piece}\x1b[0m"));
        } else {
            out.push_str(&piece);
        }
    }
    out.push_str(&"·".repeat((WIDTH - used).max(0) as usize));
    out
}

fn table(p: &Progress, colour: bool) -> String {
    let width = p
        .groups
        .iter()
        .map(|r| one_line(&r.group).chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 40);
    let activity = p.total.activity.is_some();
    let mut out = format!(
        "{:<width$}  {:>6} {:>7}  {:>6} {:>6} {:>6} {:>6} {:>6}  {:>6} {:>6}  {:<20}",
        "group", "segs", "words", "untr", "draft", "transl", "appr", "rej", "%tr", "%appr", "bar"
    );
    if activity {
        out.push_str(&format!("  {:>7} {:>7} {:>7}", "+transl", "+appr", "+rej"));
    }
    out.push('\n');
    let line = |r: &Row| {
        let w = |s: Status| r.words_by_status[&s];
        let mut l = format!(
            "{:<width$}  {:>6} {:>7}  {:>6} {:>6} {:>6} {:>6} {:>6}  {:>6.1} {:>6.1}  {}",
            one_line(&r.group),
            r.segments,
            r.words,
            w(Status::Untranslated),
            w(Status::Draft),
            w(Status::Translated),
            w(Status::Approved),
            w(Status::Rejected),
            r.translated_percent,
            r.approved_percent,
            bar(r, colour)
        );
        if let Some(a) = &r.activity {
            l.push_str(&format!(
                "  {:>7} {:>7} {:>7}",
                a.translated_words, a.approved_words, a.rejected_words
            ));
        }
        l + "\n"
    };
    for r in &p.groups {
        out.push_str(&line(r));
    }
    out.push_str(&line(&p.total));
    out.push_str(
        "words per status; bar: █ approved ▓ translated ▒ rejected ░ draft · untranslated\n",
    );
    if p.by == GroupBy::Day {
        out.push_str(
            "day rows: statuses at the end of the day (UTC); + columns: words moved that day\n",
        );
    } else if activity {
        out.push_str("+ columns: words this person moved (event log)\n");
    }
    if p.total.words != p.source_words {
        out.push_str(&format!(
            "total: each of the {} source words ({} segments) once per target language\n",
            p.source_words, p.source_segments
        ));
    }
    out.push_str(&forecast(p));
    out
}

/// One line per language: work left, the recent pace, the expected finish.
fn forecast(p: &Progress) -> String {
    let mut out = String::new();
    for f in &p.forecast {
        let say = |what: &str, o: &report::Outlook| match &o.finish {
            _ if o.remaining_words == 0 => format!("{what}: done"),
            Some(day) => format!(
                "{} words to {what} at {:.1}/day: about {day}",
                o.remaining_words, o.words_per_day
            ),
            None => format!(
                "{} words to {what}, no net progress: no date",
                o.remaining_words
            ),
        };
        if f.pace_days == 0 {
            out.push_str(&format!(
                "{}: {} words to translate, {} to approve; nothing logged yet: no date\n",
                f.lang, f.translation.remaining_words, f.approval.remaining_words
            ));
            continue;
        }
        out.push_str(&format!(
            "{}: {}; {} (pace: last {} day(s))\n",
            f.lang,
            say("translate", &f.translation),
            say("approve", &f.approval),
            f.pace_days
        ));
    }
    out
}
