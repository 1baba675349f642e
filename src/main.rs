//! The `audarma` binary: parse arguments, run the subcommand, map errors to exit codes.

mod cli;

use clap::Parser as _;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Clap would say "a value is required for --db" of an empty variable,
    // which names neither the variable nor the way out.
    if std::env::var_os("AUDARMA_DB").is_some_and(|v| v.is_empty()) {
        eprintln!(
            "audarma: AUDARMA_DB is set but empty; unset it (the default is ./audarma.db) or set it to the database's path"
        );
        std::process::exit(2);
    }
    let args = cli::Cli::try_parse().unwrap_or_else(|e| cli::usage_error(e));
    if let Err(err) = cli::run(args) {
        // The reader of our output has gone (`audarma segments DOC | head`): it
        // has what it wanted, so this is no failure. Exit quietly with 0, as
        // ripgrep and cargo do; every write to stdout returns this error
        // (cli::common::write_stdout) instead of panicking as `print!` would.
        if err.is_broken_pipe() {
            std::process::exit(0);
        }
        // Messages quote names, texts and paths: escaped, as all plain output.
        eprintln!("audarma: {}", cli::shown_error(&err));
        std::process::exit(err.exit_code());
    }
}
