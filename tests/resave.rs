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

#[test]
fn windows_1252_text_is_read_with_a_warning_nothing_dropped() {
    let dir = crate::util::TestDir::new("cp1252");
    let mut bytes = b"First Name,Last Name,Company,Connected On\n".to_vec();
    bytes.extend_from_slice(b"Ren\xe9,M\xfcller,Caf\xe9 \x80 GmbH,01 Feb 2020\n");
    bytes.extend_from_slice(b"Ann,One,A,02 Feb 2020");
    dir.create("e/Connections.csv", bytes);
    let export = export::read(&dir.path("e")).unwrap();
    let names: Vec<(String, String, String)> = export
        .connections
        .iter()
        .map(|c| (c.first_name.clone(), c.last_name.clone(), c.company.clone()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("René".into(), "Müller".into(), "Café € GmbH".into()),
            ("Ann".into(), "One".into(), "A".into()),
        ]
    );
    let d = &export.diagnostics.items()[0];
    assert_eq!(
        d.to_string(),
        "Connections.csv:2: not valid UTF-8 (first at this line); the file was read as Windows-1252"
    );
}

#[test]
fn an_owner_row_in_connections_is_never_a_connection() {
    let dir = crate::util::TestDir::new("owner-row");
    let folder = dir.copy_fixture("2024", "e");
    let mut csv = std::fs::read_to_string(folder.join("Connections.csv")).unwrap();
    csv.push_str("\nOlive,Owner,https://www.linkedin.com/in/olive-owner/,,Self,Me,01 Jan 2020");
    std::fs::write(folder.join("Connections.csv"), csv).unwrap();
    let export = export::read(&folder).unwrap();
    let mut diags = export.diagnostics.clone();
    let people = netsift::people::People::resolve(&export, &mut diags);
    let row = export.connections.len() - 1;
    assert!(people.persons[row].is_owner);
    assert!(!people.is_connection(row as u32));
    assert_eq!(
        diags.items().last().unwrap().to_string(),
        "Connections.csv:19: the owner's own profile; not counted as a connection"
    );
}

#[test]
fn a_literal_na_is_kept_in_names_and_text() {
    let dir = crate::util::TestDir::new("na-literal");
    dir.create(
        "e/Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nNA,Nguyen,NA,NA,NA,Analyst,01 Jan 2024",
    );
    let export = export::read(&dir.path("e")).unwrap();
    let c = &export.connections[0];
    assert_eq!(
        (c.first_name.as_str(), c.company.as_str(), &c.url, &c.email),
        ("NA", "NA", &None, &None)
    );
}
