//! `audarma export` (not yet implemented).

use audarma::{Error, Result};

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, _ctx: &Ctx) -> Result<()> {
    Err(Error::usage("`audarma export` is not implemented yet"))
}
