//! Event types of `data/events.toml`: triggers (verbs with generated inflections, nouns) and
//! the role rules the general event engine applies.

use super::lexicon::{Phrase, PhraseList};
use crate::error::{Error, Result};
use crate::model::EntityType;
use serde::Deserialize;

#[derive(Deserialize)]
struct EventsFile {
    event: Vec<EventRow>,
    modality: ModalityRow,
}

#[derive(Deserialize)]
struct EventRow {
    #[serde(rename = "type")]
    kind: String,
    cameo: String,
    label: String,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    exclude_verbs: Vec<String>,
    #[serde(default)]
    requires_near: Vec<String>,
    #[serde(default)]
    requires_near_for: Vec<String>,
    #[serde(default)]
    avoid_near: Vec<String>,
    #[serde(default)]
    avoid_near_for: Vec<String>,
    agent_types: Vec<String>,
    #[serde(default)]
    patient: Vec<String>,
    #[serde(default)]
    state_actor: bool,
    #[serde(default)]
    symmetric: bool,
    #[serde(default)]
    agent_preps: Vec<String>,
    #[serde(default)]
    partner_preps: Vec<String>,
    #[serde(default)]
    completes: Vec<String>,
    #[serde(default)]
    patient_list: bool,
    #[serde(default)]
    patient_preps: Vec<String>,
    #[serde(default)]
    required_roles: Vec<String>,
    #[serde(default)]
    patient_nationality_from_agent: bool,
    #[serde(default)]
    agent_from_patient_nationality: bool,
    #[serde(default)]
    partner_from_place_state: bool,
    #[serde(default)]
    agent_not_speaker: bool,
}

#[derive(Deserialize)]
struct ModalityRow {
    planned: Vec<String>,
    negated: Vec<String>,
    reporting: Vec<String>,
}

/// One way a trigger appears in text: a token sequence, possibly with a gap ("hand ... over").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerPattern {
    /// Lowercase tokens before the gap (or all of them).
    pub head: Phrase,
    /// Lowercase tokens after a gap of up to `TRIGGER_GAP` tokens; empty when there is no gap.
    pub tail: Phrase,
    pub nominal: bool,
    /// A verb form that is also one of the type's nouns ("raids", "arrests"): after a
    /// preposition ("following raids by Lao police") it is the noun.
    pub also_noun: bool,
    /// The inflected verb form is a past participle or past tense (for passive detection).
    pub participle: bool,
    /// The lemma or noun this pattern comes from; `requires_near_for` names these.
    pub lemma: String,
}

/// A phrase in which a trigger word is no trigger: the trigger is among the tokens before the
/// gap; words after a gap of up to `EXCLUSION_GAP` tokens may follow ("meet ... demand").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    pub head: Phrase,
    pub tail: Phrase,
}

/// The most tokens a trigger's gap spans ("hand the suspects over").
pub const TRIGGER_GAP: usize = 6;

/// The most tokens an exclusion's gap spans ("meet the country's growing demand").
pub const EXCLUSION_GAP: usize = 4;

fn lowercase(words: &[String]) -> Vec<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// The words before and after a phrase's `...` gap (all the words, and none, without one).
fn split_gap(s: &str) -> (Phrase, Phrase) {
    match s.split_once("...") {
        Some((head, tail)) => (phrase(head), phrase(tail)),
        None => (phrase(s), Phrase::new()),
    }
}

fn exclusion(kind: &str, s: &str) -> Result<Exclusion> {
    let (head, tail) = split_gap(s);
    if head.is_empty() || (s.contains("...") && tail.is_empty()) {
        return Err(Error::data(
            "events.toml",
            format!("{kind}: exclusion `{s}` needs words before and after its `...`"),
        ));
    }
    Ok(Exclusion { head, tail })
}

/// An exclusion whose first word is a verb, in each inflected form of it: "seize the moment"
/// also rules out "seizes", "seized" and "seizing the moment".
fn verb_exclusions(kind: &str, s: &str) -> Result<Vec<Exclusion>> {
    let base = exclusion(kind, s)?;
    Ok(inflect(&base.head[0])
        .into_iter()
        .map(|(form, _)| {
            let mut head = base.head.clone();
            head[0] = form;
            Exclusion {
                head,
                tail: base.tail.clone(),
            }
        })
        .collect())
}

#[derive(Debug, Clone)]
pub struct EventSpec {
    pub kind: String,
    pub cameo: String,
    pub label: String,
    pub triggers: Vec<TriggerPattern>,
    pub exclude: Vec<Exclusion>,
    pub requires_near: Vec<String>,
    /// When non-empty, `requires_near` applies only to triggers from these lemmas.
    pub requires_near_for: Vec<String>,
    /// Words near which a trigger is not one ("orders" near "jets" or "pct").
    pub avoid_near: Vec<String>,
    /// When non-empty, `avoid_near` applies only to triggers from these lemmas.
    pub avoid_near_for: Vec<String>,
    pub agent_types: Vec<EntityType>,
    pub patient_group: bool,
    pub patient_types: Vec<EntityType>,
    pub state_actor: bool,
    pub symmetric: bool,
    pub agent_preps: Vec<String>,
    pub partner_preps: Vec<String>,
    /// Types whose agentless follow-up this type reports (a return home after a deportation).
    pub completes: Vec<String>,
    /// Every named target listed after the first is a patient of its own event.
    pub patient_list: bool,
    /// Prepositions after an event noun that introduce the patient, besides "of".
    pub patient_preps: Vec<String>,
    /// Roles without which an event is not stated: "agent", "patient", "partner", "place", "date".
    pub required_roles: Vec<String>,
    /// A patient group of no stated nationality is the agent state's own people.
    pub patient_nationality_from_agent: bool,
    /// A missing agent is the state of the patients' nationality (a state brings its own
    /// people home).
    pub agent_from_patient_nationality: bool,
    /// A missing other side is the state where the event happened, when that is not the
    /// agent's (an attack on another state's soil).
    pub partner_from_place_state: bool,
    /// Whoever tells of an event named by a noun is not its agent ("the commission said the
    /// raid found evidence of trafficking").
    pub agent_not_speaker: bool,
}

#[derive(Debug, Clone)]
pub struct ModalityCues {
    pub planned: PhraseList,
    pub negated: PhraseList,
    pub reporting: PhraseList,
}

fn phrase(s: &str) -> Phrase {
    s.split_whitespace().map(str::to_lowercase).collect()
}

/// Regular English inflections of a verb: generous, since a form that never occurs in text
/// costs nothing. Returns (form, is_past).
pub fn inflect(verb: &str) -> Vec<(String, bool)> {
    let v = verb.to_lowercase();
    let mut out = vec![(v.clone(), false)];
    let bytes = v.as_bytes();
    let last = *bytes.last().unwrap_or(&b'a') as char;
    let vowel = |c: char| "aeiou".contains(c);
    let stem_e = v.strip_suffix('e');
    if let Some(stem) = stem_e {
        out.push((format!("{v}s"), false));
        out.push((format!("{v}d"), true));
        out.push((format!("{stem}ing"), false));
    } else if let Some(stem) = v.strip_suffix('y').filter(|s| !s.ends_with(vowel)) {
        out.push((format!("{stem}ies"), false));
        out.push((format!("{stem}ied"), true));
        out.push((format!("{v}ing"), false));
    } else {
        let es = ["s", "x", "z", "ch", "sh"].iter().any(|s| v.ends_with(s));
        out.push((format!("{v}{}", if es { "es" } else { "s" }), false));
        out.push((format!("{v}ed"), true));
        out.push((format!("{v}ing"), false));
        // Doubling for a final consonant after a single vowel (expel → expelled, nab → nabbed).
        let n = bytes.len();
        if n >= 3
            && !vowel(last)
            && !"wxy".contains(last)
            && vowel(bytes[n - 2] as char)
            && !vowel(bytes[n - 3] as char)
        {
            out.push((format!("{v}{last}ed"), true));
            out.push((format!("{v}{last}ing"), false));
        }
    }
    out
}

fn plural(noun: &str) -> String {
    if noun.ends_with('s') {
        noun.to_string()
    } else if let Some(stem) = noun
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else if noun.ends_with("ch") || noun.ends_with("sh") || noun.ends_with('x') {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

fn verb_patterns(verb: &str) -> Vec<TriggerPattern> {
    let (before, after) = split_gap(verb);
    let Some(first) = before.first() else {
        return Vec::new();
    };
    inflect(first)
        .into_iter()
        .map(|(form, past)| {
            let mut head = vec![form];
            head.extend(before[1..].iter().cloned());
            TriggerPattern {
                head,
                tail: after.clone(),
                nominal: false,
                also_noun: false,
                participle: past,
                lemma: verb.to_lowercase(),
            }
        })
        .collect()
}

fn entity_types(list: &[String], kind: &str) -> Result<(bool, Vec<EntityType>)> {
    let mut group = false;
    let mut types = Vec::new();
    for t in list {
        if t == "group" {
            group = true;
        } else {
            types.push(EntityType::parse(t).ok_or_else(|| {
                Error::data("events.toml", format!("{kind}: unknown entity type `{t}`"))
            })?);
        }
    }
    Ok((group, types))
}

pub fn parse(src: &str) -> Result<(Vec<EventSpec>, ModalityCues)> {
    let f: EventsFile = toml::from_str(src).map_err(|e| Error::data("events.toml", e))?;
    let mut specs = Vec::new();
    for row in f.event {
        if !row.kind.chars().all(|c| c.is_ascii_alphanumeric()) || row.kind.is_empty() {
            return Err(Error::data(
                "events.toml",
                format!(
                    "event type `{}` must be one word of letters and digits",
                    row.kind
                ),
            ));
        }
        let mut triggers: Vec<TriggerPattern> = Vec::new();
        for v in &row.verbs {
            triggers.extend(verb_patterns(v));
        }
        for form in &row.forms {
            let (head, tail) = split_gap(form);
            triggers.push(TriggerPattern {
                head,
                tail,
                nominal: false,
                also_noun: false,
                participle: true,
                lemma: form.to_lowercase(),
            });
        }
        for n in &row.nouns {
            let mut words = phrase(n);
            for w in [words.clone(), {
                let last = words.pop().unwrap_or_default();
                words.push(plural(&last));
                words
            }] {
                triggers.push(TriggerPattern {
                    head: w,
                    tail: Vec::new(),
                    nominal: true,
                    also_noun: false,
                    participle: false,
                    lemma: n.to_lowercase(),
                });
            }
        }
        triggers.sort_by(|a, b| {
            (b.head.len() + b.tail.len())
                .cmp(&(a.head.len() + a.tail.len()))
                .then(a.head.cmp(&b.head))
                .then(a.nominal.cmp(&b.nominal))
        });
        // A verb form and a noun form alike ("raids") stay one verb pattern that knows it.
        triggers.dedup_by(|later, kept| {
            let same = later.head == kept.head && later.tail == kept.tail;
            if same && later.nominal && !kept.nominal {
                kept.also_noun = true;
            }
            same
        });
        let agent_types = entity_types(&row.agent_types, &row.kind)?.1;
        let (patient_group, patient_types) = entity_types(&row.patient, &row.kind)?;
        let mut exclude = row
            .exclude
            .iter()
            .map(|s| exclusion(&row.kind, s))
            .collect::<Result<Vec<_>>>()?;
        // An -ing form that is also one of the type's nouns ("meeting") is left out: in the
        // same place it reads as the noun as often as the verb, and "a meeting to discuss
        // quotas" is still a meeting, whatever "meeting the quotas" is.
        let nouns: Vec<&str> = triggers
            .iter()
            .filter(|t| (t.nominal || t.also_noun) && t.head.len() == 1 && t.tail.is_empty())
            .map(|t| t.head[0].as_str())
            .collect();
        let gerund_noun = |form: &str| form.ends_with("ing") && nouns.contains(&form);
        for s in &row.exclude_verbs {
            exclude.extend(
                verb_exclusions(&row.kind, s)?
                    .into_iter()
                    .filter(|e| !gerund_noun(&e.head[0])),
            );
        }
        specs.push(EventSpec {
            kind: row.kind,
            cameo: row.cameo,
            label: row.label,
            triggers,
            exclude,
            requires_near: lowercase(&row.requires_near),
            requires_near_for: lowercase(&row.requires_near_for),
            avoid_near: lowercase(&row.avoid_near),
            avoid_near_for: lowercase(&row.avoid_near_for),
            agent_types,
            patient_group,
            patient_types,
            state_actor: row.state_actor,
            symmetric: row.symmetric,
            agent_preps: row.agent_preps,
            partner_preps: row.partner_preps,
            completes: row.completes,
            patient_list: row.patient_list,
            patient_preps: row.patient_preps,
            required_roles: row.required_roles,
            patient_nationality_from_agent: row.patient_nationality_from_agent,
            agent_from_patient_nationality: row.agent_from_patient_nationality,
            partner_from_place_state: row.partner_from_place_state,
            agent_not_speaker: row.agent_not_speaker,
        });
    }
    let cues = |l: &[String]| PhraseList::new(l.iter().map(|s| phrase(s)).collect());
    let modality = ModalityCues {
        planned: cues(&f.modality.planned),
        negated: cues(&f.modality.negated),
        reporting: cues(&f.modality.reporting),
    };
    Ok((specs, modality))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(v: &str) -> Vec<String> {
        inflect(v).into_iter().map(|f| f.0).collect()
    }

    #[test]
    fn exclusions_may_have_a_gap_with_words_on_both_sides() {
        let ex = exclusion("Meeting", "meet ... demand").unwrap();
        assert_eq!(
            (ex.head, ex.tail),
            (vec!["meet".to_string()], vec!["demand".to_string()])
        );
        assert!(exclusion("Meeting", "in order to").unwrap().tail.is_empty());
        let err = exclusion("Meeting", "... demand").unwrap_err().to_string();
        assert!(
            err.contains("events.toml") && err.contains("... demand"),
            "{err}"
        );
        assert!(exclusion("Meeting", "meet ...").is_err());
    }

    #[test]
    fn inflections() {
        assert!(forms("deport").contains(&"deported".to_string()));
        assert!(forms("expel").contains(&"expelled".to_string()));
        assert!(forms("seize").contains(&"seized".to_string()));
        assert!(forms("seize").contains(&"seizing".to_string()));
        assert!(forms("detain").contains(&"detains".to_string()));
        assert!(forms("clash").contains(&"clashes".to_string()));
        assert!(forms("nab").contains(&"nabbed".to_string()));
        assert!(forms("apply").contains(&"applied".to_string()));
    }

    #[test]
    fn verb_exclusions_cover_every_form_but_the_nouns() {
        let specs = &crate::knowledge::Knowledge::embedded().events;
        let spec = |kind: &str| specs.iter().find(|s| s.kind == kind).unwrap();
        let heads = |kind: &str| -> Vec<String> {
            spec(kind)
                .exclude
                .iter()
                .map(|e| e.head.join(" "))
                .collect()
        };
        for form in [
            "seize the moment",
            "seizes the moment",
            "seized the moment",
            "seizing the moment",
        ] {
            assert!(heads("Seizure").contains(&form.to_string()), "{form}");
        }
        // "Sanction(s)" is a noun too, but "sanctions military action" reads as the verb.
        for form in [
            "sanction military",
            "sanctions military",
            "sanctioning military",
        ] {
            assert!(heads("Sanction").contains(&form.to_string()), "{form}");
        }
        let meeting = heads("Meeting");
        assert!(meeting.contains(&"meets".to_string()));
        // "Meeting" is one of the type's nouns: "a meeting to discuss quotas" stays a meeting.
        assert!(!meeting.contains(&"meeting".to_string()));
    }

    #[test]
    fn gapped_verbs() {
        let p = verb_patterns("hand ... over");
        assert!(p.iter().any(|t| t.head == ["handed"] && t.tail == ["over"]));
    }
}
