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
