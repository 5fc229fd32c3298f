#include "search/index_builder.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>

#include "kb/text_fold.h"
#include "search/analyzer.h"
#include "search/compounds.h"
#include "search/concurrent_read.h"
#include "search/document_builder.h"
#include "search/errors.h"
#include "search/index_layout.h"
#include "search/synonyms.h"
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
Decompounder make_decompounder(const kb::Catalog& catalog, Analyzer& analyzer) {
  std::unordered_set<std::string> lexicon;
  auto add_procedure = [&](const kb::Procedure& procedure) {
    add_to_lexicon(lexicon, procedure.title, analyzer);
    add_to_lexicon(lexicon, procedure.category, analyzer);
    for (const std::string& keyword : procedure.keywords) add_to_lexicon(lexicon, keyword, analyzer);
  };
  for (const auto& procedure : catalog.procedures()) add_procedure(procedure);
  for (const auto& procedure : catalog.local_procedures()) add_procedure(procedure);
  for (const auto& form : catalog.forms()) add_to_lexicon(lexicon, form.title, analyzer);
  return Decompounder(std::move(lexicon));
}

// Completions for a search box: procedure titles and keywords, form titles, each text once; an
// office's own titles (local-only procedures, variant titles) are offered only for that office.
std::string suggestions_json(const kb::Catalog& catalog) {
  nlohmann::json list = nlohmann::json::array();
  std::unordered_set<std::string> seen;
  auto add = [&](const std::string& text, std::string_view kind, DocType type, const std::string& id,
                 const std::string& office) {
    // Keywords are often listed with and without accents: offer the first (accented) spelling only.
    if (text.empty() || !seen.insert(office + "\n" + kb::fold(kb::to_lower(text))).second) return;
    nlohmann::json item = {text, kind, to_string(type), id};
    if (!office.empty()) item.push_back(office);
    list.push_back(std::move(item));
  };
  for (const auto& p : catalog.procedures()) add(p.title, "title", DocType::kProcedure, p.id, "");
  for (const auto& p : catalog.procedures()) {
    for (const std::string& keyword : p.keywords) add(keyword, "keyword", DocType::kProcedure, p.id, "");
  }
  for (const auto& form : catalog.forms()) add(form.title, "title", DocType::kForm, form.id, "");
  for (const auto& p : catalog.local_procedures()) {
    add(p.title, "title", DocType::kProcedure, p.id, p.office_id.value_or(""));
  }
  for (const auto& v : catalog.variants()) {
    if (v.title) add(*v.title, "title", DocType::kProcedure, v.procedure_id, v.office_id);
  }
  return list.dump();
}

// The category and authority filters of a form are those of the procedures it serves.
FacetValues inherited_facets(const kb::Catalog& catalog, const kb::Form& form) {
  FacetValues inherited;
  for (const std::string& id : form.procedures) {
    const kb::Procedure* procedure = catalog.procedure(id);
    if (procedure == nullptr) continue;
    const FacetValues own = facet_values(*procedure);
    inherited.categories.insert(inherited.categories.end(), own.categories.begin(), own.categories.end());
    inherited.authorities.insert(inherited.authorities.end(), own.authorities.begin(), own.authorities.end());
  }
  return inherited;
}

void remove_spelling_words(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  const std::string prefix(terms::kFolded);
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (!term.starts_with(prefix) || term.starts_with(terms::kFoldedStem)) continue;
    db.remove_spelling(term.substr(prefix.size()), it.get_wdf());
  }
}

// Writes or deletes documents by unique term, keeping the spelling data in step.
class DocumentWriter {
 public:
  explicit DocumentWriter(Xapian::WritableDatabase& db) : db_(db) {}

  void put(const std::string& unique_term, const Xapian::Document& doc) {
    drop_spelling_of(unique_term);
    add_spelling_words(db_, doc);
    db_.replace_document(unique_term, doc);
  }

  void remove(const std::string& unique_term) {
    drop_spelling_of(unique_term);
    db_.delete_document(unique_term);
  }

 private:
  void drop_spelling_of(const std::string& unique_term) {
    auto posting = db_.postlist_begin(unique_term);
    if (posting != db_.postlist_end(unique_term)) remove_spelling_words(db_, db_.get_document(*posting));
  }

  Xapian::WritableDatabase& db_;
};

// Editors' synonyms as synonyms.h lines: one "phrase<TAB>term" line per term. (The record rules keep
// tabs, line breaks and '#' out of both sides.)
std::string editor_synonyms_text(const kb::Catalog& catalog) {
  std::string text;
  for (const kb::SearchSynonym& synonym : catalog.search_synonyms()) {
    for (const std::string& term : synonym.terms) text += synonym.phrase + "\t" + term + "\n";
  }
  return text;
}

std::string best_bets_json(const kb::Catalog& catalog) {
  nlohmann::json list = nlohmann::json::array();
  for (const kb::BestBet& bet : catalog.best_bets()) list.push_back({bet.query, bet.procedures});
  return list.dump();
}

// Analysis data a generation carries in its metadata beside the documents.
void write_analysis(Xapian::WritableDatabase& db, const kb::Catalog& catalog, const Decompounder& decompounder) {
  db.set_metadata(std::string(terms::kEditorSynonymsKey), editor_synonyms_text(catalog));
  db.set_metadata(std::string(terms::kBestBetsKey), best_bets_json(catalog));
  db.set_metadata(std::string(terms::kKbVersionKey), std::to_string(catalog.version()));
  db.set_metadata(std::string(terms::kLexiconKey), decompounder.serialize());
  db.set_metadata(std::string(terms::kSuggestionsKey), suggestions_json(catalog));
  // Readers reload the analysis when this changes; the store version identifies the content.
  db.set_metadata(std::string(terms::kAnalysisRevisionKey), std::to_string(catalog.version()));
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

void build_generation(const kb::Catalog& catalog, const std::filesystem::path& index_root, const StopWords& stop_words,
                      std::string_view synonyms_text) {
  const auto generations = layout::list_generations(index_root);
  const auto current = layout::read_current(index_root);
  std::uint64_t next = generations.empty() ? 1 : generations.back() + 1;
  if (current && *current >= next) next = *current + 1;
  const std::filesystem::path dir = layout::generation_dir(index_root, next);

  {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Analyzer analyzer(stop_words);
    // Validate the synonym list before writing anything: a broken list must fail the build, not queries.
    (void)Synonyms::parse(synonyms_text, analyzer);
    const Decompounder decompounder = make_decompounder(catalog, analyzer);
    DocumentBuilder builder(analyzer, decompounder);
    for (const auto& procedure : catalog.procedures()) add(db, builder.build(procedure));
    for (const auto& procedure : catalog.local_procedures()) add(db, builder.build(procedure));
    for (const auto& variant : catalog.variants()) {
      if (const kb::Procedure* national = catalog.procedures().find(variant.procedure_id)) {
        add(db, builder.build(variant, *national));
      }
    }
    for (const auto& form : catalog.forms()) add(db, builder.build(form, inherited_facets(catalog, form)));
    for (const auto& office : catalog.offices()) add(db, builder.build(office));
    db.set_metadata(std::string(terms::kStopWordsKey), join_lines(stop_words.words()));
    db.set_metadata(std::string(terms::kSynonymsKey), std::string(synonyms_text));
    write_analysis(db, catalog, decompounder);
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

std::optional<std::int64_t> parse_version(const std::string& value) {
  std::int64_t version = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return version;
}

// The documents a changed record is part of, rebuilt from the catalog (or deleted when gone).
void reindex(const kb::Catalog& catalog, const RecordRef& change, DocumentBuilder& builder, DocumentWriter& writer) {
  using kb::RecordKind;
  const auto put_form = [&](const kb::Form& form) {
    writer.put(document_term(form), builder.build(form, inherited_facets(catalog, form)));
  };
  switch (change.kind) {
    case RecordKind::kProcedure:
    case RecordKind::kLocalProcedure: {
      const std::string term = terms::id_term(DocType::kProcedure, change.key);
      const kb::Procedure* procedure = change.kind == RecordKind::kProcedure
                                           ? catalog.procedures().find(change.key)
                                           : catalog.local_procedures().find(change.key);
      if (procedure != nullptr) {
        writer.put(term, builder.build(*procedure));
      } else {
        writer.remove(term);
      }
      // Variants carry the national text as their fallback and the procedure's facets; forms
      // inherit its facets.
      for (const kb::LocalVariant* variant : catalog.variants_of_procedure(change.key)) {
        if (procedure != nullptr) {
          writer.put(document_term(*variant), builder.build(*variant, *procedure));
        } else {
          writer.remove(document_term(*variant));
        }
      }
      for (const auto& form : catalog.forms()) {
        const bool lists =
            std::find(form.procedures.begin(), form.procedures.end(), change.key) != form.procedures.end();
        const bool named = procedure != nullptr && std::find(procedure->forms.begin(), procedure->forms.end(),
                                                             form.id) != procedure->forms.end();
        if (lists || named) put_form(form);
      }
      break;
    }
    case RecordKind::kVariant: {
      const std::string term = terms::variant_term(change.key);
      const kb::LocalVariant* variant = catalog.variants().find(change.key);
      const kb::Procedure* national = variant ? catalog.procedures().find(variant->procedure_id) : nullptr;
      if (variant != nullptr && national != nullptr) {
        writer.put(term, builder.build(*variant, *national));
      } else {
        writer.remove(term);
      }
      break;
    }
    case RecordKind::kForm: {
      if (const kb::Form* form = catalog.form(change.key)) {
        put_form(*form);
      } else {
        writer.remove(terms::id_term(DocType::kForm, change.key));
      }
      break;
    }
    case RecordKind::kOffice: {
      if (const kb::Office* office = catalog.office(change.key)) {
        writer.put(document_term(*office), builder.build(*office));
      } else {
        writer.remove(terms::id_term(DocType::kOffice, change.key));
      }
      break;
    }
    case RecordKind::kDistrict:
    case RecordKind::kSettlement:
    case RecordKind::kVisit:
    case RecordKind::kCalendarDay:
    case RecordKind::kClosure:
    case RecordKind::kGuide:
      break;  // not part of any document
    case RecordKind::kSearchSynonym:
    case RecordKind::kBestBet:
      break;  // part of the analysis metadata, which every update rewrites
  }
}

}  // namespace

void build_index(const kb::Catalog& catalog, const std::filesystem::path& index_root, const StopWords& stop_words,
                 std::string_view synonyms_text) {
  std::filesystem::create_directories(index_root);
  BuildLock lock(index_root);
  // Store versions only grow: an index already at this version or newer was built by someone else
  // while we waited, and replacing it would move readers backwards.
  if (auto current = indexed_version(index_root); current && *current >= catalog.version()) return;
  try {
    build_generation(catalog, index_root, stop_words, synonyms_text);
  } catch (const Xapian::Error& e) {
    throw IndexError("building the search index failed: " + e.get_description());
  }
}

void build_index(const kb::Catalog& catalog, const std::filesystem::path& index_root) {
  build_index(catalog, index_root, default_stopwords(), default_synonyms_text());
}

void build_index(kb::Bundle bundle, std::int64_t version, const std::filesystem::path& index_root) {
  build_index(kb::Catalog(std::move(bundle), version), index_root);
}

bool update_index(const kb::Catalog& catalog, const std::vector<RecordRef>& changed,
                  const std::filesystem::path& index_root) {
  if (!std::filesystem::exists(index_root)) return false;
  BuildLock lock(index_root);
  const auto current = layout::read_current(index_root);
  if (!current) return false;
  try {
    Xapian::WritableDatabase db(layout::generation_dir(index_root, *current).string(), Xapian::DB_OPEN);
    const auto indexed = parse_version(db.get_metadata(std::string(terms::kKbVersionKey)));
    if (!indexed) return false;
    if (*indexed >= catalog.version()) return true;  // someone else got here first
    Analyzer analyzer(parse_stopwords(db.get_metadata(std::string(terms::kStopWordsKey))));
    const Decompounder decompounder = make_decompounder(catalog, analyzer);
    DocumentBuilder builder(analyzer, decompounder);
    DocumentWriter writer(db);
    for (const RecordRef& change : changed) reindex(catalog, change, builder, writer);
    write_analysis(db, catalog, decompounder);
    db.commit();
    return true;
  } catch (const Xapian::DatabaseOpeningError&) {
    return false;
  } catch (const Xapian::Error& e) {
    throw IndexError("updating the search index failed: " + e.get_description());
  }
}

std::optional<std::int64_t> indexed_version(const std::filesystem::path& index_root) {
  // A moment of the indexer's commit is not "no index": only an index that stays unreadable counts
  // as missing (readiness says so).
  try {
    return read_while_indexer_commits(
        [&]() -> std::optional<std::int64_t> {
          const auto current = layout::read_current(index_root);
          if (!current) return std::nullopt;
          const Xapian::Database db(layout::generation_dir(index_root, *current).string());
          return parse_version(db.get_metadata(std::string(terms::kKbVersionKey)));
        },
        [] {});
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
}

}  // namespace ugk::search
