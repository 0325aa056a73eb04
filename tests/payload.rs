//! A small export whose names, companies, positions, profile URLs and conversation titles carry
//! script and markup payloads: shared by the report tests and the browser tests.

use crate::util::TestDir;

/// The payloads, as they must show on the page: literally.
pub const NAME: &str = "<script>window.__pwned=1</script>";
pub const LAST: &str = "<img src=x onerror=\"window.__pwned=2\">";
pub const COMPANY: &str = "<b onmouseover=alert(1)>Acme</b>";
pub const POSITION: &str = "\"><svg onload=alert(2)>";

/// Writes the payload export into `rel` and returns its path.
pub fn export(dir: &TestDir, rel: &str) -> std::path::PathBuf {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let connections = format!(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         {},{},https://www.linkedin.com/in/payload-one,,{},{},18 Mar 2020\n\
         javascript:alert(3),\"'; alert(4); '\",https://www.linkedin.com/in/payload-two,,\
         \"=HYPERLINK(\"\"http://evil.example\"\")\",\"</script><script>window.__pwned=3</script>\",09 Mar 2021\n\
         Jay,Url,javascript:alert(6),,Good Co,\"<a href=javascript:alert(7)>x</a>\",01 Jan 2026\n\
         Plain,Person,https://www.linkedin.com/in/plain-person,,Good Co,Engineer,01 Feb 2024\n",
        q(NAME),
        q(LAST),
        q(COMPANY),
        q(POSITION)
    );
    let header = "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\",\
        \"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\",\"ATTACHMENTS\",\
        \"IS MESSAGE DRAFT\"\n";
    let mut messages = header.to_string();
    let name = format!("{NAME} {LAST}");
    let one = "https://www.linkedin.com/in/payload-one";
    let owner = "https://www.linkedin.com/in/owen-owner";
    for (i, day) in ["2026-09-01", "2026-09-03", "2026-10-10", "2026-10-12"].iter().enumerate() {
        let (from, from_url, to, to_url) = if i % 2 == 0 {
            ("Owen Owner", owner, name.as_str(), one)
        } else {
            (name.as_str(), one, "Owen Owner", owner)
        };
        messages.push_str(&format!(
            "\"c1\",{},{},\"{from_url}\",{},\"{to_url}\",\"{day} 09:00:00 UTC\",\"\",{},\"INBOX\",\"\",\"No\"\n",
            q("<iframe src=javascript:alert(5)></iframe>"),
            q(from),
            q(to),
            q("hello <script>window.__pwned=4</script>"),
        ));
    }
    dir.create(&format!("{rel}/Connections.csv"), connections);
    dir.create(&format!("{rel}/messages.csv"), messages);
    dir.path(rel)
}

/// What strangers can put in any text field: markup, script, `javascript:` URLs, quotes that
/// break attributes, spreadsheet formulas, terminal escapes, XML and template syntax.
pub const PAYLOADS: [&str; 18] = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=2\">",
    "\"><svg onload=window.__pwned=3>",
    "javascript:window.__pwned=4",
    "'-window.__pwned=5-'",
    "</script><script>window.__pwned=6</script>",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTab=1",
    "\rCR=1",
    "{{ 7*7 }}{% raw %}${7*7}",
    "<style>*{display:none}</style>",
    "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m",
    "]]></data><node id=\"evil\"/><!--",
    "\u{2028}\u{2029}</SCRIPT ><!--<script>",
    "<a href=\"javascript:window.__pwned=7\">x</a>",
];

/// Profile URLs that must never become links.
pub const BAD_URLS: [&str; 6] = [
    "javascript:window.__pwned=8",
    "https://www.linkedin.com/in/x\"onmouseover=\"window.__pwned=9",
    "https://www.linkedin.com@evil.example/in/y",
    "https://evil.example/in/z",
    "data:text/html,<script>window.__pwned=10</script>",
    "//evil.example/in/w",
];

/// How many connections the hostile export has.
pub const HOSTILE_CONNECTIONS: usize = PAYLOADS.len() + BAD_URLS.len();

/// Writes into `rel` an export (2026 format, every file) and `notes.csv` in which every text
/// field that netsift does not need to parse (dates, directions, flags) carries a payload;
/// returns the export's path. Connection `i` is `https://www.linkedin.com/in/p<i>` (or one of
/// [`BAD_URLS`]) and talks with the owner, so every payload reaches the outputs.
pub fn hostile(dir: &TestDir, rel: &str) -> std::path::PathBuf {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let p = |i: usize| PAYLOADS[i % PAYLOADS.len()];
    let owner = "https://www.linkedin.com/in/owen-owner";
    let people: Vec<(String, String, String)> = (0..HOSTILE_CONNECTIONS)
        .map(|i| {
            let url = if i < PAYLOADS.len() {
                format!("https://www.linkedin.com/in/p{i}")
            } else {
                BAD_URLS[i - PAYLOADS.len()].to_string()
            };
            (p(i).to_string(), format!("{} {i}", p(i + 5)), url)
        })
        .collect();
    let mut connections = String::from(
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n\
         First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    );
    let mut messages = String::from(
        "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\",\
         \"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\",\"ATTACHMENTS\",\
         \"IS MESSAGE DRAFT\"\n",
    );
    let mut invitations =
        String::from("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n");
    let mut notes = String::from("date,person,kind,direction,tags,note\n");
    for (i, (first, last, url)) in people.iter().enumerate() {
        let name = format!("{first} {last}");
        let company = if i % 3 == 0 { p(i + 7) } else { p(i + 1) };
        connections.push_str(&format!(
            "{},{},{},{},{},{},{:02} Mar 2024\n",
            q(first),
            q(last),
            q(url),
            q(p(i + 2)),
            q(company),
            q(p(i + 3)),
            i % 28 + 1
        ));
        for (k, day) in ["2026-06-01", "2026-06-03", "2026-10-10", "2026-10-12"].iter().enumerate()
        {
            let (from, from_url, to, to_url) = if (i + k) % 2 == 0 {
                ("Owen Owner", owner, name.as_str(), url.as_str())
            } else {
                (name.as_str(), url.as_str(), "Owen Owner", owner)
            };
            messages.push_str(&format!(
                "{},{},{},{},{},{},\"{day} 09:{i:02}:00 UTC\",{},{},\"INBOX\",{},\"No\"\n",
                q(&format!("c{i}{}", p(i + k))),
                q(p(i + k + 4)),
                q(from),
                q(from_url),
                q(to),
                q(to_url),
                q(p(i + k + 6)),
                q(p(i + k + 8)),
                q(p(i + k + 9)),
            ));
        }
        let (from, to, direction, from_url, to_url) = if i % 2 == 0 {
            ("Owen Owner", name.as_str(), "OUTGOING", owner, url.as_str())
        } else {
            (name.as_str(), "Owen Owner", "INCOMING", url.as_str(), owner)
        };
        invitations.push_str(&format!(
            "{},{},\"3/{:02}/24, 10:00 AM\",{},{direction},{},{}\n",
            q(from),
            q(to),
            i % 28 + 1,
            q(p(i + 10)),
            q(from_url),
            q(to_url)
        ));
        let person = if i % 2 == 0 { url.clone() } else { name.clone() };
        notes.push_str(&format!(
            "2026-05-{:02},{},call,mutual,{},{}\n",
            i % 28 + 1,
            q(&person),
            q(&format!("{};mentor;{}", p(i + 11), p(i + 12))),
            q(&format!("with:{} {}", p(i + 13), p(i + 14)))
        ));
    }
    let endorsement = |role: &str| {
        let mut s = format!(
            "Endorsement Date,Skill Name,{role} First Name,{role} Last Name,{role} Public Url,Endorsement Status\n"
        );
        for (i, (first, last, url)) in people.iter().enumerate().take(8) {
            let url = url.trim_start_matches("https://");
            s.push_str(&format!(
                "2025/0{}/12 09:00:00 UTC,{},{},{},{},{}\n",
                i + 1,
                q(p(i + 2)),
                q(first),
                q(last),
                q(url),
                q(p(i + 3))
            ));
        }
        s
    };
    let recommendations = {
        let mut s =
            String::from("First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n");
        for (i, (first, last, _)) in people.iter().enumerate().take(6) {
            s.push_str(&format!(
                "{},{},{},{},{},\"12/20/25, 06:30 PM\",{}\n",
                q(first),
                q(last),
                q(p(i + 1)),
                q(p(i + 4)),
                q(p(i + 6)),
                q(p(i + 9))
            ));
        }
        s
    };
    let profile = format!(
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n\
         Owen,Owner,{},{},,{},{},{},{},{},{},{},{}\n",
        q(p(0)),
        q(p(1)),
        q(p(2)),
        q(p(3)),
        q(p(4)),
        q(p(5)),
        q(p(6)),
        q(p(13)),
        q(p(16)),
        q(p(17))
    );
    let base = format!("{rel}/Complete_LinkedInDataExport_11-20-2026");
    for (file, text) in [
        ("Connections.csv", connections),
        ("messages.csv", messages),
        ("Invitations.csv", invitations),
        ("Endorsement_Received_Info.csv", endorsement("Endorser")),
        ("Endorsement_Given_Info.csv", endorsement("Endorsee")),
        ("Recommendations_Received.csv", recommendations.clone()),
        ("Recommendations_Given.csv", recommendations),
        ("Profile.csv", profile),
    ] {
        dir.create(&format!("{base}/{file}"), text);
    }
    dir.create(&format!("{rel}/notes.csv"), notes);
    dir.path(&base)
}
