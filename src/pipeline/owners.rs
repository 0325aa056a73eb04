//! One export, one owner: the other exports found beside the one read are named, or the run
//! is refused when one of them is another person's.

use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use crate::{export, people};

/// The other exports found beside the one read: refused when one is another person's (which
/// to read is the user's choice: exit 2 with the list), else each named with why it is not
/// read.
pub(super) fn one_owner(
    export: &export::Export,
    owner: &people::Owner,
    diags: &mut Diagnostics,
) -> Result<()> {
    let mut found = vec![format!("{} (read first)", about(export, owner))];
    let mut strangers = 0;
    for unit in &export.others {
        let why = match export::read_unit(unit, export::Limits::default()) {
            Err(e) => format!("another export, not read: {e}"),
            Ok(other) => {
                let theirs = people::owner::recognise(&other);
                found.push(about(&other, &theirs));
                match (owner.same_as(&theirs), unit.date, export.export_date) {
                    (Some(false), ..) => {
                        strangers += 1;
                        "another person's export".to_string()
                    }
                    (Some(true), Some(d), Some(read)) if d == read => {
                        "a copy of the export read: not read again".to_string()
                    }
                    (Some(true), Some(d), Some(read)) if d < read => {
                        format!("an older export of the same owner ({d}): not read")
                    }
                    (Some(true), ..) => "another export of the same owner: not read".to_string(),
                    (None, ..) => "another export, whose owner cannot be told apart from this \
                                   one's (no profile, no name): not read"
                        .to_string(),
                }
            }
        };
        diags.skip(&unit.to_string(), 0, "other export", why);
    }
    if strangers == 0 {
        return Ok(());
    }
    let list: String = found.iter().map(|f| format!("\n  {f}")).collect();
    Err(Error::Usage(format!(
        "{} holds the exports of more than one person; netsift reads one person's export at \
         a time. Found:{list}\nGive one of them as the export path: its .zip, or the folder \
         holding its Connections.csv.",
        export.path.display()
    )))
}

/// One export in a list of those found: where, whose, when, how large.
fn about(export: &export::Export, owner: &people::Owner) -> String {
    let location = &export.unit;
    let date = export.export_date.map_or("no date in its name".into(), |d| format!("exported {d}"));
    let who = owner.name.as_deref().unwrap_or("owner not named");
    format!("{location} — {who}, {date}, {} connections", export.connections.len())
}
