//! Properties of the pure parts: identity keys and re-saved files.

use netsift::diag::Diagnostics;
use netsift::export::table::Table;
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
}
