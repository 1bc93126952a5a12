//! Dates in questions: "on Wednesday", "in June 2024", "in 2024", "on 12 June", "June 12,
//! 2024", "2024-06-12" restrict the answers to events dated then. An event's date is what the
//! store holds (`ng:date`: a day, a month or a year). An event dated otherwise, or less
//! precisely than the question asks (a yearly total is not "on Wednesday"), is left out; an
//! undated one is kept, since many reports give an act's date in a sentence that does not
//! name the act, and the answer shows that it has no date.

use crate::extract::dates::{month_number, weekday_named, MONTHS};
use jiff::civil::{Date, Weekday};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// "on Wednesday": any Wednesday (questions have no "today" to count from).
    Weekday(Weekday),
    Year(i16),
    Month {
        year: Option<i16>,
        month: i8,
    },
    Day {
        year: Option<i16>,
        month: i8,
        day: i8,
    },
}

/// Words after which a month name is a date, not a verb ("may") or a name.
const MONTH_OPENERS: [&str; 9] = [
    "in", "on", "during", "since", "of", "early", "late", "mid", "by",
];

fn year(word: &str) -> Option<i16> {
    let y: i16 = word.parse().ok()?;
    (word.len() == 4 && (1900..=2100).contains(&y)).then_some(y)
}

fn day(word: &str) -> Option<i8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let d: i8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

impl When {
    /// The date a normalised (lower-case) question restricts its events to, if any.
    pub fn in_question(q: &str) -> Option<When> {
        let words: Vec<&str> = q
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let at = |i: usize| words.get(i).copied().unwrap_or("");
        let mut weekday = None;
        let mut bare_year = None;
        for (i, w) in words.iter().enumerate() {
            if let Ok(d) = w.parse::<Date>() {
                return Some(When::Day {
                    year: Some(d.year()),
                    month: d.month(),
                    day: d.day(),
                });
            }
            if let Some(month) = month_number(w).filter(|_| w.len() >= 3) {
                let before = if i > 0 { at(i - 1) } else { "" };
                let (day_before, day_after) = (day(before), day(at(i + 1)));
                let dated = MONTH_OPENERS.contains(&before)
                    || day_before.is_some()
                    || day_after.is_some()
                    || year(at(i + 1)).is_some();
                if !dated {
                    continue;
                }
                let year_at = if day_after.is_some() { i + 2 } else { i + 1 };
                let year = year(at(year_at));
                return Some(match day_before.or(day_after) {
                    Some(day) => When::Day { year, month, day },
                    None => When::Month { year, month },
                });
            }
            if let Some(wd) = weekday_named(w) {
                weekday.get_or_insert(wd);
            }
            if i > 0 && matches!(at(i - 1), "in" | "during") {
                bare_year = bare_year.or(year(w));
            }
        }
        weekday.map(When::Weekday).or(bare_year.map(When::Year))
    }

    /// Whether an event dated `date` (ISO: "2024-06-12", "2024-06" or "2024") may meet it.
    pub fn admits(&self, date: Option<&str>) -> bool {
        let Some(date) = date else {
            return true;
        };
        let mut parts = date.splitn(3, '-');
        let y: Option<i16> = parts.next().and_then(|p| p.parse().ok());
        let m: Option<i8> = parts.next().and_then(|p| p.parse().ok());
        let d: Option<i8> = parts.next().and_then(|p| p.parse().ok());
        let Some(y) = y else {
            return false;
        };
        match *self {
            When::Year(year) => y == year,
            When::Month { year, month } => m == Some(month) && year.is_none_or(|x| x == y),
            When::Day { year, month, day } => {
                m == Some(month) && d == Some(day) && year.is_none_or(|x| x == y)
            }
            When::Weekday(w) => match (m, d) {
                (Some(m), Some(d)) => Date::new(y, m, d).is_ok_and(|x| x.weekday() == w),
                _ => false,
            },
        }
    }

    /// How the restriction reads in a note: "on a Wednesday", "in June 2024".
    pub fn describe(&self) -> String {
        // "june" → "June".
        let month_name = |m: i8| {
            let name = MONTHS[usize::try_from(m - 1).unwrap_or(0).min(11)];
            name[..1].to_uppercase() + &name[1..]
        };
        let with_year = |s: String, year: Option<i16>| match year {
            Some(y) => format!("{s} {y}"),
            None => s,
        };
        match *self {
            When::Weekday(w) => format!("on a {w:?}"),
            When::Year(y) => format!("in {y}"),
            When::Month { year, month } => with_year(format!("in {}", month_name(month)), year),
            When::Day { year, month, day } => {
                with_year(format!("on {day} {}", month_name(month)), year)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(q: &str) -> Option<When> {
        When::in_question(&crate::ask::question::normalise(q))
    }

    #[test]
    fn dates_in_questions() {
        assert_eq!(
            when("How many Thais were deported on Wednesday?"),
            Some(When::Weekday(Weekday::Wednesday))
        );
        assert_eq!(
            when("Who was arrested in June 2024?"),
            Some(When::Month {
                year: Some(2024),
                month: 6
            })
        );
        assert_eq!(
            when("Who did Cambodia deport on 12 June?"),
            Some(When::Day {
                year: None,
                month: 6,
                day: 12
            })
        );
        assert_eq!(
            when("Who was extradited on March 3rd, 2025?"),
            Some(When::Day {
                year: Some(2025),
                month: 3,
                day: 3
            })
        );
        assert_eq!(
            when("What happened on 2024-06-12?"),
            Some(When::Day {
                year: Some(2024),
                month: 6,
                day: 12
            })
        );
        assert_eq!(when("Who was deported in 2023?"), Some(When::Year(2023)));
    }

    #[test]
    fn counts_verbs_and_names_are_no_dates() {
        assert_eq!(when("How many of the 2024 deportees were Thai?"), None);
        assert_eq!(when("Who may have deported the Thais?"), None);
        assert_eq!(when("Who deported 1,200 people?"), None);
    }

    #[test]
    fn an_event_must_be_dated_as_precisely_as_asked() {
        let wednesday = When::Weekday(Weekday::Wednesday);
        assert!(wednesday.admits(Some("2024-06-12")));
        assert!(!wednesday.admits(Some("2024-06-13")));
        assert!(!wednesday.admits(Some("2024-06")));
        assert!(wednesday.admits(None), "an undated event is not ruled out");
        let june = When::Month {
            year: Some(2024),
            month: 6,
        };
        assert!(june.admits(Some("2024-06-12")) && june.admits(Some("2024-06")));
        assert!(!june.admits(Some("2024")) && !june.admits(Some("2025-06-01")));
        assert!(When::Year(2024).admits(Some("2024-06-12")));
        assert!(!When::Year(2024).admits(Some("2022")));
        assert_eq!(wednesday.describe(), "on a Wednesday");
        assert_eq!(june.describe(), "in June 2024");
    }
}
