//! The `audarma` binary: parse arguments, run the subcommand, map errors to exit codes.

mod cli;

use clap::Parser;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = cli::Cli::parse();
    if let Err(err) = cli::run(args) {
        eprintln!("audarma: {err}");
        std::process::exit(err.exit_code());
    }
}
