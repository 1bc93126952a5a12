//! Role filling for one trigger in one sentence.

use super::{modality_at, token_span, Cand, Filler, Trigger};
use crate::extract::dates::FoundDate;
use crate::extract::resolve::Resolution;
use crate::extract::tokens::Lowered;
use crate::knowledge::Knowledge;
use crate::model::{Document, EntityType, Event, Group, Mention, Participant, Qualifier, Sentence};

pub(crate) struct Context<'a> {
    /// The subjects of the sentences before, for pronouns ("He", "They").
    pub prev: &'a Subjects,
    /// The document's most-mentioned state: the other side of "a dispute with Thailand".
    pub protagonist: Option<usize>,
    pub doc: &'a Document,
    pub s: &'a Sentence,
    pub low: &'a Lowered<'a>,
    pub cands: &'a [Cand],
    pub dates: &'a [&'a FoundDate],
    pub res: &'a Resolution,
    pub k: &'a Knowledge,
}

/// The latest person and the latest state or organisation that were sentence subjects.
#[derive(Debug, Default, Clone)]
pub(crate) struct Subjects {
    pub person: Option<usize>,
    pub actor: Option<usize>,
    /// The latest group of people with a nationality or a count.
    pub group: Option<Group>,
    /// The states named so far, each once, the most recently named last.
    pub states: Vec<usize>,
}

const BE: [&str; 11] = [
    "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting",
];
const DETERMINERS: [&str; 14] = [
    "the", "a", "an", "these", "those", "some", "its", "their", "his", "her", "all", "this",
    "that", "recent",
];
/// Prepositions whose object is not a subject: a candidate after one is not an agent.
/// ("by" is not among them: "measures taken by Thailand, including closing crossings".)
const PREPOSITIONS: [&str; 22] = [
    "of",
    "in",
    "at",
    "from",
    "to",
    "into",
    "near",
    "on",
    "with",
    "against",
    "for",
    "about",
    "between",
    "among",
    "via",
    "through",
    "across",
    "inside",
    "over",
    "within",
    "toward",
    "alongside",
];
const LOCATIVE: [&str; 13] = [
    "in", "at", "via", "through", "near", "across", "inside", "around", "outside", "from", "to",
    "on", "within",
];
const SUBGROUP_GLUE: [&str; 12] = [
    ",",
    "including",
    "among",
    "them",
    "and",
    "\u{2014}",
    "\u{2013}",
    "-",
    "such",
    "as",
    "of",
    "whom",
];

impl Context<'_> {
    fn entity_key(&self, c: &Cand) -> Option<String> {
        match &c.filler {
            Filler::Entity { entity, .. } => Some(self.res.entities[*entity].key.clone()),
            Filler::Group(_) => None,
        }
    }

    fn preceded_by_preposition(&self, c: &Cand) -> bool {
        let mut i = c.a;
        // Skip determiners and adjectives between the preposition and the name, and earlier
        // members of a list ("in Argentina, Senegal, the Philippines and North Macedonia").
        for _ in 0..12 {
            if i == 0 {
                return false;
            }
            let w = self.low.get(i - 1);
            if PREPOSITIONS.contains(&w) {
                // "the governments of Thailand and Cambodia", "security forces in Laos": a
                // state after an authority noun and its preposition is the subject itself.
                let authority = i >= 2
                    && self
                        .low
                        .longest_ending(i - 1, &self.k.lexicon.authority_nouns)
                        .is_some();
                let acting = matches!(&c.filler, Filler::Entity { acting: true, .. })
                    || c.entity_kind() == Some(EntityType::Place);
                return !(authority && acting);
            }
            if DETERMINERS.contains(&w) || w == "neighbouring" || w == "neighboring" {
                i -= 1;
                continue;
            }
            if matches!(w, "," | "and" | "or") {
                if let Some(before) = self.cands.iter().rfind(|x| x.b == i - 1) {
                    i = before.a;
                    continue;
                }
            }
            return false;
        }
        false
    }

    /// "police in the province", "authorities in Bokeo": a place's state acting there.
    fn is_policed_place(&self, c: &Cand) -> bool {
        c.entity_kind() == Some(EntityType::Place)
            && c.a >= 2
            && self.low.get(c.a - 1) == "in"
            && self
                .low
                .longest_ending(c.a - 1, &self.k.lexicon.authority_nouns)
                .is_some()
    }

    fn is_agent_type(&self, c: &Cand, t: &Trigger) -> bool {
        if self.is_policed_place(c) && t.spec.state_actor {
            return true;
        }
        c.is_actor()
            && c.entity_kind().is_some_and(|k| {
                t.spec.agent_types.contains(&k)
                    || (k == EntityType::Place
                        && t.spec.agent_types.contains(&EntityType::State)
                        && self.is_capital(c))
            })
    }

    fn is_capital(&self, c: &Cand) -> bool {
        match &c.filler {
            Filler::Entity {
                entity,
                kind: EntityType::Place,
                ..
            } => self
                .k
                .gazetteer
                .by_name(&self.res.entities[*entity].name)
                .is_some_and(|e| e.class == "capital"),
            _ => false,
        }
    }

    fn is_patient_type(&self, c: &Cand, t: &Trigger) -> bool {
        match &c.filler {
            Filler::Group(_) => t.spec.patient_group,
            Filler::Entity {
                kind,
                demonym,
                acting,
                ..
            } => (!demonym || *acting) && t.spec.patient_types.contains(kind),
        }
    }

    /// The first candidate of `ok` after one of `preps` that follows the trigger.
    fn after_prep(
        &self,
        from: usize,
        preps: &[String],
        ok: &dyn Fn(&Cand) -> bool,
    ) -> Option<&Cand> {
        // The prepositional phrase follows the trigger closely ("deported on Friday by X").
        for j in from..self.low.len().min(from + 6) {
            let w = self.low.get(j);
            if matches!(w, ";" | "." | "?") {
                break;
            }
            if preps.iter().any(|p| p == w) {
                let mut x = j + 1;
                while DETERMINERS.contains(&self.low.get(x)) {
                    x += 1;
                }
                // "with his Cambodian counterpart, Prak Sokhonn": the name after the role.
                if let Some(comma) =
                    (x..(x + 5).min(self.low.len())).find(|&y| self.low.get(y) == ",")
                {
                    let role = self
                        .low
                        .longest_ending(comma, &self.k.lexicon.person_roles)
                        .is_some();
                    let possessive = (j + 1..x)
                        .any(|y| matches!(self.low.get(y), "his" | "her" | "their" | "its"));
                    if role && possessive {
                        x = comma + 1;
                    }
                }
                // "with a Thai delegation led by X": the delegation's head stands for it.
                if let Some(l) = (x..(x + 5).min(self.low.len())).find(|&y| {
                    matches!(self.low.get(y), "led" | "headed") && self.low.get(y + 1) == "by"
                }) {
                    x = l + 2;
                }
                // Allow a demonym adjective or a title before the name: "by Cambodian police".
                if let Some(c) = self
                    .cands
                    .iter()
                    .find(|c| c.a >= x && c.a <= x + 3 && ok(c))
                {
                    let between_clean =
                        (x..c.a).all(|y| !matches!(self.low.get(y), "," | ";" | "and"));
                    if between_clean {
                        return Some(c);
                    }
                }
            }
        }
        None
    }
}

/// Fills the roles of one trigger; a group list ("including 271 Indonesians, 213 Vietnamese")
/// gives one event per counted group.
pub(crate) fn fill(ctx: &Context, t: &Trigger) -> Vec<Event> {
    let low = ctx.low;
    let spec = t.spec;
    let prev = if t.start > 0 {
        low.get(t.start - 1)
    } else {
        ""
    };
    // "following raids by Lao police": an "-s" form both verb and noun is the plural noun
    // after a preposition, where a finite verb cannot stand ("after meeting X" is a gerund).
    let noun_after_preposition = t.pattern.also_noun
        && low.get(t.start).ends_with('s')
        && (PREPOSITIONS.contains(&prev)
            || matches!(
                prev,
                "following" | "after" | "amid" | "during" | "since" | "before" | "despite"
            ));
    let nominal = t.pattern.nominal
        || noun_after_preposition
        || DETERMINERS.contains(&prev)
        || prev == "'s"
        || (low.get(t.end) == "of" && !t.pattern.participle);
    // "the arrested Chinese nationals": a participle used as an adjective is no event mention.
    if t.pattern.participle
        && !t.pattern.nominal
        && matches!(prev, "the" | "a" | "an" | "these" | "their" | "its")
        && ctx.s.tokens.get(t.full_end).is_some_and(|x| x.is_word())
    {
        return Vec::new();
    }
    let be_before = (1..=3).any(|b| t.start >= b && BE.contains(&low.get(t.start - b)));
    let group_before = ctx
        .cands
        .iter()
        .any(|c| c.b == t.start && matches!(c.filler, Filler::Group(_)));
    let passive = !nominal
        && t.pattern.participle
        && (be_before || low.get(t.full_end) == "by" || group_before);

    let agent_ok = |c: &Cand| ctx.is_agent_type(c, t);
    let patient_ok = |c: &Cand| ctx.is_patient_type(c, t);

    // Agent.
    let mut agent: Option<&Cand> = None;
    if passive || nominal {
        agent = ctx.after_prep(t.full_end, &spec.agent_preps, &agent_ok);
    }
    if agent.is_none() && !passive {
        // Where the last reporting verb before a noun trigger starts, when its speaker may not
        // be the agent.
        let last_report = (nominal && spec.agent_not_speaker)
            .then(|| {
                (0..t.start)
                    .rev()
                    .find(|&j| low.longest_at(j, &ctx.k.modality.reporting).is_some())
            })
            .flatten();
        // Nearest actor on the left, of the most preferred type available.
        let left: Vec<&Cand> = ctx
            .cands
            .iter()
            .filter(|c| c.b <= t.start && agent_ok(c) && !ctx.preceded_by_preposition(c))
            // A noun's agent is not far away across clauses.
            .filter(|c| !nominal || c.b + 20 >= t.start)
            // Nor, where events.toml says so, the speaker of the clause it is in: "The
            // commission said the raid found evidence of human trafficking".
            .filter(|c| last_report.is_none_or(|r| c.b > r))
            .collect();
        for kind in &spec.agent_types {
            if let Some(c) = left.iter().rev().find(|c| c.entity_kind() == Some(*kind)) {
                agent = Some(c);
                break;
            }
        }
        if agent.is_none() {
            agent = left.last().copied();
        }
    }
    let mut agent: Option<Cand> = agent.cloned();
    if nominal && (!spec.symmetric || agent.is_none()) {
        // "full Thai cooperation", "the Cambodian deportation": a demonym on the event noun.
        if let Some(c) = ctx.cands.iter().rev().find(|c| {
            matches!(
                c.filler,
                Filler::Entity {
                    demonym: true,
                    kind: EntityType::State,
                    ..
                }
            ) && c.b <= t.start
                && c.b + 2 >= t.start
                && (c.b..t.start).all(|j| low.get(j).chars().all(char::is_lowercase))
        }) {
            agent = Some(c.clone());
        }
    }
    if !passive && !nominal {
        // "… with his counterpart X, when he visited Vientiane": the pronoun right before the
        // verb is its subject, not the nearest name.
        if let Some(p) = clause_pronoun_agent(ctx, t).filter(|c| agent_ok(c)) {
            agent = Some(p);
        }
    }
    if agent.is_none() && !passive {
        agent = pronoun_subject(ctx, t).filter(|c| agent_ok(c));
    }

    // Partner for symmetric types: "between X and Y", a coordinated subject, "with Y".
    let dual = if spec.symmetric {
        dual_subject(ctx, t)
    } else {
        None
    };
    let mut partner: Option<&Cand> = None;
    if let Some((x, y)) = &dual {
        // "The two sides agreed …": the two states last named.
        agent = Some(x.clone());
        partner = Some(y);
    } else if spec.symmetric {
        if let Some((x, y)) = between(ctx, t, &agent_ok) {
            agent = Some(x.clone());
            partner = Some(y);
        } else {
            if let Some(a) = agent.clone() {
                // "Thailand and Cambodia are collaborating": X and Y before the trigger.
                if a.a >= 2 && matches!(low.get(a.a - 1), "and" | "&") {
                    if let Some(x) = ctx
                        .cands
                        .iter()
                        .rev()
                        .find(|c| c.b == a.a - 1 && agent_ok(c))
                    {
                        partner = ctx.cands.iter().find(|c| c.a == a.a && c.b == a.b);
                        agent = Some(x.clone());
                    }
                }
            }
            if partner.is_none() {
                // "talks with X": the trigger may end with the preposition itself.
                let ends_with_prep = spec
                    .partner_preps
                    .iter()
                    .any(|p| p == low.get(t.full_end - 1));
                let from = if ends_with_prep {
                    t.full_end - 1
                } else {
                    t.full_end
                };
                partner = ctx.after_prep(from, &spec.partner_preps, &|c: &Cand| {
                    agent_ok(c)
                        && agent
                            .as_ref()
                            .is_none_or(|a| ctx.entity_key(a) != ctx.entity_key(c))
                });
            }
            if partner.is_none() && !nominal {
                // "meeting Indian Ambassador Nagesh Singh": the object of a two-sided verb.
                partner = ctx.cands.iter().find(|c| {
                    c.a >= t.full_end
                        && c.a <= t.full_end + 4
                        && agent_ok(c)
                        && c.entity_kind() != Some(EntityType::Place)
                        && agent
                            .as_ref()
                            .is_none_or(|a| ctx.entity_key(a) != ctx.entity_key(c))
                });
            }
            if partner.is_none() {
                // "a dispute with Thailand, which began with a border skirmish"
                partner = ctx.cands.iter().rfind(|c| {
                    c.b <= t.start
                        && agent_ok(c)
                        && c.a > 0
                        && {
                            let mut i = c.a;
                            while i > 0
                                && matches!(
                                    low.get(i - 1),
                                    "the" | "neighbouring" | "neighboring" | "its" | "their"
                                )
                            {
                                i -= 1;
                            }
                            i > 0 && matches!(low.get(i - 1), "with" | "against")
                        }
                        && agent
                            .as_ref()
                            .is_none_or(|a| ctx.entity_key(a) != ctx.entity_key(c))
                });
            }
        }
    }

    // Patient.
    let mut patient: Option<&Cand> = None;
    if spec.patient_group || !spec.patient_types.is_empty() {
        if nominal
            && (low.get(t.full_end) == "of"
                || spec.patient_preps.iter().any(|p| p == low.get(t.full_end)))
        {
            let mut x = t.full_end + 1;
            while DETERMINERS.contains(&low.get(x)) {
                x += 1;
            }
            patient = ctx
                .cands
                .iter()
                .find(|c| c.a > t.full_end && c.a <= x + 2 && patient_ok(c));
        } else if passive {
            patient = ctx
                .cands
                .iter()
                .filter(|c| c.b <= t.start && c.b + 8 >= t.start && patient_ok(c))
                // "X said they would be flown home": the pronoun is the subject, not X.
                .filter(|c| {
                    !(c.b..t.start).any(|j| {
                        matches!(
                            low.get(j),
                            "they" | "he" | "she" | "we" | "said" | "says" | "told"
                        )
                    })
                })
                .rfind(|c| agent.as_ref().is_none_or(|a| a.a != c.a))
                .or_else(|| subject_across_clause(ctx, t, &patient_ok));
        } else if !nominal {
            // The object may stand inside a split verb: "took 430 people into custody".
            patient = ctx
                .cands
                .iter()
                .filter(|c| c.a >= t.end && c.a <= t.full_end + 8 && patient_ok(c))
                .find(|c| {
                    !(t.end..c.a).any(|j| {
                        matches!(
                            low.get(j),
                            ";" | "." | "which" | "who" | "after" | "before" | "while" | "there"
                        )
                    })
                });
        }
        if patient.is_none() && nominal {
            // "the arrests were foreign nationals — including at least 271 Indonesians"
            patient = ctx
                .cands
                .iter()
                .filter(|c| c.a >= t.full_end && c.a <= t.full_end + 8)
                .filter(|c| {
                    (t.full_end..c.a).any(|j| {
                        matches!(
                            low.get(j),
                            "were"
                                | "was"
                                | "included"
                                | "including"
                                | "\u{2014}"
                                | "totalled"
                                | "totaled"
                                | "numbered"
                        )
                    })
                })
                .find(|c| matches!(c.filler, Filler::Group(_)) && patient_ok(c));
        }
    }

    // "arrested them", "their deportation", "they were deported": the group last spoken of.
    let pronoun_group;
    if patient.is_none() && spec.patient_group {
        // "the suspects", "those detained": a definite plural of people refers back too.
        let definite_people = |i: usize| {
            matches!(low.get(i), "the" | "these" | "those")
                && ctx
                    .k
                    .lexicon
                    .people_nouns
                    .iter()
                    .any(|p| low.matches_at(i + 1, p) || low.matches_at(i + 2, p))
        };
        let pronoun = (!nominal
            && !passive
            && (matches!(low.get(t.full_end), "them") || definite_people(t.full_end)))
            || (nominal && matches!(prev, "their"))
            || (nominal && low.get(t.full_end) == "of" && definite_people(t.full_end + 1))
            || (passive
                && (1..=3).any(|b| {
                    t.start >= b && low.get(t.start - b) == "they"
                        || (t.start >= b + 2
                            && BE.contains(&low.get(t.start - b))
                            && definite_people(t.start - b - 2))
                }));
        if pronoun {
            let earlier = ctx
                .cands
                .iter()
                .rev()
                .find(|c| c.b <= t.start && matches!(c.filler, Filler::Group(_)));
            let g = match earlier {
                Some(Cand {
                    filler: Filler::Group(g),
                    ..
                }) => Some(g.clone()),
                _ => ctx.prev.group.clone(),
            };
            if let Some(g) = g {
                pronoun_group = Cand {
                    a: t.full_end,
                    b: t.full_end,
                    filler: Filler::Group(g),
                };
                patient = Some(&pronoun_group);
            }
        }
    }

    // "He was arrested at a condominium": the person last spoken of.
    let pronoun_person;
    if patient.is_none()
        && passive
        && spec.patient_types.contains(&EntityType::Person)
        && (1..=3).any(|b| t.start >= b && matches!(low.get(t.start - b), "he" | "she"))
    {
        if let Some(p) = ctx.prev.person {
            pronoun_person = Cand {
                a: t.start,
                b: t.start,
                filler: Filler::Entity {
                    entity: p,
                    kind: EntityType::Person,
                    acting: false,
                    demonym: false,
                    reporter: false,
                },
            };
            patient = Some(&pronoun_person);
        }
    }

    // "with 4,895 repatriated through Thailand": a bare number before a participle.
    let bare_group;
    // "2,517 arrests were made": a number on the event noun counts its patients.
    // A number right before the trigger makes it a noun even where the word is also a verb
    // form ("made 2,517 arrests").
    let counted_noun = t.start > 0
        && crate::extract::groups::parse_number(low, t.start - 1).is_some_and(|(_, len)| len == 1);
    if patient.is_none()
        && spec.patient_group
        && t.start > 0
        && ((t.pattern.participle && !nominal) || t.pattern.nominal || counted_noun)
    {
        // "All 105 had been detained": skip the auxiliaries back to the number.
        let at = auxiliaries_start(low, t.start).max(1) - 1;
        if let Some((n, len)) = crate::extract::groups::parse_number(low, at) {
            if len == 1 && !ctx.cands.iter().any(|c| c.a <= at && at < c.b) && !is_year(low, at, n)
            {
                bare_group = Cand {
                    a: at,
                    b: at + 1,
                    filler: Filler::Group(Group {
                        nationality: None,
                        count: Some(n),
                        qualifier: Qualifier::Exact,
                        noun: None,
                        mention: Mention {
                            sentence: ctx.s.index,
                            span: token_span(ctx.s, at, at + 1),
                            text: ctx.s.tokens[at].text.as_str().to_owned(),
                        },
                    }),
                };
                patient = Some(&bare_group);
            }
        }
    }

    // Place: a patient that is a place is where it happened (visits, raids); otherwise the
    // nearest locative place.
    let mut place: Option<String> = None;
    if let Some(p) = patient {
        if p.entity_kind() == Some(EntityType::Place) {
            // "in Chroy Changvar, Phnom Penh": the place named first is the narrower.
            let narrower = ctx.cands.iter().find(|c| {
                c.entity_kind() == Some(EntityType::Place) && c.b + 1 == p.a && low.get(c.b) == ","
            });
            place = ctx.entity_key(narrower.unwrap_or(p));
            patient = None;
        }
    }
    if place.is_none() {
        place = nearest_place(ctx, t);
    }

    // Date: the nearest date expression in the sentence.
    let date = ctx
        .dates
        .iter()
        .min_by_key(|d| {
            let dist = if d.tokens.0 >= t.full_end {
                d.tokens.0 - t.full_end
            } else {
                t.start.saturating_sub(d.tokens.1)
            };
            (dist, d.tokens.0)
        })
        .map(|d| d.value.clone());

    let trigger_span = token_span(ctx.s, t.start, t.end);
    let mut agent_key = agent.as_ref().and_then(|a| ctx.entity_key(a));
    let mut partner_key = partner.and_then(|p| ctx.entity_key(p));
    let mut agent_body = None;
    if spec.state_actor {
        // A body stays itself when its state is the other side ("the Thai government is
        // collaborating with the NBTC").
        let agent_state = agent.as_ref().and_then(|a| state_of(ctx, a));
        if let Some(p) = partner.and_then(|p| state_of(ctx, p)) {
            if agent_state.as_ref() != Some(&p) {
                partner_key = Some(p);
            } else if partner.and_then(|p| p.entity_kind()) == Some(EntityType::Person) {
                // A state does not cooperate with its own leader: that is no second side.
                partner_key = None;
            }
        }
        if let Some(a) = agent.as_ref() {
            if let Some(state) = state_of(ctx, a) {
                if matches!(
                    a.entity_kind(),
                    Some(EntityType::Organisation | EntityType::Person | EntityType::Place)
                ) {
                    agent_body = agent_key.clone();
                }
                agent_key = Some(state);
            }
        }
        if agent_key.is_none() {
            // "… were detained, Cambodian police said": an acting state in the sentence.
            agent_key = ctx
                .cands
                .iter()
                .filter(|c| matches!(c.filler, Filler::Entity { acting: true, .. }))
                .filter(|c| c.a + 10 >= t.start && c.a <= t.full_end + 10)
                .find(|c| {
                    // "a tip-off from the South Korean embassy": not after a preposition.
                    let mut i = c.a;
                    while i > 0 && DETERMINERS.contains(&low.get(i - 1)) {
                        i -= 1;
                    }
                    i == 0 || !matches!(low.get(i - 1), "to" | "into" | "with" | "from")
                })
                .and_then(|c| ctx.entity_key(c));
        }
        if agent_key.is_none() {
            agent_key = framing_state(ctx, t);
        }
    }
    // One side of a two-sided event between states, the other unnamed: "a dispute with
    // Thailand, which began with a border skirmish" — the other side is the state the article
    // is about.
    if spec.symmetric && nominal && spec.agent_types.contains(&EntityType::State) {
        let protagonist = ctx.protagonist.map(|e| ctx.res.entities[e].key.clone());
        let is_state = |k: &Option<String>| k.as_deref().is_some_and(|k| k.starts_with("state/"));
        if agent_key.is_none() && is_state(&partner_key) && protagonist != partner_key {
            agent_key = protagonist;
        } else if partner_key.is_none() && is_state(&agent_key) && protagonist != agent_key {
            partner_key = protagonist;
        }
    }
    // "Thai forces shelled villages in Oddar Meanchey": the other side of an attack is the
    // state it struck.
    if spec.partner_from_place_state && partner_key.is_none() && agent_key.is_some() {
        let place_state = place.as_deref().and_then(|p| ctx.res.place_state(p));
        if place_state.is_some() && place_state != agent_key {
            partner_key = place_state;
        }
    }
    let reported_by = reporter(ctx, t.start);
    let base = Event {
        kind: spec.kind.clone(),
        cameo: spec.cameo.clone(),
        agent: agent_key,
        agent_body,
        patient: patient.map(|p| match &p.filler {
            Filler::Group(g) => Participant::Group(g.clone()),
            Filler::Entity { entity, .. } => {
                Participant::Entity(ctx.res.entities[*entity].key.clone())
            }
        }),
        partner: partner_key,
        place,
        date,
        count: patient.and_then(|p| match &p.filler {
            Filler::Group(g) => g.count,
            _ => None,
        }),
        modality: modality_at(low, t.start, ctx.k),
        reported_by,
        triggers: vec![Mention {
            sentence: ctx.s.index,
            span: trigger_span,
            text: ctx.doc.slice(trigger_span).to_string(),
        }],
        evidence: vec![ctx.s.index],
    };
    let mut out = vec![base.clone()];
    // Further counted groups listed after the patient: one event each.
    if let Some(p) = patient.filter(|p| matches!(p.filler, Filler::Group(_))) {
        // The list follows the patient, or the trigger when the patient came first
        // ("Of the 1,214 people taken into custody, 412 were Chinese, 233 Vietnamese …").
        let mut end = if p.b <= t.start { t.full_end } else { p.b };
        let start = end;
        for c in ctx.cands.iter().filter(|c| c.a >= start) {
            let Filler::Group(g) = &c.filler else {
                continue;
            };
            if !(end..c.a).all(|j| {
                SUBGROUP_GLUE.contains(&low.get(j)) || low.get(j) == "at" || low.get(j) == "least"
            }) {
                break;
            }
            end = c.b;
            if g.count.is_some() && g.nationality.is_some() {
                let mut e = base.clone();
                e.patient = Some(Participant::Group(g.clone()));
                e.count = g.count;
                out.push(e);
            }
        }
    }
    // Several named targets: "designated the group, its chairman X and its vice-chairman Y,
    // as well as Z": one event each.
    if spec.patient_list {
        // "The group, a casino operator, and its chairman X were sanctioned": in the passive,
        // the targets coordinated before the last.
        if let Some(p) = patient.filter(|p| passive && matches!(p.filler, Filler::Entity { .. })) {
            if let Some(c) = coordinated_before(ctx, p).filter(|c| patient_ok(c)) {
                let mut e = base.clone();
                e.patient = ctx.entity_key(c).map(Participant::Entity);
                if e.patient.is_some() && e.patient != base.patient {
                    out.push(e);
                }
            }
        }
        if let Some(p) = patient.filter(|p| matches!(p.filler, Filler::Entity { .. })) {
            // The list ends at a clause boundary, at a by-phrase, and, for a subject before a
            // passive verb, at the verb: "X was designated by the Treasury's FinCEN".
            let stop = (p.b..low.len())
                .find(|&j| {
                    matches!(
                        low.get(j),
                        ";" | "."
                            | "said"
                            | "says"
                            | "after"
                            | "because"
                            | "while"
                            | "which"
                            | "by"
                    ) || (passive && p.b <= t.start && j == t.start)
                })
                .unwrap_or(low.len());
            for c in ctx
                .cands
                .iter()
                .filter(|c| c.a >= p.b && c.b <= stop && patient_ok(c))
            {
                if matches!(c.entity_kind(), Some(EntityType::Place)) {
                    continue;
                }
                let mut e = base.clone();
                e.patient = ctx.entity_key(c).map(Participant::Entity);
                if e.patient != base.patient && !out.iter().any(|o| o.patient == e.patient) {
                    out.push(e);
                }
            }
        }
    }
    // Coordinated agents: "The United States and Britain imposed sanctions": one event each.
    if !spec.symmetric {
        if let Some(a) = agent.as_ref().filter(|a| a.a >= 2) {
            let mut first = a.a;
            while first >= 2 && matches!(low.get(first - 1), "and" | ",") {
                let Some(x) = ctx.cands.iter().rfind(|c| c.b == first - 1 && agent_ok(c)) else {
                    break;
                };
                let key = if spec.state_actor {
                    state_of(ctx, x).or_else(|| ctx.entity_key(x))
                } else {
                    ctx.entity_key(x)
                };
                let copies: Vec<Event> = out
                    .iter()
                    .map(|e| Event {
                        agent: key.clone(),
                        agent_body: None,
                        ..e.clone()
                    })
                    .collect();
                out.extend(copies.into_iter().filter(|c| c.agent.is_some()));
                first = x.a;
            }
        }
    }
    out
}

/// "Thailand extradited to China a businessman accused of …": the verb's object is a person
/// described, not named (the next sentence names him). Only for types whose patient may be a
/// person, and for active verbs.
pub(crate) fn describes_person_after(ctx: &Context, t: &Trigger) -> bool {
    let low = ctx.low;
    if t.pattern.nominal || !t.spec.patient_types.contains(&EntityType::Person) {
        return false;
    }
    let Some(article) = (t.full_end..(t.full_end + 6).min(low.len()))
        .take_while(|&j| !matches!(low.get(j), "," | ";" | "."))
        .find(|&j| matches!(low.get(j), "a" | "an"))
    else {
        return false;
    };
    (article + 1..(article + 4).min(low.len()))
        .any(|j| low.longest_at(j, &ctx.k.lexicon.person_roles).is_some())
}

/// "Kings Club, the casino group that built it, and its chairman Li Wei": the name coordinated
/// before `p` (over a role such as "its chairman" and an apposition set off by commas).
fn coordinated_before<'c>(ctx: &'c Context, p: &Cand) -> Option<&'c Cand> {
    let low = ctx.low;
    let mut i = p.a;
    // "its chairman", "the company's founder": lower-case words of the role before the name.
    for _ in 0..3 {
        let w = low.get(i.checked_sub(1)?);
        if w == "and" || !w.chars().all(|c| c.is_lowercase() || c == '\'') {
            break;
        }
        i -= 1;
    }
    if low.get(i.checked_sub(1)?) != "and" {
        return None;
    }
    i -= 1;
    if low.get(i.checked_sub(1)?) == "," {
        i -= 1;
        // An apposition of the earlier name ends at this comma; its own comma opens it.
        if let Some(open) = apposition_opening(low, i) {
            if let Some(c) = ctx.cands.iter().find(|c| c.b == open) {
                return Some(c);
            }
        }
    }
    ctx.cands.iter().find(|c| c.b == i)
}

/// The most tokens an apposition between a subject and its verb spans.
const APPOSITION_REACH: usize = 25;

/// The subject of a passive verb that a clause separates from it: an apposition ("Two of
/// them, a couple who ran a recruitment agency, were arrested") or, when the verb is in a
/// relative clause, the noun phrase the clause follows ("11 members of the Ming family
/// syndicate, who were extradited from Myanmar").
fn subject_across_clause<'c>(
    ctx: &'c Context,
    t: &Trigger,
    ok: &dyn Fn(&Cand) -> bool,
) -> Option<&'c Cand> {
    let low = ctx.low;
    let at = auxiliaries_start(low, t.start);
    if at == 0 {
        return None;
    }
    if low.get(at - 1) == "," {
        let open = apposition_opening(low, at - 1)?;
        return ctx.cands.iter().find(|c| c.b == open && ok(c));
    }
    if at == t.start || at < 2 || !matches!(low.get(at - 1), "who" | "that") {
        return None;
    }
    let relative = at - 1;
    // The noun phrase with its modifiers ("of the Ming family crime syndicate"), then the
    // clause's comma: no other clause between.
    ctx.cands
        .iter()
        .filter(|c| c.b <= relative && c.b + 10 >= relative && ok(c))
        .rfind(|c| {
            !(c.b..relative).any(|j| {
                matches!(
                    low.get(j),
                    ";" | "." | "said" | "says" | "told" | "and" | "who" | "which"
                ) || BE.contains(&low.get(j))
            })
        })
}

/// "founded in 2000 had been caught up …": a four-digit number of a plausible year after a
/// preposition of time is a year, not a count of people.
fn is_year(low: &Lowered, at: usize, n: u64) -> bool {
    at > 0
        && low.get(at).len() == 4
        && (1900..=2099).contains(&n)
        && matches!(
            low.get(at - 1),
            "in" | "since" | "by" | "from" | "until" | "till" | "during" | "before" | "after"
        )
}

/// Where the auxiliaries and adverbs before a verb at `verb` begin ("had also been detained").
fn auxiliaries_start(low: &Lowered, verb: usize) -> usize {
    let mut at = verb;
    while at > 0
        && (BE.contains(&low.get(at - 1))
            || matches!(
                low.get(at - 1),
                "had" | "have" | "has" | "all" | "also" | "later"
            ))
    {
        at -= 1;
    }
    at
}

/// The comma that opens an apposition closed by the comma at `close`: the nearest comma
/// before it, within reach, with no clause boundary between.
fn apposition_opening(low: &Lowered, close: usize) -> Option<usize> {
    (close.saturating_sub(APPOSITION_REACH)..close)
        .rev()
        .find(|&j| matches!(low.get(j), "," | ";" | "." | "\u{2014}"))
        .filter(|&j| low.get(j) == ",")
}

/// "In South Korea, police arrested 37 members of a gang": a sentence that opens in a state
/// and whose act is done by bare police or authorities is that state's act.
fn framing_state(ctx: &Context, t: &Trigger) -> Option<String> {
    let low = ctx.low;
    if low.get(0) != "in" {
        return None;
    }
    let frame = ctx
        .cands
        .iter()
        .find(|c| c.a == 1 && c.entity_kind() == Some(EntityType::State) && low.get(c.b) == ",")?;
    // The authority acts right before the verb or in its by-phrase.
    let authority_at = |end: usize| low.longest_ending(end, &ctx.k.lexicon.authority_nouns);
    let acts = (frame.b + 1..=t.start)
        .rev()
        .take(3)
        .any(|e| authority_at(e).is_some())
        || (low.get(t.full_end) == "by" && authority_at(t.full_end + 2).is_some());
    if !acts {
        return None;
    }
    ctx.entity_key(frame)
}

/// The state an actor stands for: a state itself, a body or person of a known state, a capital.
fn state_of(ctx: &Context, c: &Cand) -> Option<String> {
    let Filler::Entity { entity, kind, .. } = &c.filler else {
        return None;
    };
    let e = &ctx.res.entities[*entity];
    match kind {
        EntityType::State => Some(e.key.clone()),
        EntityType::Place => (ctx.is_capital(c) || ctx.is_policed_place(c))
            .then(|| e.country.clone())
            .flatten(),
        EntityType::Organisation => {
            let entry = ctx.k.gazetteer.by_name(&e.name);
            // Government bodies only: an NGO or a news agency acts for itself.
            let governmental = entry.is_none_or(|x| x.class == "government");
            if governmental {
                e.country.clone()
            } else {
                None
            }
        }
        EntityType::Person => e.country.clone(),
    }
}

/// "He said …", "They are providing …": a subject pronoun before the trigger stands for the
/// latest subject of its kind in the sentences before.
fn pronoun_subject(ctx: &Context, t: &Trigger) -> Option<Cand> {
    let low = ctx.low;
    let i = (0..t.start)
        .rev()
        .find(|&i| matches!(low.get(i), "he" | "she" | "they" | "it"))?;
    // No other actor between the pronoun and the trigger.
    if ctx
        .cands
        .iter()
        .any(|c| c.a > i && c.b <= t.start && c.is_actor())
    {
        return None;
    }
    let entity = match low.get(i) {
        "he" | "she" => ctx.prev.person?,
        _ => ctx.prev.actor?,
    };
    Some(Cand {
        a: i,
        b: i + 1,
        filler: Filler::Entity {
            entity,
            kind: ctx.res.entities[entity].kind,
            acting: false,
            demonym: false,
            reporter: false,
        },
    })
}

/// "The two sides agreed", "both countries will cooperate": a dual subject just before the
/// trigger stands for the two states last named (in earlier sentences or earlier in this one).
fn dual_subject(ctx: &Context, t: &Trigger) -> Option<(Cand, Cand)> {
    let low = ctx.low;
    let duals = &ctx.k.lexicon.dual_subjects;
    // Before the trigger, or after it and "between": "cooperation between our two police forces".
    let after = (low.get(t.full_end) == "between")
        .then(|| {
            low.longest_at(t.full_end + 1, duals)
                .map(|n| (t.full_end + 1, t.full_end + 1 + n))
        })
        .flatten();
    let (phrase_start, phrase_end) = match after {
        Some(found) => found,
        None => {
            let end = (t.start.saturating_sub(4)..=t.start)
                .find(|&end| low.longest_ending(end, duals).is_some())?;
            (end - low.longest_ending(end, duals)?, end)
        }
    };
    let mut states = ctx.prev.states.clone();
    for c in ctx.cands.iter().filter(|c| c.b <= phrase_start) {
        if let Filler::Entity {
            entity,
            kind: EntityType::State,
            ..
        } = c.filler
        {
            states.retain(|&s| s != entity);
            states.push(entity);
        }
    }
    let [.., x, y] = states[..] else {
        return None;
    };
    let cand = |entity: usize| Cand {
        a: phrase_start,
        b: phrase_end,
        filler: Filler::Entity {
            entity,
            kind: EntityType::State,
            acting: true,
            demonym: false,
            reporter: false,
        },
    };
    Some((cand(x), cand(y)))
}

/// A personal pronoun at most three lower-case words before an active trigger, with no
/// actor in between, is the trigger's subject. "He"/"she" stand for the sentence's own
/// subject when it is a person (the first person not after a preposition), else for the
/// person last spoken of.
fn clause_pronoun_agent(ctx: &Context, t: &Trigger) -> Option<Cand> {
    let low = ctx.low;
    let i = (t.start.saturating_sub(3)..t.start)
        .rev()
        .find(|&i| matches!(low.get(i), "he" | "she"))?;
    if (i + 1..t.start).any(|j| !low.get(j).chars().all(char::is_lowercase)) {
        return None;
    }
    if ctx
        .cands
        .iter()
        .any(|c| c.a > i && c.b <= t.start && c.is_actor())
    {
        return None;
    }
    let subject = ctx
        .cands
        .iter()
        .filter(|c| c.b <= i && !ctx.preceded_by_preposition(c))
        .find(|c| c.is_actor())
        .filter(|c| c.entity_kind() == Some(EntityType::Person));
    if let Some(c) = subject {
        return Some(c.clone());
    }
    pronoun_subject(ctx, t)
}

fn between<'a>(
    ctx: &'a Context,
    t: &Trigger,
    ok: &dyn Fn(&Cand) -> bool,
) -> Option<(&'a Cand, &'a Cand)> {
    let low = ctx.low;
    let lo = t.start.saturating_sub(8);
    let hi = (t.full_end + 8).min(low.len());
    for j in lo..hi {
        if low.get(j) == "between" {
            let x = ctx
                .cands
                .iter()
                .find(|c| c.a > j && c.a <= j + 3 && ok(c))?;
            if low.get(x.b) != "and" {
                return None;
            }
            let y = ctx
                .cands
                .iter()
                .find(|c| c.a > x.b && c.a <= x.b + 3 && ok(c))?;
            return Some((x, y));
        }
    }
    None
}

fn nearest_place(ctx: &Context, t: &Trigger) -> Option<String> {
    let there = (t.full_end..(t.full_end + 5).min(ctx.low.len()))
        .take_while(|&j| !matches!(ctx.low.get(j), "," | ";" | "."))
        .any(|j| ctx.low.get(j) == "there");
    // The trigger's clause opens with "where": it happened at the place before it.
    let where_clause = (t.start.saturating_sub(5)..t.start).any(|j| ctx.low.get(j) == "where");
    ctx.cands
        .iter()
        .filter(|c| c.entity_kind() == Some(EntityType::Place))
        .filter(|c| {
            let mut i = c.a;
            while i > 0
                && (DETERMINERS.contains(&ctx.low.get(i - 1))
                    || matches!(
                        ctx.low.get(i - 1),
                        "town"
                            | "city"
                            | "province"
                            | "border"
                            | "of"
                            | "neighbouring"
                            | "neighboring"
                            | "capital"
                            | "district"
                    ))
                && !LOCATIVE.contains(&ctx.low.get(i - 1))
            {
                i -= 1;
            }
            i > 0 && LOCATIVE.contains(&ctx.low.get(i - 1))
        })
        .map(|c| {
            let dist = if c.a >= t.full_end {
                c.a - t.full_end
            } else {
                (t.start - c.b.min(t.start)) + 2
            };
            (dist, c)
        })
        // "raided three compounds there": the place named before, however far back, unless
        // a place with no name came between ("from the zone").
        .filter(|(dist, c)| {
            if where_clause {
                // "held at KK Park, a complex south of Myawaddy, where they were forced …"
                return c.b <= t.start && *dist <= 24;
            }
            if !there {
                return *dist <= 12;
            }
            c.b <= t.start
                && !(c.b..t.start).any(|j| {
                    LOCATIVE.contains(&ctx.low.get(j))
                        && matches!(ctx.low.get(j + 1), "the" | "a" | "an")
                        && !ctx.cands.iter().any(|x| x.a > j && x.a <= j + 3)
                })
        })
        .min_by_key(|(dist, _)| *dist)
        .and_then(|(_, c)| ctx.entity_key(c))
}

/// Who reports the event whose trigger starts at `trigger`: the speaker of the nearest
/// reporting verb before it ("…, while South Korean police said six Koreans had been
/// detained"), or else of the first one after it ("…, police said").
fn reporter(ctx: &Context, trigger: usize) -> Option<String> {
    let low = ctx.low;
    let mut before_trigger = None;
    for i in 0..low.len() {
        let Some(n) = low.longest_at(i, &ctx.k.modality.reporting) else {
            continue;
        };
        let speaks =
            |c: &&Cand| c.is_actor() || matches!(c.filler, Filler::Entity { reporter: true, .. });
        let after = ctx
            .cands
            .iter()
            .find(|c| c.a >= i + n && c.a <= i + n + 2 && speaks(c));
        // "South Korean police said": the state of the authority that speaks.
        let body = low.longest_ending(i, &ctx.k.lexicon.authority_nouns);
        let speaker_end = i - body.unwrap_or(0);
        let ending_at = |end: usize| ctx.cands.iter().rev().find(|c| c.b == end && speaks(c));
        let before = ending_at(i).or_else(|| ending_at(speaker_end));
        let Some(c) = before.or(after) else {
            continue;
        };
        if c.entity_kind() == Some(EntityType::Place) {
            continue;
        }
        if i >= trigger {
            return before_trigger.or_else(|| ctx.entity_key(c));
        }
        before_trigger = ctx.entity_key(c).or(before_trigger);
    }
    before_trigger
}
