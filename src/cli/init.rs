//! `audarma init`: create the database, or migrate an existing one.

use audarma::store::{self, Store};
use audarma::Result;

use super::common::{outln, print_json, shown_path};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Make an existing empty file (0 bytes, or SQLite without tables) the
    /// database; without it such a file is refused, as it may be another
    /// program's
    #[arg(long)]
    force: bool,
    /// Print the result as JSON: {"path", "created", "schema_version"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let (store, created) = if args.force {
        Store::create_adopting(&ctx.db)?
    } else {
        Store::create(&ctx.db)?
    };
    let version = store.version()?;
    if args.json {
        return print_json(&serde_json::json!({
            "path": ctx.db.display().to_string(),
            "created": created,
            "schema_version": version,
        }));
    }
    if created {
        outln!("created {} (schema version {version})", shown_path(&ctx.db))?;
    } else {
        outln!(
            "{} already exists (schema version {version}, latest {})",
            shown_path(&ctx.db),
            store::latest_version()
        )?;
    }
    Ok(())
}
