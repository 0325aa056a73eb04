//! The notes file: every row resolves to a person or is reported as `FILE:LINE: reason`.

use crate::util::{TestDir, fixture_dir, stderr, stdout};

const NOTES: &str = "\
date,person,kind,direction,tags,note
2024-11-02,https://www.linkedin.com/in/pat-sample/,call,mutual,Mentor; keep,\"Coffee, long\"
2024-11-03,Ivana Božić,meeting,given,,met at the fair
2024-11-04,www.linkedin.com/in/božić,intro,given,client,with:Mara Testwoman
2024-13-01,Pat Sample,call,mutual,,
2024-11-05,Zed Nobody,call,mutual,,
2024-11-06,Pat Sample,lunch,mutual,,
2024-11-07,Pat Sample,call,both,,
2024-11-08,Jane Doe,call,given,,
2024-11-09,Mara Testwoman,intro,given,,with:Nobody Known
09/11/2024,Ghost,dinner,sideways,,
2099-01-01,Pat Sample,call,mutual,keep,not yet
";

#[test]
fn bad_rows_are_reported_with_file_and_line() {
    let dir = TestDir::new("notes");
    dir.create("notes.csv", NOTES);
    let export = fixture_dir("2024");
    let out = dir.run(&["inspect", export.to_str().unwrap(), "--notes", "notes.csv"], 0);
    let err = stderr(&out);
    let want = [
        "notes.csv:5: bad date \"2024-13-01\" (no such date)",
        "notes.csv:6: unknown person \"Zed Nobody\": no connection has that name or profile URL",
        "notes.csv:7: unknown kind \"lunch\" (expected one of call, meeting, message, email, event, referral, intro, help, other)",
        "notes.csv:8: unknown direction \"both\" (expected given, received or mutual)",
        "notes.csv:9: ambiguous name \"Jane Doe\": 2 connections have it; use the profile URL",
        "notes.csv:10: with: unknown person \"Nobody Known\": no connection has that name or profile URL; the note is kept without its second person",
        "notes.csv:11: bad date \"09/11/2024\" (expected YYYY-MM-DD); unknown kind \"dinner\" (expected one of call, meeting, message, email, event, referral, intro, help, other); unknown direction \"sideways\" (expected given, received or mutual); unknown person \"Ghost\": no connection has that name or profile URL",
    ];
    let mut notes_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("notes.csv:")).collect();
    // A note dated after the as-of day (the export's latest day here) is left out, and said.
    let later = notes_lines.pop().unwrap_or_default();
    assert!(
        later.starts_with("notes.csv:12: dated 2099-01-01, after the as-of day 20")
            && later.ends_with(": not counted"),
        "{later}"
    );
    assert_eq!(notes_lines, want, "stderr:\n{err}");
    assert!(
        stdout(&out).contains(
            "notes          notes.csv: 11 rows, 4 resolved, 6 unresolved, 1 dated after the as-of \
             day (left out)"
        ),
        "{}",
        stdout(&out)
    );
}

/// A name typed without its accents, or in capitals, is the connection's; a typo is reported
/// with the closest name.
#[test]
fn names_match_without_accents_and_a_typo_gets_a_suggestion() {
    let dir = TestDir::new("notes-accents");
    dir.create(
        "notes.csv",
        "date,person,kind,direction,tags,note\n\
         2024-11-03,ivana bozic,meeting,given,,typed without accents\n\
         2024-11-04,Ivana Bozik,call,mutual,,a typo\n\
         2024-11-05,IVANA BOŽIĆ,intro,given,,with:mara testwoman\n\
         2024-11-06,Ivan Boz,call,mutual,,too far from any name\n",
    );
    let export = fixture_dir("2024");
    let out = dir.run(&["inspect", export.to_str().unwrap(), "--notes", "notes.csv"], 0);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("notes.csv:")).collect();
    assert_eq!(
        lines,
        [
            "notes.csv:3: unknown person \"Ivana Bozik\": no connection has that name or profile \
             URL; did you mean Ivana Božić?",
            "notes.csv:5: unknown person \"Ivan Boz\": no connection has that name or profile URL"
        ],
        "stderr:\n{err}"
    );
    assert!(
        stdout(&out).contains("notes.csv: 4 rows, 2 resolved, 2 unresolved"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn resolved_rows_carry_person_tags_and_the_intro_partner() {
    let dir = TestDir::new("notes-lib");
    let path = dir.create("notes.csv", NOTES);
    let export = netsift::export::read(&fixture_dir("2024")).unwrap();
    let mut diags = export.diagnostics.clone();
    let people = netsift::people::People::resolve(&export, &mut diags);
    let notes = netsift::notes::read(&path, &people, &mut diags).unwrap();
    let name = |id: u32| people.persons[id as usize].name.clone();
    let got: Vec<(u64, String, Vec<String>, Option<String>)> = notes
        .notes
        .iter()
        .map(|n| (n.line, name(n.person), n.tags.clone(), n.with.map(name)))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "Pat Sample".into(), vec!["mentor".into(), "keep".into()], None),
            (3, "Ivana Božić".into(), vec![], None),
            (4, "Ivana Božić".into(), vec!["client".into()], Some("Mara Testwoman".into())),
            (10, "Mara Testwoman".into(), vec![], None),
            // Resolved; the run leaves it out when it is dated after the as-of day.
            (12, "Pat Sample".into(), vec!["keep".into()], None),
        ]
    );
}

#[test]
fn a_notes_file_without_its_columns_is_unusable() {
    let dir = TestDir::new("notes-bad");
    dir.create("notes.csv", "when,who\n2024-01-01,Pat\n");
    let export = fixture_dir("2024");
    let out = dir.run(&["inspect", export.to_str().unwrap(), "--notes", "notes.csv"], 1);
    assert_eq!(
        stderr(&out),
        "netsift: error: notes.csv: required column(s) \"date\", \"person\", \"kind\", \"direction\" not found; columns found: \"when\", \"who\"\n"
    );
}

#[test]
fn only_an_intro_names_a_second_person() {
    let dir = TestDir::new("notes-with");
    dir.create("notes.csv", "date,person,kind,direction,tags,note\n2024-11-02,Pat Sample,call,mutual,,caught up with:nobody in particular\n");
    let export = fixture_dir("2024");
    let out = dir.run(&["inspect", export.to_str().unwrap(), "--notes", "notes.csv"], 0);
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_repeated_note_counts_once_and_is_reported() {
    let dir = TestDir::new("notes-repeat");
    dir.create(
        "notes.csv",
        "date,person,kind,direction,tags,note\n\
         2024-11-02,Pat Sample,call,mutual,keep,Coffee\n\
         2024-11-02,Pat Sample,call,mutual,,Coffee\n\
         2024-11-02,Pat Sample,call,mutual,,Second call\n",
    );
    let export = fixture_dir("2024");
    let out = dir.run(&["inspect", export.to_str().unwrap(), "--notes", "notes.csv"], 0);
    let err = stderr(&out);
    assert!(
        err.contains(
            "notes.csv:3: the same note as line 2 (day, person, kind, direction and text): counted once"
        ),
        "{err}"
    );
    assert!(
        stdout(&out).contains(
            "notes.csv: 3 rows, 2 resolved, 0 unresolved, 1 repeating an earlier row (counted once)"
        ),
        "{}",
        stdout(&out)
    );
}
