// Ügykalauz field app: full-text search over a district snapshot with no network, analysing and
// ranking as the service's index does (search/analyzer.h, query_builder.h, document_builder.h):
// the same Snowball Hungarian stemmer (snowball-hungarian.js, checked word by word against Xapian),
// accent folding, stop words, everyday-word synonyms, compound splitting, typo correction within the
// same budget, search-as-you-type on the last word and BM25 with the same parameters. Stop words,
// synonyms and every weight come from the snapshot (`analysis`, from search/offline_analysis.h), so
// that nothing here decides them a second time.
import { stemHungarian } from './snowball-hungarian.js';

const kMaxWordBytes = 64;  // search/analyzer.h: longer "words" are never real words
const kWord = /[\p{L}\p{M}\p{N}\p{Pc}]+/gu;  // Xapian's word characters
const encoder = new TextEncoder();

// Lower case and accents dropped, as kb/text_fold does it: "Hagyaték" -> "hagyatek".
export function foldText(text) {
  return String(text ?? '').toLocaleLowerCase('hu').normalize('NFD').replace(/\p{Mn}/gu, '');
}

const letters = (text) => [...text].length;

class StopWords {
  constructor(words) {
    this.exact = new Set(words);
    this.folded = new Set(words.map(foldText));
  }

  // An unaccented word also matches an accented stop word ("altal" = "által"); an accented word only
  // matches exactly (search/stopwords.h).
  has(word) {
    return this.exact.has(word) || (foldText(word) === word && this.folded.has(word));
  }
}

export class Analyzer {
  constructor(stopwords) {
    this.stopwords = new StopWords(stopwords);
    this.stems = new Map();
  }

  stem(word) {
    let stem = this.stems.get(word);
    if (stem === undefined) {
      stem = stemHungarian(word);
      this.stems.set(word, stem);
    }
    return stem;
  }

  // Every word of `text` with its four forms, as search/analyzer.h: {word, stem, folded, foldedStem,
  // stop, offset, length} (offset and length in UTF-16 units of `text`).
  analyze(text) {
    const tokens = [];
    for (const match of String(text ?? '').matchAll(kWord)) {
      if (encoder.encode(match[0]).length > kMaxWordBytes) continue;
      const word = match[0].toLocaleLowerCase('hu');
      const stem = this.stem(word);
      tokens.push({
        word, stem, folded: foldText(word), foldedStem: foldText(stem), stop: this.stopwords.has(word),
        offset: match.index, length: match[0].length,
      });
    }
    return tokens;
  }
}

// Compound splitting (search/compounds.h): left part a lexicon word, right part (stemmed) a lexicon
// stem, both long enough.
class Decompounder {
  constructor(minPart) {
    this.minPart = minPart;
    this.lexicon = new Set();
  }

  add(text, analyzer) {
    for (const t of analyzer.analyze(text)) {
      if (t.stop || letters(t.folded) < this.minPart) continue;
      this.lexicon.add(t.folded);
      if (letters(t.foldedStem) >= this.minPart) this.lexicon.add(t.foldedStem);
    }
  }

  split(token, analyzer) {
    if (token.stop || letters(token.folded) < 2 * this.minPart) return null;
    const chars = [...token.word];
    for (let i = 1; i < chars.length; i++) {
      if (i < this.minPart) continue;
      if (chars.length - i < this.minPart) break;
      const leftFolded = foldText(chars.slice(0, i).join(''));
      if (!this.lexicon.has(leftFolded)) continue;
      const right = chars.slice(i).join('');
      const rightFolded = foldText(right);
      const rightStem = foldText(analyzer.stem(right));
      if (this.lexicon.has(rightStem) || this.lexicon.has(rightFolded)) {
        return { left: leftFolded, right: rightFolded, rightStem };
      }
    }
    return null;
  }
}

// Everyday words for official terms (search/synonyms.h), matched by folded stems, where the stem of
// a stem also counts (the stemmer is not idempotent on clipped words: "jogsi" -> "jogs").
class Synonyms {
  constructor(tsv, analyzer) {
    this.entries = [];
    for (const raw of String(tsv || '').split('\n')) {
      const line = raw.replace(/\r$/, '');
      if (!line || line.startsWith('#')) continue;
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const key = analyzer.analyze(line.slice(0, tab)).filter((t) => !t.stop).map((t) => this.keyWord(t, analyzer));
      const expansion = analyzer.analyze(line.slice(tab + 1)).filter((t) => !t.stop).map((t) => t.foldedStem);
      if (!key.length || !expansion.length) continue;
      const same = this.entries.find((e) => e.key.length === key.length &&
        e.key.every((k, i) => k.stem === key[i].stem && k.double === key[i].double));
      if (same) same.expansions.push(expansion);
      else this.entries.push({ key, expansions: [expansion] });
    }
  }

  keyWord(token, analyzer) {
    return { stem: token.foldedStem, double: foldText(analyzer.stem(token.stem)) };
  }

  find(tokens, analyzer) {
    const words = tokens.filter((t) => !t.stop).map((t) => this.keyWord(t, analyzer));
    const same = (a, b) => a.stem === b.stem || a.stem === b.double || a.double === b.stem;
    const out = [];
    for (const entry of this.entries) {
      for (let start = 0; start + entry.key.length <= words.length; start++) {
        if (entry.key.every((k, i) => same(words[start + i], k))) out.push(...entry.expansions);
      }
    }
    return out;
  }
}

// Damerau-Levenshtein distance (a swap of two neighbours is one edit, as in Xapian's spelling),
// giving up above `max`.
function editDistance(a, b, max) {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let previous2 = null;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (previous2 && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, previous2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[y.length];
}

// The offline index of a snapshot's national procedures.
export class OfflineIndex {
  constructor(snapshot) {
    const a = snapshot.analysis;
    this.settings = a;
    this.analyzer = new Analyzer(a.stopwords || []);
    this.decompounder = new Decompounder(a.min_compound_part_chars);
    for (const p of [...snapshot.procedures, ...(snapshot.local_procedures || [])]) {
      this.decompounder.add(p.title, this.analyzer);
      this.decompounder.add(p.category, this.analyzer);
      for (const keyword of p.keywords || []) this.decompounder.add(keyword, this.analyzer);
    }
    for (const f of snapshot.forms || []) this.decompounder.add(f.title, this.analyzer);
    this.synonyms = new Synonyms(a.synonyms, this.analyzer);

    this.docs = [];
    this.termFreq = new Map();  // term -> number of documents
    this.spelling = new Map();  // folded word -> summed wdf (Xapian's spelling frequency)
    const weights = a.field_weights;
    for (const p of snapshot.procedures) {
      const terms = new Map();
      const add = (text, wdf) => this.indexText(terms, text, wdf);
      add(p.title, weights.title);
      for (const keyword of p.keywords || []) add(keyword, weights.keywords);
      add(p.category, weights.category);
      add(p.summary, weights.summary);
      add(p.description, weights.description);
      for (const document of p.documents || []) add(document, weights.documents);
      let length = 0;
      for (const [term, wdf] of terms) {
        length += wdf;
        this.termFreq.set(term, (this.termFreq.get(term) || 0) + 1);
        if (term.startsWith('XF') && !term.startsWith('XFZ')) {
          const word = term.slice(2);
          this.spelling.set(word, (this.spelling.get(word) || 0) + wdf);
        }
      }
      this.docs.push({ procedure: p, terms, length });
    }
    this.averageLength = this.docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, this.docs.length);
    this.foldedWords = [...this.spelling.keys()].sort();
  }

  indexText(terms, text, wdf) {
    const put = (term) => terms.set(term, (terms.get(term) || 0) + wdf);
    for (const t of this.analyzer.analyze(text)) {
      if (t.stop) continue;
      put(t.word);
      put(`Z${t.stem}`);
      put(`XF${t.folded}`);
      put(`XFZ${t.foldedStem}`);
      const parts = this.decompounder.split(t, this.analyzer);
      if (parts) {
        put(`XF${parts.left}`);
        put(`XFZ${parts.left}`);
        put(`XF${parts.right}`);
        put(`XFZ${parts.rightStem}`);
      }
    }
  }

  exists(term) { return this.termFreq.has(term); }

  typoBudget(folded) {
    const n = letters(folded);
    if (n < this.settings.one_typo_from_chars) return 0;
    if (n < this.settings.two_typos_from_chars) return 1;
    return 2;
  }

  // The closest known folded word within `max` edits (fewest edits, then the most frequent), or ''.
  spell(folded, max) {
    if (max <= 0) return '';
    let best = '';
    let bestDistance = max + 1;
    let bestFrequency = -1;
    for (const [word, frequency] of this.spelling) {
      if (word === folded) continue;
      const d = editDistance(folded, word, max);
      if (d < bestDistance || (d === bestDistance && frequency > bestFrequency)) {
        best = word;
        bestDistance = d;
        bestFrequency = frequency;
      }
    }
    return bestDistance <= max ? best : '';
  }

  // The most frequent folded words starting with `prefix` (search as you type).
  completions(prefix) {
    let lo = 0;
    let hi = this.foldedWords.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.foldedWords[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    const out = [];
    for (let i = lo; i < this.foldedWords.length && this.foldedWords[i].startsWith(prefix); i++) out.push(this.foldedWords[i]);
    out.sort((x, y) => this.termFreq.get(`XF${y}`) - this.termFreq.get(`XF${x}`) || (x < y ? -1 : 1));
    return out.slice(0, this.settings.max_prefix_expansions);
  }

  occurs(t) { return this.exists(`XF${t.folded}`) || this.exists(`XFZ${t.foldedStem}`); }

  // The folded stem of a corrected (folded) word: the longest indexed folded stem it begins with,
  // losing at most 5 letters (the stemmer needs accents), as folded_stem_of_correction in C++.
  stemOfCorrection(folded) {
    const chars = [...folded];
    for (let cut = 0; cut <= 5 && cut + 3 <= chars.length; cut++) {
      const candidate = chars.slice(0, chars.length - cut).join('');
      if (this.exists(`XFZ${candidate}`)) return candidate;
    }
    return foldText(this.analyzer.stem(folded));
  }

  // The query tree of query_builder.cpp: {op: 'term'|'synonym'|'or'|'and', terms|parts, scale}.
  build(text) {
    const w = this.settings.query_weights;
    const tokens = this.analyzer.analyze(text);
    const parts = [];
    const corrections = [];
    let prefix = '';
    const term = (t, scale = 1) => ({ op: 'synonym', terms: [t], scale });
    const synonym = (terms, scale = 1) => ({ op: 'synonym', terms: [...new Set(terms)], scale });
    tokens.forEach((t, i) => {
      const partial = i === tokens.length - 1 && t.offset + t.length === text.length;
      if (partial && letters(t.folded) >= this.settings.min_prefix_chars) {
        prefix = t.folded;
        const expanded = this.completions(t.folded).map((word) => `XF${word}`);
        if (expanded.length) parts.push(synonym(expanded, w.prefix));
      }
      if (t.stop) return;
      const hasCompletions = prefix !== '' && this.completions(t.folded).length > 0;
      if (!this.occurs(t) && !hasCompletions) {
        const suggestion = this.spell(t.folded, this.typoBudget(t.folded));
        if (suggestion && suggestion[0] === t.folded[0]) {
          const stem = this.stemOfCorrection(suggestion);
          parts.push(synonym([`XF${suggestion}`, `XFZ${stem}`], w.correction));
          corrections.push([t, suggestion]);
          return;
        }
      }
      const exactOccurs = this.exists(t.word) || this.exists(`Z${t.stem}`);
      const foldedWeight = exactOccurs ? w.folded : w.exact;
      if (hasCompletions) {
        const unit = [];
        if (exactOccurs) unit.push(term(t.word));
        unit.push(term(`XF${t.folded}`, foldedWeight));
        unit.push(synonym([`Z${t.stem}`, `XFZ${t.foldedStem}`], w.partial_stem_factor * w.stem));
        parts.push({ op: 'or', parts: unit, scale: 1 });
        return;
      }
      const fallback = synonym([`XF${t.folded}`, `XFZ${t.foldedStem}`], foldedWeight);
      parts.push(exactOccurs ? { op: 'or', parts: [synonym([t.word, `Z${t.stem}`]), fallback], scale: 1 } : fallback);
    });
    if (parts.length) {
      for (const expansion of this.synonyms.find(tokens, this.analyzer)) {
        parts.push({ op: 'and', parts: expansion.map((stem) => term(`XFZ${stem}`)), scale: w.synonym });
      }
      tokens.forEach((t, i) => {
        if (t.stop) return;
        const split = this.decompounder.split(t, this.analyzer);
        if (split) {
          parts.push(term(`XF${split.left}`, w.compound_part));
          parts.push(term(`XFZ${split.rightStem}`, w.compound_part));
        }
        const next = tokens[i + 1];
        if (next && !next.stop && this.exists(`XF${t.folded}${next.folded}`)) {
          parts.push(term(`XF${t.folded}${next.folded}`, w.joined_compound));
        }
      });
    }
    return { query: parts.length ? { op: 'or', parts, scale: 1 } : null, corrections, tokens };
  }

  // BM25 weight of a synonym group (one term whose wdf is the sum of its members') in document `d`.
  synonymWeight(node, d, N) {
    let wdf = 0;
    let docs = 0;
    for (const t of node.terms) wdf += d.terms.get(t) || 0;
    if (wdf === 0) return null;
    if (!node.freq) {
      for (const doc of this.docs) if (node.terms.some((t) => doc.terms.has(t))) docs++;
      node.freq = docs;
    }
    const { k1, b, min_normlen: minNormLen } = this.settings.bm25;
    let tw = (N - node.freq + 0.5) / (node.freq + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    const normlen = Math.max(d.length / this.averageLength, minNormLen);
    const K = k1 * ((1 - b) + b * normlen);
    return Math.log(tw) * ((k1 + 1) * wdf) / (K + wdf);
  }

  weigh(node, d, N) {
    if (node.op === 'synonym') {
      const weight = this.synonymWeight(node, d, N);
      return weight === null ? null : weight * node.scale;
    }
    let sum = 0;
    let matched = false;
    for (const part of node.parts) {
      const weight = this.weigh(part, d, N);
      if (weight === null) {
        if (node.op === 'and') return null;
        continue;
      }
      matched = true;
      sum += weight;
    }
    return matched ? sum * node.scale : null;
  }

  // {total, results: [{id, title, snippet, score}], did_you_mean, relaxed, dropped_words}: the
  // /v1/search answer's shape. Relaxed (as Searcher::relaxed_query): no document has every word; the
  // words are OR-ed anyway, and when none matches as typed, each word's start (losing up to 4
  // letters, keeping 4) is searched as a prefix.
  search(text, limit = 10) {
    const { query, corrections, tokens } = this.build(String(text ?? ''));
    if (!query) return { total: 0, results: [], did_you_mean: '', relaxed: false, dropped_words: [] };
    const score = (q) => {
      const hits = [];
      for (const d of this.docs) {
        const weight = this.weigh(q, d, this.docs.length);
        if (weight !== null) hits.push({ id: d.procedure.id, title: d.procedure.title, snippet: d.procedure.summary, score: weight, d });
      }
      return hits.sort((x, y) => y.score - x.score);
    };
    let hits = score(query);
    const words = tokens.filter((t) => !t.stop);
    // A word is in a document when one of its forms is (its expansions are not looked at here).
    const has = (d, t) => d.terms.has(`XF${t.folded}`) || d.terms.has(`XFZ${t.foldedStem}`) ||
      corrections.some(([c, fix]) => c === t && d.terms.has(`XF${fix}`));
    let relaxed = words.length > 0 && !hits.some((h) => words.every((t) => has(h.d, t)));
    let dropped = [];
    if (relaxed && hits.length) {
      dropped = words.filter((t) => !has(hits[0].d, t)).map((t) => t.word);
    } else if (hits.length === 0) {
      const loose = [];
      for (const t of words) {
        const chars = [...t.folded];
        let found = false;
        for (let cut = 1; cut <= 4 && chars.length >= cut + 4 && !found; cut++) {
          const expanded = this.completions(chars.slice(0, chars.length - cut).join('')).map((word) => `XF${word}`);
          if (expanded.length) { loose.push({ op: 'synonym', terms: expanded, scale: 0.5 }); found = true; }
        }
        if (!found) dropped.push(t.word);
      }
      if (loose.length) hits = score({ op: 'or', parts: loose, scale: 1 });
      relaxed = hits.length > 0;
      if (!relaxed) dropped = [];
    }
    hits = hits.map(({ d, ...hit }) => hit);
    let didYouMean = replaceWords(text, corrections);
    if (!didYouMean && hits.length === 0) didYouMean = this.respell(text);
    return { total: hits.length, results: hits.slice(0, limit), did_you_mean: didYouMean, relaxed, dropped_words: dropped };
  }

  // "Did you mean": each word that occurs nowhere replaced by the closest spelling within one more
  // typo than matching allows (QueryBuilder::respell).
  respell(text) {
    const edits = [];
    for (const t of this.analyzer.analyze(text)) {
      if (t.stop || this.occurs(t)) continue;
      const suggestion = this.spell(t.folded, this.typoBudget(t.folded) + 1);
      if (suggestion && suggestion !== t.folded) edits.push([t, suggestion]);
    }
    return replaceWords(text, edits);
  }
}

function replaceWords(text, edits) {
  if (!edits.length) return '';
  let out = '';
  let at = 0;
  for (const [t, replacement] of edits) {
    out += text.slice(at, t.offset) + replacement;
    at = t.offset + t.length;
  }
  return out + text.slice(at);
}

// One index per snapshot, built on first use.
const indexes = new WeakMap();
export function offlineIndex(snapshot) {
  let index = indexes.get(snapshot);
  if (!index) {
    index = new OfflineIndex(snapshot);
    indexes.set(snapshot, index);
  }
  return index;
}
