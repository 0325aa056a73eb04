//! PLACEHOLDER until the generator lands (being written now); same API.
#![allow(missing_docs)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleSpec {
    pub connections: usize,
    pub messages: usize,
    pub seed: u64,
    pub zip: bool,
    pub export_date: jiff::civil::Date,
}
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct SampleOutput {
    pub export: std::path::PathBuf,
    pub notes: std::path::PathBuf,
    pub bytes: u64,
}
pub fn write_sample(
    _spec: &SampleSpec,
    _out_dir: &std::path::Path,
) -> std::io::Result<SampleOutput> {
    Err(std::io::Error::other("not yet"))
}
