//! Files that went through a spreadsheet or an editor parse to the same records.

use netsift::export::{self, Connection};

use crate::util::fixture_dir;

fn connections(fixture: &str) -> Vec<Connection> {
    let export = export::read(&fixture_dir(fixture)).unwrap();
    assert!(export.diagnostics.items().is_empty(), "{:?}", export.diagnostics.items());
    // Lines differ with the padding; everything else must not.
    export.connections.into_iter().map(|c| Connection { line: 0, ..c }).collect()
}

#[test]
fn excel_resaves_read_as_the_pristine_file() {
    let pristine = connections("2024");
    assert_eq!(pristine.len(), 14);
    assert_eq!(connections("2024-excel"), pristine);
    assert_eq!(connections("2024-excel-eu"), pristine);
}

#[test]
fn the_resave_is_described() {
    let export = export::read(&fixture_dir("2024-excel-eu")).unwrap();
    let notes = &export.files[0].notes;
    for want in ["header on line 5", "UTF-8 BOM", "CRLF line ends", "`;`-separated"] {
        assert!(notes.iter().any(|n| n == want), "{want} not in {notes:?}");
    }
    assert!(notes.iter().any(|n| n.contains("spreadsheet")), "{notes:?}");
}
