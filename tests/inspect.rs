//! `netsift inspect` as a user sees it: the whole text output for one fixture, pinned.

use crate::util::{TestDir, fixture_dir, stderr, stdout};

#[test]
fn inspect_text_for_the_2024_fixture() {
    let dir = TestDir::new("inspect-text");
    let folder = dir.copy_fixture("2024", "2024");
    let out = dir.run(&["inspect", folder.file_name().unwrap().to_str().unwrap()], 0);
    assert_eq!(stderr(&out), "");
    let want = "\
export         2024 (folder)
owner          Olive Owner <https://www.linkedin.com/in/olive-owner>
               Invitations.csv: inviter of 3 outgoing and invitee of 3 incoming invitations
dates          2022-09-09 … 2024-12-10

files
  Connections.csv                14 rows — mid 2023 → 2026: preamble, 7 columns with URL
                                 read: header on line 4
  messages.csv                   22 rows — Apr 2023 →: 12 columns with recipient URLs, drafts
  Invitations.csv                6 rows — Nov 2023 →: inviter and invitee profile URLs
  Endorsement_Received_Info.csv  4 rows — with public URL (no scheme)
  Endorsement_Given_Info.csv     2 rows — with public URL (no scheme)
  Recommendations_Received.csv   2 rows — names only, no URL
  Recommendations_Given.csv      1 row — names only, no URL
  Profile.csv                    1 row — one row: the owner

connections    14 rows: 2 hidden members, 12 with a profile URL
messages       22 rows: 6 sent, 10 received, 2 drafts, 2 system, 1 sponsored, 1 from LinkedIn Member
               12 of 16 person messages matched a connection (75.0 %)
invitations    6 rows: 3 outgoing (1 with a note), 3 incoming (2 with a note); 4 matched a connection
endorsements   4 received (3 matched), 2 given (2 matched)
recommendations 2 received (2 matched), 1 given (1 matched)

senders who matched no connection: 3
  Kim Cold-Caller <https://www.linkedin.com/in/kim-coldcaller>: 1 message
  Mark Stranger <https://www.linkedin.com/in/mark-stranger-55>: 1 message
  Søren Stranger <https://www.linkedin.com/in/s%C3%B8ren-stranger>: 1 message

skipped rows   none
";
    assert_eq!(stdout(&out), want);
}

#[test]
fn inspect_json_names_owner_method_and_evidence() {
    let dir = TestDir::new("inspect-json");
    let out = dir.run(&["inspect", "--json", fixture_dir("2022").to_str().unwrap()], 0);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["owner"]["method"], "messages");
    assert_eq!(v["owner"]["url"], "https://www.linkedin.com/in/oscar-owner");
    assert_eq!(v["owner"]["evidence"], "messages.csv: the most frequent sender (8 of 20 rows)");
    assert_eq!(v["files"][3]["variant"], "2022: UTF-16 tab-separated, with Display Status");
}
