"""Tokenizer and tagger backends, registered by the names that lang/<code>/profile.yaml uses.

A backend turns one paragraph into sentences of (start, end, text, lemma, pos, tag, dep, head)
tuples with offsets relative to the paragraph. Registration keeps the pipeline free of
language branches: a new language names existing backends or registers its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Protocol

from .. import lang as langdata


@dataclass(slots=True)
class RawToken:
    start: int
    end: int
    text: str
    lemma: str = ""
    pos: str = "X"
    tag: str = ""
    dep: str = ""
    head: int = -1          # index within the paragraph's token list, -1 when unknown


class Backend(Protocol):
    def __call__(self, paragraph: str) -> list[list[RawToken]]: ...


_REGISTRY: dict[str, Callable[[str, dict], Backend]] = {}


def register(name: str):
    def deco(factory: Callable[[str, dict], Backend]):
        _REGISTRY[name] = factory
        return factory
    return deco


@lru_cache(maxsize=None)
def backend_for(lang: str) -> Backend:
    profile = langdata.load_yaml(lang, "profile.yaml")
    if not profile:
        raise LookupError(f"no language profile for {lang!r}")
    name = profile.get("tagger") or profile.get("tokenizer")
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise LookupError(f"language {lang!r} names unknown backend {name!r}") from None
    return factory(lang, profile)


# --- spaCy rule tokenizer + HanTa morphology (German) -----------------------------------

# STTS (as HanTa writes it, "VV(FIN)") to universal POS; first matching prefix wins.
_STTS_UPOS = [("NN", "NOUN"), ("NE", "PROPN"), ("VV", "VERB"), ("VA", "AUX"), ("VM", "AUX"),
              ("ADJ", "ADJ"), ("ADV", "ADV"), ("PAV", "ADV"), ("ART", "DET"), ("APP", "ADP"),
              ("APZR", "ADP"), ("KOUS", "SCONJ"), ("KOUI", "SCONJ"), ("KO", "CCONJ"),
              ("PTK", "PART"), ("CARD", "NUM"), ("ITJ", "INTJ"), ("TRUNC", "X"), ("FM", "X"),
              ("XY", "X"), ("$", "PUNCT"), ("P", "PRON")]
_NUMERIC = re.compile(r"^(?=.*\d)[\d.,:/%-]+$")


def _upos(stts: str) -> str:
    for prefix, upos in _STTS_UPOS:
        if stts.startswith(prefix):
            return upos
    return "X"


# Longer "words" are URLs, base64 or keyboard runs; German's longest real compounds stay below.
_LONGEST_WORD = 60


@register("hanta")
def _hanta_backend(lang: str, profile: dict) -> Backend:
    import simplemma
    import spacy
    from HanTa import HanoverTagger

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    tagger = HanoverTagger.HanoverTagger(profile.get("hanta_model", "morphmodel_ger.pgz"))

    @lru_cache(maxsize=300_000)
    def analyse(word: str) -> tuple[str, str, bool]:
        """Context-free (lemma, tag, ambiguous) per form, cached: ~10x faster than tagging every
        sentence. `ambiguous` marks forms with a close verb/non-verb rival reading ("betonten":
        adjective or verb), whose sentences are then tagged in context."""
        if _NUMERIC.match(word):
            return word, "CARD", False
        if not any(c.isalnum() for c in word):
            return word, "$(", False
        if len(word) > _LONGEST_WORD:
            return word, "XY", False   # HanTa's time grows with the cube of the length: a blob, not a word
        lemma, tag = tagger.analyze(word)
        tag = tag.replace("(", "").replace(")", "")
        if word[:1].isupper() and tag.startswith(("NN", "NE")):
            return lemma, tag, False   # capitalised nouns and names: verbs are lower case mid-sentence
        ranked = tagger.tag_word(word, cutoff=3)
        verbal = [t for t, _ in ranked if t.startswith(("VV", "VA", "VM"))]
        ambiguous = bool(verbal) and len(ranked) > 1 and abs(ranked[0][1] - ranked[1][1]) < 2.0 \
            and (tag.startswith("V") != ranked[1][0].startswith("V"))
        return lemma, tag, ambiguous

    names, nouns, adjectives = (_stem_lexicon(tagger, t) for t in ("NE", "NN", "ADJ"))

    def adjective(low: str) -> bool:   # "Große" in a name: an inflected adjective, not "Karl der Große"
        return any(low.endswith(e) and low[:-len(e)] in adjectives for e in ("e", "en", "er", "es", "em"))

    @lru_cache(maxsize=300_000)
    def lexicon(word: str) -> tuple[str, bool, bool]:
        """(lemma, name, noun) of a capitalised word: simplemma's dictionary lemma (100x faster than
        HanTa's analysis), and whether HanTa's stem lexicon holds the form as a name (or its
        genitive in -s: "Stoibers"; not an inflected adjective: "Große") and as a noun (or its
        lemma: "Gräser" -> "Gras")."""
        low, lemma = word.lower(), simplemma.lemmatize(word, lang=lang)
        as_name = low in names or (low.endswith("s") and low[:-1] in names)
        as_noun = low in nouns or lemma.lower() in nouns
        return lemma, as_name and not adjective(low), as_noun

    @lru_cache(maxsize=300_000)
    def noun(word: str) -> tuple[str, str, bool]:
        """Capitalised words inside a sentence are nouns or names in German: NE when HanTa's stem
        lexicon holds the word as a name only (names from its training news: "Thierse"), NN when
        it holds it as a noun or simplemma knows it (its list holds many surnames too), else NE."""
        if not word.replace("-", "").isalpha():
            return analyse(word)
        lemma, as_name, as_noun = lexicon(word)
        known = as_noun or (not as_name and simplemma.is_known(word, lang=lang))
        return lemma, "NN" if known else "NE", False

    def reading(word: str) -> str:
        """What the stem lexicon holds for a word form: "NE", "NN", "NE+NN" or ""."""
        _, as_name, as_noun = lexicon(word)
        return "+".join(t for t, held in (("NE", as_name), ("NN", as_noun)) if held)

    def run(paragraph: str) -> list[list[RawToken]]:
        doc = nlp(paragraph)
        out = []
        for sent in doc.sents:
            words = [t for t in sent if not t.is_space]
            if not words:
                continue
            readings = [noun(t.text) if k and t.text[:1].isupper() else analyse(t.text)
                        for k, t in enumerate(words)]
            if any(r[2] for r in readings):
                tagged = tagger.tag_sent([t.text if len(t.text) <= _LONGEST_WORD else "X" for t in words],
                                         taglevel=1)
                readings = [(lem, tag.replace("(", "").replace(")", ""), False) if not _NUMERIC.match(w)
                            and any(c.isalnum() for c in w) and r[1] != "XY" else r
                            for (w, lem, tag), r in zip(tagged, readings)]
            out.append([RawToken(t.idx, t.idx + len(t.text), t.text, lemma, _upos(tag), tag)
                        for t, (lemma, tag, _) in zip(words, readings)])
        return out

    run.reading = reading
    return run


def _stem_lexicon(tagger, tag: str) -> dict[str, float]:
    """HanTa's stems of one tag with their log-probabilities (lower case). The table is internal
    to HanTa (pinned in pyproject): without it the lexicon is empty and simplemma decides."""
    table = getattr(tagger, "LP_m_t", {}).get(getattr(tagger, "tag2int", {}).get(tag), {})
    return table if isinstance(table, dict) else {}


# --- a full spaCy model (English) ------------------------------------------------------

@register("spacy-model")
def _spacy_model_backend(lang: str, profile: dict) -> Backend:
    import importlib

    model = importlib.import_module(profile["model"]).load(exclude=["ner"])

    def run(paragraph: str) -> list[list[RawToken]]:
        doc = model(paragraph)
        out = []
        for sent in doc.sents:
            toks, index = [], {}
            for t in sent:
                if t.is_space:
                    continue
                index[t.i] = len(toks)
                toks.append(RawToken(t.idx, t.idx + len(t.text), t.text, t.lemma_ or t.text,
                                     t.pos_, t.tag_, t.dep_, t.head.i))
            for tok in toks:   # heads as indices into this sentence, -1 outside it
                tok.head = index.get(tok.head, -1)
            if toks:
                out.append(toks)
        return out

    return run


def paragraphs(text: str) -> Iterable[tuple[int, str]]:
    """Blank-line separated blocks with their offsets: headlines never run into the lead."""
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, flags=re.S):
        yield m.start(), m.group()
