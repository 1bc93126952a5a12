//! The dependency parser: greedy arc-hybrid transitions (Kuhlmann et al. 2011) scored by an
//! averaged perceptron over the stack, the buffer and the partial tree (Zhang and Nivre 2011's
//! feature set, pruned), trained with Goldberg and Nivre's (2013) dynamic oracle so that it
//! learns to recover from its own mistakes. The artificial root stands after the last word
//! (Ballesteros and Nivre 2013). Linear time: two transitions a word.
//!
//! Two models: one chooses the move (shift, left arc, right arc: three classes), the other the
//! label of each arc made, from the head, the dependent and the dependent's children (all of
//! them known by then, since a word leaves the stack complete). Scoring three classes for
//! every move and some fifty only once a word, instead of a hundred joint classes each move,
//! makes parsing several times faster.

use crate::learn::features::{WordFeatures, NONE, ROOT};
use crate::learn::perceptron::{Hasher, Model, Trainer};

/// No word: an empty position, a missing child or head.
pub const NO: usize = usize::MAX;

/// A transition; its class in the move model is its position here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Shift,
    Left,
    Right,
}

const MOVES: [Move; 3] = [Move::Shift, Move::Left, Move::Right];

/// How many classes the move model has.
pub const N_MOVES: usize = 3;

/// A parse in progress over `n` words; position `n` is the root.
struct State {
    n: usize,
    stack: Vec<usize>,
    front: usize,
    heads: Vec<usize>,
    labels: Vec<u16>,
    /// The two leftmost and two rightmost children of each word, nearest-to-edge first.
    left: Vec<[usize; 2]>,
    right: Vec<[usize; 2]>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            front: 0,
            heads: vec![NO; n + 1],
            labels: vec![0; n + 1],
            left: vec![[NO; 2]; n + 1],
            right: vec![[NO; 2]; n + 1],
            n_left: vec![0; n + 1],
            n_right: vec![0; n + 1],
        }
    }

    fn done(&self) -> bool {
        self.stack.is_empty() && self.front == self.n
    }

    fn legal(&self, m: Move) -> bool {
        match m {
            Move::Shift => self.front < self.n,
            Move::Left => !self.stack.is_empty(),
            Move::Right => self.stack.len() >= 2,
        }
    }

    /// The head the move would give the word on top of the stack.
    fn head_for(&self, m: Move) -> usize {
        match m {
            Move::Shift => NO,
            Move::Left => self.front,
            Move::Right => self.stack_at(1),
        }
    }

    fn apply(&mut self, m: Move, label: usize) {
        match m {
            Move::Shift => {
                self.stack.push(self.front);
                self.front += 1;
            }
            Move::Left => {
                let child = self.stack.pop().expect("legal LEFT");
                self.attach(self.front, child, label);
                // A child taken from the stack is left of its head, and further left than
                // every child the head has so far.
                let head = self.front;
                self.left[head] = [child, self.left[head][0]];
                self.n_left[head] = self.n_left[head].saturating_add(1);
            }
            Move::Right => {
                let child = self.stack.pop().expect("legal RIGHT");
                let head = *self.stack.last().expect("legal RIGHT");
                self.attach(head, child, label);
                self.right[head] = [child, self.right[head][0]];
                self.n_right[head] = self.n_right[head].saturating_add(1);
            }
        }
    }

    fn attach(&mut self, head: usize, child: usize, label: usize) {
        self.heads[child] = head;
        self.labels[child] = label as u16;
    }

    /// The label of the arc a word hangs from, as a feature value.
    fn label_value(&self, i: usize) -> u64 {
        if i == NO {
            NONE
        } else {
            u64::from(self.labels[i]) + 1
        }
    }

    fn stack_at(&self, k: usize) -> usize {
        self.stack
            .len()
            .checked_sub(k + 1)
            .map_or(NO, |i| self.stack[i])
    }

    /// The cost of each move under the gold tree: how many gold arcs it makes unreachable
    /// (Goldberg and Nivre 2013, arc-hybrid).
    fn cost(&self, m: Move, gold: &[usize]) -> usize {
        let s0 = self.stack_at(0);
        let b = self.front;
        let in_buffer = |k: usize| k != NO && k >= b;
        match m {
            Move::Shift => {
                let dependents = self.stack.iter().filter(|&&k| gold[k] == b).count();
                let head = gold[b];
                let lost_head = head != s0 && self.stack.contains(&head);
                dependents + usize::from(lost_head)
            }
            Move::Left => {
                let dependents = (b..self.n).filter(|&k| gold[k] == s0).count();
                let head = gold[s0];
                let lost_head = head != b && (head == self.stack_at(1) || in_buffer(head));
                dependents + usize::from(lost_head)
            }
            Move::Right => {
                let dependents = (b..self.n).filter(|&k| gold[k] == s0).count();
                dependents + usize::from(in_buffer(gold[s0]))
            }
        }
    }
}

/// Distance between two positions, bucketed.
fn distance(a: usize, b: usize) -> u64 {
    if a == NO || b == NO {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=9 => 5,
        _ => 6,
    }
}

/// The words and tags a state's features read.
struct Context<'a> {
    words: &'a [WordFeatures],
    tags: &'a [u16],
    n: usize,
}

impl Context<'_> {
    fn word(&self, i: usize) -> u64 {
        match i {
            NO => NONE,
            i if i == self.n => ROOT,
            i => self.words[i].lower,
        }
    }
    fn tag(&self, i: usize) -> u64 {
        match i {
            NO => NONE,
            i if i == self.n => ROOT,
            i => u64::from(self.tags[i]) + 1,
        }
    }
    fn suffix(&self, i: usize) -> u64 {
        match i {
            NO => NONE,
            i if i == self.n => ROOT,
            i => self.words[i].suffix[2],
        }
    }
    fn exact(&self, i: usize) -> u64 {
        match i {
            NO => NONE,
            i if i == self.n => ROOT,
            i => self.words[i].exact,
        }
    }
}

/// The best label for an arc: `root` exactly when the head is the root.
fn best_label<T: PartialOrd + Copy>(scores: &[T], to_root: bool, root_label: usize) -> usize {
    if to_root {
        return root_label;
    }
    let mut best = if root_label == 0 { 1 } else { 0 };
    for (label, score) in scores.iter().enumerate() {
        if label != root_label && *score > scores[best] {
            best = label;
        }
    }
    best
}

/// The features of a state: positions on the stack and in the buffer, their words and tags,
/// the outermost children found so far and their labels, distance and valency.
fn features(c: &Context, s: &State, out: &mut Vec<u64>) {
    out.clear();
    let label = |i: usize| s.label_value(i);
    let b0 = s.front;
    // The root (position n) is the buffer's last item.
    let b1 = if b0 < s.n { b0 + 1 } else { NO };
    let b2 = if b1 != NO && b1 < s.n { b1 + 1 } else { NO };
    let (s0, s1, s2) = (s.stack_at(0), s.stack_at(1), s.stack_at(2));
    let child = |side: &Vec<[usize; 2]>, i: usize, k: usize| if i == NO { NO } else { side[i][k] };
    let (s0l, s0l2) = (child(&s.left, s0, 0), child(&s.left, s0, 1));
    let (s0r, s0r2) = (child(&s.right, s0, 0), child(&s.right, s0, 1));
    let (b0l, b0l2) = (child(&s.left, b0, 0), child(&s.left, b0, 1));
    let (s1r, s1l) = (child(&s.right, s1, 0), child(&s.left, s1, 0));
    let (w, t) = (|i| c.word(i), |i| c.tag(i));
    let (s0w, s0t, b0w, b0t) = (w(s0), t(s0), w(b0), t(b0));
    let (s1w, s1t, b1w, b1t) = (w(s1), t(s1), w(b1), t(b1));
    let d = distance(s0, b0);
    let valency = |side: &Vec<u8>, i: usize| if i == NO { 99 } else { u64::from(side[i]) };
    let f = Hasher::new;
    out.extend([
        f(0).finish(),
        f(1).with(s0w).finish(),
        f(2).with(s0t).finish(),
        f(3).with(s0w).with(s0t).finish(),
        f(4).with(b0w).finish(),
        f(5).with(b0t).finish(),
        f(6).with(b0w).with(b0t).finish(),
        f(7).with(b1w).finish(),
        f(8).with(b1t).finish(),
        f(9).with(b1w).with(b1t).finish(),
        f(10).with(t(b2)).finish(),
        f(11).with(w(b2)).finish(),
        f(12).with(s1w).finish(),
        f(13).with(s1t).finish(),
        f(14).with(s1w).with(s1t).finish(),
        f(15).with(t(s2)).finish(),
        f(16).with(s0w).with(s0t).with(b0w).with(b0t).finish(),
        f(17).with(s0w).with(s0t).with(b0w).finish(),
        f(18).with(s0w).with(b0w).with(b0t).finish(),
        f(19).with(s0w).with(s0t).with(b0t).finish(),
        f(20).with(s0t).with(b0w).with(b0t).finish(),
        f(21).with(s0w).with(b0w).finish(),
        f(22).with(s0t).with(b0t).finish(),
        f(23).with(b0t).with(b1t).finish(),
        f(24).with(b0t).with(b1t).with(t(b2)).finish(),
        f(25).with(s0t).with(b0t).with(b1t).finish(),
        f(26).with(s1t).with(s0t).with(b0t).finish(),
        f(27).with(s0t).with(t(s0l)).with(b0t).finish(),
        f(28).with(s0t).with(t(s0r)).with(b0t).finish(),
        f(29).with(s0t).with(b0t).with(t(b0l)).finish(),
        f(30).with(s1t).with(s0t).with(t(s2)).finish(),
        f(31).with(s1t).with(t(s1r)).with(s0t).finish(),
        f(32).with(s0w).with(d).finish(),
        f(33).with(s0t).with(d).finish(),
        f(34).with(b0w).with(d).finish(),
        f(35).with(b0t).with(d).finish(),
        f(36).with(s0t).with(b0t).with(d).finish(),
        f(37).with(s0w).with(valency(&s.n_right, s0)).finish(),
        f(38).with(s0t).with(valency(&s.n_right, s0)).finish(),
        f(39).with(s0w).with(valency(&s.n_left, s0)).finish(),
        f(40).with(s0t).with(valency(&s.n_left, s0)).finish(),
        f(41).with(b0w).with(valency(&s.n_left, b0)).finish(),
        f(42).with(b0t).with(valency(&s.n_left, b0)).finish(),
        f(43).with(w(s0l)).finish(),
        f(44).with(t(s0l)).finish(),
        f(45).with(label(s0l)).finish(),
        f(46).with(w(s0r)).finish(),
        f(47).with(t(s0r)).finish(),
        f(48).with(label(s0r)).finish(),
        f(49).with(w(b0l)).finish(),
        f(50).with(t(b0l)).finish(),
        f(51).with(label(b0l)).finish(),
        f(52).with(t(s0l2)).with(label(s0l2)).finish(),
        f(53).with(t(s0r2)).with(label(s0r2)).finish(),
        f(54).with(t(b0l2)).with(label(b0l2)).finish(),
        f(55).with(s0t).with(t(s0l)).with(t(s0l2)).finish(),
        f(56).with(s0t).with(t(s0r)).with(t(s0r2)).finish(),
        f(57).with(b0t).with(t(b0l)).with(t(b0l2)).finish(),
        f(58).with(s0t).with(label(s0l)).with(label(s0r)).finish(),
        f(59).with(s1t).with(label(s1l)).with(label(s1r)).finish(),
        f(60).with(s1w).with(s0w).finish(),
        f(61).with(s1t).with(s0t).finish(),
        f(62).with(s1t).with(s0w).finish(),
        f(63).with(s1w).with(s0t).finish(),
        f(64).with(distance(s1, s0)).with(s1t).with(s0t).finish(),
        f(65).with(b0t).with(label(b0l)).with(s0t).finish(),
    ]);
}

/// The best legal move by `scores`, or the best among `allowed` when it is given.
fn best_move<T: PartialOrd + Copy>(
    s: &State,
    scores: &[T],
    allowed: Option<&[bool]>,
) -> Option<Move> {
    let mut best: Option<usize> = None;
    for (class, score) in scores.iter().enumerate() {
        if !s.legal(MOVES[class]) || allowed.is_some_and(|a| !a[class]) {
            continue;
        }
        if best.is_none_or(|b| *score > scores[b]) {
            best = Some(class);
        }
    }
    best.map(|b| MOVES[b])
}

/// The features of the arc from `head` to `dependent` that the label model reads.
fn label_features(c: &Context, s: &State, head: usize, dependent: usize, out: &mut Vec<u64>) {
    out.clear();
    let label = |i: usize| s.label_value(i);
    let (w, t) = (|i| c.word(i), |i| c.tag(i));
    let (hw, ht, dw, dt) = (w(head), t(head), w(dependent), t(dependent));
    let direction = u64::from(head < dependent);
    let d = distance(head, dependent);
    let (dl, dr) = (s.left[dependent][0], s.right[dependent][0]);
    let (dl2, dr2) = (s.left[dependent][1], s.right[dependent][1]);
    let hl = if head == NO { NO } else { s.left[head][0] };
    let next = |i: usize| if i + 1 < c.n { i + 1 } else { NO };
    let previous = |i: usize| if i > 0 && i != NO { i - 1 } else { NO };
    let f = Hasher::new;
    out.extend([
        f(100).finish(),
        f(101).with(hw).finish(),
        f(102).with(ht).finish(),
        f(103).with(dw).finish(),
        f(104).with(dt).finish(),
        f(105).with(ht).with(dt).with(direction).finish(),
        f(106).with(hw).with(dt).with(direction).finish(),
        f(107).with(ht).with(dw).with(direction).finish(),
        f(108).with(hw).with(dw).finish(),
        f(109).with(ht).with(dt).with(d).with(direction).finish(),
        f(110).with(dt).with(t(dl)).with(label(dl)).finish(),
        f(111).with(dt).with(t(dr)).with(label(dr)).finish(),
        f(112).with(dt).with(label(dl)).with(label(dl2)).finish(),
        f(113).with(dt).with(label(dr)).with(label(dr2)).finish(),
        f(114).with(ht).with(dt).with(label(dl)).finish(),
        f(115).with(ht).with(dt).with(label(dr)).finish(),
        f(116).with(dw).with(label(dl)).finish(),
        f(117).with(ht).with(label(hl)).with(dt).finish(),
        f(118)
            .with(dt)
            .with(t(previous(dependent)))
            .with(ht)
            .finish(),
        f(119).with(dt).with(t(next(dependent))).with(ht).finish(),
        f(120).with(ht).with(t(previous(head))).with(dt).finish(),
        f(121).with(dw).with(ht).with(t(next(head))).finish(),
        f(122).with(w(dl)).with(dt).finish(),
        f(123).with(c.suffix(dependent)).with(ht).finish(),
        f(124).with(c.exact(dependent)).finish(),
        f(125)
            .with(u64::from(s.n_left[dependent]))
            .with(u64::from(s.n_right[dependent]))
            .with(dt)
            .finish(),
    ]);
}

pub struct Parser {
    /// Chooses the move: shift, left arc or right arc.
    pub moves: Model,
    /// Labels each arc.
    pub labels: Model,
}

/// A sentence's tree: each word's head (`NO` for the root word) and label index.
pub struct Tree {
    pub heads: Vec<usize>,
    pub labels: Vec<u16>,
}

impl Parser {
    /// Parses a sentence of tagged words. `root_label` is the index of the label `root`: the
    /// first word attached to the root keeps it; any other is attached to that word with
    /// `other_root_label` (a sentence has one root).
    pub fn parse(
        &self,
        words: &[WordFeatures],
        tags: &[u16],
        root_label: u16,
        other_root_label: u16,
    ) -> Tree {
        let n = words.len();
        let context = Context { words, tags, n };
        let mut state = State::new(n);
        let mut buffer = Vec::with_capacity(72);
        let mut move_scores = [0i32; N_MOVES];
        let mut label_scores = vec![0i32; self.labels.n_classes];
        while !state.done() {
            features(&context, &state, &mut buffer);
            self.moves.score(&buffer, &mut move_scores);
            let m = best_move(&state, &move_scores, None).expect("a move is legal until done");
            let label = match m {
                Move::Shift => 0,
                _ => {
                    let head = state.head_for(m);
                    label_features(&context, &state, head, state.stack_at(0), &mut buffer);
                    self.labels.score(&buffer, &mut label_scores);
                    best_label(&label_scores, head == n, usize::from(root_label))
                }
            };
            state.apply(m, label);
        }
        let mut heads = state.heads;
        let mut labels = state.labels;
        heads.truncate(n);
        labels.truncate(n);
        let roots: Vec<usize> = (0..n).filter(|&i| heads[i] == n).collect();
        let main = roots
            .iter()
            .copied()
            .find(|&i| labels[i] == root_label)
            .or(roots.first().copied());
        for i in roots {
            if Some(i) == main {
                heads[i] = NO;
                labels[i] = root_label;
            } else {
                heads[i] = main.expect("a root exists when roots do");
                labels[i] = other_root_label;
            }
        }
        Tree { heads, labels }
    }
}

/// A sentence to learn from: words, their (predicted) tags, gold heads (`n` for the root) and
/// gold labels.
pub struct Example {
    pub words: Vec<WordFeatures>,
    pub tags: Vec<u16>,
    pub heads: Vec<usize>,
    pub labels: Vec<u16>,
}

/// Whether a tree (heads, `n` the root) has no crossing arcs: the dynamic oracle needs one.
pub fn is_projective(heads: &[usize]) -> bool {
    let arcs: Vec<(usize, usize)> = heads
        .iter()
        .enumerate()
        .map(|(d, &h)| (d.min(h), d.max(h)))
        .collect();
    arcs.iter().all(|&(a, b)| {
        arcs.iter()
            .all(|&(c, d)| !((a < c && c < b && b < d) || (c < a && a < d && d < b)))
    })
}

/// Trains a parser: the first epoch follows the oracle's best move; later epochs follow the
/// model's own (explore), learning from the costs of where its mistakes lead. The label model
/// learns from every arc whose head is right.
pub fn train(
    examples: &[Example],
    n_labels: usize,
    root_label: usize,
    epochs: usize,
    min_updates: u32,
    shuffle: &mut impl FnMut(&mut [usize]),
) -> Parser {
    let mut moves = Trainer::new(N_MOVES);
    let mut labels = Trainer::new(n_labels);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut buffer = Vec::with_capacity(72);
    let mut move_scores = [0f32; N_MOVES];
    let mut label_scores = vec![0f32; n_labels];
    for epoch in 0..epochs {
        for &e in &order {
            let example = &examples[e];
            let n = example.words.len();
            let context = Context {
                words: &example.words,
                tags: &example.tags,
                n,
            };
            let mut gold = example.heads.clone();
            gold.push(NO);
            let mut state = State::new(n);
            while !state.done() {
                features(&context, &state, &mut buffer);
                moves.score(&buffer, &mut move_scores);
                let guess = best_move(&state, &move_scores, None).expect("legal until done");
                let zero_cost = MOVES.map(|m| state.legal(m) && state.cost(m, &gold) == 0);
                let Some(best) = best_move(&state, &move_scores, Some(&zero_cost)) else {
                    // No move keeps every reachable arc (cannot happen on projective trees);
                    // learn nothing from the rest of this sentence.
                    break;
                };
                moves.update(&buffer, best as usize, guess as usize);
                let m = if epoch == 0 { best } else { guess };
                let label = match m {
                    Move::Shift => 0,
                    _ => {
                        let (head, dependent) = (state.head_for(m), state.stack_at(0));
                        label_features(&context, &state, head, dependent, &mut buffer);
                        labels.score(&buffer, &mut label_scores);
                        let predicted = best_label(&label_scores, head == n, root_label);
                        if gold[dependent] == head {
                            let truth = usize::from(example.labels[dependent]);
                            labels.update(&buffer, truth, predicted);
                            truth
                        } else {
                            predicted
                        }
                    }
                };
                state.apply(m, label);
            }
        }
        shuffle(&mut order);
    }
    Parser {
        moves: moves.average(min_updates),
        labels: labels.average(min_updates),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_arcs_are_not_projective() {
        // 0 <- 2, 1 <- 3 cross.
        assert!(!is_projective(&[2, 3, 4, 2]));
        assert!(is_projective(&[1, 4, 1]));
    }

    #[test]
    fn the_oracle_reaches_the_gold_tree() {
        // "police arrested two men": arrested is the root (4), police and men its children.
        let gold = [1, 4, 3, 1, NO];
        let mut s = State::new(4);
        while !s.done() {
            let m = MOVES
                .into_iter()
                .find(|&m| s.legal(m) && s.cost(m, &gold) == 0)
                .expect("a zero-cost move");
            s.apply(m, 0);
        }
        assert_eq!(&s.heads[..4], &gold[..4]);
    }
}
