//! Dates in text: absolute ("March 1, 2025", "1 March", "Nov. 28", "February 22 and 23",
//! "March 2024"), months ("in March", "late May"), and relative expressions ("on Saturday",
//! "this Friday", "yesterday", "last month") resolved against the document date. Without a
//! document date a date that needs one is left out: no date is invented.

use crate::model::{DatePrecision, DateValue, Document, Sentence, Span};
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use std::sync::OnceLock;
pub(crate) use windows::is_month;
use windows::{date_windows, NEED_THE_ARTICLE_DATE};

mod windows;

#[derive(Debug, Clone)]
pub struct FoundDate {
    pub sentence: usize,
    pub span: Span,
    /// Token range within the sentence.
    pub tokens: (usize, usize),
    pub value: DateValue,
}

pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub(crate) fn month_number(s: &str) -> Option<i8> {
    let l = s.trim_end_matches('.').to_lowercase();
    if l.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == l || (l.len() >= 3 && m.starts_with(&l) && (l.len() == 3 || l == "sept"))
        })
        .map(|i| i as i8 + 1)
}

/// The weekday a lower-case word names ("wednesday").
pub(crate) fn weekday_named(w: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(n, _)| *n == w).map(|(_, d)| *d)
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

struct Patterns {
    iso: Regex,
    month_day: Regex,
    day_month: Regex,
    month_year: Regex,
    month_alone: Regex,
    weekday: Regex,
    relative: Regex,
    year: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let m = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
        // ASCII classes and boundaries: dates are written in ASCII digits and letters, and
        // Unicode \d, \s and \b make the automata many times larger, slower to build and to run.
        // The patterns only ever run on a few tokens around a date word (`windows`), where a
        // literal prefilter finds nothing to skip: without one (and without the full DFA),
        // compiling them takes a fifth of what `regex` would spend at every start-up.
        let re = |s: String| {
            Regex::builder()
                .configure(
                    meta::Config::new()
                        .dfa(false)
                        .auto_prefilter(false),
                )
                .syntax(syntax::Config::new().unicode(false).utf8(false))
                .build(&s)
                .expect("static date pattern")
        };
        Patterns {
            iso: re(r"\b(\d{4})-(\d{2})-(\d{2})\b".into()),
            month_day: re(format!(
                r"\b{m}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*(?:and|-|–|to)\s*\d{{1,2}}(?:st|nd|rd|th)?\b)?(?:,?\s+(\d{{4}})\b)?"
            )),
            day_month: re(format!(
                r"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:and|-|–|to)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+{m}(?:,?\s+(\d{{4}})\b)?"
            )),
            month_year: re(format!(r"\b(?:(?:early|mid|late|mid-)\s*)?{m},?\s+(\d{{4}})\b")),
            month_alone: re(format!(
                r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]rom|[Tt]hrough|[Ee]arly|[Ll]ate|[Mm]id-?|[Ee]nd of|[Ss]tart of|[Tt]his|[Ll]ast)\s+(?:(?:early|late|mid-?)\s*)?{m}\b"
            )),
            weekday: re(r"\b(?:(last|this|next|on|early on|late on|since|by|until)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b".into()),
            relative: re(r"(?i)\b(yesterday|today|tonight|last night|this week|last week|last weekend|over the weekend|this weekend|this month|earlier this month|last month|next month|this year|last year|earlier this year)\b".into()),
            year: re(r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ll]ate|[Ee]arly|[Mm]id-)\s+(?:(?:early|late|mid-)\s*)?((?:19|20)\d{2})\b".into()),
        }
    })
}

/// The groups of one match, as text.
struct Groups<'a> {
    caps: &'a Captures,
    text: &'a str,
}

impl<'a> Groups<'a> {
    fn get(&self, i: usize) -> Option<&'a str> {
        self.caps
            .get_group(i)
            .and_then(|g| self.text.get(g.range()))
    }
}

impl Patterns {
    /// In the order `resolve` numbers them, which is also the order of the pattern bits of
    /// `windows` (ISO, MONTH_DAY, …, YEAR): reordering one means reordering the other.
    fn all(&self) -> [&Regex; 8] {
        [
            &self.iso,
            &self.month_day,
            &self.day_month,
            &self.month_year,
            &self.month_alone,
            &self.weekday,
            &self.relative,
            &self.year,
        ]
    }
}

fn infer_year(doc_date: Option<Date>, month: i8, day: Option<i8>) -> Option<i16> {
    let d = doc_date?;
    let candidate = Date::new(d.year(), month, day.unwrap_or(1)).ok()?;
    // News reports the past: a month well after the article date is last year's.
    if candidate > d.checked_add(31.days()).ok()? {
        Some(d.year() - 1)
    } else {
        Some(d.year())
    }
}

fn day_value(y: i16, m: i8, d: i8) -> Option<DateValue> {
    let date = Date::new(y, m, d).ok()?;
    Some(DateValue {
        iso: date.to_string(),
        precision: DatePrecision::Day,
    })
}

fn month_value(y: i16, m: i8) -> DateValue {
    DateValue {
        iso: format!("{y:04}-{m:02}"),
        precision: DatePrecision::Month,
    }
}

fn year_value(y: i16) -> DateValue {
    DateValue {
        iso: format!("{y:04}"),
        precision: DatePrecision::Year,
    }
}

fn shift_month(d: Date, months: i32) -> Option<Date> {
    d.first_of_month().checked_add(months.months()).ok()
}

/// Resolves one match to a date value. `kind` says which pattern matched.
fn resolve(kind: usize, caps: &Groups, doc: Option<Date>) -> Option<DateValue> {
    let num = |i: usize| caps.get(i).and_then(|m| m.parse::<i64>().ok());
    match kind {
        0 => day_value(num(1)? as i16, num(2)? as i8, num(3)? as i8),
        1 | 2 => {
            let (month, day) = if kind == 1 {
                (month_number(caps.get(1)?)?, num(2)? as i8)
            } else {
                (month_number(caps.get(2)?)?, num(1)? as i8)
            };
            let year = match num(3) {
                Some(y) => y as i16,
                None => infer_year(doc, month, Some(day))?,
            };
            day_value(year, month, day)
        }
        3 => Some(month_value(num(2)? as i16, month_number(caps.get(1)?)?)),
        4 => {
            let month = month_number(caps.get(1)?)?;
            Some(month_value(infer_year(doc, month, None)?, month))
        }
        5 => {
            let d = doc?;
            let wd = caps.get(2)?.to_lowercase();
            let target = weekday_named(&wd)?;
            let prefix = caps.get(1).map(str::to_lowercase);
            let date = match prefix.as_deref() {
                Some("this") | Some("next") => {
                    let mut x = d;
                    while x.weekday() != target {
                        x = x.tomorrow().ok()?;
                    }
                    if prefix.as_deref() == Some("next") && x == d {
                        x = x.checked_add(7.days()).ok()?;
                    }
                    x
                }
                Some("last") => {
                    let mut x = d.yesterday().ok()?;
                    while x.weekday() != target {
                        x = x.yesterday().ok()?;
                    }
                    x
                }
                _ => {
                    let mut x = d;
                    while x.weekday() != target {
                        x = x.yesterday().ok()?;
                    }
                    x
                }
            };
            Some(DateValue {
                iso: date.to_string(),
                precision: DatePrecision::Day,
            })
        }
        6 => {
            let d = doc?;
            let w = caps.get(1)?.to_lowercase();
            Some(match w.as_str() {
                "yesterday" | "last night" => DateValue {
                    iso: d.yesterday().ok()?.to_string(),
                    precision: DatePrecision::Day,
                },
                "today" | "tonight" => DateValue {
                    iso: d.to_string(),
                    precision: DatePrecision::Day,
                },
                "this week" | "this weekend" | "this month" | "earlier this month" => {
                    month_value(d.year(), d.month())
                }
                "last week" => {
                    let x = d.checked_sub(7.days()).ok()?;
                    month_value(x.year(), x.month())
                }
                "last weekend" | "over the weekend" => {
                    let mut x = d.yesterday().ok()?;
                    while x.weekday() != Weekday::Saturday {
                        x = x.yesterday().ok()?;
                    }
                    month_value(x.year(), x.month())
                }
                "last month" => {
                    let x = shift_month(d, -1)?;
                    month_value(x.year(), x.month())
                }
                "next month" => {
                    let x = shift_month(d, 1)?;
                    month_value(x.year(), x.month())
                }
                "this year" | "earlier this year" => year_value(d.year()),
                "last year" => year_value(d.year() - 1),
                _ => return None,
            })
        }
        7 => Some(year_value(num(1)? as i16)),
        _ => None,
    }
}

/// Compiles the date patterns now rather than at the first sentence with a date word (the
/// pipeline does it beside its other start-up work).
pub fn prepare() {
    patterns();
}

pub fn find(doc: &Document, sentences: &[Sentence]) -> Vec<FoundDate> {
    let p = patterns();
    let doc_date: Option<Date> = doc.date.as_deref().and_then(|d| d.parse().ok());
    let regexes = p.all();
    // Without the article's date a bare month, a weekday or "last week" resolves to nothing:
    // those patterns are not run at all.
    let runnable: u8 = if doc_date.is_some() {
        u8::MAX
    } else {
        !NEED_THE_ARTICLE_DATE
    };
    let mut out = Vec::new();
    for s in sentences {
        let windows = date_windows(s);
        if windows.is_empty() {
            continue;
        }
        let text = doc.slice(s.span);
        let mut cands: Vec<(usize, usize, DateValue)> = Vec::new();
        for (first, end, patterns) in windows {
            let from = s.tokens[first].span.start - s.span.start;
            let to = s.tokens[end - 1].span.end - s.span.start;
            let patterns = patterns & runnable;
            for (kind, re) in regexes
                .iter()
                .enumerate()
                .filter(|(i, _)| patterns & (1 << i) != 0)
            {
                let window = &text[from..to];
                for caps in re.captures_iter(window) {
                    let Some(m) = caps.get_match() else { continue };
                    if let Some(v) = resolve(
                        kind,
                        &Groups {
                            caps: &caps,
                            text: window,
                        },
                        doc_date,
                    ) {
                        cands.push((from + m.start(), from + m.end(), v));
                    }
                }
            }
        }
        // Of overlapping expressions the longest wins, wherever it starts: "in July 2024" is
        // July 2024, not "in July" of the article's year.
        cands.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
        let mut kept: Vec<(usize, usize, DateValue)> = Vec::new();
        for c in cands {
            if kept.iter().all(|k| c.1 <= k.0 || k.1 <= c.0) {
                kept.push(c);
            }
        }
        kept.sort_by_key(|c| c.0);
        for (a, b, v) in kept {
            let span = Span::new(s.span.start + a, s.span.start + b);
            let t0 = s
                .tokens
                .iter()
                .position(|t| t.span.end > span.start)
                .unwrap_or(0);
            let t1 = s
                .tokens
                .iter()
                .rposition(|t| t.span.start < span.end)
                .map_or(t0 + 1, |i| i + 1);
            out.push(FoundDate {
                sentence: s.index,
                span,
                tokens: (t0, t1),
                value: v,
            });
        }
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) fn doc(text: &str, date: Option<&str>) -> Document {
        Document::uncleaned(text, date)
    }

    pub(crate) fn dates(text: &str, date: Option<&str>) -> Vec<String> {
        let k = crate::knowledge::Knowledge::embedded();
        let doc = doc(text, date);
        let s = crate::text::sentences(&doc, &k.lexicon);
        find(&doc, &s).into_iter().map(|d| d.value.iso).collect()
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            dates("Raids on March 13, 2024 and on 5 June 2023.", None),
            ["2024-03-13", "2023-06-05"]
        );
        assert_eq!(
            dates("The raids on February 22 and 23 ended.", Some("2025-03-03")),
            ["2025-02-22"]
        );
        assert_eq!(
            dates("Arrested on Nov. 28 in Bokeo.", Some("2023-12-06")),
            ["2023-11-28"]
        );
        assert_eq!(dates("Sanctioned in March 2024.", None), ["2024-03"]);
        // The year is part of the month even where "in July" alone could be this year's.
        assert_eq!(
            dates("Ordered in July 2024, before the ban.", Some("2025-09-06")),
            ["2024-07"]
        );
    }

    #[test]
    fn relative_dates_need_a_document_date() {
        assert_eq!(
            dates("Police said on Saturday that it ended.", Some("2025-03-03")),
            ["2025-03-01"]
        );
        assert_eq!(
            dates("They will leave this Friday.", Some("2025-03-03")),
            ["2025-03-07"]
        );
        assert_eq!(
            dates("The order came last month.", Some("2025-06-18")),
            ["2025-05"]
        );
        assert_eq!(
            dates("It happened in December.", Some("2025-01-10")),
            ["2024-12"]
        );
        assert!(dates("Police said on Saturday that it ended in March.", None).is_empty());
    }

    #[test]
    fn the_patterns_not_run_without_an_article_date_resolve_only_with_one() {
        let p = patterns();
        for (kind, sample) in [(4, "in March"), (5, "on Saturday"), (6, "last month")] {
            assert!(NEED_THE_ARTICLE_DATE & (1 << kind) != 0, "{sample}");
            let mut caps = p.all()[kind].create_captures();
            p.all()[kind].captures(sample, &mut caps);
            assert!(caps.is_match(), "{sample}");
            let caps = Groups {
                caps: &caps,
                text: sample,
            };
            assert!(resolve(kind, &caps, None).is_none(), "{sample}");
            assert!(
                resolve(kind, &caps, "2025-03-03".parse().ok()).is_some(),
                "{sample}"
            );
        }
        assert_eq!(NEED_THE_ARTICLE_DATE.count_ones(), 3);
    }
}
