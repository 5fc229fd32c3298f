#!/usr/bin/env python3
"""Snowball (what search/ uses) against Hunspell's Hungarian dictionary (hunspell-hu), on our data.

For every content word of the development queries, does the word's stem equal the stem of some word in
a procedure it expects (title, keywords, summary, description)? Both sides are stemmed with the same
method, then accent-folded; stop words are skipped. A higher rate means inflected query words meet
the documents more often. Also counts compounds Hunspell splits (pa: parts) among the documents'
words. Needs bench/install-deps.sh (libhunspell, hunspell-hu) and libstemmer0d.
Usage: bench/analysis/compare_stemmers.py [DEV_QUERIES_TSV]
"""
import ctypes
import json
import re
import sys
import unicodedata
from pathlib import Path

root = Path(__file__).resolve().parents[2]
queries_file = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "tests/search/dev-queries.tsv"

hun = ctypes.CDLL("libhunspell-1.7.so.0")
hun.Hunspell_create.restype = ctypes.c_void_p
hun.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
handle = hun.Hunspell_create(b"/usr/share/hunspell/hu_HU.aff", b"/usr/share/hunspell/hu_HU.dic")
for fn in (hun.Hunspell_stem, hun.Hunspell_analyze):
    fn.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p)), ctypes.c_char_p]

snow = ctypes.CDLL("libstemmer.so.0d")
snow.sb_stemmer_new.restype = ctypes.c_void_p
snow.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
snow.sb_stemmer_stem.restype = ctypes.POINTER(ctypes.c_ubyte)
snow.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
snow.sb_stemmer_length.argtypes = [ctypes.c_void_p]
stemmer = snow.sb_stemmer_new(b"hungarian", b"UTF_8")


def hunspell_list(fn, word):
    out = ctypes.POINTER(ctypes.c_char_p)()
    n = fn(handle, ctypes.byref(out), word.encode("utf-8"))
    return [out[i].decode("utf-8") for i in range(n)]


def snowball(word):
    data = word.encode("utf-8")
    ptr = snow.sb_stemmer_stem(stemmer, data, len(data))
    return bytes(ptr[: snow.sb_stemmer_length(stemmer)]).decode("utf-8")


def hunspell(word):
    stems = hunspell_list(hun.Hunspell_stem, word)
    return stems[-1] if stems else word  # unknown word: itself (as the index would)


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


stop = {fold(w.split("|")[0].strip()) for w in (root / "data/lang/hungarian-stopwords.txt").read_text().splitlines()
        if w.split("|")[0].strip()}


def words(text):
    return [w for w in re.findall(r"\w+", text.lower()) if fold(w) not in stop]


procedures = {p["id"]: p for p in json.loads((root / "data/procedures.json").read_text())}
doc_words = {pid: words(" ".join([p["title"], " ".join(p["keywords"]), p["summary"], p["description"]]))
             for pid, p in procedures.items()}
methods = {"snowball": snowball, "hunspell": hunspell}
doc_stems = {m: {pid: {fold(f(w)) for w in ws} for pid, ws in doc_words.items()} for m, f in methods.items()}

rows = [l.split("\t") for l in queries_file.read_text().splitlines()[1:] if l.strip()]
hits = {m: 0 for m in methods}
total = 0
unknown = 0
for query, expected, *_ in rows:
    for w in words(query):
        total += 1
        unknown += not hunspell_list(hun.Hunspell_stem, w)
        for m, f in methods.items():
            stem = fold(f(w))
            hits[m] += any(stem in doc_stems[m][pid] for pid in expected.split(",") if pid in doc_stems[m])

vocabulary = sorted({w for ws in doc_words.values() for w in ws})
compounds = sum(1 for w in vocabulary
                if any(a.count("pa:") >= 2 for a in hunspell_list(hun.Hunspell_analyze, w)))
print(f"query words: {total}; unknown to Hunspell (typos, clipped words, unaccented): {unknown}")
for m in methods:
    print(f"{m}: {hits[m]}/{total} = {hits[m] / total:.3f} of query words meet a word of an expected procedure")
print(f"document vocabulary: {len(vocabulary)} words, {compounds} of them compounds by Hunspell (pa: parts)")
