//! Who is who: the owner among strangers, namesakes, URLs against names.

use netsift::export;
use netsift::people::{OwnerMethod, People, Resolved};

use crate::util::TestDir;

const CONNECTIONS: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
const MESSAGES: &str = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n";

fn resolve(dir: &TestDir) -> (export::Export, People, Vec<String>) {
    let export = export::read(&dir.path("e")).unwrap();
    let mut diags = export.diagnostics.clone();
    let people = People::resolve(&export, &mut diags);
    let diags = diags.items().iter().map(ToString::to_string).collect();
    (export, people, diags)
}

#[test]
fn a_talkative_stranger_is_not_taken_for_the_owner() {
    let dir = TestDir::new("owner-stranger");
    dir.create(
        "e/Connections.csv",
        format!("{CONNECTIONS}Rita,Recruiter,https://www.linkedin.com/in/rita,,R,R,01 Jan 2024\nPat,Pal,https://www.linkedin.com/in/pat,,P,P,01 Jan 2024"),
    );
    // Rita writes twice, unanswered; the owner writes once, to Pat.
    dir.create(
        "e/messages.csv",
        format!(
            "{MESSAGES}\
c1,,Rita Recruiter,https://www.linkedin.com/in/rita,Owen Owner,https://www.linkedin.com/in/owen,2024-03-02 10:00:00 UTC,,Hi,INBOX
c1,,Rita Recruiter,https://www.linkedin.com/in/rita,Owen Owner,https://www.linkedin.com/in/owen,2024-03-01 10:00:00 UTC,,Hi,INBOX
c2,,Owen Owner,https://www.linkedin.com/in/owen,Pat Pal,https://www.linkedin.com/in/pat,2024-03-01 11:00:00 UTC,,Hey,INBOX
"
        ),
    );
    let (export, people, diags) = resolve(&dir);
    assert_eq!(people.owner.url().as_deref(), Some("https://www.linkedin.com/in/owen"));
    assert_eq!(people.owner.method, OwnerMethod::Messages);
    assert!(diags.is_empty(), "{diags:?}");
    let outgoing: Vec<bool> = people.links.messages.iter().map(|l| l.outgoing).collect();
    assert_eq!(outgoing, [false, false, true]);
    assert!((0..3).all(|i| people.links.counterparts(i).iter().all(|&p| people.is_connection(p))));
    assert_eq!(export.connections.len(), 2);
}

#[test]
fn a_sender_whose_url_differs_from_namesake_connections_is_a_new_contact() {
    let dir = TestDir::new("namesake-url");
    dir.create(
        "e/Connections.csv",
        format!("{CONNECTIONS}John,Smith,https://www.linkedin.com/in/john-smith-1,,A,A,01 Jan 2024\nJohn,Smith,https://www.linkedin.com/in/john-smith-2,,B,B,01 Jan 2024"),
    );
    dir.create(
        "e/messages.csv",
        format!(
            "{MESSAGES}\
c1,,John Smith,https://www.linkedin.com/in/john-smith-3,Owen Owner,https://www.linkedin.com/in/owen,2024-03-02 10:00:00 UTC,,Hi,INBOX
c2,,Owen Owner,https://www.linkedin.com/in/owen,John Smith,https://www.linkedin.com/in/john-smith-2,2024-03-01 11:00:00 UTC,,Hey,INBOX
c2,,Owen Owner,https://www.linkedin.com/in/owen,John Smith,https://www.linkedin.com/in/john-smith-2,2024-03-01 12:00:00 UTC,,Hey,INBOX
"
        ),
    );
    let (_, people, diags) = resolve(&dir);
    assert!(diags.is_empty(), "{diags:?}");
    let stranger = people.links.counterparts(0)[0];
    assert!(!people.is_connection(stranger));
    assert_eq!(
        people.persons[stranger as usize].key.as_ref().map(|k| k.slug()),
        Some("john-smith-3")
    );
    assert_eq!(people.links.counterparts(1), [1]);
    // By name alone, the two connections stay ambiguous.
    assert_eq!(people.lookup(None, Some("john  SMITH")), Resolved::Ambiguous(vec![0, 1]));
}

#[test]
fn in_a_url_less_era_a_connection_learns_its_url_from_messages() {
    let dir = TestDir::new("learn-url");
    dir.create(
        "e/Connections.csv",
        "First Name,Last Name,Email Address,Company,Position,Connected On\nMarie ,Dubois,,A,B,01 Jan 2022",
    );
    dir.create(
        "e/messages.csv",
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n\
c1,,Marie Dubois,https://www.linkedin.com/in/marie-d,Owen Owner,2022-03-02 10:00:00 UTC,,Hi,INBOX\n\
c1,,Owen Owner,https://www.linkedin.com/in/owen,Marie Dubois,2022-03-02 11:00:00 UTC,,Hey,INBOX\n\
c1,,Owen Owner,https://www.linkedin.com/in/owen,Marie Dubois,2022-03-02 12:00:00 UTC,,Hey,INBOX\n",
    );
    let (_, people, _) = resolve(&dir);
    assert_eq!(people.persons[0].key.as_ref().map(|k| k.slug()), Some("marie-d"));
    assert_eq!(
        people.lookup(Some("https://www.linkedin.com/in/marie-d/"), None),
        Resolved::Person(0)
    );
    // The owner's replies in the 9-column era go to the other sender of the conversation.
    assert_eq!(people.links.counterparts(1), [0]);
}

#[test]
fn where_the_owner_has_no_url_their_name_is_theirs() {
    let dir = TestDir::new("owner-namesake");
    dir.create(
        "e/Connections.csv",
        "First Name,Last Name,Email Address,Company,Position,Connected On\nOwen,Owner,o@x,Other,Namesake,01 Jan 2020\nAnn,One,a@x,A,A,01 Jan 2020",
    );
    dir.create(
        "e/Invitations.csv",
        "From,To,Sent At,Message,Direction\nAnn One,Owen Owner,\"1/5/20, 9:00 AM\",,INCOMING\n",
    );
    dir.create("e/Profile.csv", "First Name,Last Name,Headline\nOwen,Owner,Me\n");
    let (_, people, _) = resolve(&dir);
    assert_eq!(people.owner.method, OwnerMethod::Profile);
    assert_eq!(people.lookup(None, Some("Owen Owner")), Resolved::Owner);
    assert_eq!(people.links.invitations, [Some(1)]);
}
