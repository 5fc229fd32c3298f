// Turns knowledge-base records into Xapian documents: which fields are searchable and how much
// each one counts.
//
// Field weight is expressed as the within-document frequency increment of its terms, so that a word
// in a title counts like several occurrences in the body; BM25 then saturates it sensibly.
// Each word is indexed in all four term spaces of terms.h (word, stem, folded, folded stem); the
// lower weight of the folded spaces is applied at query time.
//
// The document data holds what a hit needs without a catalog lookup: type, id, title and the plain
// text the snippet is cut from (see StoredDocument).
//
// Thread-safety: not thread-safe (uses an Analyzer); one per indexing thread.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "kb/model.h"
#include "search/analyzer.h"
#include "search/compounds.h"
#include "search/search_types.h"

namespace ugk::search {

// Within-document frequency increments per field.
inline constexpr Xapian::termcount kTitleWdf = 5;
inline constexpr Xapian::termcount kKeywordWdf = 4;
inline constexpr Xapian::termcount kCodeWdf = 3;
inline constexpr Xapian::termcount kCategoryWdf = 2;
inline constexpr Xapian::termcount kSummaryWdf = 2;
inline constexpr Xapian::termcount kBodyWdf = 1;

// The document data, JSON-encoded in the index.
struct StoredDocument {
  DocType type = DocType::kProcedure;
  std::string id;         // a variant's document holds its procedure's id
  std::string title;      // as the hit shows it (a variant's own title, else the national one)
  std::string text;       // plain text snippets are cut from
  std::string office_id;  // the office of a local document (variant or local-only procedure)
  bool operator==(const StoredDocument&) const = default;
};

std::string encode(const StoredDocument& stored);
// Throws std::runtime_error on data that was not written by encode().
StoredDocument decode_stored_document(std::string_view data);

// Facet values of a document (empty = none): a form takes them from the procedures it serves.
struct FacetValues {
  std::vector<std::string> categories;
  std::vector<std::string> authorities;
};

FacetValues facet_values(const kb::Procedure& procedure);

// The unique term of the document a record is indexed as.
std::string document_term(const kb::Procedure& procedure);
std::string document_term(const kb::LocalVariant& variant);
std::string document_term(const kb::Form& form);
std::string document_term(const kb::Office& office);

class DocumentBuilder {
 public:
  // `decompounder` (may be empty) must outlive the builder.
  DocumentBuilder(Analyzer& analyzer, const Decompounder& decompounder)
      : analyzer_(analyzer), decompounder_(decompounder) {}

  // A national procedure (scope XZ) or a local-only one (scope XO<office>).
  Xapian::Document build(const kb::Procedure& procedure);
  // A local variant: only the words of the office's own text that the national text lacks are
  // indexed (the national text is in the procedure's own document), under the office's scope and the procedure's
  // collapse key, with the procedure's facet values; the stored data is what the hit shows for that office.
  Xapian::Document build(const kb::LocalVariant& variant, const kb::Procedure& national);
  Xapian::Document build(const kb::Form& form, const FacetValues& inherited = {});
  Xapian::Document build(const kb::Office& office);

 private:
  void index_text(Xapian::Document& doc, std::string_view text, Xapian::termcount wdf);
  void index_procedure_text(Xapian::Document& doc, const kb::Procedure& procedure);
  void finish(Xapian::Document& doc, const StoredDocument& stored, const FacetValues& facets,
              const std::string& unique_term);

  Analyzer& analyzer_;
  const Decompounder& decompounder_;
};

}  // namespace ugk::search
