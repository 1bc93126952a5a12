//! The recogniser's tags: BILOU (begin, inside, last, unit) for each kind of name, and O
//! outside a name. Greedy decoding stays well-formed by allowing only the tags that can follow
//! the one before.

/// The kinds of name the recogniser tells apart (CoNLL-2003's four).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    Person,
    Organisation,
    Location,
    /// Nationalities, events, works and other names (CoNLL's MISC).
    Other,
}

impl NameKind {
    pub const ALL: [NameKind; 4] = [
        NameKind::Person,
        NameKind::Organisation,
        NameKind::Location,
        NameKind::Other,
    ];

    /// The CoNLL-2003 label ("PER").
    pub fn conll(self) -> &'static str {
        match self {
            NameKind::Person => "PER",
            NameKind::Organisation => "ORG",
            NameKind::Location => "LOC",
            NameKind::Other => "MISC",
        }
    }

    pub fn from_conll(label: &str) -> Option<NameKind> {
        NameKind::ALL.into_iter().find(|k| k.conll() == label)
    }
}

/// A name found in a sentence: tokens `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NameSpan {
    pub start: usize,
    pub end: usize,
    pub kind: NameKind,
}

pub const OUTSIDE: usize = 0;
pub const N_TAGS: usize = 1 + 4 * NameKind::ALL.len();

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Begin,
    Inside,
    Last,
    Unit,
}

const PARTS: [Part; 4] = [Part::Begin, Part::Inside, Part::Last, Part::Unit];

fn tag(kind: NameKind, part: Part) -> usize {
    let k = NameKind::ALL.iter().position(|&x| x == kind).unwrap_or(0);
    let p = PARTS.iter().position(|&x| x == part).unwrap_or(0);
    1 + 4 * k + p
}

fn parts(tag: usize) -> Option<(NameKind, Part)> {
    (tag != OUTSIDE && tag < N_TAGS).then(|| (NameKind::ALL[(tag - 1) / 4], PARTS[(tag - 1) % 4]))
}

/// A name is open after this tag: the next tag must go on with it.
pub fn is_open(tag: usize) -> bool {
    matches!(parts(tag), Some((_, Part::Begin | Part::Inside)))
}

/// Can `next` follow `previous`? Inside and last tags only go on with an open name of their
/// kind; any other tag may follow anything, and after an open name it closes that name first
/// ([`closed`]), so that one early mistake does not carry a name on through the sentence.
pub fn may_follow(previous: usize, next: usize) -> bool {
    match (parts(previous), parts(next)) {
        (Some((k, Part::Begin | Part::Inside)), Some((j, Part::Inside | Part::Last))) => k == j,
        (_, Some((_, Part::Inside | Part::Last))) => false,
        _ => true,
    }
}

/// Does `next` go on with the name `previous` left open?
pub fn goes_on(previous: usize, next: usize) -> bool {
    is_open(previous) && matches!(parts(next), Some((_, Part::Inside | Part::Last)))
}

/// An open name's tag closed where it stands: begin becomes unit, inside becomes last.
pub fn closed(tag: usize) -> usize {
    match parts(tag) {
        Some((k, Part::Begin)) => self::tag(k, Part::Unit),
        Some((k, Part::Inside)) => self::tag(k, Part::Last),
        _ => tag,
    }
}

/// The tags of a sentence of `len` tokens holding `names` (which must not overlap).
pub fn tags_of(len: usize, names: &[NameSpan]) -> Vec<usize> {
    let mut tags = vec![OUTSIDE; len];
    for n in names {
        if n.end > len || n.start >= n.end {
            continue;
        }
        if n.end - n.start == 1 {
            tags[n.start] = tag(n.kind, Part::Unit);
            continue;
        }
        tags[n.start] = tag(n.kind, Part::Begin);
        for t in &mut tags[n.start + 1..n.end - 1] {
            *t = tag(n.kind, Part::Inside);
        }
        tags[n.end - 1] = tag(n.kind, Part::Last);
    }
    tags
}

/// The names a sequence of tags holds. A name left open at the end closes there.
pub fn names_of(tags: &[usize]) -> Vec<NameSpan> {
    let mut names = Vec::new();
    let mut open: Option<(usize, NameKind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match parts(t) {
            Some((kind, Part::Unit)) => names.push(NameSpan {
                start: i,
                end: i + 1,
                kind,
            }),
            Some((kind, Part::Begin)) => open = Some((i, kind)),
            Some((kind, Part::Last)) => {
                if let Some((start, _)) = open.take() {
                    names.push(NameSpan {
                        start,
                        end: i + 1,
                        kind,
                    });
                }
            }
            _ => {}
        }
    }
    if let Some((start, kind)) = open {
        names.push(NameSpan {
            start,
            end: tags.len(),
            kind,
        });
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_survive_a_round_trip_through_tags() {
        let names = vec![
            NameSpan {
                start: 0,
                end: 1,
                kind: NameKind::Location,
            },
            NameSpan {
                start: 2,
                end: 5,
                kind: NameKind::Person,
            },
        ];
        let tags = tags_of(6, &names);
        assert_eq!(names_of(&tags), names);
        for pair in tags.windows(2) {
            assert!(may_follow(pair[0], pair[1]));
        }
    }

    #[test]
    fn an_open_name_allows_only_its_own_continuation() {
        let begin = tag(NameKind::Person, Part::Begin);
        assert!(is_open(begin));
        assert!(may_follow(begin, tag(NameKind::Person, Part::Last)));
        assert!(!may_follow(begin, tag(NameKind::Organisation, Part::Last)));
        assert!(may_follow(begin, OUTSIDE));
        assert!(!goes_on(begin, OUTSIDE));
        assert_eq!(closed(begin), tag(NameKind::Person, Part::Unit));
        assert!(!may_follow(OUTSIDE, tag(NameKind::Person, Part::Inside)));
        assert!(may_follow(OUTSIDE, tag(NameKind::Location, Part::Unit)));
    }
}
