//! Progress while a long command runs: a [`Progress`] observer hears each stage as it begins and
//! each step as it ends. On a terminal a spinner names the stage (never with `--quiet`); with
//! `NETSIFT_TIMINGS` set, every step's milliseconds go to stderr — where a run's time goes,
//! for whoever makes it faster.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// Hears what a run is doing. Both methods default to doing nothing.
pub trait Progress: Sync {
    /// A stage the user may wait on begins ("reading the export", "scoring", …).
    fn stage(&self, _what: &'static str) {}

    /// A step ends (several per stage): timed, with `NETSIFT_TIMINGS`.
    fn lap(&self, _what: &'static str) {}
}

/// Hears nothing: for library callers and tests.
pub struct Silent;

impl Progress for Silent {}

/// A spinner on stderr naming the stage (hidden when quiet or when stderr is not a terminal),
/// and the timings of every step when `NETSIFT_TIMINGS` is set.
pub struct Terminal {
    bar: ProgressBar,
    /// The end of the previous step, when timing.
    last: Option<Mutex<Instant>>,
}

impl Terminal {
    /// A spinner, hidden when `quiet`.
    pub fn new(quiet: bool) -> Terminal {
        let last = std::env::var_os("NETSIFT_TIMINGS").map(|_| Mutex::new(Instant::now()));
        Terminal { bar: spinner(quiet), last }
    }

    /// Clears the spinner.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Terminal {
    fn stage(&self, what: &'static str) {
        self.bar.set_message(what);
    }

    fn lap(&self, what: &'static str) {
        if let Some(last) = &self.last {
            let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
            eprintln!("{:>6.0} ms  {what}", last.elapsed().as_secs_f64() * 1000.0);
            *last = Instant::now();
        }
    }
}

/// A spinner on stderr (hidden when `quiet`, or when stderr is not a terminal).
fn spinner(quiet: bool) -> ProgressBar {
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
