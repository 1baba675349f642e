//! `audarma tmx import|export` (not yet implemented).

use audarma::{Error, Result};

use super::Ctx;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Import TMX files into the memory
    Import,
    /// Export the memory as TMX 1.4b
    Export,
}

pub fn run(_cmd: Command, _ctx: &Ctx) -> Result<()> {
    Err(Error::usage("`audarma tmx` is not implemented yet"))
}
