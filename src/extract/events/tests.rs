//! One test per role rule, each on sentences written for it.

use crate::ingest::clean::test_document;
use crate::knowledge::Knowledge;
use crate::model::{Extraction, Modality, Participant};

fn run(body: &str, date: Option<&str>) -> Extraction {
    let doc = test_document(&format!("Test article\n{body}"), date);
    crate::extract::extract(doc, Knowledge::embedded())
}

/// (type, agent, patient, partner, place, date) with names and "nationality:count" groups.
fn events(body: &str, date: Option<&str>) -> Vec<String> {
    let x = run(body, date);
    x.events
        .iter()
        .map(|e| {
            let name = |k: &Option<String>| {
                k.as_deref()
                    .map(|k| x.entity_name(k).to_string())
                    .unwrap_or("-".into())
            };
            let patient = match &e.patient {
                Some(Participant::Group(g)) => format!(
                    "{}:{}",
                    g.nationality
                        .as_deref()
                        .map(|n| x.entity_name(n))
                        .unwrap_or("?"),
                    g.count.map(|c| c.to_string()).unwrap_or("?".into())
                ),
                Some(Participant::Entity(k)) => x.entity_name(k).to_string(),
                None => "-".into(),
            };
            format!(
                "{} {} {} {} {} {}",
                e.kind,
                name(&e.agent),
                patient,
                name(&e.partner),
                name(&e.place),
                e.date.as_ref().map(|d| d.iso.as_str()).unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn active_voice_agent_left_patient_right() {
    assert_eq!(
        events(
            "Laos deported 58 Vietnamese nationals through the Boten checkpoint on Friday.",
            Some("2024-05-13")
        ),
        ["Deportation Laos Vietnam:58 - Boten checkpoint 2024-05-10"]
    );
}

#[test]
fn passive_voice_with_by_agent() {
    assert_eq!(
        events("Sixty Kenyans were expelled by Myanmar last week.", None),
        ["Deportation Myanmar Kenya:60 - - -"]
    );
}

#[test]
fn nominal_with_of_patient_and_from_agent() {
    assert_eq!(
        events(
            "Officials confirmed the deportation of 40 Nepali workers from Malaysia.",
            None
        ),
        ["Deportation Malaysia Nepal:40 - - -"]
    );
}

#[test]
fn a_state_acts_through_its_police() {
    let e = events(
        "Philippine police arrested 12 South Korean suspects in Manila.",
        None,
    );
    assert_eq!(e, ["Arrest Philippines South Korea:12 - Manila -"]);
}

#[test]
fn a_breakdown_by_nationality_gives_one_event_per_counted_group() {
    let e = events(
        "Indonesian police detained 300 people, including 120 Chinese and 45 Malaysians.",
        None,
    );
    assert_eq!(
        e,
        [
            "Arrest Indonesia ?:300 - - -",
            "Arrest Indonesia China:120 - - -",
            "Arrest Indonesia Malaysia:45 - - -"
        ]
    );
    let e = events(
        "Malaysian police detained 90 workers, 40 of them Nepali nationals.",
        None,
    );
    assert_eq!(
        e,
        [
            "Arrest Malaysia ?:90 - - -",
            "Arrest Malaysia Nepal:40 - - -"
        ]
    );
}

#[test]
fn approximate_and_exact_figures_of_one_group_are_one_event() {
    let e = events(
        "Vietnamese police detained more than 500 people in Hanoi. In all, 512 people were detained, police said.",
        None,
    );
    assert_eq!(e, ["Arrest Vietnam ?:512 - Hanoi -"]);
}

#[test]
fn mentions_of_one_event_merge_within_a_document() {
    let e = events(
        "Malaysia deported 33 Thai nationals on Monday. The deportation of the 33 Thai nationals took place at the Padang Besar crossing.",
        Some("2025-02-05"),
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("Deportation Malaysia Thailand:33"));
}

#[test]
fn two_sided_events_between_and_with() {
    assert_eq!(
        events(
            "The talks between Vietnam and Laos ended. Vietnam agreed to cooperate with Singapore.",
            None
        ),
        [
            "Meeting Vietnam - Laos - -",
            "Cooperation Vietnam - Singapore - -"
        ]
    );
}

#[test]
fn planned_events_are_marked() {
    let x = run(
        "Thailand is preparing to deport 25 Chinese nationals.",
        None,
    );
    assert_eq!(x.events[0].modality, Modality::Planned);
    // Attempts and calls for an act state no act done.
    for text in [
        "Manila has sought to deport 14 Korean fugitives.",
        "Rights groups called for the extradition of the two Thai suspects.",
        "Police tried to arrest 9 Lao workers at the border.",
    ] {
        let x = run(text, None);
        assert_eq!(x.events.len(), 1, "{text}");
        assert_eq!(x.events[0].modality, Modality::Planned, "{text}");
    }
    let x = run("Police arrested 9 Lao workers at the border.", None);
    assert_eq!(x.events[0].modality, Modality::Asserted);
}

#[test]
fn a_pronoun_subject_is_the_previous_subject() {
    let e = events(
        "Prime Minister Anwar Ibrahim spoke on Monday. He visited Sabah a day later.",
        None,
    );
    assert_eq!(e, ["Visit Anwar Ibrahim - - Sabah -"]);
}

#[test]
fn a_return_home_after_a_deportation_is_not_a_second_event() {
    let e = events(
        "Laos deported 70 Chinese citizens on Tuesday. The 70 Chinese citizens were returned home the same day.",
        None,
    );
    assert_eq!(e, ["Deportation Laos China:70 - - -"]);
}

#[test]
fn a_repatriating_state_brings_home_its_own_people() {
    assert_eq!(
        events("Nepal repatriated 64 of its citizens from Cambodia.", None),
        ["Repatriation Nepal Nepal:64 - - -"]
    );
}

#[test]
fn generic_mentions_without_participants_are_dropped() {
    assert!(events(
        "Human trafficking remains a problem across the region.",
        None
    )
    .is_empty());
}

#[test]
fn sanctions_on_several_named_targets() {
    let e = events(
        "The United States imposed sanctions on Golden Reef Holdings, its chairman Lim Boon Seng and its director Tan Wei Ming.",
        None,
    );
    assert_eq!(
        e,
        [
            "Sanction United States Golden Reef Holdings - - -",
            "Sanction United States Lim Boon Seng - - -",
            "Sanction United States Tan Wei Ming - - -"
        ]
    );
}

#[test]
fn freezing_the_assets_of_named_targets_sanctions_them() {
    let e = events(
        "Britain froze the assets of Golden Reef Holdings and of its chairman Lim Boon Seng.",
        None,
    );
    assert_eq!(
        e,
        [
            "Sanction United Kingdom Golden Reef Holdings - - -",
            "Sanction United Kingdom Lim Boon Seng - - -"
        ]
    );
    // Prices and wages are frozen too, and a court freezing a defendant's assets is no
    // sanction.
    for text in [
        "The government froze fuel prices for six months.",
        "A Bangkok court froze the assets of Golden Reef Holdings pending the trial.",
    ] {
        assert!(
            events(text, None)
                .iter()
                .all(|e| !e.starts_with("Sanction")),
            "{text}"
        );
    }
    // A trigger its context rules out leaves the words to a shorter one of another type.
    assert_eq!(
        events(
            "The U.K. High Court will be asked today to freeze the assets of Golden Reef Holdings.",
            None
        ),
        ["Seizure United Kingdom - - - -"]
    );
}

#[test]
fn a_dateline_names_no_actor() {
    let e = events(
        "HANOI, Vietnam — Police in Laos arrested 15 Thai nationals in Bokeo.",
        None,
    );
    assert_eq!(e, ["Arrest Laos Thailand:15 - Bokeo -"]);
}

#[test]
fn words_that_only_look_like_triggers() {
    assert!(events(
        "The ministry said it would act in order to restore public order.",
        None
    )
    .is_empty());
    assert!(events(
        "Lawyers for Cambodia won a long legal fight against the company.",
        None
    )
    .is_empty());
    assert!(events("The workers failed to meet targets set by Thailand.", None).is_empty());
    for text in [
        "Investors were caught up in the enthusiasm for internet shares.",
        "People use different search engines because the sites gather information differently.",
        "A second UN resolution sanctioning military action would have been safer, he said.",
        "The bill proposes control orders for suspects who cannot be tried.",
        "Acme Corp said it received its first order from Cambodia, a 250,000 dlr order for pumps.",
        "Shipbuilding orders fell in May, the ministry said.",
    ] {
        assert_eq!(events(text, None), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn a_year_after_a_preposition_is_no_count_of_people() {
    let x = run(
        "Those who founded the firm in 2000 had been caught by the authorities.",
        None,
    );
    assert!(
        x.events.iter().all(|e| e.count != Some(2000)),
        "{:?}",
        x.events
    );
    // A count it still is without the preposition.
    assert_eq!(
        events(
            "Myanmar police said 2000 had been detained near the border.",
            None
        )[0],
        "Arrest Myanmar ?:2000 - - -"
    );
}

#[test]
fn a_verb_particle_is_no_count_qualifier() {
    let x = run(
        "Thai police handed over 52 Lao citizens to Laos on Monday.",
        None,
    );
    let e = &x.events[0];
    assert_eq!(e.count, Some(52));
    match &e.patient {
        Some(Participant::Group(g)) => assert_eq!(g.qualifier, crate::model::Qualifier::Exact),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_bare_number_before_the_auxiliaries_is_the_patient() {
    assert_eq!(
        events("Myanmar deported 90 Nepali workers. All 90 had been detained by Myanmar police in May.", None),
        ["Deportation Myanmar Nepal:90 - - -", "Arrest Myanmar Nepal:90 - - -"]
    );
}

#[test]
fn a_counted_part_of_a_named_group() {
    let e = events("Vietnamese police questioned the returnees. Four of the returnees were detained by police in Hanoi.", None);
    assert_eq!(e, ["Arrest Vietnam ?:4 - Hanoi -"]);
    // After a possessive: the part is the patient, not the person who has them.
    let x = run(
        "Malaysian police said they had found two of Chen Ming's associates, who were detained in Penang.",
        None,
    );
    let Some(Participant::Group(g)) = &x.events[0].patient else {
        panic!("{:?}", x.events);
    };
    assert_eq!(
        (g.count, g.mention.text.as_str()),
        (Some(2), "two of Chen Ming's associates")
    );
}

#[test]
fn a_number_before_the_trigger_counts_its_patients() {
    // "arrests" is a verb form too; after a number it is the noun.
    assert_eq!(
        events(
            "Malaysian police made 340 arrests in Johor over the weekend.",
            None
        ),
        ["Arrest Malaysia ?:340 - Johor -"]
    );
}

#[test]
fn acts_done_to_people_need_someone_they_were_done_to() {
    assert!(events("Officials said deportations would continue.", None).is_empty());
    assert!(events("The arrest process was criticised by lawyers.", None).is_empty());
}

#[test]
fn a_pronoun_before_the_verb_is_its_subject_not_the_nearest_name() {
    assert_eq!(
        events(
            "Foreign Minister Amara Diallo discussed scam centres with her Lao counterpart, Kwame Mensah Boateng, when she visited Vientiane in May.",
            Some("2024-06-10")
        ),
        // Discussing with a counterpart is meeting them.
        [
            "Meeting Amara Diallo - Kwame Mensah Boateng - 2024-05",
            "Visit Amara Diallo - - Vientiane 2024-05"
        ]
    );
}

#[test]
fn the_two_sides_are_the_two_states_last_named() {
    for text in [
        "Malaysia's home minister met officials from Indonesia on Monday. Both countries will cooperate on tracing recruiters.",
        // The two sides may follow the trigger and "between".
        "Malaysia sent 20 suspects to Indonesia on Monday. \"This was fast cooperation between our two police forces,\" an officer said.",
    ] {
        assert_eq!(
            events(text, None)
                .into_iter()
                .filter(|e| e.starts_with("Cooperation"))
                .collect::<Vec<_>>(),
            ["Cooperation Malaysia - Indonesia - -"],
            "{text}"
        );
    }
}

#[test]
fn words_with_other_senses_trigger_only_in_their_context() {
    // Sport, weather, web traffic, bait and commerce: no raid, trafficking or directive.
    for text in [
        "The Kenyan sprinter stormed to his first major title in Berlin on Sunday.",
        "A winter storm closed roads across the Ohio valley.",
        "The site struggled with the traffic its launch generated.",
        "The club hopes the lure of European football will keep its captain.",
        "Airbus said the carrier placed an order for 10 jets, and new orders rose 4 pct in March.",
        "Seizures of heroin rose as drug trafficking spread along the Mekong.",
        "The government will freeze fuel prices and wages until March.",
        "Investors should seize the moment, the minister said.",
        "The council has the power to suspend or bar him from office.",
        "Japan is Thailand's largest trading partner.",
        "The cheese has a protected designation of origin.",
        "In 1995 he directed an episode of the drama, and the film was directed by Ron Howard.",
        "The lift was out of order all week.",
        "Thailand raised rice exports to meet China's growing demand.",
        "Vietnam were the hosts, and Laos drew a new audience in Vientiane.",
        "The Thai singer cancelled her world tour of Cambodia.",
        "Thailand confirmed an order worth 650 mln dlrs for 15 Airbus jets.",
        "The Thai army, which seized power in a 2014 coup, did not comment.",
    ] {
        let found = events(text, None);
        assert!(
            !found.iter().any(|e| matches!(
                e.split(' ').next().unwrap_or(""),
                "Raid"
                    | "Trafficking"
                    | "Directive"
                    | "Seizure"
                    | "BorderClosure"
                    | "Cooperation"
                    | "Sanction"
                    | "Meeting"
                    | "Visit"
            )),
            "{text}: {found:?}"
        );
    }
    // The same words where they do name the acts.
    for (text, kind) in [
        (
            "Cambodian police stormed a scam compound in Sihanoukville on Monday.",
            "Raid",
        ),
        (
            "The gang lured 40 Kenyan workers to Myanmar with offers of jobs in Bangkok.",
            "Trafficking",
        ),
        (
            "Prime Minister Hun Manet ordered police to close every scam compound.",
            "Directive",
        ),
        (
            "Hun Manet will meet Thai officials in Bangkok to discuss the demand for extradition.",
            "Meeting",
        ),
        (
            "The minister directed police to raid the casino in Poipet.",
            "Directive",
        ),
        (
            "A Bangkok court ordered the company to pay 10 mln dlrs in damages.",
            "Directive",
        ),
        (
            "Thai authorities will freeze the bank accounts of the syndicate's leaders.",
            "Seizure",
        ),
        (
            "Thailand will partner with Cambodia to shut down scam networks.",
            "Cooperation",
        ),
        (
            "Thailand closed the border crossing at Mae Sot on Friday.",
            "BorderClosure",
        ),
    ] {
        let found = events(text, None);
        assert!(
            found.iter().any(|e| e.split(' ').next() == Some(kind)),
            "{text}: {kind} not in {found:?}"
        );
    }
}

#[test]
fn a_plural_event_noun_after_a_preposition_takes_its_by_agent() {
    // "raids" is a verb form too; after "following" it is the noun, and its agent is the
    // by-phrase, not the nearest actor on the left.
    let e = events(
        "The Nepali Embassy in Yangon helped free 30 workers in March, following raids there by Myanmar police.",
        None,
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("Raid Myanmar "), "{e:?}");
}

#[test]
fn a_definite_event_noun_keeps_the_agent_of_the_act_already_told() {
    let told = "handed over 85 foreigners to Thai police at the border on Friday. \
         The handover of the 31 Nepalis followed months of pressure from Kathmandu.";
    let e = events(&format!("The Kachin Independence Army {told}"), None);
    assert_eq!(
        e,
        [
            "Deportation Kachin Independence Army ?:85 - - -",
            "Deportation Kachin Independence Army Nepal:31 - Kathmandu -"
        ]
    );
    // Told without a named agent, the act's agent stays unknown: Kathmandu, where the
    // pressure came from, does not make it Nepal's.
    let e = events(&format!("A rebel militia {told}"), None);
    assert_eq!(
        e,
        [
            "Deportation - ?:85 - - -",
            "Deportation - Nepal:31 - Kathmandu -"
        ]
    );
}

#[test]
fn a_repatriation_without_an_agent_is_the_patients_own_state() {
    assert_eq!(
        events(
            "Thai police detained 40 people at a casino. The embassy repatriated 18 Nepalis on Monday.",
            Some("2025-03-12")
        )
        .last()
        .map(String::as_str),
        Some("Repatriation Nepal Nepal:18 - - 2025-03-10")
    );
}

#[test]
fn a_counted_part_of_them_has_the_nationality_of_the_whole() {
    let e = events(
        "Myanmar police freed 44 Nepali workers in May. Thirty of them have since returned home.",
        None,
    );
    assert_eq!(
        e.last().map(String::as_str),
        Some("Repatriation Nepal Nepal:30 - - -")
    );
    // A part no smaller than the group before it is not its part.
    let e = events(
        "Myanmar police freed 20 Nepali workers in May. Thirty of them have since returned home.",
        None,
    );
    assert!(!e.iter().any(|x| x.contains("Nepal:30")), "{e:?}");
}

#[test]
fn bare_police_act_for_the_state_the_sentence_opens_in() {
    let e = events(
        "Thai police arrested 12 people in Bangkok. In Malaysia, police detained 20 suspects. \
         In Indonesia, 15 workers were detained by police.",
        None,
    );
    assert_eq!(
        e,
        [
            "Arrest Thailand ?:12 - Bangkok -",
            "Arrest Malaysia ?:20 - - -",
            "Arrest Indonesia ?:15 - - -"
        ]
    );
}

#[test]
fn a_state_named_only_through_its_agency_is_an_entity_of_the_document() {
    let x = run(
        "The Bureau of Immigration deported 12 Chinese nationals.",
        None,
    );
    assert!(!x.events.is_empty());
    for key in x.events.iter().filter_map(|e| e.agent.as_ref()) {
        assert!(
            x.entity(key).is_some(),
            "{key} is no entity of the document"
        );
    }
    let philippines = x
        .entity("state/philippines")
        .expect("the Philippines is implied");
    assert_eq!(philippines.name, "Philippines");
    assert_eq!(philippines.mentions[0].text, "Bureau of Immigration");
}

#[test]
fn a_passive_subject_before_an_apposition_is_the_patient() {
    assert_eq!(
        events(
            "Malaysian police named four suspects. Three of them, a couple and their driver who ran a travel agency in Penang, were arrested in Ipoh on Friday.",
            None
        ),
        ["Arrest Malaysia ?:3 - Ipoh -"]
    );
    // A clause that ends before the verb is no apposition of its subject.
    assert_eq!(
        events(
            "Four suspects fled. Police said on Friday, in a statement, that nobody was arrested.",
            None
        ),
        Vec::<String>::new()
    );
}

#[test]
fn the_partner_is_the_name_after_a_possessive_role() {
    for role in [
        "his counterpart",
        "his Malaysian counterpart",
        "her Malaysian counterpart",
    ] {
        assert_eq!(
            events(
                &format!(
                    "Foreign Minister Maria Santos held talks in Manila with {role}, Amir Hassan."
                ),
                None
            ),
            ["Meeting Maria Santos - Amir Hassan Manila -"],
            "{role}"
        );
    }
}

#[test]
fn passive_sanctions_on_targets_coordinated_before_the_verb() {
    let e = events(
        "Golden Reef Holdings, the casino group that built the resort, and its chairman Lim Boon Seng were sanctioned by the United States in May.",
        None,
    );
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e.iter()
            .any(|x| x.starts_with("Sanction United States Lim Boon Seng ")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|x| x.starts_with("Sanction United States Golden Reef Holdings ")),
        "{e:?}"
    );
    let e = events(
        "Silver Lotus Group and its founder Chen Ming were sanctioned by Britain.",
        None,
    );
    assert_eq!(
        e,
        [
            "Sanction United Kingdom Chen Ming - - -",
            "Sanction United Kingdom Silver Lotus Group - - -"
        ]
    );
}

#[test]
fn the_object_inside_a_split_verb_is_its_patient() {
    assert_eq!(
        events(
            "Malaysian police took 52 people into custody in Johor.",
            None
        ),
        ["Arrest Malaysia ?:52 - Johor -"]
    );
}

#[test]
fn a_demonym_before_a_people_noun_is_a_group_and_before_another_noun_is_not() {
    assert_eq!(
        events("Thailand deported Kenyan workers on Monday.", None),
        ["Deportation Thailand Kenya:? - - -"]
    );
    // "Japanese firms" are no people brought home.
    assert_eq!(
        events(
            "The ministry hopes to bring Japanese firms back to the bond market.",
            None
        ),
        Vec::<String>::new()
    );
}

#[test]
fn the_subject_of_a_later_clause_is_not_the_patient_of_its_passive_verb() {
    let e = events(
        "Myanmar police freed 40 Kenyans. Kenya's ambassador, Ruth Wanjiru, said they would be flown home next week.",
        None,
    );
    assert!(e.iter().all(|x| !x.contains("Ruth Wanjiru")), "{e:?}");
}

#[test]
fn a_state_after_a_preposition_and_its_article_does_not_act() {
    let e = events(
        "Police raided the villa after a tip-off from the South Korean embassy.",
        None,
    );
    assert!(
        e.iter().all(|x| !x.starts_with("Raid South Korea")),
        "{e:?}"
    );
}

#[test]
fn staff_transferred_to_work_and_a_return_to_the_fold_are_no_events() {
    for text in [
        "The company plans to transfer about 300 employees to work at the new plant.",
        "Some 900 miners will be transferred to other pits or offered early retirement.",
        "The bank said 40 staff were transferred to another branch in Leeds.",
        "Party leaders moved to bring Senator John Reyes back into the fold.",
    ] {
        assert_eq!(events(text, None), Vec::<String>::new(), "{text}");
    }
    // The in-domain senses stay.
    assert_eq!(
        events(
            "Thai police transferred 30 Chinese nationals to Chinese police.",
            None
        )
        .len(),
        1
    );
}

#[test]
fn the_events_of_a_breakdown_happened_where_and_when_the_whole_did() {
    let e = events(
        "Malaysian police detained 300 people in Johor on Monday. Of the 300 people detained, 120 were Chinese and 80 Vietnamese.",
        Some("2025-03-12"),
    );
    assert!(
        e.contains(&"Arrest Malaysia China:120 - Johor 2025-03-10".to_string()),
        "{e:?}"
    );
    assert!(
        e.contains(&"Arrest Malaysia Vietnam:80 - Johor 2025-03-10".to_string()),
        "{e:?}"
    );
}

#[test]
fn a_person_described_as_the_object_is_the_one_the_next_sentence_names() {
    let told =
        "Malaysia on Friday extradited to China a businessman accused of running a gambling ring.";
    assert_eq!(
        events(
            &format!("{told} Chen Ming, 52, was put on a flight to Kunming."),
            None
        ),
        ["Extradition Malaysia Chen Ming - - -"]
    );
    // A next sentence that opens with no person names no one.
    assert_eq!(
        events(&format!("{told} The ring had run for years."), None),
        Vec::<String>::new()
    );
}

#[test]
fn there_is_the_place_named_before_not_a_nearer_one_after() {
    let e = events(
        "Thai troops crossed the river from Kanchanaburi, a town some 50 kilometres west of Bangkok, after soldiers raided two camps there, an official in Tak province said.",
        None,
    );
    assert_eq!(e, ["Raid Thailand - - Kanchanaburi -"]);
    // A place with no name between ("from the zone") is what "there" means.
    let e = events(
        "The embassy in Yangon helped free 30 workers from the zone in May, following raids there by Myanmar police.",
        None,
    );
    assert!(e.iter().all(|x| !x.contains("Yangon")), "{e:?}");
}

#[test]
fn cutting_supplies_closes_but_cutting_their_cost_does_not() {
    assert_eq!(
        events(
            "Thailand cut electricity, fuel and internet supplies to Myawaddy on Wednesday.",
            Some("2025-02-07")
        ),
        ["BorderClosure Thailand - - Myawaddy 2025-02-05"]
    );
    for text in [
        "Exxon Corp cut power costs by 10 pct.",
        "Guerrillas cut power lines to the Thai plant.",
        "The junta vowed to shut down the compounds along its border with Thailand.",
        "Police closed three scam centres near the border on Monday.",
    ] {
        let found = events(text, None);
        assert!(
            !found.iter().any(|e| e.starts_with("BorderClosure")),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn the_nearest_speaker_before_an_event_reports_it() {
    let x = run(
        "Indonesia said it had repatriated 400 of its citizens, while South Korean police \
         said six Koreans had been detained at Incheon airport. Two men were arrested in \
         Bangkok on Friday, the Interior Ministry said.",
        None,
    );
    let reporter = |kind: &str, n: usize| {
        let e = x
            .events
            .iter()
            .filter(|e| e.kind == kind)
            .nth(n)
            .expect(kind);
        e.reported_by
            .as_deref()
            .map(|k| x.entity_name(k).to_string())
    };
    assert_eq!(reporter("Repatriation", 0).as_deref(), Some("Indonesia"));
    assert_eq!(reporter("Arrest", 0).as_deref(), Some("South Korea"));
    assert_eq!(reporter("Arrest", 1).as_deref(), Some("Interior Ministry"));
}

#[test]
fn an_attack_on_another_states_soil_has_that_state_as_the_other_side() {
    assert_eq!(
        events(
            "Thai forces shelled civilian areas in Oddar Meanchey province on Friday.",
            Some("2025-07-26")
        ),
        ["ArmedClash Thailand - Cambodia Oddar Meanchey 2025-07-25"]
    );
    assert_eq!(
        events(
            "Thai and Cambodian troops exchanged artillery fire along the border.",
            None
        ),
        ["ArmedClash Thailand - Cambodia - -"]
    );
    // Shells hitting a ship are munitions, not a clash stated.
    assert!(events(
        "A German navy ship was hit by artillery shells from a Polish vessel in Gdansk.",
        None
    )
    .is_empty());
}

#[test]
fn an_agentless_act_takes_the_agent_of_the_act_told_just_before() {
    let found = events(
        "Philippine authorities raided a gaming hub in Pasay on Thursday. A commission said \
         30 people were arrested. In Laos, police detained 771 people last week.",
        None,
    );
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("Arrest Philippines ?:30")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|e| e.starts_with("Arrest Laos ?:771")),
        "{found:?}"
    );
}

#[test]
fn a_relative_clause_passive_takes_the_phrase_it_follows() {
    assert_eq!(
        events(
            "Chinese police took custody of 11 members of the Ming family crime syndicate, \
             who were extradited from Myanmar in January.",
            Some("2025-02-01")
        ),
        [
            "Arrest China ?:11 - - 2025-01",
            "Extradition Myanmar ?:11 - - 2025-01"
        ]
    );
}

#[test]
fn the_narrower_of_two_places_is_where_it_happened() {
    assert_eq!(
        events(
            "A compound in Chroy Changvar, Phnom Penh, was raided on Tuesday.",
            Some("2024-05-23")
        ),
        ["Raid Cambodia - - Chroy Changvar 2024-05-21"]
    );
}

#[test]
fn forced_labour_in_a_compound_is_trafficking_where_it_was_done() {
    let found = events(
        "Forty-six Indonesians returned home on Friday. Several said they had been held at \
         KK Park, a sprawling complex south of Myawaddy, where they were forced to run \
         romance scams.",
        None,
    );
    assert!(
        found.contains(&"Trafficking - Indonesia:46 - KK Park -".to_string()),
        "{found:?}"
    );
    assert!(events("The company was forced to close its factory.", None).is_empty());
}

#[test]
fn discussing_something_with_someone_is_a_meeting() {
    assert_eq!(
        events(
            "Interior Minister Sar Sokha discussed the repatriation with his Thai counterpart \
             Anutin Charnvirakul in Bangkok on Monday.",
            Some("2025-03-04")
        ),
        ["Meeting Sar Sokha - Anutin Charnvirakul Bangkok 2025-03-03"]
    );
}

#[test]
fn a_passive_sanction_lists_no_targets_in_its_by_phrase() {
    let found = events(
        "Huione Group, a Cambodian conglomerate, was designated by the US Treasury's \
         Financial Crimes Enforcement Network as a money laundering concern.",
        None,
    );
    assert_eq!(found, ["Sanction United States Huione Group - - -"]);
}

#[test]
fn who_tells_of_trafficking_is_not_its_agent() {
    let found = events(
        "The Presidential Anti-Organized Crime Commission said the raid found evidence of \
         human trafficking.",
        None,
    );
    assert!(
        found
            .iter()
            .all(|e| !e.starts_with("Trafficking Presidential")),
        "{found:?}"
    );
}

#[test]
fn all_of_a_kind_is_a_group_without_a_count() {
    let x = run(
        "The Democratic Karen Buddhist Army said it would expel all foreigners working in \
         scam centres.",
        None,
    );
    let e = x.events.first().expect("an expulsion");
    assert_eq!(e.kind, "Deportation");
    assert_eq!(e.modality, Modality::Planned);
    match &e.patient {
        Some(Participant::Group(g)) => assert_eq!(g.mention.text, "all foreigners"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_state_a_headline_names_is_the_unnamed_side() {
    // The body names Thailand more often than Indonesia; the headline says whose story it is.
    let doc = test_document(
        "Indonesia brings workers home\nIndonesian workers left Thailand on Monday. They had \
         crossed into Thailand in April. \"This was possible because of close coordination with \
         the Thai government,\" an official said. Most had been promised jobs in Thailand.",
        None,
    );
    let x = crate::extract::extract(doc, Knowledge::embedded());
    let cooperation: Vec<(String, String)> = x
        .events
        .iter()
        .filter(|e| e.kind == "Cooperation")
        .map(|e| {
            let name = |k: &Option<String>| -> String {
                k.as_deref()
                    .map_or("-".to_string(), |k| x.entity_name(k).to_string())
            };
            (name(&e.agent), name(&e.partner))
        })
        .collect();
    assert_eq!(
        cooperation,
        [("Indonesia".to_string(), "Thailand".to_string())]
    );
}

#[test]
fn police_sharing_and_hotlines_are_cooperation() {
    let got = events(
        "Cambodia and Thailand met on Monday. The two sides agreed to set up a hotline between \
         police in Poipet and Aranyaprathet. Laos will share intelligence with Vietnam.",
        None,
    );
    let cooperation: Vec<&String> = got
        .iter()
        .filter(|e| e.starts_with("Cooperation"))
        .collect();
    assert_eq!(cooperation.len(), 2, "{got:?}");
    assert!(
        cooperation[0].starts_with("Cooperation Cambodia - Thailand"),
        "{got:?}"
    );
    assert!(
        cooperation[1].starts_with("Cooperation Laos - Vietnam"),
        "{got:?}"
    );
}
