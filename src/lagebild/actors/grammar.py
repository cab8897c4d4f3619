"""The compositional actor grammar: gazetteer matches + role nouns -> mentions of actors.

Rules (function words from lang/<code>/grammar.yaml):
  state adjective / genitive + role     "der japanische Premierminister", "Chinas Küstenwache"
  state prefix in a compound            "US-Präsident", "EU-Kommission"
  role + genitive state / place         "Premierminister Japans", "Außenministerium in Washington"
  person role + name                    "US-Präsident Donald Trump", "Außenminister Sarif"
Persons introduced by a role are remembered by surname for the rest of the document.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .. import lang as langdata
from ..model import Token
from .gazetteer import Entry, Gazetteer


@dataclass
class Item:
    """A gazetteer hit over tokens [i, j) (document-relative offsets via the tokens)."""

    i: int
    j: int
    entries: list[Entry]
    prefix: str | None = None    # state from a compound prefix ("US-"), for role compounds

    def first(self, kind: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == kind), None)


@dataclass
class Found:
    """A mention the grammar found; `ref` says what it refers to."""

    i: int
    j: int
    ref: str                 # "state:JPN", "org:nato", "place:crimea", "person:donald-trump",
                             # "newperson:<name>", "body:JPN:<role key>"
    form: str
    sector: str | None = None
    role: str | None = None
    office: str | None = None
    country: str | None = None
    name: str | None = None


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


@dataclass
class Grammar:
    lang: str
    gaz: Gazetteer
    cfg: dict = field(default_factory=dict)

    @classmethod
    def for_lang(cls, lang: str, gaz: Gazetteer) -> "Grammar":
        return cls(lang, gaz, langdata.load_yaml(lang, "grammar.yaml") or {})

    # -- step 1: gazetteer hits, with hyphen compounds split -----------------------------
    def scan(self, toks: list[Token]) -> list[Item]:
        words = [t.text for t in toks]
        items, i = [], 0
        while i < len(words):
            end, entries = self.gaz.longest(words, i)
            if end > i:
                items.append(Item(i, end, list(entries)))
                i = end
                continue
            item = self._compound(words[i], i)
            if item:
                items.append(item)
            i += 1
        return items

    def _compound(self, word: str, i: int) -> Item | None:
        if "-" not in word.strip("-"):
            return None
        head, _, rest = word.partition("-")
        state = self.gaz.prefixes.get(head)
        entries: list[Entry] = []
        if state is None:
            end, hits = self.gaz.longest([head], 0)
            st = next((e for e in hits if e.kind in ("state", "org") and not e.ambiguous), None) if end else None
            if st is None:
                return None
            entries.append(st)
            state = st.id if st.kind == "state" else None
        else:
            entries.append(Entry("state", state, "prefix"))
        end, tail = self.gaz.longest([rest], 0)
        entries += [e for e in tail if e.kind == "role"] if end else []
        return Item(i, i + 1, entries, prefix=state)

    # -- step 2: composition ----------------------------------------------------------------
    def compose(self, toks: list[Token], items: list[Item], surnames: dict[str, Found]) -> list[Found]:
        by_start = {it.i: it for it in items}
        by_end = {it.j: it for it in items}
        used: set[int] = set()            # role items already composed
        out: list[Found] = []
        words = [t.text for t in toks]

        attitude = set(self.cfg.get("attitude_prefixes") or ())
        for n, it in enumerate(items):
            if it.i >= 2 and toks[it.i - 1].text == "-" and toks[it.i - 2].text.lower() in attitude:
                continue         # "anti-Syria journalist", "pro-Russian": a stance, not the state
            ethnic = self._ethnic_group(toks, it, items[n + 1] if n + 1 < len(items) else None)
            if ethnic:
                out.append(ethnic)
                continue
            if n > 0 and out and out[-1].i <= it.i < out[-1].j:
                continue         # the demonym of an ethnic group just composed
            home = self._residence(toks, it, items[n + 1:n + 2])
            if home:
                out.append(Found(it.i, it.j, f"state:{home}", "demonym", "CVL"))
                continue
            for e in it.entries:
                if e.kind == "state" and e.form != "prefix":
                    if e.ambiguous and self._looks_like_name(toks, it):
                        continue
                    out.append(Found(it.i, it.j, f"state:{e.id}", e.form, e.sector or None))
                    break
                if e.kind == "state" and e.form == "prefix":
                    out.append(Found(it.i, it.j, f"state:{e.id}", "prefix"))
                    break
                if e.kind == "org":
                    out.append(Found(it.i, it.j, f"org:{e.id}", "name", e.sector or None))
                    break
                if e.kind == "place":
                    out.append(Found(it.i, it.j, f"place:{e.id}", "name"))
                    break

        bare = set(self.cfg.get("bare_role_sectors") or ())
        for it in items:
            role = it.first("role")
            if role is None:
                continue
            state, start, end = self._state_of_role(toks, it, by_start, by_end)
            if role.person_role:
                name = self._name_after(toks, it.j, by_start)
                if name:
                    ni, nj, known = name
                    if known:
                        f = Found(ni, nj, f"person:{known.id}", "name", role.sector or None,
                                  role.id, role.office or None, state)
                        out.append(f)
                        if nj - ni >= 2:
                            surnames.setdefault(words[nj - 1], f)
                    else:
                        full = " ".join(words[ni:nj])
                        f = Found(ni, nj, f"newperson:{slug(full)}", "name", role.sector or None,
                                  role.id, role.office or None, state, full)
                        out.append(f)
                        surnames.setdefault(words[nj - 1], f)
                    continue
            if state:
                out.append(Found(start, end, f"body:{state}:{role.id}", "role", role.sector or None,
                                 role.id, role.office or None, state, " ".join(words[start:end])))
            elif not role.person_role and (role.sector or "") in bare:
                # "die Polizei", "the government": whose is left to the article (actors.recognize)
                out.append(Found(start, end, f"body:?:{role.id}", "role", role.sector or None,
                                 role.id, None, None, " ".join(words[start:end])))

        # persons named without a role, and surnames of persons met earlier
        covered = {k for f in out if f.ref.startswith(("person:", "newperson:")) for k in range(f.i, f.j)}
        for it in items:
            p = it.first("person")
            if p and it.i not in covered and not it.first("role"):
                f = Found(it.i, it.j, f"person:{p.id}", "name", p.sector or None)
                out.append(f)
                covered.update(range(it.i, it.j))
                if it.j - it.i >= 2:
                    surnames.setdefault(words[it.j - 1], f)
        covered |= {k for f in out for k in range(f.i, f.j)}
        for f in self._named_persons(toks, covered, by_start):
            out.append(f)
            covered.update(range(f.i, f.j))
            surnames.setdefault(words[f.j - 1], f)
        for k, w in enumerate(words):
            f = surnames.get(w)
            if f and k not in covered and k not in by_start:
                out.append(Found(k, k + 1, f.ref, "surname", f.sector, f.role, f.office, f.country, f.name))
        return out

    def _named_persons(self, toks: list[Token], covered: set[int], by_start) -> list[Found]:
        """Persons in no list: a given name followed by capitalised surname words
        ("Annalena Baerbock", "Ursula von der Leyen")."""
        from .knowledge import given_names

        names = given_names()
        particles = set(self.cfg.get("name_particles") or [])
        stop = set(self.cfg.get("not_names") or [])
        out, k = [], 0
        while k < len(toks) - 1:
            if k in covered or toks[k].text not in names:
                k += 1
                continue
            j = k + 1
            while j < len(toks) and j - k <= 4 and j not in covered and j not in by_start:
                w = toks[j].text
                if w in particles and j + 1 < len(toks) and toks[j + 1].text[:1].isupper():
                    j += 1
                    continue
                if w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() and w not in stop \
                        and (toks[j].pos in ("PROPN", "X") or toks[j].lemma == w):
                    j += 1
                    if j < len(toks) and toks[j].text[:1].isupper() and (toks[j].text in names or w in names):
                        continue   # "Fritz Rudolf Körper": a second given name, then the surname
                    break
                break
            if j > k + 1 and toks[j - 1].text[:1].isupper():
                full = " ".join(t.text for t in toks[k:j])
                out.append(Found(k, j, f"newperson:{slug(full)}", "name", None, None, None, None, full))
                k = j
            else:
                k += 1
        return out

    def _residence(self, toks: list[Token], it: Item, nxt: list[Item]) -> str | None:
        """"ethnic Albanians in south Serbia", "die Albaner im Süden Serbiens": PLOVER codes a
        people by the state they live in when the sentence places them there."""
        dem = it.first("state")
        if dem is None or dem.form != "demonym" or not nxt:
            return None
        preps = set(self.cfg.get("residence_prepositions") or ())
        if it.j >= len(toks) or toks[it.j].text.lower() not in preps or nxt[0].i - it.j > 3:
            return None
        if any(not t.text.isalpha() for t in toks[it.j:nxt[0].i]):
            return None
        st = nxt[0].first("state")
        if st is None or st.form not in ("name", "genitive") or st.id == dem.id:
            return None
        return st.id

    @staticmethod
    def _ethnic_group(toks: list[Token], it: Item, nxt: Item | None) -> Found | None:
        """"Bosnian Serbs", "Croatian Serb refugees", "Turkish Kurds": a group of one people living
        in another state belongs to the state the adjective names."""
        adj = it.first("state")
        if adj is None or adj.form != "adjective" or nxt is None or nxt.i != it.j:
            return None
        dem = nxt.first("state")
        if dem is None or dem.form not in ("demonym", "adjective") or dem.id == adj.id:
            return None
        if dem.form == "adjective" and (nxt.j >= len(toks) or toks[nxt.j].pos not in ("NOUN", "PROPN")):
            return None
        return Found(it.i, nxt.j, f"state:{adj.id}", "demonym", "CVL")

    def _looks_like_name(self, toks: list[Token], it: Item) -> bool:
        """An ambiguous state name next to another capitalised word is likely a person's name."""
        nxt = toks[it.j] if it.j < len(toks) else None
        prv = toks[it.i - 1] if it.i > 0 else None
        return any(t is not None and t.text[:1].isupper() and t.pos in ("PROPN", "X") for t in (nxt, prv))

    def _state_of_role(self, toks, it: Item, by_start, by_end) -> tuple[str | None, int, int]:
        if it.prefix:
            return it.prefix, it.i, it.j
        # left: adjective or genitive, with up to N modifiers between
        led = set(self.cfg.get("leading_participles") or ())
        k = it.i
        for _ in range(int(self.cfg.get("max_modifiers", 2)) + 1):
            left = by_end.get(k)
            if left:
                st = left.first("state")
                if st and st.form in ("adjective", "genitive", "prefix"):
                    return st.id, left.i, it.j
                org = left.first("org")
                if org and left.i == k - 1:
                    return None, it.i, it.j
                break
            if k - 1 >= 0 and toks[k - 1].pos == "ADJ":
                k -= 1
                continue
            if k >= 3 and toks[k - 1].text.lower() in led and toks[k - 2].text == "-":
                k -= 2           # "Vietnamese-led forces": the leading state's
                continue
            break
        if it.i > 0 and toks[it.i - 1].text.lower() in (self.cfg.get("possessive_determiners") or ()):
            return None, it.i, it.j
        # right: genitive state, "der USA", "in Peking", "of Japan"; a noun or two may stand
        # between ("Opposition groups in Zimbabwe", "Sicherheitskräfte des Landes")
        j = it.j
        while j < len(toks) and j - it.j < 2 and toks[j].pos == "NOUN" and j not in by_start:
            j += 1
        if j > it.j and (j >= len(toks) or toks[j].text not in
                         (self.cfg.get("genitive_articles") or []) + (self.cfg.get("place_prepositions") or [])):
            j = it.j
        right = by_start.get(j)
        if right and (st := right.first("state")) and st.form == "genitive":
            return st.id, it.i, right.j
        words = [t.text for t in toks]
        for arts in (self.cfg.get("genitive_articles") or []) + (self.cfg.get("place_prepositions") or []):
            seq = arts.split()
            if words[j:j + len(seq)] == seq:
                right = by_start.get(j + len(seq))
                if right and (st := right.first("state")) and st.form in ("name", "genitive", "capital", "metonym"):
                    return st.id, it.i, right.j
        return None, it.i, it.j

    def _name_after(self, toks, j: int, by_start) -> tuple[int, int, Entry | None] | None:
        nxt = by_start.get(j)
        if nxt and (p := nxt.first("person")):
            return nxt.i, nxt.j, p
        if nxt:      # a state or organisation name follows: not a person
            return None
        stop = set(self.cfg.get("not_names") or [])
        k = j
        while k < len(toks) and k - j < 3:
            t = toks[k]
            if not (t.text[:1].isupper() and t.text.replace("-", "").replace(".", "").isalpha()) or t.text in stop:
                break
            if t.pos not in ("PROPN", "X", "NOUN") or k in by_start:
                break
            if t.pos == "NOUN" and t.tag != "NE" and self.lang_has_common_noun(t):
                break
            k += 1
        return (j, k, None) if k > j else None

    @staticmethod
    def lang_has_common_noun(t: Token) -> bool:
        # HanTa lemmatises known common nouns to a different form or tags them NN; unknown
        # capitalised forms (names) come back unchanged. A lemma that differs marks a noun.
        return t.lemma != t.text
