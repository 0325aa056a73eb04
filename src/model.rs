//! The scoring model: every weight and threshold, documented, with defaults written out as the
//! `netsift.toml` that `netsift config --default` prints. A user's file overrides any subset.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::error::{Error, Result};

/// The defaults, as a commented `netsift.toml`.
pub const DEFAULT_TOML: &str = r#"# netsift.toml: the scoring model. Every key is optional in your own file; what you leave out
# keeps the value below. Scores are 0-100, ranked by vitality; the components in [0, 1] explain
# them in scores.csv and the reasons.

[vitality]
# The score ranks each tie by its vitality, measured against your network's own pace: the
# median gap between days of contact across your ties (days in a chat community, weeks in
# e-mail), read from your messages at every run.
#   vitality = silence * ln(1 + days since the last contact / pace)
#            + volume * ln(1 + contacts, each halving in weight every volume_half_life paces)
#            + longevity * ln(1 + days since the first contact / pace)
# A message counts one, a call or meeting two, an endorsement a third ([channels] relative to
# message). Learnt on real communication data, one set for every network (a chat community
# and an e-mail archive; README "Does it predict?").
silence = -1.0
volume = 0.85
longevity = 0.7
volume_half_life = 5.0
# The 0-100 score is 100 / (1 + e^-(vitality + offset)): 50 at vitality -offset.
offset = -1.0

[chance]
# The chance of being in touch again (any message, either way) within horizon_days, shown as
# p_contact_90d: 1 / (1 + e^-(intercept + slope * vitality)). How steeply the chance rises with
# vitality (slope) was learnt on the real data; how often your network talks at all (intercept)
# is refit at every run on your own history: your ties as they stood `cuts` horizons before
# the export, and whether you were in touch in the horizon after. It starts from the intercept
# below and is held near it with prior_weight ties' worth of evidence.
horizon_days = 90
cuts = 4
intercept = -2.2
slope = 0.9
prior_weight = 20.0
# The chance for a connection you were never in touch with, before your history says more.
never = 0.02

[recency]
# Recency halves every this many days without contact.
half_life_days = 180
# A tie silent for longer than this many times its own typical gap is decaying: recency halves
# once more.
rhythm_factor = 8.0

[intensity]
# Each interaction counts less as it ages: its weight halves every this many days.
decay_half_life_days = 365
# The decayed, depth-weighted volume at which intensity reaches 63 %.
saturation = 8.0

[reciprocity]
# An answer within this many days counts as a reply.
reply_window_days = 30

[tiers]
# core: two-way within core_days and a score of at least core_min_score.
core_min_score = 50.0
core_days = 120
# active: two-way (or a deep contact) within active_days; older: dormant.
active_days = 365
# new: connected within new_days, nothing two-way yet.
new_days = 30
# A personal welcome is a message sent within welcome_days of connecting.
welcome_days = 14

[layers]
# Dunbar's layers (about 5 / 15 / 50 / 150): the score a tie needs to count in each.
support = 80.0
sympathy = 65.0
affinity = 50.0
active = 35.0

[followup]
# Without a rhythm or a tag cadence, stay in touch every default_days; a rhythm learnt from
# the tie is kept within [min_days, max_days].
default_days = 90
min_days = 14
max_days = 180

[cadence]
# Days between contacts for people carrying a tag in your notes (the shortest applies).
client = 14
mentor = 30
family = 30

[channels]
# How deep each channel is, 0-1: a call says more than a message, a message more than an
# endorsement; merely being connected says nothing.
call = 1.0
meeting = 1.0
referral = 1.0
intro = 0.9
help = 0.9
recommendation = 0.8
event = 0.6
email = 0.6
note_message = 0.5
message = 0.5
other = 0.4
group_message = 0.2
endorsement = 0.15
invitation_note = 0.1
"#;

/// The scoring model (see [`DEFAULT_TOML`] for what each value means).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// How alive a tie is: what the score ranks by.
    pub vitality: VitalityModel,
    /// The chance of contact within the horizon.
    pub chance: ChanceModel,
    /// Recency.
    pub recency: RecencyModel,
    /// Intensity.
    pub intensity: IntensityModel,
    /// Reciprocity.
    pub reciprocity: ReciprocityModel,
    /// Tier thresholds.
    pub tiers: TierModel,
    /// Dunbar layer thresholds.
    pub layers: Layers,
    /// Follow-up cadence bounds.
    pub followup: FollowupModel,
    /// Days between contacts per tag.
    pub cadence: BTreeMap<String, u32>,
    /// Depth per channel.
    pub channels: BTreeMap<String, f64>,
}

/// Vitality: silence, volume and age against the network's pace (see [`DEFAULT_TOML`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VitalityModel {
    /// Weight of ln(1 + silence / pace).
    pub silence: f64,
    /// Weight of ln(1 + decayed volume).
    pub volume: f64,
    /// Weight of ln(1 + age / pace).
    pub longevity: f64,
    /// Paces for a contact's weight in the volume to halve.
    pub volume_half_life: f64,
    /// Added to vitality before the logistic that makes the 0–100 score.
    pub offset: f64,
}

/// The chance of contact within the horizon (see [`DEFAULT_TOML`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChanceModel {
    /// Days ahead.
    pub horizon_days: f64,
    /// Earlier cuts learnt from, a horizon apart.
    pub cuts: u32,
    /// Log-odds at vitality 0, before the owner's history is learnt from.
    pub intercept: f64,
    /// Log-odds per unit of vitality.
    pub slope: f64,
    /// How many ties' worth of evidence the defaults weigh.
    pub prior_weight: f64,
    /// The chance for a connection never in contact, likewise.
    pub never: f64,
}

/// Recency parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecencyModel {
    /// Days for recency to halve.
    pub half_life_days: f64,
    /// Silence beyond this many typical gaps halves recency again.
    pub rhythm_factor: f64,
}

/// Intensity parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntensityModel {
    /// Days for an interaction's weight to halve.
    pub decay_half_life_days: f64,
    /// Volume at which intensity reaches 63 %.
    pub saturation: f64,
}

/// Reciprocity parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReciprocityModel {
    /// An answer within this many days is a reply.
    pub reply_window_days: f64,
}

/// Tier thresholds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierModel {
    /// The least score of a core tie.
    pub core_min_score: f64,
    /// Core: two-way contact within this many days.
    pub core_days: f64,
    /// Active: two-way contact within this many days.
    pub active_days: f64,
    /// New: connected within this many days, nothing exchanged yet.
    pub new_days: f64,
    /// A welcome is still due this many days after connecting.
    pub welcome_days: f64,
}

/// Scores needed for each Dunbar layer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layers {
    /// Score for the support clique (Dunbar's 5).
    pub support: f64,
    /// Score for the sympathy group (15).
    pub sympathy: f64,
    /// Score for the affinity group (50).
    pub affinity: f64,
    /// Score for the active network (150).
    pub active: f64,
}

/// Follow-up cadence bounds, in days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowupModel {
    /// The cadence when a tie has no rhythm of its own.
    pub default_days: f64,
    /// The shortest cadence.
    pub min_days: f64,
    /// The longest cadence.
    pub max_days: f64,
}

impl Default for Model {
    fn default() -> Model {
        // The defaults are the documented file itself; a test proves it parses.
        toml::from_str(DEFAULT_TOML).unwrap_or_else(|e| unreachable!("DEFAULT_TOML: {e}"))
    }
}

impl Model {
    /// The defaults with a user's `netsift.toml` laid over them.
    pub fn from_file(path: &Path) -> Result<Model> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Model::from_toml(&text)
            .map_err(|message| Error::Input { file: path.display().to_string(), message })
    }

    /// The defaults with `text` laid over them, table by table.
    pub fn from_toml(text: &str) -> Result<Model, String> {
        let mut base: toml::Table = toml::from_str(DEFAULT_TOML).map_err(|e| e.to_string())?;
        let user: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        if user.contains_key("weights") {
            return Err("[weights] is gone: the score now ranks ties by their vitality against \
                 your network's pace; its weights are in [vitality] (netsift config --default)"
                .into());
        }
        merge(&mut base, user);
        let model: Model =
            toml::Value::Table(base).try_into().map_err(|e: toml::de::Error| e.to_string())?;
        model.check()?;
        Ok(model)
    }

    /// The depth of a channel, from `[channels]`.
    pub fn depth(&self, channel: Channel) -> f64 {
        self.channels.get(channel.key()).copied().unwrap_or(0.0)
    }

    /// The depth of every channel, by [`Channel::index`]: looked up once per run, not once
    /// per event.
    pub fn depths(&self) -> [f64; Channel::ALL.len()] {
        Channel::ALL.map(|c| self.depth(c))
    }

    fn check(&self) -> Result<(), String> {
        self.check_vitality()?;
        if let Some((name, _)) = self.channels.iter().find(|(_, d)| !(0.0..=1.0).contains(*d)) {
            return Err(format!("[channels] {name} must be between 0 and 1"));
        }
        if let Some(name) =
            self.channels.keys().find(|k| !Channel::ALL.iter().any(|c| c.key() == k.as_str()))
        {
            return Err(format!(
                "[channels] {name} is not a channel (see netsift config --default)"
            ));
        }
        let days = [
            ("recency.rhythm_factor", self.recency.rhythm_factor),
            ("reciprocity.reply_window_days", self.reciprocity.reply_window_days),
            ("tiers.core_min_score", self.tiers.core_min_score),
            ("tiers.core_days", self.tiers.core_days),
            ("tiers.active_days", self.tiers.active_days),
            ("tiers.new_days", self.tiers.new_days),
            ("tiers.welcome_days", self.tiers.welcome_days),
            ("layers.support", self.layers.support),
            ("layers.sympathy", self.layers.sympathy),
            ("layers.affinity", self.layers.affinity),
            ("layers.active", self.layers.active),
            ("followup.default_days", self.followup.default_days),
            ("followup.min_days", self.followup.min_days),
            ("followup.max_days", self.followup.max_days),
        ];
        if let Some((name, _)) = days.iter().find(|(_, v)| !(v.is_finite() && *v >= 0.0)) {
            return Err(format!("{name} must be a number of at least 0"));
        }
        if self.followup.min_days > self.followup.max_days {
            return Err("followup.min_days must not exceed followup.max_days".into());
        }
        let positive = [
            ("recency.half_life_days", self.recency.half_life_days),
            ("intensity.decay_half_life_days", self.intensity.decay_half_life_days),
            ("intensity.saturation", self.intensity.saturation),
            ("vitality.volume_half_life", self.vitality.volume_half_life),
            ("chance.horizon_days", self.chance.horizon_days),
            ("chance.slope", self.chance.slope),
            ("chance.prior_weight", self.chance.prior_weight),
        ];
        if let Some((name, _)) = positive.iter().find(|(_, v)| !(v.is_finite() && *v > 0.0)) {
            return Err(format!("{name} must be greater than 0"));
        }
        Ok(())
    }
}

impl Model {
    /// The vitality's weights and the chance's curve are finite; `never` a probability.
    fn check_vitality(&self) -> Result<(), String> {
        let (v, c) = (&self.vitality, &self.chance);
        let finite = [
            ("vitality.silence", v.silence),
            ("vitality.volume", v.volume),
            ("vitality.longevity", v.longevity),
            ("vitality.offset", v.offset),
            ("chance.intercept", c.intercept),
        ];
        if let Some((name, _)) = finite.iter().find(|(_, x)| !x.is_finite()) {
            return Err(format!("{name} must be a number"));
        }
        if !(0.0..1.0).contains(&c.never) {
            return Err("chance.never must be at least 0 and below 1".into());
        }
        Ok(())
    }
}

fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_defaults_parse() {
        let m = Model::default();
        assert_eq!(m.vitality.silence, -1.0);
        assert_eq!(m.cadence["mentor"], 30);
        assert_eq!(m.depth(Channel::Call), 1.0);
    }

    #[test]
    fn a_user_file_overrides_a_subset() {
        let m = Model::from_toml("[vitality]\nvolume = 0.5\n[cadence]\ninvestor = 60\n").unwrap();
        assert_eq!(m.vitality.volume, 0.5);
        assert_eq!(m.vitality.longevity, 0.7);
        assert_eq!(m.cadence["investor"], 60);
        assert_eq!(m.cadence["mentor"], 30);
    }

    #[test]
    fn mistakes_are_named() {
        let err = Model::from_toml("[vitality]\nsilnce = 0.5\n").unwrap_err();
        assert!(err.contains("silnce"), "{err}");
        let err = Model::from_toml("[channels]\ncall = 3\n").unwrap_err();
        assert_eq!(err, "[channels] call must be between 0 and 1");
        let err = Model::from_toml("[chance]\nslope = -1\n").unwrap_err();
        assert_eq!(err, "chance.slope must be greater than 0");
        let err = Model::from_toml("[weights]\nrecency = 0.3\n").unwrap_err();
        assert!(err.starts_with("[weights] is gone"), "{err}");
        let err = Model::from_toml("[chance]\nnever = 1.5\n").unwrap_err();
        assert_eq!(err, "chance.never must be at least 0 and below 1");
        let err = Model::from_toml("[vitality]\nvolume = inf\n").unwrap_err();
        assert_eq!(err, "vitality.volume must be a number");
        let err = Model::from_toml("[followup]\nmin_days = 200\nmax_days = 100\n").unwrap_err();
        assert_eq!(err, "followup.min_days must not exceed followup.max_days");
        let err = Model::from_toml("[reciprocity]\nreply_window_days = nan\n").unwrap_err();
        assert_eq!(err, "reciprocity.reply_window_days must be a number of at least 0");
        let err = Model::from_toml("[channels]\ncarrier_pigeon = 0.5\n").unwrap_err();
        assert_eq!(
            err,
            "[channels] carrier_pigeon is not a channel (see netsift config --default)"
        );
    }
}
