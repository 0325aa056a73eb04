//! How an interaction happened: LinkedIn's own channels and those of the user's notes, each
//! with its key in netsift.toml's `[channels]` (the model weighs them by depth) and in the
//! outputs.

use serde::Serialize;

use crate::notes::Kind;

/// How an interaction happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A LinkedIn message in a one-to-one conversation.
    Message,
    /// A LinkedIn message in a group conversation.
    GroupMessage,
    /// An invitation that carried a personal note.
    InvitationNote,
    /// An endorsement.
    Endorsement,
    /// A recommendation.
    Recommendation,
    /// A call (notes).
    Call,
    /// A meeting (notes).
    Meeting,
    /// A message outside LinkedIn (notes).
    NoteMessage,
    /// An e-mail (notes).
    Email,
    /// Met at an event (notes).
    Event,
    /// A referral (notes).
    Referral,
    /// An introduction (notes).
    Intro,
    /// Help given or received (notes).
    Help,
    /// Anything else (notes).
    Other,
}

impl Channel {
    /// Every channel, in code order.
    pub const ALL: [Channel; 14] = [
        Channel::Message,
        Channel::GroupMessage,
        Channel::InvitationNote,
        Channel::Endorsement,
        Channel::Recommendation,
        Channel::Call,
        Channel::Meeting,
        Channel::NoteMessage,
        Channel::Email,
        Channel::Event,
        Channel::Referral,
        Channel::Intro,
        Channel::Help,
        Channel::Other,
    ];

    /// Its place in [`Channel::ALL`] (and in [`crate::model::Model::depths`]).
    pub fn index(self) -> usize {
        self as usize
    }

    /// Its key in `[channels]` of netsift.toml and in the outputs.
    pub fn key(self) -> &'static str {
        match self {
            Channel::Message => "message",
            Channel::GroupMessage => "group_message",
            Channel::InvitationNote => "invitation_note",
            Channel::Endorsement => "endorsement",
            Channel::Recommendation => "recommendation",
            Channel::Call => "call",
            Channel::Meeting => "meeting",
            Channel::NoteMessage => "note_message",
            Channel::Email => "email",
            Channel::Event => "event",
            Channel::Referral => "referral",
            Channel::Intro => "intro",
            Channel::Help => "help",
            Channel::Other => "other",
        }
    }

    /// In words, for reasons.
    pub fn label(self) -> &'static str {
        match self {
            Channel::GroupMessage => "group message",
            Channel::InvitationNote => "invitation note",
            Channel::NoteMessage => "message (notes)",
            c => c.key(),
        }
    }

    /// A message to a group: shared presence, not an exchange between two people.
    pub fn is_group(self) -> bool {
        self == Channel::GroupMessage
    }

    /// A channel of conversation, where one side can answer the other: messages (LinkedIn's
    /// and others), invitation notes, e-mail, calls, meetings. Endorsements and recommendations
    /// are given, not answered.
    pub fn is_conversation(self) -> bool {
        matches!(
            self,
            Channel::Message
                | Channel::InvitationNote
                | Channel::NoteMessage
                | Channel::Email
                | Channel::Call
                | Channel::Meeting
        )
    }

    /// Whether the channel is from the user's notes.
    pub fn from_notes(self) -> bool {
        !matches!(
            self,
            Channel::Message
                | Channel::GroupMessage
                | Channel::InvitationNote
                | Channel::Endorsement
                | Channel::Recommendation
        )
    }

    /// A call, meeting, referral, introduction, help or recommendation: a relationship.
    pub fn is_deep(self) -> bool {
        matches!(
            self,
            Channel::Call
                | Channel::Meeting
                | Channel::Referral
                | Channel::Intro
                | Channel::Help
                | Channel::Recommendation
        )
    }

    /// The channel of a note of `kind`.
    pub fn of_note(kind: Kind) -> Channel {
        match kind {
            Kind::Call => Channel::Call,
            Kind::Meeting => Channel::Meeting,
            Kind::Message => Channel::NoteMessage,
            Kind::Email => Channel::Email,
            Kind::Event => Channel::Event,
            Kind::Referral => Channel::Referral,
            Kind::Intro => Channel::Intro,
            Kind::Help => Channel::Help,
            Kind::Other => Channel::Other,
        }
    }
}
