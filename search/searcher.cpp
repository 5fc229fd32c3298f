#include "search/searcher.h"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>

#include "search/concurrent_read.h"
#include "search/document_builder.h"
#include "search/errors.h"
#include "search/index_layout.h"
#include "search/snippet.h"
#include "search/terms.h"

namespace ugk::search {
namespace {

std::optional<std::int64_t> parse_version(const std::string& value) {
  std::int64_t version = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return version;
}

// Xapian counts documents in 32 bits; larger offsets or limits mean "everything" anyway.
Xapian::doccount to_doccount(std::size_t n) {
  constexpr auto kMax = std::numeric_limits<Xapian::doccount>::max();
  return n > kMax ? kMax : static_cast<Xapian::doccount>(n);
}

// Accent-folded words separated by single spaces: the form completions are compared in.
std::string normalized(std::string_view text, Analyzer& analyzer) {
  std::string out;
  for (const Token& token : analyzer.analyze(text)) {
    if (!out.empty()) out += ' ';
    out += token.folded;
  }
  return out;
}

// Facet counts over distinct hits: Xapian runs match spies before collapsing, so a plain
// ValueCountMatchSpy would count a procedure once per matching local variant. This spy counts each
// collapse key once (the first document seen for it carries the procedure's facet values).
class DistinctFacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    if (!seen_.insert(doc.get_value(terms::kCollapseSlot)).second) return;
    static constexpr std::pair<const char*, unsigned> kSlots[] = {
        {"category", terms::kCategorySlot}, {"authority", terms::kAuthoritySlot}, {"type", terms::kTypeSlot}};
    for (const auto& [name, slot] : kSlots) {
      std::string value = doc.get_value(slot);
      if (!value.empty()) ++counts_[name][std::move(value)];
    }
  }
  std::size_t distinct() const { return seen_.size(); }
  Facets take_counts() {
    for (const char* name : {"category", "authority", "type"}) counts_[name];  // every facet present
    return std::move(counts_);
  }

 private:
  std::unordered_set<std::string> seen_;
  Facets counts_;
};

// The stored data of the first of `offices` that has a local variant of the procedure.
std::optional<StoredDocument> preferred_variant(const Xapian::Database& db, const std::string& procedure_id,
                                                const std::vector<std::string>& offices) {
  for (const std::string& office : offices) {
    const std::string term = terms::variant_term(procedure_id + "@" + office);
    auto posting = db.postlist_begin(term);
    if (posting == db.postlist_end(term)) continue;
    return decode_stored_document(db.get_document(*posting).get_data());
  }
  return std::nullopt;
}

// The built-in synonym list followed by the editors' lines that parse (a phrase of stop words only
// would make the whole list unusable; it is skipped instead).
Synonyms all_synonyms(const Xapian::Database& db, Analyzer& analyzer) {
  std::string text = db.get_metadata(std::string(terms::kSynonymsKey));
  const std::string editors = db.get_metadata(std::string(terms::kEditorSynonymsKey));
  std::string_view rest = editors;
  while (!rest.empty()) {
    const std::size_t eol = rest.find('\n');
    const std::string line(rest.substr(0, eol));
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    try {
      (void)Synonyms::parse(line, analyzer);
    } catch (const std::invalid_argument&) {
      continue;
    }
    text += "\n" + line;
  }
  return Synonyms::parse(text, analyzer);
}

}  // namespace

// What a generation brings besides its database: the analysis it was built with and its completions.
struct Searcher::Generation {
  Analyzer analyzer;
  Synonyms synonyms;
  Decompounder decompounder;
  QueryBuilder query_builder;

  struct Completion {
    Suggestion suggestion;
    std::size_t length = 0;  // of the normalized text
  };
  std::vector<Completion> completions;
  // (normalized text from a word start to the end, completion index, starts the text), sorted.
  struct Key {
    std::string text;
    std::uint32_t completion = 0;
    bool at_start = false;
    bool operator<(const Key& other) const { return text < other.text; }
  };
  std::vector<Key> keys;
  // Best bets: normalized query -> procedure ids, first shown first.
  std::map<std::string, std::vector<std::string>> best_bets;

  explicit Generation(const Xapian::Database& db)
      : analyzer(parse_stopwords(db.get_metadata(std::string(terms::kStopWordsKey)))),
        synonyms(all_synonyms(db, analyzer)),
        decompounder(Decompounder::deserialize(db.get_metadata(std::string(terms::kLexiconKey)))),
        query_builder(analyzer, synonyms, decompounder) {
    const std::string bets = db.get_metadata(std::string(terms::kBestBetsKey));
    if (!bets.empty()) {
      for (const auto& item : nlohmann::json::parse(bets)) {
        auto& ids = best_bets[normalized(item.at(0).get<std::string>(), analyzer)];
        for (const auto& id : item.at(1)) ids.push_back(id.get<std::string>());
      }
    }
    const std::string data = db.get_metadata(std::string(terms::kSuggestionsKey));
    if (data.empty()) return;
    for (const auto& item : nlohmann::json::parse(data)) {
      Completion completion;
      completion.suggestion.text = item.at(0).get<std::string>();
      completion.suggestion.kind = item.at(1).get<std::string>();
      completion.suggestion.type = parse_doc_type(item.at(2).get<std::string>()).value_or(DocType::kProcedure);
      completion.suggestion.id = item.at(3).get<std::string>();
      if (item.size() > 4) completion.suggestion.office_id = item.at(4).get<std::string>();
      const std::string text = normalized(completion.suggestion.text, analyzer);
      completion.length = text.size();
      const auto index = static_cast<std::uint32_t>(completions.size());
      completions.push_back(std::move(completion));
      for (std::size_t at = 0; at < text.size(); at = text.find(' ', at) + 1) {
        keys.push_back({text.substr(at), index, at == 0});
        if (text.find(' ', at) == std::string::npos) break;
      }
    }
    std::sort(keys.begin(), keys.end());
  }
};

Searcher::Searcher(std::filesystem::path index_root) : root_(std::move(index_root)) {
  open_current();
}

Searcher::~Searcher() = default;

void Searcher::open_current() {
  // Stamp first: if CURRENT changes between the stat and the read, the next search sees a changed
  // stamp and opens again, so a swap is never missed.
  struct stat st {};
  if (::stat(layout::current_file(root_).c_str(), &st) != 0) {
    throw IndexUnavailable("no search index under " + root_.string());
  }
  const CurrentStamp stamp{static_cast<std::uint64_t>(st.st_ino),
                           static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
                           static_cast<std::int64_t>(st.st_size)};
  const auto generation = layout::read_current(root_);
  if (!generation) throw IndexUnavailable("malformed " + layout::current_file(root_).string());
  if (current_ && *generation == generation_) {
    stamp_ = stamp;
    return;
  }

  Xapian::Database db;
  try {
    db = Xapian::Database(layout::generation_dir(root_, *generation).string());
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw IndexUnavailable("cannot open search index generation " + std::to_string(*generation) + ": " + e.get_msg());
  }
  const auto version = parse_version(db.get_metadata(std::string(terms::kKbVersionKey)));
  if (!version) throw IndexUnavailable("search index generation without kb_version");
  std::string revision = db.get_metadata(std::string(terms::kAnalysisRevisionKey));

  std::unique_ptr<Generation> loaded;
  try {
    loaded = std::make_unique<Generation>(db);
  } catch (const std::exception& e) {
    throw IndexUnavailable("search index generation " + std::to_string(*generation) +
                           " has unusable metadata: " + e.what());
  }
  db_ = std::move(db);
  generation_ = *generation;
  kb_version_ = *version;
  analysis_revision_ = std::move(revision);
  stamp_ = stamp;
  current_ = std::move(loaded);
}

void Searcher::reopen_generation() {
  if (!db_.reopen()) return;
  const auto version = parse_version(db_.get_metadata(std::string(terms::kKbVersionKey)));
  if (version) kb_version_ = *version;
  std::string revision = db_.get_metadata(std::string(terms::kAnalysisRevisionKey));
  if (revision == analysis_revision_) return;
  try {
    current_ = std::make_unique<Generation>(db_);
    analysis_revision_ = std::move(revision);
  } catch (const std::exception& e) {
    // Keep answering with the analysis we have; the documents are current either way.
    analysis_revision_ = std::move(revision);
  }
}

void Searcher::refresh_if_changed() {
  struct stat st {};
  // A vanished CURRENT (index root being cleaned up) keeps the open generation serving.
  if (::stat(layout::current_file(root_).c_str(), &st) != 0) return;
  const CurrentStamp stamp{static_cast<std::uint64_t>(st.st_ino),
                           static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
                           static_cast<std::int64_t>(st.st_size)};
  if (stamp != stamp_) {
    open_current();
  } else {
    reopen_generation();
  }
}

std::int64_t Searcher::kb_version() {
  refresh_if_changed();
  return kb_version_;
}

SearchResult Searcher::search(const SearchRequest& request) {
  // The indexer updates the current generation in place: refresh and read are retried together.
  return read_while_indexer_commits(
      [&] {
        refresh_if_changed();
        return run(request);
      },
      [&] { db_.reopen(); });
}

Xapian::Query Searcher::filtered(Xapian::Query query, const SearchRequest& request) const {
  // National documents, plus the local documents of the offices serving the user's settlement.
  std::vector<Xapian::Query> scopes{Xapian::Query(std::string(terms::kNationalScope))};
  for (const std::string& office : request.offices) scopes.emplace_back(terms::office_scope_term(office));
  query = Xapian::Query(
      Xapian::Query::OP_FILTER, query,
      scopes.size() == 1 ? scopes.front() : Xapian::Query(Xapian::Query::OP_OR, scopes.begin(), scopes.end()));
  std::vector<Xapian::Query> filters;
  if (request.type) filters.emplace_back(terms::type_term(*request.type));
  if (request.category) filters.emplace_back(terms::with_prefix(terms::kCategory, *request.category));
  if (request.authority) filters.emplace_back(terms::with_prefix(terms::kAuthority, *request.authority));
  for (const Xapian::Query& filter : filters) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  return query;
}

bool Searcher::matches_any(const Xapian::Query& query, const SearchRequest& request) const {
  Xapian::Enquire enquire(db_);
  enquire.set_query(filtered(query, request));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

namespace {

// Above any BM25 weight: a best bet's documents are lifted above every other hit.
constexpr double kBestBetWeight = 1e6;

Xapian::Query all_of(const std::vector<QueryWord>& words, const std::vector<std::size_t>& which) {
  std::vector<Xapian::Query> matches;
  for (std::size_t i : which) matches.push_back(words[i].match);
  return matches.size() == 1 ? matches.front() : Xapian::Query(Xapian::Query::OP_AND, matches.begin(), matches.end());
}

// The words (as typed) none of whose forms is among `matching` terms of a hit.
std::vector<std::string> words_missing(const std::vector<QueryWord>& words, const std::set<std::string>& matching) {
  std::vector<std::string> missing;
  for (const QueryWord& word : words) {
    bool found = false;
    for (auto t = word.match.get_unique_terms_begin(); t != word.match.get_unique_terms_end() && !found; ++t) {
      found = matching.count(*t) > 0;
    }
    if (!found) missing.push_back(word.text);
  }
  return missing;
}

}  // namespace

Xapian::Query Searcher::relaxed_query(ParsedQuery& parsed, const SearchRequest& request, SearchResult& result,
                                      bool& loosened) {
  loosened = false;
  std::vector<QueryWord>& words = parsed.words;
  if (words.empty()) return parsed.query;
  std::vector<std::size_t> all(words.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  if (matches_any(all_of(words, all), request)) return parsed.query;
  result.relaxed = true;
  // Some word matches: the words are OR-ed, so BM25 already ranks the documents with the most and
  // the most informative (rarest) words first; that is the closest result. (Lifting the documents
  // that match every word but the most frequent ones above the rest was measured and ranks worse:
  // the rarest words of a situation are often incidental, "papír", "kérni".)
  if (matches_any(parsed.query, request)) return parsed.query;

  // Nothing matches any word as typed: loosen every word, keep those that then match something.
  const std::vector<Xapian::Query> loose = current_->query_builder.relax(parsed, db_);
  std::vector<Xapian::Query> found;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!loose[i].empty() && matches_any(loose[i], request)) {
      found.push_back(loose[i]);
    } else {
      result.dropped_words.push_back(words[i].text);
    }
  }
  loosened = true;
  if (found.empty()) {
    loosened = false;
    result.relaxed = false;  // nothing to offer: an empty result, not a relaxed one
    result.dropped_words.clear();
    return parsed.query;
  }
  return Xapian::Query(Xapian::Query::OP_OR, found.begin(), found.end());
}

SearchResult Searcher::run(const SearchRequest& request) {
  ParsedQuery parsed = current_->query_builder.build(request.text, db_);
  if (parsed.query.empty()) return {};

  SearchResult result;
  bool loosened = false;
  Xapian::Query query = relaxed_query(parsed, request, result, loosened);
  // Best bets: the editors' procedures for this query come first, in their order, matched or not.
  const auto bet = current_->best_bets.find(normalized(request.text, current_->analyzer));
  const bool betting = bet != current_->best_bets.end() && (!request.type || *request.type == DocType::kProcedure);
  if (betting) {
    const std::size_t n = bet->second.size();
    for (std::size_t i = 0; i < n; ++i) {
      auto* source = new Xapian::FixedWeightPostingSource(kBestBetWeight * static_cast<double>(n - i));
      query = Xapian::Query(Xapian::Query::OP_OR, query,
                            Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(source->release()),
                                          Xapian::Query(terms::id_term(DocType::kProcedure, bet->second[i]))));
    }
    // A best bet answers the query as the editors meant it: not a relaxed answer.
    result.relaxed = false;
    result.dropped_words.clear();
    loosened = true;  // nothing more to name
  }
  Xapian::Enquire enquire(db_);
  enquire.set_query(filtered(query, request));
  enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormLen));
  // A procedure and its variants are one hit.
  enquire.set_collapse_key(terms::kCollapseSlot);
  DistinctFacetSpy spy;
  if (request.facets) enquire.add_matchspy(&spy);
  // With facets every match is visited (check_at_least), so the counts are exact.
  const Xapian::MSet mset = enquire.get_mset(to_doccount(request.offset), to_doccount(request.limit),
                                             request.facets ? db_.get_doccount() : 0);

  result.total = request.facets ? spy.distinct() : mset.get_matches_estimated();
  if (request.facets) result.facets = spy.take_counts();
  result.did_you_mean = parsed.corrected_text;
  // Nothing found: offer the closest spelling the index knows, with one more typo than matching allows.
  if (result.did_you_mean.empty() && mset.empty()) {
    result.did_you_mean = current_->query_builder.respell(request.text, db_);
  }
  if (mset.empty() && request.offset == 0) result.nearest = nearest_suggestions(request);
  // Which words the first hit lacks (a loosened query has already named the words it could not use).
  if (result.relaxed && !loosened && !mset.empty()) {
    const std::set<std::string> matching(enquire.get_matching_terms_begin(mset.begin()),
                                         enquire.get_matching_terms_end(mset.begin()));
    result.dropped_words = words_missing(parsed.words, matching);
  }
  result.hits.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    StoredDocument stored = decode_stored_document(it.get_document().get_data());
    if (stored.type == DocType::kProcedure) {
      if (auto local = preferred_variant(db_, stored.id, request.offices)) stored = std::move(*local);
    }
    Hit hit;
    hit.local_office_id = stored.office_id;
    hit.type = stored.type;
    hit.id = std::move(stored.id);
    hit.title = std::move(stored.title);
    Snippet snippet = make_highlighted_snippet(stored.text, current_->analyzer, parsed);
    hit.snippet = std::move(snippet.text);
    hit.highlights = std::move(snippet.highlights);
    hit.score = it.get_weight();
    if (betting && hit.score >= kBestBetWeight) {
      hit.best_bet = true;
      hit.score = std::fmod(hit.score, kBestBetWeight);
    }
    result.hits.push_back(std::move(hit));
  }
  return result;
}

std::vector<Suggestion> Searcher::nearest_suggestions(const SearchRequest& request) {
  constexpr std::size_t kNearest = 5;
  constexpr std::size_t kMinChars = 3;
  const std::vector<Token> tokens = current_->analyzer.analyze(request.text);
  const auto last = std::find_if(tokens.rbegin(), tokens.rend(), [](const Token& t) { return !t.stop; });
  if (last == tokens.rend()) return {};
  // Shorten the last word letter by letter (code points) until some completion starts with it.
  std::u32string letters;
  for (Xapian::Utf8Iterator it(last->folded); it != Xapian::Utf8Iterator(); ++it) letters.push_back(*it);
  for (std::size_t n = letters.size(); n >= kMinChars; --n) {
    std::string prefix;
    for (std::size_t i = 0; i < n; ++i) Xapian::Unicode::append_utf8(prefix, letters[i]);
    std::vector<Suggestion> found = suggest(prefix, kNearest, request.offices);
    if (request.type) {
      std::erase_if(found, [&](const Suggestion& s) { return s.type != *request.type; });
    }
    if (!found.empty()) return found;
  }
  return {};
}

std::vector<Suggestion> Searcher::suggest(std::string_view prefix, std::size_t limit,
                                          const std::vector<std::string>& offices) {
  refresh_if_changed();
  const Generation& generation = *current_;
  const std::string key = normalized(prefix, current_->analyzer);
  if (key.empty() || limit == 0) return {};

  // Every completion with a word starting with the prefix; bounded so that a one-letter prefix over a
  // national bundle stays fast.
  constexpr std::size_t kMaxCandidates = 2000;
  std::vector<std::pair<std::uint32_t, bool>> candidates;
  const Generation::Key probe{key, 0, false};
  for (auto it = std::lower_bound(generation.keys.begin(), generation.keys.end(), probe);
       it != generation.keys.end() && it->text.starts_with(key) && candidates.size() < kMaxCandidates; ++it) {
    const std::string& office = generation.completions[it->completion].suggestion.office_id;
    if (!office.empty() && std::find(offices.begin(), offices.end(), office) == offices.end()) continue;
    candidates.emplace_back(it->completion, it->at_start);
  }
  auto rank = [&](const std::pair<std::uint32_t, bool>& c) {
    const auto& completion = generation.completions[c.first];
    return std::tuple(!c.second, completion.suggestion.office_id.empty(),
                      completion.suggestion.type != DocType::kProcedure, completion.suggestion.kind != "title",
                      completion.length, c.first);
  };
  std::sort(candidates.begin(), candidates.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  std::vector<Suggestion> out;
  std::vector<std::uint32_t> taken;
  for (const auto& candidate : candidates) {
    if (out.size() >= limit) break;
    if (std::find(taken.begin(), taken.end(), candidate.first) != taken.end()) continue;
    const Suggestion& suggestion = generation.completions[candidate.first].suggestion;
    // An office's own title of a procedure replaces the national one for that office.
    if (suggestion.office_id.empty() && suggestion.kind == "title" &&
        std::any_of(candidates.begin(), candidates.end(), [&](const auto& other) {
          const Suggestion& local = generation.completions[other.first].suggestion;
          return !local.office_id.empty() && local.id == suggestion.id && local.kind == "title";
        })) {
      continue;
    }
    taken.push_back(candidate.first);
    out.push_back(suggestion);
  }
  return out;
}

}  // namespace ugk::search
