//! Days as netsift writes them: `YYYY-MM-DD`, in UTC.

use crate::score::day_of;

/// `YYYY-MM-DD` of a moment (seconds since 1970), empty when there is none.
pub fn date(seconds: Option<i64>) -> String {
    seconds.and_then(day_of).map_or(String::new(), |d| d.to_string())
}
