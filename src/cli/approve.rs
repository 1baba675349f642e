//! `audarma approve DOC POS[,POS...|all] --to en|ru`: approve translated segments.

use std::io::IsTerminal;

use audarma::review::{self, ApproveReport};
use audarma::store::{Document, Status};
use audarma::text::display::{one_line, short_list};
use audarma::text::Lang;
use audarma::{Error, Result};

use super::common::{confirm, outln, print_json, user_name, DocTarget};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: DocTarget,
    /// 1-based positions (3 or 2,5,7-9), or `all` for every translated segment.
    /// Already approved ones are skipped; ones that are not translated are
    /// refused (exit code 5) while the others are approved
    positions: String,
    /// Approve `all` without asking (required when not on a terminal)
    #[arg(long)]
    yes: bool,
    /// Reviewer name [default: AUDARMA_USER, else the login name];
    /// one line, no control characters
    #[arg(long)]
    user: Option<String>,
    /// Print {"document", "lang", "approved": [positions], "count", "skipped":
    /// [positions], "refused": [{"position", "status", "reason"}]}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let doc = args.target.document(&store)?;
    let positions = review::parse_positions(&args.positions)?;
    let user = user_name(args.user);
    if positions.is_none() && !args.yes {
        if !std::io::stdin().is_terminal() {
            return Err(Error::usage(
                "approving `all` needs --yes when not run on a terminal",
            ));
        }
        let n =
            review::segments_with_status(&store, &doc, args.target.to, Status::Translated)?.len();
        if n > 0
            && !confirm(&format!(
                "approve all {n} translated segments of '{}' into {} as {user}?",
                one_line(&doc.name),
                args.target.to
            ))?
        {
            eprintln!("nothing approved");
            return Ok(());
        }
    }
    let report = store.write(|w| {
        review::approve_positions(w, &doc, args.target.to, positions.as_deref(), &user)
    })?;
    if args.json {
        print_json(&serde_json::json!({
            "document": doc.name,
            "lang": args.target.to.code(),
            "approved": report.approved,
            "count": report.approved.len(),
            "skipped": report.skipped,
            "refused": report.refused,
        }))?;
    } else {
        render(&report, &doc, args.target.to)?;
    }
    if report.refused.is_empty() {
        return Ok(());
    }
    // After the rest was approved and reported: the refusals, on one line.
    let list: Vec<String> = report
        .refused
        .iter()
        .map(|r| format!("segment {}: {}", r.position, r.reason))
        .collect();
    Err(Error::Conflict(format!(
        "{} not approved: {}",
        plural(list.len(), "segment"),
        short_list(&list, "; ")
    )))
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn render(report: &ApproveReport, doc: &Document, lang: Lang) -> Result<()> {
    let join = |ps: &[i64]| short_list(ps, ", ");
    let n = report.approved.len();
    if n > 0 {
        outln!(
            "approved {} of '{}' into {lang}: {}",
            plural(n, "segment"),
            one_line(&doc.name),
            join(&report.approved)
        )?;
    }
    if !report.skipped.is_empty() {
        outln!("skipped, already approved: {}", join(&report.skipped))?;
    }
    if n == 0 && report.skipped.is_empty() && report.refused.is_empty() {
        outln!(
            "nothing to approve: '{}' has no translated segment into {lang}",
            one_line(&doc.name)
        )?;
    }
    Ok(())
}
