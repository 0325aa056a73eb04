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

/// With `NETSIFT_TIMINGS` set, prints on stderr the milliseconds since the previous lap and
/// what they were spent on: where a run's time goes, for whoever makes it faster.
pub fn lap(what: &str) {
    use std::sync::{Mutex, OnceLock};
    use std::time::Instant;
    static LAST: OnceLock<Option<Mutex<Instant>>> = OnceLock::new();
    let last = LAST
        .get_or_init(|| std::env::var_os("NETSIFT_TIMINGS").map(|_| Mutex::new(Instant::now())));
    if let Some(last) = last {
        let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
        eprintln!("{:>6.0} ms  {what}", last.elapsed().as_secs_f64() * 1000.0);
        *last = Instant::now();
    }
}
