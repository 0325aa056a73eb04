//! Progress on stderr while a long command runs: a spinner naming the stage, drawn only when
//! stderr is a terminal and never with `--quiet`.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A spinner on stderr (hidden when `quiet`, or when stderr is not a terminal).
pub fn spinner(quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
