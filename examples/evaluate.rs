//! The real-data evaluation of netsift's score (`netsift::evaluate`): the six cells of the
//! protocol in `benches/data/README.md`, as a markdown table on stdout.
//!
//! `cargo run --release --example evaluate [-- --data DIR] [--egos N] [--config FILE]`:
//! `--data` holds `collegemsg.csv.gz` and `enron-emails.csv.gz` (default `benches/data`);
//! `--egos N` takes only the first N egos by id of each cell, for a fast look; `--config` lays
//! a `netsift.toml` over the defaults, to try another model. After the six cells, the
//! calibration of `p_contact_90d` on each log's cells whose future spans 90 days.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use netsift::evaluate::{Calibration, Dataset};

/// The logistic curve a + b·x through `(x, y)` by Newton's method.
fn logistic_fit(xy: &[(f64, bool)]) -> (f64, f64) {
    let (mut a, mut b) = (0.0, 1.0);
    for _ in 0..50 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for &(x, y) in xy {
            let p = 1.0 / (1.0 + (-(a + b * x)).exp());
            let (r, w) = (p - f64::from(u8::from(y)), p * (1.0 - p));
            (ga, gb, haa, hab, hbb) = (ga + r, gb + r * x, haa + w, hab + w * x, hbb + w * x * x);
        }
        let det = haa * hbb - hab * hab;
        if !(det.is_finite() && det > 0.0) {
            break;
        }
        (a, b) = (a - (hbb * ga - hab * gb) / det, b - (haa * gb - hab * ga) / det);
    }
    (a, b)
}

fn main() -> ExitCode {
    let mut data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/data");
    let mut egos = None;
    let mut model = netsift::model::Model::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--data", Some(dir)) => data = PathBuf::from(dir),
            ("--egos", Some(n)) if n.parse::<usize>().is_ok() => egos = n.parse().ok(),
            ("--config", Some(file)) => match netsift::model::Model::from_file(file.as_ref()) {
                Ok(m) => model = m,
                Err(e) => {
                    eprintln!("evaluate: {e}");
                    return ExitCode::from(2);
                }
            },
            _ => {
                eprintln!("usage: evaluate [--data DIR] [--egos N] [--config FILE]");
                return ExitCode::from(2);
            }
        }
    }
    let start = Instant::now();
    match netsift::evaluate::run(&data, egos, &model) {
        Ok(results) => {
            print!("{}", netsift::evaluate::markdown(&results));
            for dataset in [Dataset::CollegeMsg, Dataset::Enron] {
                let of = results.iter().filter(|r| r.cell.dataset == dataset);
                let cells: Vec<&str> = of
                    .clone()
                    .filter(|r| !r.within_90_days.is_empty())
                    .map(|r| &*r.cell.split)
                    .collect();
                let pairs: Vec<_> = of.flat_map(|r| r.within_90_days.iter().copied()).collect();
                println!("\n{}, p_contact_90d at {}:", dataset.name(), cells.join(", "));
                let chances: Vec<(f64, bool)> =
                    pairs.iter().map(|(p, y)| (p.p_contact, *y)).collect();
                print!("{}", Calibration::of(&chances).markdown());
                // The curve over vitality that fits these pairs best.
                let (a, b) =
                    logistic_fit(&pairs.iter().map(|(p, y)| (p.vitality, *y)).collect::<Vec<_>>());
                println!("best fit on these cells: intercept {a:.3}, slope {b:.3}");
            }
            eprintln!("evaluated in {:.1} s", start.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::FAILURE
        }
    }
}
