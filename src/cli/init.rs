//! `audarma init`: create the database, or migrate an existing one.

use audarma::store::{self, Store};
use audarma::Result;

use super::common::{outln, print_json};
use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the result as JSON: {"path", "created", "schema_version"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<()> {
    let (store, created) = Store::create(&ctx.db)?;
    let version = store.version()?;
    if args.json {
        return print_json(&serde_json::json!({
            "path": ctx.db.display().to_string(),
            "created": created,
            "schema_version": version,
        }));
    }
    if created {
        outln!("created {} (schema version {version})", ctx.db.display())?;
    } else {
        outln!(
            "{} already exists (schema version {version}, latest {})",
            ctx.db.display(),
            store::latest_version()
        )?;
    }
    Ok(())
}
