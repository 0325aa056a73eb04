//! What the HTML report and the one-page image show, as plain values: text as the export
//! writes it (the template engine escapes it; nothing here is markup), profile links only ever
//! to `https://www.linkedin.com/`, the action lists' first rows, the three I's, communities and
//! brokers, and the full connection table.

use serde::Serialize;

use super::lists::{Followup, ReconnectRow};
use super::{Analysis, Lists, Summary};
use crate::graph::names;
use crate::score::{Scored, Tier};

/// Rows of each action list the report shows (the CSV files hold them all).
pub const LIST_ROWS: usize = 50;
/// Names in each action list of the one-page image.
pub const POSTER_ROWS: usize = 8;

/// Everything the report shows.
#[derive(Debug, Serialize)]
pub struct View {
    /// Whose network: "Ada Lovelace's network" or "Your network".
    pub heading: String,
    /// YYYY-MM-DD.
    pub as_of: String,
    /// What the export does not hold that the tiers would need ([`Summary::data_gaps`]).
    pub gaps: Vec<String>,
    /// The headline numbers.
    pub kpis: Vec<Kpi>,
    /// Tiers with counts and shares.
    pub tiers: Vec<TierCount>,
    /// Invitation, introduction, interaction.
    pub three_is: Vec<Kpi>,
    /// Prune, reconnect, welcome.
    pub actions: Vec<ActionList>,
    /// The largest communities of the graph.
    pub communities: Vec<Community>,
    /// Connections spanning communities.
    pub brokers: Vec<Broker>,
    /// One row per connection, for the table.
    pub table: Vec<TableRow>,
    /// The table's columns by name: where each sits in a row ([`TableRow::COLUMNS`]).
    pub columns: std::collections::BTreeMap<&'static str, usize>,
    /// [`TableRow::COLUMNS`], for the page's script.
    pub column_names: [&'static str; 16],
    /// The days of the runs a row's trend holds, oldest first (this run last); none without
    /// an earlier run in the history.
    pub runs: Vec<String>,
    /// Tags used in the notes, for the table's filter.
    pub tags: Vec<String>,
    /// Communities, for the table's filter.
    pub community_count: usize,
    /// Each community's name, by number, for the table (empty: too small to be named or
    /// offered in the filter).
    pub community_names: Vec<String>,
    /// Employers for the table's company filter, largest first: the display name (the most
    /// common spelling) and every spelling of it, merged by [`crate::graph::company::key`].
    pub employers: Vec<(String, Vec<String>)>,
    /// The changes since the previous stored run.
    pub since: Option<Since>,
    /// Who changed jobs since the previous stored run.
    pub jobs: super::jobs::Jobs,
    /// netsift's version.
    pub version: &'static str,
}

/// The changes since the previous stored run, as the page shows them.
#[derive(Debug, Serialize)]
pub struct Since {
    /// The previous run's day.
    pub from: String,
    /// New, gone, pruned as suggested, drifting, revived, never welcomed.
    pub kpis: Vec<Kpi>,
    /// Lists of moves: a heading and the first people.
    pub lists: Vec<(String, Vec<Item>)>,
}

impl Since {
    /// The page's view of a diff.
    pub fn new(d: &crate::history::Diff) -> Since {
        let kpi = |value: usize, label: &str, detail: String| Kpi {
            value: value.to_string(),
            label: label.into(),
            detail,
        };
        let moves = |list: &[crate::history::diff::Move]| -> Vec<Item> {
            list.iter()
                .take(LIST_ROWS)
                .map(|m| Item {
                    name: m.person.name.clone(),
                    link: profile_link(&m.person.profile_url),
                    role: m.person.company.clone(),
                    detail: format!(
                        "{} {:.1} → {} {:.1}",
                        m.from_tier, m.from_score, m.to_tier, m.to_score
                    ),
                })
                .collect()
        };
        Since {
            from: d.from.to_string(),
            kpis: vec![
                kpi(d.new.len(), "new connections", format!("since {}", d.from)),
                kpi(
                    d.gone.len(),
                    "connections gone",
                    format!(
                        "you pruned {} of the {} suggested",
                        d.pruned_as_suggested, d.suggested_prune
                    ),
                ),
                kpi(d.drifting.len(), "drifting", "active or core → dormant".into()),
                kpi(d.revived.len(), "revived", "dormant → active or core".into()),
                kpi(d.never_welcomed.len(), "never welcomed", "new → clutter".into()),
            ],
            lists: [
                ("Drifting", moves(&d.drifting)),
                ("Revived", moves(&d.revived)),
                ("Never welcomed", moves(&d.never_welcomed)),
                ("Biggest rises", moves(&d.rising)),
                ("Biggest falls", moves(&d.falling)),
            ]
            .into_iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(t, items)| (t.to_string(), items))
            .collect(),
        }
    }
}

/// A headline number.
#[derive(Debug, Serialize)]
pub struct Kpi {
    /// The number as shown.
    pub value: String,
    /// What it counts.
    pub label: String,
    /// A line of context.
    pub detail: String,
}

/// A tier's count.
#[derive(Debug, Serialize)]
pub struct TierCount {
    /// The tier's name.
    pub name: &'static str,
    /// Connections in it.
    pub count: u64,
    /// Their share of the network, in words.
    pub share: String,
}

/// An action list's first rows.
#[derive(Debug, Serialize)]
pub struct ActionList {
    /// `prune`, `reconnect`, `welcome`: the CSV file's stem and the section's id.
    pub key: &'static str,
    /// The heading.
    pub title: String,
    /// What the list is.
    pub lead: String,
    /// Rows in the CSV file.
    pub total: usize,
    /// The first rows.
    pub items: Vec<Item>,
}

/// A person in an action list.
#[derive(Debug, Serialize)]
pub struct Item {
    /// Name.
    pub name: String,
    /// Their LinkedIn profile, when known.
    pub link: Option<String>,
    /// Position and company.
    pub role: String,
    /// Why they are on the list.
    pub detail: String,
}

/// A community of the graph.
#[derive(Debug, Serialize)]
pub struct Community {
    /// Its number (0 the largest).
    pub id: usize,
    /// What its members share ([`crate::graph::names`]).
    pub name: String,
    /// Members.
    pub size: usize,
    /// Members in core or active.
    pub living: usize,
    /// Its largest employers.
    pub companies: String,
    /// Its members closest to the owner (a score above zero), or a word that none is.
    pub closest: String,
}

/// A broker.
#[derive(Debug, Serialize)]
pub struct Broker {
    /// Their name.
    pub name: String,
    /// Their profile, when safe to link.
    pub link: Option<String>,
    /// Their community.
    pub community: String,
    /// Other communities their ties reach.
    pub bridges: u32,
    /// Pairs of their contacts in different communities, not tied to each other.
    pub brokerage: u32,
}

/// A row of the connection table. The page receives every row as an array in the order of
/// [`TableRow::COLUMNS`] (at 30,000 rows the names once, not once a row) and its script finds
/// each column by its name in that list.
#[derive(Debug)]
pub struct TableRow {
    /// First and last name.
    pub name: String,
    /// Their profile, when safe to link; empty otherwise.
    pub link: String,
    /// Company.
    pub company: String,
    /// Position.
    pub position: String,
    /// YYYY-MM-DD, or empty.
    pub connected_on: String,
    /// The tier's name.
    pub tier: &'static str,
    /// 0–100, one decimal.
    pub score: f64,
    /// YYYY-MM-DD of the last interaction, or empty.
    pub last_contact: String,
    /// LinkedIn messages sent.
    pub sent: u32,
    /// LinkedIn messages received.
    pub received: u32,
    /// The notes' tags, `;`-separated.
    pub tags: String,
    /// Their community, -1 for none.
    pub community: i64,
    /// Why, `; `-separated.
    pub reasons: String,
    /// The chance of being in touch within 90 days, two decimals.
    pub chance: f64,
    /// The score less the previous run's; none when they were not in it.
    pub change: Option<f64>,
    /// Every run's score ([`View::runs`]), none for a run they were not in; empty unless
    /// they are in two runs or more.
    pub trend: Vec<Option<f64>>,
}

impl TableRow {
    /// The columns, in the order each row's array holds them.
    pub const COLUMNS: [&'static str; 16] = [
        "name",
        "link",
        "company",
        "position",
        "connected_on",
        "tier",
        "score",
        "last_contact",
        "sent",
        "received",
        "tags",
        "community",
        "reasons",
        "chance",
        "change",
        "trend",
    ];
}

impl Serialize for TableRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let mut t = s.serialize_tuple(Self::COLUMNS.len())?;
        t.serialize_element(&self.name)?;
        t.serialize_element(&self.link)?;
        t.serialize_element(&self.company)?;
        t.serialize_element(&self.position)?;
        t.serialize_element(&self.connected_on)?;
        t.serialize_element(self.tier)?;
        t.serialize_element(&self.score)?;
        t.serialize_element(&self.last_contact)?;
        t.serialize_element(&self.sent)?;
        t.serialize_element(&self.received)?;
        t.serialize_element(&self.tags)?;
        t.serialize_element(&self.community)?;
        t.serialize_element(&self.reasons)?;
        t.serialize_element(&self.chance)?;
        t.serialize_element(&self.change)?;
        t.serialize_element(&self.trend)?;
        t.end()
    }
}

/// A profile link, only ever to LinkedIn: anything else is no link at all.
pub fn profile_link(url: &str) -> Option<String> {
    let ok = url.starts_with("https://www.linkedin.com/")
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`')
        });
    ok.then(|| url.to_string())
}

/// The headline figures at the top of the page.
fn kpis(summary: &Summary) -> Vec<Kpi> {
    let (t, n) = (&summary.tiers, summary.connections as u64);
    let living = t.living();
    vec![
        Kpi {
            value: n.to_string(),
            label: "connections".into(),
            detail: format!("{} hidden members", summary.hidden_members),
        },
        Kpi {
            value: living.to_string(),
            label: "living relationships".into(),
            detail: format!("{} of the network, core and active", pct(living, n)),
        },
        Kpi {
            value: share(Some(summary.quality_ratio)),
            label: "ever two-way".into(),
            detail: "connections with a reply or mutual contact".into(),
        },
        Kpi {
            value: summary.actions.reconnect.to_string(),
            label: "to reconnect".into(),
            detail: match (summary.actions.reconnect as u64).saturating_sub(t.dormant) {
                0 => "dormant: real once, quiet now".into(),
                n => format!("dormant, and {n} active who changed jobs"),
            },
        },
        Kpi {
            value: summary.actions.welcome.to_string(),
            label: "to welcome".into(),
            detail: "new, no personal message yet".into(),
        },
        Kpi {
            value: summary.actions.prune.to_string(),
            label: "to prune".into(),
            detail: format!("{} of the network is clutter", pct(t.clutter, n)),
        },
    ]
}

/// The three action lists, their first rows each with the person, their role and why.
fn actions(
    a: &Analysis<'_>,
    summary: &Summary,
    by_connection: &[Option<&Scored>],
    lists: &Lists,
) -> Vec<ActionList> {
    let Lists { prune, reconnect, welcome, followup, .. } = lists;
    let item = |connection: usize, detail: String| {
        let c = &a.export.connections[connection];
        let role = match (c.position.is_empty(), c.company.is_empty()) {
            (false, false) => format!("{} · {}", c.position, c.company),
            _ => format!("{}{}", c.position, c.company),
        };
        Item { name: c.full_name(), link: link_of(a, connection), role, detail }
    };
    let reasons = |connection: usize| {
        by_connection[connection].map_or(String::new(), |s| s.reasons.join("; "))
    };
    vec![
        ActionList {
            key: "reconnect",
            title: format!("Reconnect with {}", reconnect.len()),
            lead: reconnect_lead(reconnect),
            total: reconnect.len(),
            items: reconnect
                .iter()
                .take(LIST_ROWS)
                .map(|r| item(r.connection, with_job(r.job.as_deref(), reasons(r.connection))))
                .collect(),
        },
        ActionList {
            key: "welcome",
            title: format!("Welcome {}", welcome.len()),
            lead: welcome_lead(summary),
            total: welcome.len(),
            items: welcome
                .iter()
                .take(LIST_ROWS)
                .map(|r| item(r.connection, connected_ago(&r.days_connected)))
                .collect(),
        },
        ActionList {
            key: "prune",
            title: format!("Prune {}", prune.len()),
            lead: "Nothing exchanged with you directly, or only their unanswered pitches; nobody tagged keep."
                .into(),
            total: prune.len(),
            items: prune
                .iter()
                .take(LIST_ROWS)
                .map(|r| item(r.connection, reasons(r.connection)))
                .collect(),
        },
        follow_up(followup, summary.actions.followup_overdue, item),
    ]
}

/// The follow-ups due now (on or past their date), longest overdue first.
fn follow_up(
    followup: &[Followup],
    due: usize,
    item: impl Fn(usize, String) -> Item,
) -> ActionList {
    let when = |f: &Followup| match f.overdue_days {
        0 => format!("due today, every {} days", f.cadence_days),
        n => format!(
            "due {} ({} overdue), every {} days",
            f.next_contact,
            plural(n.unsigned_abs() as usize, "day"),
            f.cadence_days
        ),
    };
    ActionList {
        key: "followup",
        title: format!("Follow up with {due} now"),
        lead: format!(
            "Living relationships due for contact by their own rhythm or their tag's cadence, \
             longest overdue first; followup.csv holds the whole plan ({} dated).",
            followup.len()
        ),
        total: due,
        items: followup
            .iter()
            .filter(|f| f.overdue_days >= 0)
            .take(LIST_ROWS)
            .map(|f| item(f.connection, when(f)))
            .collect(),
    }
}

/// The reconnect list's lead: whether it opens with those who changed jobs.
fn reconnect_lead(reconnect: &[ReconnectRow]) -> String {
    match reconnect.first().and_then(|r| r.job.as_ref()) {
        None => {
            "Real relationships gone quiet, most valuable first: a short note revives most.".into()
        }
        Some(_) => "Those who changed jobs first — a natural moment to get in touch — then real \
                    relationships gone quiet, most valuable first."
            .into(),
    }
}

/// A job change in words ahead of the other reasons.
fn with_job(job: Option<&str>, reasons: String) -> String {
    match job {
        Some(job) if reasons.is_empty() => job.to_string(),
        Some(job) => format!("{job}; {reasons}"),
        None => reasons,
    }
}

fn pct(part: impl Into<u64>, whole: impl Into<u64>) -> String {
    let (part, whole) = (part.into(), whole.into());
    if whole == 0 { "–".into() } else { format!("{:.0} %", 100.0 * part as f64 / whole as f64) }
}

fn share(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{:.0} %", 100.0 * x))
}

/// `part` of `whole` as a percentage rounded once, from the counts themselves (21 of 22 is
/// 95 %, not the 96 % of a share already rounded to 0.955); `–` of nothing.
fn fraction(part: usize, whole: usize) -> String {
    if whole == 0 { "–".into() } else { format!("{:.0} %", 100.0 * part as f64 / whole as f64) }
}

/// The welcome list's lead: what the owner's own welcomes drew, as measured.
fn welcome_lead(summary: &Summary) -> String {
    let w = &summary.welcomes;
    let lead = "New connections still waiting for a personal message";
    match w.sent {
        0 => format!("{lead}."),
        sent => format!("{lead}; {} of the {sent} welcomes you sent were answered.", w.answered),
    }
}

/// `1 referral`, `2 referrals`.
fn plural(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// How long ago a connection was made, in words.
fn connected_ago(days: &str) -> String {
    match days {
        "0" => "connected today".into(),
        "1" => "connected yesterday".into(),
        "" => "connected on a day the export does not give".into(),
        n => format!("connected {n} days ago"),
    }
}

impl View {
    /// The view of an analysis and its action lists.
    pub fn new(a: &Analysis<'_>, summary: &Summary, lists: &Lists) -> View {
        let mut by_connection: Vec<Option<&Scored>> = vec![None; a.export.connections.len()];
        for s in a.scored {
            by_connection[s.connection] = Some(s);
        }
        let (t, n) = (&summary.tiers, summary.connections as u64);
        View {
            heading: match &summary.owner.name {
                Some(name) if !name.trim().is_empty() => format!("{}'s network", name.trim()),
                _ => "Your network".into(),
            },
            as_of: summary.as_of.clone(),
            gaps: summary.data_gaps.clone(),
            kpis: kpis(summary),
            tiers: Tier::ALL
                .iter()
                .filter(|&&tier| tier != Tier::Unknown || t[tier] > 0)
                .map(|&tier| TierCount {
                    name: tier.name(),
                    count: t[tier],
                    share: pct(t[tier], n),
                })
                .collect(),
            three_is: three_is(summary),
            actions: actions(a, summary, &by_connection, lists),
            communities: communities(a, &by_connection),
            brokers: brokers(a),
            table: a.scored.iter().map(|s| table_row(a, s)).collect(),
            columns: TableRow::COLUMNS.iter().enumerate().map(|(i, &n)| (n, i)).collect(),
            column_names: TableRow::COLUMNS,
            runs: Vec::new(),
            tags: tags(a.scored),
            community_count: a.graph.community_count(),
            community_names: a.graph.community_names.clone(),
            employers: employers(a),
            since: None,
            jobs: super::jobs::Jobs::new(None),
            version: env!("CARGO_PKG_VERSION"),
        }
    }

    /// What `report.png` says besides its charts.
    pub fn poster<'d>(
        &self,
        data: &'d super::charts::ChartData,
    ) -> super::charts::poster::Poster<'d> {
        super::charts::poster::Poster {
            data,
            heading: format!("{} · as of {}", self.heading, self.as_of),
            kpis: self.kpis.iter().map(|k| (k.value.clone(), k.label.clone())).collect(),
            actions: self
                .actions
                .iter()
                .map(|l| {
                    let people = l.items.iter().take(POSTER_ROWS);
                    (l.title.clone(), people.map(|i| (i.name.clone(), i.detail.clone())).collect())
                })
                .collect(),
            jobs: (
                self.jobs.title.clone(),
                self.jobs.lead.clone(),
                self.jobs
                    .items
                    .iter()
                    .take(POSTER_ROWS)
                    .map(|i| (i.name.clone(), format!("{}, {}", i.role, i.detail)))
                    .collect(),
            ),
        }
    }
}

fn link_of(a: &Analysis<'_>, connection: usize) -> Option<String> {
    let key = a.people.persons[connection].key.as_ref()?;
    profile_link(&key.url())
}

fn three_is(s: &Summary) -> Vec<Kpi> {
    let i = &s.invitations;
    let w = &s.welcomes;
    let g = &s.give_get;
    vec![
        Kpi {
            value: fraction(i.outgoing_with_note, i.outgoing),
            label: "invitations you sent with a personal note".into(),
            detail: if i.outgoing + i.incoming == 0 {
                "no invitations in this export".into()
            } else {
                format!(
                    "{} of {} sent; {} of {} received carried one",
                    i.outgoing_with_note, i.outgoing, i.incoming_with_note, i.incoming
                )
            },
        },
        Kpi {
            value: fraction(w.answered, w.sent),
            label: "welcomes answered".into(),
            detail: format!(
                "{} of {} personal welcomes after connecting; {} and {} made",
                w.answered,
                w.sent,
                plural(s.introductions_made, "introduction"),
                plural(s.referrals_made, "referral")
            ),
        },
        Kpi {
            value: fraction(g.given, g.given + g.received),
            label: "of services given by you".into(),
            detail: format!(
                "{} given, {} received (help, referrals, introductions, recommendations, endorsements)",
                g.given, g.received
            ),
        },
    ]
}

/// Every employer of two or more connections (at most 500), largest first, with its spellings.
fn employers(a: &Analysis<'_>) -> Vec<(String, Vec<String>)> {
    let companies = a.scored.iter().map(|s| a.export.connections[s.connection].company.as_str());
    let display = names::spellings(companies.clone());
    let mut by_key: std::collections::BTreeMap<String, (usize, Vec<String>)> = Default::default();
    let mut keys: std::collections::HashMap<&str, String> = Default::default();
    for name in companies {
        let key = keys.entry(name).or_insert_with(|| crate::graph::company::key(name));
        if key.is_empty() {
            continue;
        }
        let entry = by_key.entry(key.clone()).or_default();
        entry.0 += 1;
        if !entry.1.iter().any(|s| s == name.trim()) {
            entry.1.push(name.trim().to_string());
        }
    }
    let mut list: Vec<(usize, String, Vec<String>)> = by_key
        .into_iter()
        .filter(|(_, (n, _))| *n >= 2)
        .map(|(key, (n, mut spellings))| {
            spellings.sort();
            (n, display.get(&key).cloned().unwrap_or(key), spellings)
        })
        .collect();
    list.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    list.into_iter().take(500).map(|(_, name, spellings)| (name, spellings)).collect()
}

/// The largest communities worth a name (of [`crate::graph::names::USEFUL`] members or more),
/// with their main employers (spellings merged) and the members closest to the owner.
fn communities(a: &Analysis<'_>, by_connection: &[Option<&Scored>]) -> Vec<Community> {
    let g = a.graph;
    let mut members: Vec<Vec<&Scored>> = vec![Vec::new(); g.community_count()];
    for s in by_connection.iter().flatten() {
        if let Some(c) = g.community[s.connection] {
            members[c].push(s);
        }
    }
    let display = names::spellings(a.export.connections.iter().map(|c| c.company.as_str()));
    members
        .into_iter()
        .enumerate()
        .filter(|(id, _)| g.community_names.get(*id).is_some_and(|n| !n.is_empty()))
        .take(12)
        .map(|(id, mut people)| {
            let employers =
                names::employers(a.export, people.iter().map(|s| s.connection), &display);
            people
                .sort_by(|x, y| y.score.total_cmp(&x.score).then(x.connection.cmp(&y.connection)));
            let closest: Vec<String> = people
                .iter()
                .filter(|s| s.score > 0.0)
                .take(3)
                .map(|s| a.export.connections[s.connection].full_name())
                .collect();
            Community {
                id,
                name: g.community_names[id].clone(),
                size: people.len(),
                living: people.iter().filter(|s| s.tier.is_living()).count(),
                companies: employers
                    .iter()
                    .take(3)
                    .map(|(name, n)| format!("{name} ({n})"))
                    .collect::<Vec<_>>()
                    .join(", "),
                closest: if closest.is_empty() {
                    "nobody you are in touch with".into()
                } else {
                    closest.join(", ")
                },
            }
        })
        .collect()
}

fn brokers(a: &Analysis<'_>) -> Vec<Broker> {
    let g = a.graph;
    let mut list: Vec<&Scored> =
        a.scored.iter().filter(|s| g.brokerage[s.connection] > 0).collect();
    list.sort_by(|x, y| {
        g.brokerage[y.connection]
            .cmp(&g.brokerage[x.connection])
            .then(x.connection.cmp(&y.connection))
    });
    list.into_iter()
        .take(15)
        .map(|s| Broker {
            name: a.export.connections[s.connection].full_name(),
            link: link_of(a, s.connection),
            community: g.community[s.connection].map_or(String::new(), |c| g.community_label(c)),
            bridges: g.bridges[s.connection],
            brokerage: g.brokerage[s.connection],
        })
        .collect()
}

fn table_row(a: &Analysis<'_>, s: &Scored) -> TableRow {
    let c = &a.export.connections[s.connection];
    let f = &a.features[s.connection];
    TableRow {
        name: c.full_name(),
        link: link_of(a, s.connection).unwrap_or_default(),
        company: c.company.clone(),
        position: c.position.clone(),
        connected_on: c.connected_on.map_or(String::new(), |d| d.to_string()),
        tier: s.tier.name(),
        score: (s.score * 10.0).round() / 10.0,
        last_contact: super::date(f.last),
        sent: f.messages_sent,
        received: f.messages_received,
        tags: s.tags.join(";"),
        community: a.graph.community[s.connection].map_or(-1, |c| c as i64),
        reasons: s.reasons.join("; "),
        chance: (s.p_contact * 100.0).round() / 100.0,
        change: None,
        trend: Vec::new(),
    }
}

fn tags(scored: &[Scored]) -> Vec<String> {
    let mut tags: Vec<String> = scored.iter().flat_map(|s| s.tags.iter().cloned()).collect();
    tags.sort();
    tags.dedup();
    tags
}

#[cfg(test)]
mod words {
    use super::{connected_ago, fraction, plural};

    #[test]
    fn figures_are_rounded_once_and_words_agree_in_number() {
        assert_eq!(fraction(21, 22), "95 %", "not 96 % from 0.955");
        assert_eq!(fraction(0, 0), "–");
        assert_eq!(plural(1, "referral"), "1 referral");
        assert_eq!(plural(0, "referral"), "0 referrals");
        assert_eq!(connected_ago("0"), "connected today");
        assert_eq!(connected_ago("1"), "connected yesterday");
        assert_eq!(connected_ago("12"), "connected 12 days ago");
    }
}
