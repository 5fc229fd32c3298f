// An immutable, indexed snapshot of the knowledge base: the read model every query runs against.
//
// Each record kind is an immutable table of shared records; a snapshot after one write shares every
// table it did not touch with the snapshot before, and even the touched table shares its unchanged
// records, so a write costs the size of one table's index, never a copy of the whole knowledge base.
//
// Thread-safety: a Catalog is never modified after construction, so any number of threads may read
// it concurrently. New content means a new Catalog (shared through std::shared_ptr<const Catalog>).
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kb/content.h"
#include "kb/model.h"
#include "kb/record_kind.h"

namespace ugk::kb {

// Result of resolving what a person typed as a settlement: exactly one match, or the candidates to
// offer in a picker (never a guess), or nothing.
struct SettlementLookup {
  const Settlement* match = nullptr;
  std::vector<const Settlement*> candidates;
  bool found() const { return match != nullptr; }
  bool ambiguous() const { return match == nullptr && !candidates.empty(); }
};

// What a person typed as a settlement, taken apart (Catalog::resolve_settlement, find_settlements):
// a KSH code, or a postal code and/or a name. The name is folded (case and accents dropped) and
// Budapest districts, however written ("Bp XIV", "XIV. kerület", "budapest 14"), are brought to the
// folded KSH name ("budapest 14. ker."); a postal code may stand before or after the name
// ("4095 Folyás", "Folyás 4095").
struct SettlementInput {
  std::string ksh_code;     // 5 digits, when that is all that was typed
  std::string postal_code;  // 1-4 digits (a prefix when nothing else was typed)
  std::string folded_name;
  bool operator==(const SettlementInput&) const = default;
};
SettlementInput parse_settlement_input(std::string_view text);

// A district found by what a person typed: by its own name, or through one of its settlements.
struct DistrictMatch {
  const District* district = nullptr;
  const Settlement* via = nullptr;  // the settlement typed, when found through it
};

// The records of one kind, sorted by key, each with its version. Iterating yields `const T&`.
template <typename T>
class RecordTable {
 public:
  struct Entry {
    std::shared_ptr<const T> record;
    std::int64_t version = 0;
  };

  class Iterator {
   public:
    using Base = typename std::vector<Entry>::const_iterator;
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    Iterator() = default;
    explicit Iterator(Base it) : it_(it) {}
    const T& operator*() const { return *it_->record; }
    const T* operator->() const { return it_->record.get(); }
    Iterator& operator++() {
      ++it_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator copy = *this;
      ++it_;
      return copy;
    }
    bool operator==(const Iterator& other) const { return it_ == other.it_; }

   private:
    Base it_;
  };

  RecordTable() = default;
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  Iterator begin() const { return Iterator(entries_.begin()); }
  Iterator end() const { return Iterator(entries_.end()); }
  const T* find(std::string_view key) const {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : entries_[it->second].record.get();
  }
  std::int64_t version_of(std::string_view key) const {
    auto it = index_.find(key);
    return it == index_.end() ? 0 : entries_[it->second].version;
  }

  // Builds a table; `versions` may lack keys (version 0).
  template <typename KeyFn>
  static RecordTable from(std::vector<T> records, const std::unordered_map<std::string, std::int64_t>& versions,
                          KeyFn key) {
    RecordTable table;
    table.entries_.reserve(records.size());
    for (auto& record : records) {
      auto it = versions.find(key(record));
      table.entries_.push_back({std::make_shared<const T>(std::move(record)), it == versions.end() ? 0 : it->second});
    }
    table.sort_and_index(key);
    return table;
  }

  // A copy with the record of `key` replaced, added (record set) or removed (nullopt). Unchanged
  // records are shared with this table.
  template <typename KeyFn>
  RecordTable with(std::string_view key, std::optional<T> record, std::int64_t version, KeyFn key_of) const {
    RecordTable table;
    table.entries_.reserve(entries_.size() + 1);
    for (const Entry& e : entries_) {
      if (key_of(*e.record) != key) table.entries_.push_back(e);
    }
    if (record) table.entries_.push_back({std::make_shared<const T>(std::move(*record)), version});
    table.sort_and_index(key_of);
    return table;
  }

 private:
  template <typename KeyFn>
  void sort_and_index(KeyFn key) {
    std::sort(entries_.begin(), entries_.end(),
              [&](const Entry& a, const Entry& b) { return key(*a.record) < key(*b.record); });
    index_.clear();
    index_.reserve(entries_.size());
    for (std::size_t i = 0; i < entries_.size(); ++i) index_.emplace(key(*entries_[i].record), i);
  }

  std::vector<Entry> entries_;
  // Keys point into the shared records, which live as long as the table.
  std::unordered_map<std::string_view, std::size_t> index_;
};

class Catalog {
 public:
  // An empty knowledge base (version 0).
  Catalog();
  explicit Catalog(StoredContent content);
  Catalog(Bundle content, std::int64_t version, RecordVersions versions = {});

  // This snapshot with one record replaced, added (`doc` set) or removed, at store version `version`
  // (the write's change id, which becomes the record's version). `doc` must decode as the kind's type.
  std::shared_ptr<const Catalog> with(RecordKind kind, std::string_view key, const std::optional<nlohmann::json>& doc,
                                      std::int64_t version) const;

  // Store version (last change id) this snapshot reflects.
  std::int64_t version() const { return version_; }
  // Version of one record; 0 when unknown.
  std::int64_t record_version(RecordKind kind, std::string_view key) const;
  // The record's JSON document, or nullopt.
  std::optional<nlohmann::json> document(RecordKind kind, std::string_view key) const;

  // The table of a kind, e.g. table(Kind<RecordKind::kOffice>{}).
  template <typename KindTraits>
  const RecordTable<typename KindTraits::Record>& table(KindTraits) const {
    return *std::get<static_cast<std::size_t>(KindTraits::kind)>(tables_);
  }
  const RecordTable<District>& districts() const { return table(Kind<RecordKind::kDistrict>{}); }
  const RecordTable<Settlement>& settlements() const { return table(Kind<RecordKind::kSettlement>{}); }
  const RecordTable<Office>& offices() const { return table(Kind<RecordKind::kOffice>{}); }
  const RecordTable<Form>& forms() const { return table(Kind<RecordKind::kForm>{}); }
  const RecordTable<Procedure>& procedures() const { return table(Kind<RecordKind::kProcedure>{}); }  // national
  const RecordTable<Procedure>& local_procedures() const { return table(Kind<RecordKind::kLocalProcedure>{}); }
  const RecordTable<LocalVariant>& variants() const { return table(Kind<RecordKind::kVariant>{}); }
  const RecordTable<Visit>& visits() const { return table(Kind<RecordKind::kVisit>{}); }
  const RecordTable<CalendarDay>& calendar_days() const { return table(Kind<RecordKind::kCalendarDay>{}); }
  const RecordTable<Closure>& closures() const { return table(Kind<RecordKind::kClosure>{}); }
  const RecordTable<Guide>& guides() const { return table(Kind<RecordKind::kGuide>{}); }
  const RecordTable<SearchSynonym>& search_synonyms() const { return table(Kind<RecordKind::kSearchSynonym>{}); }
  const RecordTable<BestBet>& best_bets() const { return table(Kind<RecordKind::kBestBet>{}); }

  // A copy of the content, e.g. for an export.
  Bundle to_bundle() const;

  const District* district(std::string_view code) const { return districts().find(code); }
  const Settlement* settlement(std::string_view ksh_code) const { return settlements().find(ksh_code); }
  const Office* office(std::string_view id) const { return offices().find(id); }
  // A national or a local-only procedure.
  const Procedure* procedure(std::string_view id) const;
  const Form* form(std::string_view id) const { return forms().find(id); }
  const Visit* visit(std::string_view id) const { return visits().find(id); }
  const Closure* closure(std::string_view id) const { return closures().find(id); }
  const CalendarDay* calendar_day(std::string_view date) const { return calendar_days().find(date); }
  // The office's local variant of a national procedure, if it wrote one.
  const LocalVariant* variant(std::string_view procedure_id, std::string_view office_id) const;
  std::vector<const LocalVariant*> variants_of_office(std::string_view office_id) const;
  std::vector<const LocalVariant*> variants_of_procedure(std::string_view procedure_id) const;
  std::vector<const Procedure*> local_procedures_of(std::string_view office_id) const;

  std::vector<const Settlement*> settlements_in_district(std::string_view district_code) const;
  // Offices whose district_code is the given district (district office, windows, municipal offices).
  std::vector<const Office*> offices_in_district(std::string_view district_code) const;
  std::vector<const Office*> offices_of_kind(OfficeKind kind) const;
  // Settlements served by the joint office seated in `seat_ksh` (the seat included).
  std::vector<const Settlement*> joint_office_members(std::string_view seat_ksh) const;
  // The settlements an office serves: a mayor's office its own, a joint office its members, a branch
  // its settlement, a district office its district, a government window its district.
  std::vector<const Settlement*> settlements_served_by(const Office& office) const;
  // The offices that serve a settlement, the one whose local text applies first: its municipal
  // office (own mayor's office or joint office), its branch, its district office, the government
  // windows of its district. Their local variants and local-only procedures apply to the settlement.
  std::vector<const Office*> offices_for(const Settlement& settlement) const;
  std::vector<const Visit*> visits_in(std::string_view settlement_ksh) const;
  std::vector<const Visit*> visits_by(std::string_view office_id) const;
  std::vector<const Form*> forms_of(const Procedure& procedure) const;
  // Procedures (national and local) whose `forms` name the form.
  std::vector<const Procedure*> procedures_with_form(std::string_view form_id) const;

  // Name prefix (case- and accent-insensitive, Budapest districts however written), postal-code
  // prefix, or both ("4095 Foly"); best matches first (exact name, then larger population).
  std::vector<const Settlement*> find_settlements(std::string_view query, std::size_t limit) const;

  // KSH code, exact name (accent-insensitive, Budapest districts however written), postal code, or
  // postal code and name ("4095 Folyás", "1145 Budapest"). Budapest as a whole, postal codes shared
  // by several settlements and a code that contradicts the name give candidates, not a match.
  SettlementLookup resolve_settlement(std::string_view input) const;

  // Districts for a district picker: a 3-digit code, the district's name or its seat's (prefix,
  // accent-insensitive), then the districts of the settlements the text finds; at most `limit`.
  std::vector<DistrictMatch> find_districts(std::string_view query, std::size_t limit) const;

 private:
  struct SettlementIndex;
  struct OfficeIndex;
  struct VisitIndex;
  struct OwnedIndex;

  void build_settlement_index();
  void build_office_index();
  void build_visit_index();
  void build_owned_index();

  template <typename KindTraits>
  using TablePtr = std::shared_ptr<const RecordTable<typename KindTraits::Record>>;
  template <std::size_t... I>
  static auto make_tables(std::index_sequence<I...>) -> std::tuple<TablePtr<Kind<static_cast<RecordKind>(I)>>...>;
  // One table per kind, in the order of kRecordKinds (the RecordKind's value is its position).
  using Tables = decltype(make_tables(std::make_index_sequence<kRecordKinds.size()>{}));

  std::int64_t version_ = 0;
  Tables tables_;
  // Derived lookups, each rebuilt only when the tables it is derived from change.
  std::shared_ptr<const SettlementIndex> settlement_index_;
  std::shared_ptr<const OfficeIndex> office_index_;
  std::shared_ptr<const VisitIndex> visit_index_;
  std::shared_ptr<const OwnedIndex> owned_index_;
};

}  // namespace ugk::kb
