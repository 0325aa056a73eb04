//! The export every bench reads: `netsift sample` at LinkedIn's cap (or the size in
//! `NETSIFT_BENCH_CONNECTIONS` / `NETSIFT_BENCH_MESSAGES`), generated once into
//! `target/bench-data/` and shared between benches; and the bare-parse floor.

// Each bench uses a part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use netsift::sample::{SampleSpec, write_sample};

/// The export's name, as LinkedIn names it.
pub const NAME: &str = "Complete_LinkedInDataExport_11-20-2026";

/// The folder holding the generated export (as a folder, and as a zip when `zip`) and its
/// notes.csv; generated when missing.
pub fn bench_data(zip: bool) -> PathBuf {
    let var = |name: &str, default: usize| {
        std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
    };
    let (connections, messages) =
        (var("NETSIFT_BENCH_CONNECTIONS", 30_000), var("NETSIFT_BENCH_MESSAGES", 1_000_000));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("target/bench-data/sample-{connections}-{messages}"));
    let export_date = jiff::civil::date(2026, 11, 20);
    for zip in std::iter::once(false).chain(zip.then_some(true)) {
        let done = if zip { root.join(format!("{NAME}.zip")) } else { root.join(NAME) };
        if !done.exists() {
            let spec = SampleSpec { connections, messages, seed: 7, zip, export_date, later: None };
            write_sample(&spec, &root).expect("generate the bench export");
        }
    }
    root
}

/// The floor: read each file and pass every record through `csv::ByteRecord`; returns the
/// number of fields seen.
pub fn bare_pass(files: &[PathBuf]) -> u64 {
    let mut fields = 0;
    for path in files {
        let bytes = std::fs::read(path).expect("read");
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&bytes[..]);
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).expect("csv") {
            fields += record.len() as u64;
        }
    }
    fields
}
