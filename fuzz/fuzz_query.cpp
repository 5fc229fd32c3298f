// libFuzzer target: the query builder (analysis, synonyms, compounds, typo correction) on an in-memory
// Xapian database.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "search/analyzer.h"
#include "search/compounds.h"
#include "search/query_builder.h"
#include "search/stopwords.h"
#include "search/synonyms.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ugk::search;
  static Analyzer analyzer(default_stopwords());
  static const Synonyms synonyms = Synonyms::parse(default_synonyms_text(), analyzer);
  static const Decompounder decompounder({"lakcím", "kártya", "útlevél"});
  // On disk: the in-memory backend has no spelling table (UnimplementedError).
  static const Xapian::Database db = [] {
    char folder[] = "/tmp/ugk-fuzz-query-XXXXXX";
    Xapian::WritableDatabase w(std::string(mkdtemp(folder)) + "/db", Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::Document doc;
    for (const char* term : {"hagyaték", "lakcím", "kártya", "útlevél", "eljárás"}) {
      doc.add_term(term);
      w.add_spelling(term);
    }
    w.add_document(doc);
    w.commit();
    return Xapian::Database(w);
  }();
  if (size > 4096) return 0;  // the API caps q far below this (500 bytes)
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  QueryBuilder builder(analyzer, synonyms, decompounder);
  (void)builder.build(text, db).query.get_description();
  (void)builder.respell(text, db);
  return 0;
}
