#include "search/index_builder.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "kb/text_fold.h"
#include "search/errors.h"

#include <xapian.h>

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>

#include "search/analyzer.h"
#include "search/compounds.h"
#include "search/document_builder.h"
#include "search/synonyms.h"
#include "search/index_layout.h"
#include "search/terms.h"

namespace ugk::search {
namespace {

std::string join_lines(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& word : words) {
    joined += word;
    joined += '\n';
  }
  return joined;
}

// Spelling data (for typo tolerance) is the folded words: typos are corrected in the folded space so
// that a missing accent never counts as a typo.
void add_spelling_words(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  const std::string prefix(terms::kFolded);
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (!term.starts_with(prefix) || term.starts_with(terms::kFoldedStem)) continue;
    db.add_spelling(term.substr(prefix.size()), it.get_wdf());
  }
}

void add(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  add_spelling_words(db, doc);
  db.add_document(doc);
}


// The domain's head vocabulary: what compounds are split into (compounds.h).
Decompounder make_decompounder(const kb::Bundle& bundle, Analyzer& analyzer) {
  std::unordered_set<std::string> lexicon;
  for (const auto& procedure : bundle.procedures) {
    add_to_lexicon(lexicon, procedure.title, analyzer);
    add_to_lexicon(lexicon, procedure.category, analyzer);
    for (const std::string& keyword : procedure.keywords) add_to_lexicon(lexicon, keyword, analyzer);
  }
  for (const auto& form : bundle.forms) add_to_lexicon(lexicon, form.title, analyzer);
  return Decompounder(std::move(lexicon));
}

// Completions for a search box: procedure titles and keywords, form titles, each text once
// (national bundles repeat titles in every office's local variant).
std::string suggestions_json(const kb::Bundle& bundle) {
  nlohmann::json list = nlohmann::json::array();
  std::unordered_set<std::string> seen;
  auto add = [&](const std::string& text, std::string_view kind, DocType type, const std::string& id) {
    // Keywords are often listed with and without accents: offer the first (accented) spelling only.
    if (text.empty() || !seen.insert(kb::fold(kb::to_lower(text))).second) return;
    list.push_back({text, kind, to_string(type), id});
  };
  for (const auto& procedure : bundle.procedures) add(procedure.title, "title", DocType::kProcedure, procedure.id);
  for (const auto& procedure : bundle.procedures) {
    for (const std::string& keyword : procedure.keywords) add(keyword, "keyword", DocType::kProcedure, procedure.id);
  }
  for (const auto& form : bundle.forms) add(form.title, "title", DocType::kForm, form.id);
  return list.dump();
}

// Holds an exclusive advisory lock on <root>/.build.lock: builds from different processes (an import
// and a serving process repairing a lagging index) take turns instead of racing on the generations.
class BuildLock {
 public:
  explicit BuildLock(const std::filesystem::path& root)
      : fd_(::open((root / ".build.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ < 0) throw IndexError("cannot open the index build lock in " + root.string());
    if (::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      throw IndexError("cannot lock " + root.string());
    }
  }
  ~BuildLock() { ::close(fd_); }
  BuildLock(const BuildLock&) = delete;
  BuildLock& operator=(const BuildLock&) = delete;

 private:
  int fd_;
};

void build_generation(const kb::Bundle& bundle, std::int64_t kb_version, const std::filesystem::path& index_root,
                      const StopWords& stop_words, std::string_view synonyms_text) {
  const auto generations = layout::list_generations(index_root);
  const auto current = layout::read_current(index_root);
  std::uint64_t next = generations.empty() ? 1 : generations.back() + 1;
  if (current && *current >= next) next = *current + 1;
  const std::filesystem::path dir = layout::generation_dir(index_root, next);

  {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Analyzer analyzer(stop_words);
    const Decompounder decompounder = make_decompounder(bundle, analyzer);
    DocumentBuilder builder(analyzer, decompounder);
    std::map<std::string_view, const kb::Procedure*> procedures;
    for (const auto& procedure : bundle.procedures) {
      procedures.emplace(procedure.id, &procedure);
      add(db, builder.build(procedure));
    }
    for (const auto& form : bundle.forms) {
      FacetValues inherited;
      for (const std::string& id : form.procedures) {
        const auto it = procedures.find(id);
        if (it == procedures.end()) continue;
        const FacetValues own = facet_values(*it->second);
        inherited.categories.insert(inherited.categories.end(), own.categories.begin(), own.categories.end());
        inherited.authorities.insert(inherited.authorities.end(), own.authorities.begin(), own.authorities.end());
      }
      add(db, builder.build(form, inherited));
    }
    for (const auto& office : bundle.offices) add(db, builder.build(office));
    db.set_metadata(std::string(terms::kKbVersionKey), std::to_string(kb_version));
    db.set_metadata(std::string(terms::kStopWordsKey), join_lines(stop_words.words()));
    // Validate the synonym list before writing it: a broken list must fail the build, not queries.
    (void)Synonyms::parse(synonyms_text, analyzer);
    db.set_metadata(std::string(terms::kSynonymsKey), std::string(synonyms_text));
    db.set_metadata(std::string(terms::kLexiconKey), decompounder.serialize());
    db.set_metadata(std::string(terms::kSuggestionsKey), suggestions_json(bundle));
    db.commit();
    db.close();
  }

  layout::write_current(index_root, next);

  // Keep the generation that was current until now: a Searcher may still be reading it until its
  // next search. Anything older (and any abandoned half-built generation) has no reader left.
  for (std::uint64_t generation : layout::list_generations(index_root)) {
    if (generation == next || (current && generation == *current)) continue;
    std::error_code ignored;
    std::filesystem::remove_all(layout::generation_dir(index_root, generation), ignored);
  }
}

}  // namespace

void build_index(const kb::Bundle& bundle, std::int64_t kb_version, const std::filesystem::path& index_root,
                 const StopWords& stop_words, std::string_view synonyms_text) {
  std::filesystem::create_directories(index_root);
  BuildLock lock(index_root);
  // Store versions only grow: an index already at this version or newer was built by someone else
  // while we waited, and replacing it would move readers backwards.
  if (auto current = indexed_version(index_root); current && *current >= kb_version) return;
  try {
    build_generation(bundle, kb_version, index_root, stop_words, synonyms_text);
  } catch (const Xapian::Error& e) {
    throw IndexError("building the search index failed: " + e.get_description());
  }
}

void build_index(const kb::Bundle& bundle, std::int64_t kb_version, const std::filesystem::path& index_root) {
  build_index(bundle, kb_version, index_root, default_stopwords(), default_synonyms_text());
}

std::optional<std::int64_t> indexed_version(const std::filesystem::path& index_root) {
  const auto current = layout::read_current(index_root);
  if (!current) return std::nullopt;
  try {
    const Xapian::Database db(layout::generation_dir(index_root, *current).string());
    const std::string value = db.get_metadata(std::string(terms::kKbVersionKey));
    std::int64_t version = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
    return version;
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
}

}  // namespace ugk::search
