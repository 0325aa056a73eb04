//! The practical floor for `benches/bench.sh`: one bare `csv::ByteRecord` pass over the CSV
//! files an export folder holds, best of three, printed in seconds. Run as
//! `cargo bench --bench floor -- FOLDER`.

mod common;

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let Some(folder) = std::env::args().skip(1).find(|a| !a.starts_with("--")).map(PathBuf::from)
    else {
        eprintln!("usage: cargo bench --bench floor -- EXPORT_FOLDER");
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("an export folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    let best = (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(common::bare_pass(&files));
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    println!("{best:.3}");
}
