//! Properties of the pure parts: identity keys, re-saved files, every line accounted for.

use netsift::diag::Diagnostics;
use netsift::export::table::Table;
use netsift::export::{
    FileReport, connections, endorsements, invitations, messages, profile, recommendations,
};

use crate::fuzz_replay::harness::accounted;
use netsift::people::ProfileKey;
use proptest::prelude::*;

fn slug() -> impl Strategy<Value = String> {
    // ASCII slugs with hyphens and digits, and Unicode ones (diacritics, Cyrillic, CJK, ~).
    prop_oneof![
        "[a-z0-9][a-z0-9-]{0,30}",
        "[a-zà-ÿčćžšđœø~]{1,12}(-[0-9a-f]{4,8})?",
        "[а-я]{2,10}",
        "[一-龥]{1,4}-[0-9]{2}",
    ]
}

proptest! {
    #[test]
    fn normalising_is_idempotent(s in slug()) {
        let key = ProfileKey::parse(&format!("https://www.linkedin.com/in/{s}")).unwrap();
        prop_assert_eq!(ProfileKey::parse(&key.url()), Some(key.clone()));
        prop_assert_eq!(ProfileKey::parse(&format!("www.linkedin.com/in/{}", key.slug())), Some(key));
    }

    #[test]
    fn encoded_and_raw_forms_of_a_slug_meet(s in slug(), upper in any::<bool>(), slash in any::<bool>(), query in any::<bool>()) {
        let raw = format!("https://www.linkedin.com/in/{s}");
        let encoded: String = percent_encoding::utf8_percent_encode(&s, percent_encoding::NON_ALPHANUMERIC).to_string();
        let mut other = format!("http://de.linkedin.com/in/{}", if upper { encoded.to_uppercase() } else { encoded });
        if slash { other.push('/') }
        if query { other.push_str("?utm_source=share&x=1") }
        prop_assert_eq!(ProfileKey::parse(&raw), ProfileKey::parse(&other));
        prop_assert!(ProfileKey::parse(&raw).is_some());
    }

    #[test]
    fn a_resaved_file_reads_as_the_original(
        rows in prop::collection::vec(("[A-Za-zé ,\"]{0,12}", "[A-Za-z ,;]{0,12}", 1u32..28), 1..20),
        bom in any::<bool>(), blank_lines in 0usize..3, final_newline in any::<bool>(),
    ) {
        let write = |crlf: bool| {
            let mut w = csv::WriterBuilder::new()
                .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
                .from_writer(vec![]);
            w.write_record(["First Name", "Last Name", "Connected On"]).unwrap();
            for (first, last, day) in &rows {
                w.write_record([first.as_str(), last.as_str(), &format!("{day:02} May 2024")]).unwrap();
            }
            w.into_inner().unwrap()
        };
        let read = |bytes: Vec<u8>| {
            let mut diags = Diagnostics::default();
            let table = Table::parse("Connections.csv", bytes, &["First Name", "Last Name", "Connected On"], &mut diags).unwrap();
            let mut out = vec![];
            table.rows(&mut diags, |row, _| out.push((row.raw(Some(0)).to_string(), row.raw(Some(1)).to_string(), row.raw(Some(2)).to_string())));
            (out, diags)
        };
        let mut pristine = write(false);
        pristine.pop(); // LinkedIn writes no final newline
        let mut resaved = Vec::new();
        if bom { resaved.extend_from_slice(b"\xEF\xBB\xBF") }
        for _ in 0..blank_lines { resaved.extend_from_slice(b"\r\n") }
        resaved.extend(write(true));
        if !final_newline { resaved.truncate(resaved.len() - 2) }
        let (a, da) = read(pristine);
        let (b, db) = read(resaved);
        prop_assert!(da.items().is_empty() && db.items().is_empty());
        prop_assert_eq!(a.len(), rows.len());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn every_line_is_in_a_row_or_blank(body in body(), file in 0usize..6) {
        let (header, required, read) = &READERS[file];
        let text = format!("{header}\n{body}");
        let mut diags = Diagnostics::default();
        let table = Table::parse("f.csv", text.into_bytes(), required, &mut diags).unwrap();
        let report = read(&table, &mut diags);
        accounted(&report, table.data(), &diags);
    }
}

/// Data lines made of what breaks readers: stray and doubled quotes, lone CRs, separators of
/// every kind, blank lines, `NA` cells, rows too short and too long.
fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Ann"),
        Just("Bo Li"),
        Just(","),
        Just(",,"),
        Just("\""),
        Just("\"\""),
        Just("\n"),
        Just("\r\n"),
        Just("\r"),
        Just("NA"),
        Just(" "),
        Just(";"),
        Just("\t"),
        Just("01 Jan 2020"),
        Just("2024-01-02 10:00:00 UTC"),
        Just("OUTGOING"),
        Just("x,y,01 Jan 2020\n"),
        Just("\"Unclosed,quote,row,x,y,01 Jan 2020\n"),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

type Read = fn(&Table, &mut Diagnostics) -> FileReport;

/// Each reader with a header of its file.
const READERS: [(&str, &[&str], Read); 6] = [
    (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        &["First Name", "Last Name", "Connected On"],
        |t, d| connections::read(t, d).unwrap().1,
    ),
    ("FROM,TO,DATE,CONTENT,FOLDER", &["FROM", "DATE"], |t, d| messages::read(t, d).unwrap().1),
    ("From,To,Sent At,Message,Direction", &["From", "To", "Sent At", "Direction"], |t, d| {
        invitations::read(t, d).unwrap().1
    }),
    (
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name",
        &["Endorsement Date", "Endorser First Name", "Endorser Last Name"],
        |t, d| endorsements::read(t, "Endorser", d).unwrap().1,
    ),
    (
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
        &["First Name", "Last Name"],
        |t, d| recommendations::read(t, d).unwrap().1,
    ),
    ("First Name,Last Name,Headline", &["First Name", "Last Name"], |t, d| {
        profile::read(t, d).unwrap().1
    }),
];
