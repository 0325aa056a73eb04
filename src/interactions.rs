//! Stage 3, interactions: every event between the owner and a person as one row — person,
//! time, channel, flow, weight — from messages, invitation notes, endorsements,
//! recommendations and the user's notes, up to the as-of moment. Held sorted by person and
//! time, and as a polars DataFrame for the group-by features.

use jiff::Timestamp;
use polars::prelude::{Column, DataFrame, PolarsResult};
use rayon::prelude::*;
use serde::Serialize;

pub use crate::channel::Channel;
use crate::export::{Direction, Export, MessageClass};
use crate::model::Model;
use crate::notes::{NoteDirection, Notes};
use crate::people::{People, PersonId};

/// Who acted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Flow {
    /// The owner, towards them.
    Out,
    /// They, towards the owner.
    In,
    /// Both (a meeting, a call noted as mutual).
    Mutual,
}

/// One interaction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Event {
    /// The person.
    pub person: PersonId,
    /// When, in seconds since 1970 (UTC).
    pub time: i64,
    /// How.
    pub channel: Channel,
    /// Who acted.
    pub flow: Flow,
    /// The channel's depth from the model.
    pub weight: f64,
}

/// Every interaction up to `as_of`, sorted by person and time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Interactions {
    /// The events.
    pub events: Vec<Event>,
    /// The moment of scoring, in seconds since 1970.
    pub as_of: i64,
    /// For each person, where their events start in `events` (one more entry at the end).
    starts: Vec<u32>,
}

impl Interactions {
    /// Gathers every interaction of `export` (and the notes) that happened by `as_of`.
    pub fn collect(
        export: &Export,
        people: &People,
        notes: Option<&Notes>,
        model: &Model,
        as_of: Timestamp,
    ) -> Interactions {
        let events = Vec::with_capacity(export.messages.rows.len() + export.invitations.len());
        let mut gather = Gather { events, depths: model.depths() };
        gather.messages(export, people, as_of.as_second());
        gather.invitations(export, people);
        gather.endorsements(export, people);
        gather.recommendations(export, people);
        gather.notes(notes);
        Interactions::new(gather.events, as_of.as_second(), people.persons.len())
    }

    /// Interactions from a list of events (any order) for `persons` people, cut at `as_of`.
    pub fn new(mut events: Vec<Event>, as_of: i64, persons: usize) -> Interactions {
        events.retain(|e| e.time <= as_of);
        events.par_sort_by_key(|e| (e.person, e.time));
        let mut starts = Vec::with_capacity(persons + 1);
        let mut at = 0;
        for p in 0..persons as PersonId {
            starts.push(at as u32);
            while at < events.len() && events[at].person == p {
                at += 1;
            }
        }
        starts.push(events.len() as u32);
        Interactions { events, as_of, starts }
    }

    /// The same interactions cut at an earlier moment (for backtests).
    pub fn until(&self, as_of: i64) -> Interactions {
        Interactions::new(self.events.clone(), as_of, self.starts.len() - 1)
    }

    /// The events of one person, oldest first.
    pub fn of(&self, person: PersonId) -> &[Event] {
        let p = person as usize;
        match (self.starts.get(p), self.starts.get(p + 1)) {
            (Some(&a), Some(&b)) => &self.events[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The events as a DataFrame: `person` (u32), `time` (i64 seconds), `channel` (u32 code),
    /// `flow` (i32: 1 out, -1 in, 0 mutual), `weight` (f64), and 0/1 indicator columns for
    /// group-by sums: `out`, `in`, `mutual` (person to person: group messages excepted),
    /// `group_out`, `group_in`, `message_out`, `message_in` (LinkedIn messages, group
    /// messages included).
    pub fn frame(&self) -> PolarsResult<DataFrame> {
        // Each column is its own pass over the events: built on every thread.
        type Make<'a> = Box<dyn Fn() -> Column + Send + Sync + 'a>;
        let e = &self.events;
        let ind = |name: &'static str, f: fn(&Event) -> bool| -> Make<'_> {
            Box::new(move || {
                Column::new(name.into(), e.iter().map(|x| u32::from(f(x))).collect::<Vec<u32>>())
            })
        };
        fn message(x: &Event) -> bool {
            matches!(x.channel, Channel::Message | Channel::GroupMessage)
        }
        let flow = |x: &Event| match x.flow {
            Flow::Out => 1,
            Flow::In => -1,
            Flow::Mutual => 0,
        };
        let makers: Vec<Make<'_>> = vec![
            Box::new(|| {
                Column::new("person".into(), e.iter().map(|x| x.person).collect::<Vec<u32>>())
            }),
            Box::new(|| Column::new("time".into(), e.iter().map(|x| x.time).collect::<Vec<i64>>())),
            Box::new(|| {
                Column::new(
                    "channel".into(),
                    e.iter().map(|x| x.channel as u32).collect::<Vec<u32>>(),
                )
            }),
            Box::new(move || Column::new("flow".into(), e.iter().map(flow).collect::<Vec<i32>>())),
            Box::new(|| {
                Column::new("weight".into(), e.iter().map(|x| x.weight).collect::<Vec<f64>>())
            }),
            ind("out", |x| x.flow == Flow::Out && !x.channel.is_group()),
            ind("in", |x| x.flow == Flow::In && !x.channel.is_group()),
            ind("mutual", |x| x.flow == Flow::Mutual),
            ind("group_out", |x| x.channel.is_group() && x.flow == Flow::Out),
            ind("group_in", |x| x.channel.is_group() && x.flow == Flow::In),
            ind("message_out", |x| message(x) && x.flow == Flow::Out),
            ind("message_in", |x| message(x) && x.flow == Flow::In),
        ];
        let columns: Vec<Column> = makers.par_iter().map(|make| make()).collect();
        DataFrame::new(e.len(), columns)
    }
}

/// The events of [`Interactions::collect`] as they are gathered, source by source, each
/// weighed by the model's depth of its channel.
struct Gather {
    events: Vec<Event>,
    /// Each channel's depth, by [`Channel::index`]: looked up once, not per event.
    depths: [f64; Channel::ALL.len()],
}

impl Gather {
    /// Adds one event.
    #[inline]
    fn push(&mut self, person: PersonId, time: Timestamp, channel: Channel, flow: Flow) {
        let weight = self.depths[channel.index()];
        self.events.push(Event { person, time: time.as_second(), channel, flow, weight });
    }

    /// Every message between people, one event per counterpart; a message to a group chat
    /// (a group by `as_of`) is a group message.
    fn messages(&mut self, export: &Export, people: &People, as_of: i64) {
        let groups = group_conversations(export, people, as_of);
        for (i, m) in export.messages.rows.iter().enumerate() {
            if m.class != MessageClass::Person {
                continue;
            }
            let link = people.links.messages[i];
            let flow = if link.outgoing { Flow::Out } else { Flow::In };
            let group = m.conversation.is_some_and(|c| groups[c as usize]);
            let channel = if group { Channel::GroupMessage } else { Channel::Message };
            for &p in people.links.counterparts(i) {
                self.push(p, m.time, channel, flow);
            }
        }
    }

    /// Every invitation that carried a note, to or from someone known.
    fn invitations(&mut self, export: &Export, people: &People) {
        for (inv, who) in export.invitations.iter().zip(&people.links.invitations) {
            if let (Some(p), true) = (who, inv.has_note()) {
                let flow = if inv.direction == Direction::Outgoing { Flow::Out } else { Flow::In };
                self.push(*p, inv.sent_at, Channel::InvitationNote, flow);
            }
        }
    }

    /// Every endorsement received, then every one given, of someone known.
    fn endorsements(&mut self, export: &Export, people: &People) {
        let links = &people.links;
        for (list, who, flow) in [
            (&export.endorsements_received, &links.endorsements_received, Flow::In),
            (&export.endorsements_given, &links.endorsements_given, Flow::Out),
        ] {
            for (e, p) in list.iter().zip(who) {
                if let Some(p) = p {
                    self.push(*p, e.date, Channel::Endorsement, flow);
                }
            }
        }
    }

    /// Every dated recommendation received, then every one given, of someone known.
    fn recommendations(&mut self, export: &Export, people: &People) {
        let links = &people.links;
        for (list, who, flow) in [
            (&export.recommendations_received, &links.recommendations_received, Flow::In),
            (&export.recommendations_given, &links.recommendations_given, Flow::Out),
        ] {
            for (r, p) in list.iter().zip(who) {
                if let (Some(p), Some(t)) = (p, r.created) {
                    self.push(*p, t, Channel::Recommendation, flow);
                }
            }
        }
    }

    /// Every note, at noon UTC of its day; an introduction you made counts for the second
    /// person too.
    fn notes(&mut self, notes: Option<&Notes>) {
        for note in notes.map_or(&[][..], |n| &n.notes) {
            let flow = match note.direction {
                NoteDirection::Given => Flow::Out,
                NoteDirection::Received => Flow::In,
                NoteDirection::Mutual => Flow::Mutual,
            };
            // A noted day counts from its noon, UTC.
            let time = note.date.at(12, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC);
            let Ok(time) = time.map(|z| z.timestamp()) else { continue };
            self.push(note.person, time, Channel::of_note(note.kind), flow);
            if let (Some(with), Flow::Out | Flow::Mutual) = (note.with, flow) {
                // Introducing someone is a service to them too (not when they introduced you).
                self.push(with, time, Channel::of_note(note.kind), Flow::Out);
            }
        }
    }
}

/// Which conversations are group chats by `as_of`: more than one person besides the owner
/// took part (someone joining later does not change what the conversation was before).
fn group_conversations(export: &Export, people: &People, as_of: i64) -> Vec<bool> {
    let mut first: Vec<Option<PersonId>> = vec![None; export.messages.conversations.len()];
    let mut group = vec![false; first.len()];
    for (i, m) in export.messages.rows.iter().enumerate() {
        let Some(c) = m.conversation.filter(|_| m.time.as_second() <= as_of) else { continue };
        for &p in people.links.counterparts(i) {
            match first[c as usize] {
                None => first[c as usize] = Some(p),
                Some(q) if q != p => group[c as usize] = true,
                Some(_) => {}
            }
        }
    }
    group
}
