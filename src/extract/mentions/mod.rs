//! Mentions: spans that name a Person, State, Organisation or Place.
//!
//! Two passes per sentence: the gazetteer (every state and demonym of the country data, the
//! region's people, bodies and places), then context cues for names in no list — titles
//! ("Pol Gen X", "Interior Minister X"), organisation heads and suffixes ("Ministry of …",
//! "… Police"), place cues ("X province", "the border town of X", "… Checkpoint").

mod context;
mod gazetteer;
mod learned;
mod titles;

use super::tokens::Lowered;
use crate::knowledge::Knowledge;
use crate::model::{Document, EntityType, Sentence, Span};
use crate::recognise::Recogniser;
use context::context_pass;
use gazetteer::gazetteer_pass;
use learned::learned_pass;

#[derive(Debug, Clone)]
pub struct RawMention {
    pub sentence: usize,
    /// Token range `[start, end)` within the sentence.
    pub tokens: (usize, usize),
    pub span: Span,
    pub kind: EntityType,
    /// Canonical name: the gazetteer name, or the title-free, suffix-free surface.
    pub name: String,
    /// Other names this mention supplies (the bare name of "Thai Ministry of Foreign Affairs").
    pub extra_aliases: Vec<String>,
    pub entry: Option<usize>,
    /// A demonym ("Thai", "Thais") rather than the state's name.
    pub demonym: bool,
    /// A state acting through its authorities: "Cambodian police", "the Thai government".
    pub acting: bool,
    /// The person title or role seen with it ("prime minister").
    pub title: Option<String>,
    /// ISO alpha-2 of the state a body or place belongs to, when the text or data says.
    pub country: Option<String>,
    /// "(AKP)" right after the mention.
    pub acronym: Option<String>,
    /// For a facility of a known place ("Bokeo international airport"): that place's name.
    pub within: Option<String>,
}

/// Capitalised tokens that no pass claimed: candidates for coreference ("Manet", "BI").
#[derive(Debug, Clone)]
pub struct Leftover {
    pub sentence: usize,
    pub token: usize,
    pub span: Span,
    pub text: String,
}

#[derive(Clone)]
pub struct Found {
    pub mentions: Vec<RawMention>,
    pub leftovers: Vec<Leftover>,
}

pub(crate) fn is_acronym(t: &str) -> bool {
    // Most tokens fail on their second character: checked before counting letters.
    if t.is_ascii() {
        let b = t.as_bytes();
        return b
            .iter()
            .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'.' || c == b'-')
            && b.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && t.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

/// Runs the gazetteer and context passes over every sentence.
pub fn find(doc: &Document, sentences: &[Sentence], lowered: &[Lowered], k: &Knowledge) -> Found {
    // Room for an article's mentions at once (a huge document grows the vectors as it goes).
    let mut mentions = Vec::with_capacity((2 * sentences.len()).min(1024));
    let mut leftovers = Vec::with_capacity(sentences.len().min(1024));
    // Which mention covers each token: one buffer, refilled for each sentence and pass.
    let mut covered: Vec<Option<usize>> = Vec::new();
    let recogniser = Recogniser::embedded().expect("the embedded name model is valid (tested)");
    let names = recogniser.recognise(&doc.text, sentences, k);
    for ((s, low), names) in sentences.iter().zip(lowered).zip(&names) {
        let mut gaz = gazetteer_pass(doc, s, low, k);
        cover(&mut covered, s, &gaz);
        let mut ctx = context_pass(doc, s, low, &gaz, &covered, k);
        ctx.retain(|m| !learned::reads_better(m, s, names, &covered, k));
        // A context organisation that swallows a state token ("Royal Cambodian Armed Forces")
        // keeps the state mention: the text does name the state.
        gaz.append(&mut ctx);
        gaz.sort_by_key(|m| (m.tokens.0, m.tokens.1));
        if !s.is_heading {
            listed_places(doc, s, low, &mut gaz, &mut covered, k);
        }
        cover(&mut covered, s, &gaz);
        let learned = learned_pass(doc, s, names, &gaz, &covered, k);
        gaz.extend(learned);
        gaz.sort_by_key(|m| (m.tokens.0, m.tokens.1));
        attach_acronyms(s, &mut gaz);
        cover(&mut covered, s, &gaz);
        for (i, t) in s.tokens.iter().enumerate() {
            if covered[i].is_none()
                && t.is_capitalised_word()
                && !k.lexicon.is_common_lower(&s.lower[i])
            {
                leftovers.push(Leftover {
                    sentence: s.index,
                    token: i,
                    span: t.span,
                    text: t.text.as_str().to_owned(),
                });
            }
        }
        mentions.extend(gaz);
    }
    Found {
        mentions,
        leftovers,
    }
}

/// Unknown names listed with known places are places: "in Delhi, Mumbai, Chandigarh and
/// Gopalganj". A name joins the list after a place and a comma when the list goes on after it,
/// or after a place and "and"/"or"; or before "and"/"or" and a place when a preposition or a
/// comma opens it.
fn listed_places(
    doc: &Document,
    s: &Sentence,
    low: &Lowered,
    ms: &mut Vec<RawMention>,
    claimed: &mut Vec<Option<usize>>,
    k: &Knowledge,
) {
    // Every list this rule reads contains a known place.
    if !ms.iter().any(|m| m.kind == EntityType::Place) {
        return;
    }
    let n = s.tokens.len();
    let mut i = 0;
    cover(claimed, s, ms);
    while i < n {
        let place_ending_at = |end: usize| {
            claimed[end - 1]
                .is_some_and(|m| ms[m].kind == EntityType::Place && ms[m].tokens.1 == end)
        };
        let place_starting_at = |start: usize| {
            start < n
                && claimed[start]
                    .is_some_and(|m| ms[m].kind == EntityType::Place && ms[m].tokens.0 == start)
        };
        let free_name = |j: usize| claimed[j].is_none() && s.tokens[j].is_capitalised_word();
        if !free_name(i) {
            i += 1;
            continue;
        }
        let a = i;
        let mut b = i;
        while b < n && free_name(b) && b - a < 4 {
            b += 1;
        }
        i = b;
        // "… Embassy in Bangkok and Consulate in Chiang Mai": a body's head word is no place.
        let head = low.get(b - 1);
        if k.lexicon.is_common_lower(low.get(b - 1))
            || low.get(b) == "'s"
            || k.lexicon.organisation_heads.contains(head)
            || k.lexicon.facility_heads.ending_with(head).next().is_some()
        {
            continue;
        }
        let joins = |j: usize| matches!(low.get(j), "and" | "or");
        let after_place = a >= 2
            && place_ending_at(a - 1)
            && ((low.get(a - 1) == "," && (low.get(b) == "," || joins(b)))
                || (joins(a - 1) && !matches!(low.get(b), "said" | "says" | "told")));
        let before_place = joins(b)
            && place_starting_at(b + 1)
            && a >= 1
            && matches!(
                low.get(a - 1),
                "in" | "from" | "to" | "at" | "near" | "across" | "between" | ","
            );
        if after_place || before_place {
            let name = surface(doc, s, a, b);
            ms.push(make(doc, s, a, b, EntityType::Place, name));
            ms.sort_by_key(|m| (m.tokens.0, m.tokens.1));
            cover(claimed, s, ms);
            // A later name may join the list through this one.
            i = a + 1;
        }
    }
}

/// Letters right before a currency sign name a currency ("US$40 billion", "HK$", "S$"):
/// `after` is the text from the end of the name on.
fn before_currency(after: &str) -> bool {
    after.starts_with(['$', '€', '£', '¥', '₫', '฿'])
}

fn coverage(s: &Sentence, ms: &[RawMention]) -> Vec<Option<usize>> {
    let mut v = Vec::new();
    cover(&mut v, s, ms);
    v
}

/// Fills `v` with the mention that covers each token of `s` (the last one, where they overlap).
fn cover(v: &mut Vec<Option<usize>>, s: &Sentence, ms: &[RawMention]) {
    v.clear();
    v.resize(s.tokens.len(), None);
    for (mi, m) in ms.iter().enumerate() {
        for slot in v.iter_mut().take(m.tokens.1).skip(m.tokens.0) {
            *slot = Some(mi);
        }
    }
}

fn make(
    doc: &Document,
    s: &Sentence,
    a: usize,
    b: usize,
    kind: EntityType,
    name: String,
) -> RawMention {
    let span = Span::new(s.tokens[a].span.start, s.tokens[b - 1].span.end);
    let _ = doc;
    RawMention {
        sentence: s.index,
        tokens: (a, b),
        span,
        kind,
        name,
        extra_aliases: Vec::new(),
        entry: None,
        demonym: false,
        acting: false,
        title: None,
        country: None,
        acronym: None,
        within: None,
    }
}

fn surface(doc: &Document, s: &Sentence, a: usize, b: usize) -> String {
    doc.text[s.tokens[a].span.start..s.tokens[b - 1].span.end].to_string()
}

/// "(AKP)" right after a mention becomes its acronym.
fn attach_acronyms(s: &Sentence, ms: &mut [RawMention]) {
    for m in ms.iter_mut() {
        let e = m.tokens.1;
        if e + 2 < s.tokens.len()
            && s.tokens[e].text == "("
            && s.tokens[e + 2].text == ")"
            && (is_acronym(&s.tokens[e + 1].text) || is_short_form(&s.tokens[e + 1].text, &m.name))
        {
            m.acronym = Some(s.tokens[e + 1].text.as_str().to_owned());
        }
    }
}

/// A short form in mixed case whose capitals are the initials of the name's capitalised
/// words: "FinCEN" of "Financial Crimes Enforcement Network".
fn is_short_form(short: &str, name: &str) -> bool {
    let capitals: String = short.chars().filter(|c| c.is_uppercase()).collect();
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    short.len() <= 12
        && short.chars().next().is_some_and(char::is_uppercase)
        && short.chars().all(char::is_alphanumeric)
        && capitals.chars().count() >= 3
        && capitals == initials
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::clean::test_document;

    fn names(text: &str) -> Vec<(EntityType, String)> {
        let k = Knowledge::embedded();
        let doc = test_document(&format!("Body text follows here.\n{text}"), None);
        let sents = crate::text::sentences(&doc, &k.lexicon);
        find(&doc, &sents, &crate::extract::tokens::lowered(&sents), k)
            .mentions
            .into_iter()
            .map(|m| (m.kind, m.name))
            .collect()
    }

    /// Every one of `expected` is among the mentions found, as a `kind`.
    fn assert_found(found: &[(EntityType, String)], kind: EntityType, expected: &[&str]) {
        for name in expected {
            assert!(
                found.contains(&(kind, name.to_string())),
                "{kind:?} {name}: {found:?}"
            );
        }
    }

    fn assert_none_of(found: &[(EntityType, String)], kind: EntityType) {
        assert!(found.iter().all(|(k, _)| *k != kind), "{kind:?}: {found:?}");
    }

    #[test]
    fn a_bodys_noun_before_a_name_makes_it_a_bodys() {
        let n = names(
            "Chinese state broadcaster CCTV said the rights group Fortify Rights and the law \
             firm Baker McKenzie had called.",
        );
        assert_found(
            &n,
            EntityType::Organisation,
            &["CCTV", "Fortify Rights", "Baker McKenzie"],
        );
    }

    #[test]
    fn a_name_before_a_facility_word_is_a_place() {
        let n = names(
            "They were sent home through the Tay Trang border gate and held in the \
             Sukhumvit area.",
        );
        assert_found(&n, EntityType::Place, &["Tay Trang", "Sukhumvit"]);
        // A sentence's first word, an acronym, or a port of a machine: no place.
        let n = names("Total area planted rose. The OECD area grew. Its Ethernet port failed.");
        assert_none_of(&n, EntityType::Place);
    }

    #[test]
    fn a_hyphenated_adjective_opens_no_name() {
        let n = names(
            "Troops held the UK-controlled area. The Bangkok-based Asia Foundation and the \
             state-owned Sino Mining Corp spoke, and a Thai-owned casino in the Hpa-an area shut.",
        );
        assert!(
            !n.iter()
                .any(|(_, name)| name.contains('-') && name != "Hpa-an"),
            "{n:?}"
        );
        assert_found(
            &n,
            EntityType::Organisation,
            &["Asia Foundation", "Sino Mining Corp"],
        );
        assert_found(&n, EntityType::Place, &["Hpa-an"]);
    }

    #[test]
    fn names_leave_out_long_and_stacked_titles() {
        let n = names(
            "China's Assistant Minister of Public Security Liu Zhongyi met Home Affairs \
             Minister Saifuddin Nasution Ismail. Foreign Secretary Sir Geoffrey Howe and \
             Commerce Undersecretary J. Michael Farren spoke.",
        );
        assert_found(
            &n,
            EntityType::Person,
            &[
                "Liu Zhongyi",
                "Saifuddin Nasution Ismail",
                "Geoffrey Howe",
                "J. Michael Farren",
            ],
        );
        assert!(
            !n.iter().any(|(_, name)| name.contains("Minister")),
            "{n:?}"
        );
    }

    #[test]
    fn a_body_named_in_full_before_and_ends_there() {
        let n = names(
            "Britain froze the assets of Meridian Lotus Group and Heng Sokvisal. They met \
             officials of Golden Reef Holdings and Lotus Bay Corp, of the Department of Trade \
             and Industry and of First National Bank and Trust Co.",
        );
        assert_found(
            &n,
            EntityType::Organisation,
            &[
                "Meridian Lotus Group",
                "Golden Reef Holdings",
                "Lotus Bay Corp",
                "Department of Trade and Industry",
                "First National Bank and Trust Co",
            ],
        );
        assert!(
            !n.iter().any(|(_, name)| name.contains("Group and")),
            "{n:?}"
        );
    }

    #[test]
    fn a_title_that_ends_the_text_names_no_one() {
        for text in [
            "Officials spoke. They met Deputy Minister",
            "Officials spoke. They met Assistant Minister of Justice",
            "Officials spoke. They met South Koreans Ms",
        ] {
            let n = names(text);
            assert!(!n.iter().any(|(k, _)| *k == EntityType::Person), "{n:?}");
        }
    }

    #[test]
    fn a_portfolio_title_alone_names_no_one() {
        let n = names(
            "He will consult the Director of Public Prosecutions. Defense Department \
             spokesman Fred Hoffman and Ms Oona King spoke.",
        );
        assert!(!n.iter().any(|(_, name)| name == "Prosecutions"), "{n:?}");
        assert_found(&n, EntityType::Organisation, &["Defense Department"]);
        assert_found(&n, EntityType::Person, &["Fred Hoffman", "Oona King"]);
    }

    #[test]
    fn a_name_before_a_comma_and_a_known_place_lies_within_it() {
        let n = names(
            "The men were held in Bicutan, Taguig, and others at a compound in Chroy \
             Changvar, Phnom Penh. Shares in Borussia Dortmund, Germany's only listed club, fell.",
        );
        assert_found(&n, EntityType::Place, &["Bicutan", "Chroy Changvar"]);
        assert!(
            !n.contains(&(EntityType::Place, "Borussia Dortmund".into())),
            "{n:?}"
        );
    }

    #[test]
    fn short_forms_in_mixed_case_are_acronyms_of_their_name() {
        assert!(is_short_form(
            "FinCEN",
            "Financial Crimes Enforcement Network"
        ));
        assert!(!is_short_form("FinCEN", "Financial Conduct Authority"));
        assert!(!is_short_form("Reuters", "Reuters News Agency"));
    }

    #[test]
    fn a_known_town_after_a_titled_first_name_is_a_surname() {
        let n = names(
            "Foreign Secretary Joe Clark arrived. General Motors Europe and officials in \
             Washington said so.",
        );
        assert_found(&n, EntityType::Person, &["Joe Clark"]);
        assert_found(&n, EntityType::Place, &["Europe", "Washington"]);
        assert!(
            !n.contains(&(EntityType::Place, "Clark".to_string())),
            "{n:?}"
        );
    }

    #[test]
    fn gazetteer_names_are_whole_tokens() {
        let n = names("Officials from South Korea met envoys of Laos in Phnom Penh.");
        assert_eq!(
            n,
            [
                (EntityType::State, "South Korea".to_string()),
                (EntityType::State, "Laos".to_string()),
                (EntityType::Place, "Phnom Penh".to_string()),
            ]
        );
        // A longer name that ends inside a word is no mention, and hides the shorter one.
        let n = names("He met South Koreans and paid US$40 to officials.");
        assert!(n.iter().all(|(_, name)| name != "United States"), "{n:?}");
        // A name inside a hyphenated word does not hide the names after it.
        let n = names("The Cambodia-South Korea alliance was signed.");
        assert_found(&n, EntityType::State, &["South Korea"]);
    }

    #[test]
    fn a_crossing_between_twin_towns_is_named_by_both() {
        let n = names(
            "Traders queued at the Mae Sot\u{2013}Myawaddy border crossing. Lorries waited at \
             the Ban Pakard\u{2013}Pailin international checkpoint.",
        );
        assert_eq!(
            n,
            [
                (
                    EntityType::Place,
                    "Mae Sot\u{2013}Myawaddy border crossing".to_string()
                ),
                (
                    EntityType::Place,
                    "Ban Pakard\u{2013}Pailin international checkpoint".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_known_place_in_a_body_s_name_makes_the_body_and_stays_a_place() {
        let n =
            names("The Manila Times and the Bank of Chiang Mai cited the Mandalay Stock Exchange.");
        assert_found(
            &n,
            EntityType::Organisation,
            &[
                "Manila Times",
                "Bank of Chiang Mai",
                "Mandalay Stock Exchange",
            ],
        );
        assert_found(&n, EntityType::Place, &["Manila", "Chiang Mai", "Mandalay"]);
        // The gazetteer knows the region's provinces and states, not only its capitals.
        let n = names("Recruits from West Java, Bihar and Sagaing were held there.");
        assert_found(
            &n,
            EntityType::Place,
            &["West Java", "Bihar", "Sagaing Region"],
        );
        // A place followed by words that name no body stays a place alone.
        let n = names("Police in Manila Friday detained 20 people.");
        assert_none_of(&n, EntityType::Organisation);
    }

    #[test]
    fn titles_make_people_without_the_title() {
        let n = names("Pol Lt Gen Somsak Rattanaporn, head of the unit, spoke on Monday.");
        assert_found(&n, EntityType::Person, &["Somsak Rattanaporn"]);
    }

    #[test]
    fn people_from_ages_speakers_and_appositions() {
        for (text, name) in [
            (
                "Lim Sokha, 52, who runs a shop, was questioned.",
                "Lim Sokha",
            ),
            ("\"We were beaten,\" said Ana Reyes, a nurse.", "Ana Reyes"),
            (
                "The consul in Hanoi, Daniel Okafor Mensah, said talks went well.",
                "Daniel Okafor Mensah",
            ),
            (
                "The family's lawyer, Niran Boonmee, said they would appeal.",
                "Niran Boonmee",
            ),
        ] {
            let n = names(text);
            assert!(
                n.contains(&(EntityType::Person, name.into())),
                "{text}: {n:?}"
            );
        }
        // A place with a count is not a person: "Bangkok, 12," is no age apposition.
        let n = names("Raids in Bangkok, 12 in all, were reported.");
        assert!(!n.iter().any(|(t, _)| *t == EntityType::Person), "{n:?}");
    }

    #[test]
    fn unknown_names_listed_with_places_are_places() {
        let n = names("Raids took place in Bangkok, Tororo, Mbale Town and Jinja.");
        assert_found(&n, EntityType::Place, &["Tororo", "Mbale Town", "Jinja"]);
        // A speaker after a place is no list, nor is a body after "and".
        let n = names("In Bangkok, Somchai Wongsawat said the Embassy in Bangkok and Consulate in Chiang Mai helped.");
        assert!(
            !n.contains(&(EntityType::Place, "Somchai Wongsawat".into())),
            "{n:?}"
        );
        assert!(
            !n.contains(&(EntityType::Place, "Consulate".into())),
            "{n:?}"
        );
    }

    #[test]
    fn organisation_heads_and_state_prefixes() {
        let n = names(
            "The Vietnamese Ministry of Public Security and the Tay Ninh Border Guard Command met.",
        );
        assert!(
            n.contains(&(
                EntityType::Organisation,
                "Vietnamese Ministry of Public Security".into()
            )),
            "{n:?}"
        );
        assert_found(&n, EntityType::State, &["Vietnam"]);
    }

    #[test]
    fn common_words_that_open_a_body_s_name_stay_inside_a_sentence() {
        let n = names("Staff at the Foreign Ministry and the Criminal Court agreed on Monday.");
        assert_found(
            &n,
            EntityType::Organisation,
            &["Foreign Ministry", "Criminal Court"],
        );
        // A weekday before the name, or a common word opening the sentence, is not part of it.
        let n = names(
            "On Monday the Interior Ministry said so. Foreign workers met the Labour Ministry.",
        );
        assert_found(
            &n,
            EntityType::Organisation,
            &["Interior Ministry", "Labour Ministry"],
        );
        assert!(
            n.iter()
                .all(|(_, name)| !name.starts_with("Monday") && !name.starts_with("Foreign")),
            "{n:?}"
        );
    }

    #[test]
    fn place_cues() {
        let n = names(
            "Police went to Kampong Trach district and the border town of Prek Chak on Friday.",
        );
        assert_found(&n, EntityType::Place, &["Kampong Trach"]);
        assert_found(&n, EntityType::Place, &["Prek Chak"]);
    }

    #[test]
    fn apposition_and_saying_verbs() {
        let n = names("The raid was confirmed by Chea Vuthy, a spokesman for the ministry. Later Sok Dara said more.");
        assert_found(&n, EntityType::Person, &["Chea Vuthy"]);
        assert_found(&n, EntityType::Person, &["Sok Dara"]);
    }
}
