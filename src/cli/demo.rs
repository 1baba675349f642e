//! `audarma demo`: the README's main job on the bundled data (filled in later).

use std::path::PathBuf;

use audarma::Result;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder with the bundled data
    #[arg(default_value = "data")]
    data: PathBuf,
}

pub fn run(_args: Args, _ctx: &Ctx) -> Result<()> {
    Err(audarma::Error::usage(
        "`audarma demo` is not implemented yet",
    ))
}
