//! `audarma approve DOC POS[,POS...|all] --to en|ru`: approve translated segments.

use std::io::{BufRead, IsTerminal, Write};

use audarma::store::Status;
use audarma::{review, Error, Result};

use super::common::{outln, print_json, user_name, DocTarget};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: DocTarget,
    /// 1-based positions (3 or 2,5,7-9), or `all` for every translated segment
    positions: String,
    /// Approve `all` without asking (required when not on a terminal)
    #[arg(long)]
    yes: bool,
    /// Reviewer name [default: AUDARMA_USER, else the login name]
    #[arg(long)]
    user: Option<String>,
    /// Print {"document", "lang", "approved": [positions], "count"}
    #[arg(long)]
    json: bool,
}

/// Ask on the terminal; anything but y/yes is a no.
fn confirm(question: &str) -> Result<bool> {
    eprint!("{question} [y/N] ");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
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
                doc.name, args.target.to
            ))?
        {
            eprintln!("nothing approved");
            return Ok(());
        }
    }
    let approved = store.write(|w| {
        review::approve_positions(w, &doc, args.target.to, positions.as_deref(), &user)
    })?;
    if args.json {
        return print_json(&serde_json::json!({
            "document": doc.name,
            "lang": args.target.to.code(),
            "approved": approved,
            "count": approved.len(),
        }));
    }
    if approved.is_empty() {
        outln!(
            "nothing to approve: '{}' has no translated segment into {}",
            doc.name,
            args.target.to
        )?;
    } else {
        let list: Vec<String> = approved.iter().map(i64::to_string).collect();
        outln!(
            "approved {} segment{} of '{}' into {}: {}",
            approved.len(),
            if approved.len() == 1 { "" } else { "s" },
            doc.name,
            args.target.to,
            list.join(", ")
        )?;
    }
    Ok(())
}
