//! What the `hostile_*` modules share: the binary run on a database `t.db`
//! in a scratch folder, as one known user, with no colour, no database or
//! busy timeout from the environment, and an empty stdin (never a terminal).

use std::path::Path;

use assert_cmd::Command;

/// `audarma --db DIR/t.db ...`, run in DIR.
pub fn audarma(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("audarma").unwrap();
    c.arg("--db")
        .arg(dir.join("t.db"))
        .env("NO_COLOR", "1")
        .env("AUDARMA_USER", "aigerim")
        .env_remove("AUDARMA_DB")
        .env_remove("AUDARMA_BUSY_TIMEOUT_MS")
        .current_dir(dir)
        .write_stdin("");
    c
}
