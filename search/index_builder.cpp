#include "search/index_builder.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "search/errors.h"

#include <xapian.h>

#include <charconv>
#include <string>

#include "search/analyzer.h"
#include "search/document_builder.h"
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
                      const StopWords& stop_words) {
  const auto generations = layout::list_generations(index_root);
  const auto current = layout::read_current(index_root);
  std::uint64_t next = generations.empty() ? 1 : generations.back() + 1;
  if (current && *current >= next) next = *current + 1;
  const std::filesystem::path dir = layout::generation_dir(index_root, next);

  {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Analyzer analyzer(stop_words);
    DocumentBuilder builder(analyzer);
    for (const auto& procedure : bundle.procedures) add(db, builder.build(procedure));
    for (const auto& form : bundle.forms) add(db, builder.build(form));
    for (const auto& office : bundle.offices) add(db, builder.build(office));
    db.set_metadata(std::string(terms::kKbVersionKey), std::to_string(kb_version));
    db.set_metadata(std::string(terms::kStopWordsKey), join_lines(stop_words.words()));
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
                 const StopWords& stop_words) {
  std::filesystem::create_directories(index_root);
  BuildLock lock(index_root);
  // Store versions only grow: an index already at this version or newer was built by someone else
  // while we waited, and replacing it would move readers backwards.
  if (auto current = indexed_version(index_root); current && *current >= kb_version) return;
  try {
    build_generation(bundle, kb_version, index_root, stop_words);
  } catch (const Xapian::Error& e) {
    throw IndexError("building the search index failed: " + e.get_description());
  }
}

void build_index(const kb::Bundle& bundle, std::int64_t kb_version, const std::filesystem::path& index_root) {
  build_index(bundle, kb_version, index_root, default_stopwords());
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
