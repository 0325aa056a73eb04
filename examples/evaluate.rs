//! The real-data evaluation of netsift's score (`netsift::evaluate`): the six cells of the
//! protocol in `benches/data/README.md`, as a markdown table on stdout.
//!
//! `cargo run --release --example evaluate [-- --data DIR] [--egos N]`: `--data` holds
//! `collegemsg.csv.gz` and `enron-emails.csv.gz` (default `benches/data`); `--egos N` takes
//! only the first N egos by id of each cell, for a fast look.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/data");
    let mut egos = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--data", Some(dir)) => data = PathBuf::from(dir),
            ("--egos", Some(n)) if n.parse::<usize>().is_ok() => egos = n.parse().ok(),
            _ => {
                eprintln!("usage: evaluate [--data DIR] [--egos N]");
                return ExitCode::from(2);
            }
        }
    }
    let start = Instant::now();
    match netsift::evaluate::run(&data, egos) {
        Ok(results) => {
            print!("{}", netsift::evaluate::markdown(&results));
            eprintln!("evaluated in {:.1} s", start.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::FAILURE
        }
    }
}
