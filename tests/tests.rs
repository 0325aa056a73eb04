//! netsift's integration tests: one binary, one module per subject.

// Helpers: a temporary folder, the netsift command.
mod util;

// Every era fixture read exactly as hand-counted.
mod fixtures;
