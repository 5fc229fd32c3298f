// The one table of record kinds: every layer (store, catalog, importer, search, editing service, API)
// iterates it instead of keeping its own list, so adding a kind means adding one row here and its
// typed traits below.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "kb/model.h"

namespace ugk::kb {

enum class RecordKind {
  kDistrict,
  kSettlement,
  kOffice,
  kForm,
  kProcedure,       // national procedures
  kLocalProcedure,  // an office's local-only procedures
  kVariant,         // an office's local variants of national procedures
  kVisit,
  kCalendarDay,
  kClosure,
  kGuide,          // case guides (programmed case descriptions)
  kSearchSynonym,  // editors' everyday phrases for a case's words
  kBestBet,        // a query -> the procedures shown first
};

// Which office a record belongs to, for editor scopes.
enum class Ownership {
  kRegister,  // the KSH register: never edited through the API
  kNational,  // national records: admins only
  kOffice,    // an office record: its editors change its details, admins its identity
  kOfficeId,  // belongs to the office named in its "office_id" field (visits, variants, local procedures)
};

// Whether a bundle carries every record of the kind.
enum class BundlePresence {
  kAlways,    // an import makes the stored records equal to the bundle's
  kOptional,  // its file may be absent: then an import leaves the stored records alone
};

struct RecordKindInfo {
  RecordKind kind;
  std::string_view name;        // store table, change log and history name: "offices"
  std::string_view collection;  // API collection under /v1: "offices", "calendar", "local-procedures"
  std::string_view key_field;   // JSON field holding the record's key
  std::string_view label_hu;    // "hivatal", for messages
  Ownership ownership;
  BundlePresence presence;
  std::string_view bundle_file;  // "" for kinds derived from the register CSVs
  bool editable() const { return ownership != Ownership::kRegister; }
};

// In dependency order: a kind refers only to kinds before it (the store writes them in this order).
inline constexpr std::array<RecordKindInfo, 13> kRecordKinds{{
    {RecordKind::kDistrict, "districts", "districts", "code", "járás", Ownership::kRegister, BundlePresence::kAlways,
     ""},
    {RecordKind::kSettlement, "settlements", "settlements", "ksh_code", "település", Ownership::kRegister,
     BundlePresence::kAlways, ""},
    {RecordKind::kOffice, "offices", "offices", "id", "hivatal", Ownership::kOffice, BundlePresence::kAlways,
     "offices.json"},
    {RecordKind::kForm, "forms", "forms", "id", "nyomtatvány", Ownership::kNational, BundlePresence::kAlways,
     "forms.json"},
    {RecordKind::kProcedure, "procedures", "procedures", "id", "ügyleírás", Ownership::kNational,
     BundlePresence::kAlways, "procedures.json"},
    {RecordKind::kLocalProcedure, "local_procedures", "local-procedures", "id", "helyi ügyleírás", Ownership::kOfficeId,
     BundlePresence::kOptional, "local_procedures.json"},
    {RecordKind::kVariant, "variants", "variants", "id", "helyi változat", Ownership::kOfficeId,
     BundlePresence::kOptional, "local_variants.json"},
    {RecordKind::kVisit, "visits", "visits", "id", "látogatás", Ownership::kOfficeId, BundlePresence::kAlways,
     "visits.json"},
    {RecordKind::kCalendarDay, "calendar_days", "calendar", "date", "naptári nap", Ownership::kNational,
     BundlePresence::kAlways, "calendar/holidays.csv"},
    {RecordKind::kClosure, "closures", "closures", "id", "igazgatási szünet", Ownership::kNational,
     BundlePresence::kAlways, "calendar/closures.json"},
    {RecordKind::kGuide, "guides", "guides", "id", "ügyintézési kalauz", Ownership::kNational,
     BundlePresence::kOptional, "guides.json"},
    {RecordKind::kSearchSynonym, "search_synonyms", "synonyms", "id", "keresési szinonima", Ownership::kNational,
     BundlePresence::kOptional, "search_synonyms.json"},
    {RecordKind::kBestBet, "best_bets", "best-bets", "id", "kiemelt találat", Ownership::kNational,
     BundlePresence::kOptional, "best_bets.json"},
}};

const RecordKindInfo& info(RecordKind kind);
std::string_view to_string(RecordKind kind);  // info(kind).name
std::optional<RecordKind> parse_record_kind(std::string_view name);
std::optional<RecordKind> kind_of_collection(std::string_view collection);

// --- Typed traits: the record type, its place in a Bundle and its key ------------------------------

template <RecordKind K>
struct Kind;

#define UGK_RECORD_KIND(KIND, TYPE, MEMBER, KEY)                               \
  template <>                                                                  \
  struct Kind<RecordKind::KIND> {                                              \
    using Record = TYPE;                                                       \
    static constexpr RecordKind kind = RecordKind::KIND;                       \
    static constexpr auto records = &Bundle::MEMBER;                           \
    static const std::string& key(const TYPE& record) { return record.KEY; }   \
    static const RecordKindInfo& info() { return kb::info(RecordKind::KIND); } \
  };
UGK_RECORD_KIND(kDistrict, District, districts, code)
UGK_RECORD_KIND(kSettlement, Settlement, settlements, ksh_code)
UGK_RECORD_KIND(kOffice, Office, offices, id)
UGK_RECORD_KIND(kForm, Form, forms, id)
UGK_RECORD_KIND(kProcedure, Procedure, procedures, id)
UGK_RECORD_KIND(kLocalProcedure, Procedure, local_procedures, id)
UGK_RECORD_KIND(kVariant, LocalVariant, variants, id)
UGK_RECORD_KIND(kVisit, Visit, visits, id)
UGK_RECORD_KIND(kCalendarDay, CalendarDay, calendar_days, date)
UGK_RECORD_KIND(kClosure, Closure, closures, id)
UGK_RECORD_KIND(kGuide, Guide, guides, id)
UGK_RECORD_KIND(kSearchSynonym, SearchSynonym, search_synonyms, id)
UGK_RECORD_KIND(kBestBet, BestBet, best_bets, id)
#undef UGK_RECORD_KIND

// Calls fn(Kind<K>{}) for every kind, in the order of kRecordKinds.
template <typename Fn>
void for_each_kind(Fn&& fn) {
  fn(Kind<RecordKind::kDistrict>{});
  fn(Kind<RecordKind::kSettlement>{});
  fn(Kind<RecordKind::kOffice>{});
  fn(Kind<RecordKind::kForm>{});
  fn(Kind<RecordKind::kProcedure>{});
  fn(Kind<RecordKind::kLocalProcedure>{});
  fn(Kind<RecordKind::kVariant>{});
  fn(Kind<RecordKind::kVisit>{});
  fn(Kind<RecordKind::kCalendarDay>{});
  fn(Kind<RecordKind::kClosure>{});
  fn(Kind<RecordKind::kGuide>{});
  fn(Kind<RecordKind::kSearchSynonym>{});
  fn(Kind<RecordKind::kBestBet>{});
}

// Calls fn(Kind<kind>{}) and returns its result.
template <typename Fn>
decltype(auto) visit_kind(RecordKind kind, Fn&& fn) {
  switch (kind) {
    case RecordKind::kDistrict:
      return fn(Kind<RecordKind::kDistrict>{});
    case RecordKind::kSettlement:
      return fn(Kind<RecordKind::kSettlement>{});
    case RecordKind::kOffice:
      return fn(Kind<RecordKind::kOffice>{});
    case RecordKind::kForm:
      return fn(Kind<RecordKind::kForm>{});
    case RecordKind::kProcedure:
      return fn(Kind<RecordKind::kProcedure>{});
    case RecordKind::kLocalProcedure:
      return fn(Kind<RecordKind::kLocalProcedure>{});
    case RecordKind::kVariant:
      return fn(Kind<RecordKind::kVariant>{});
    case RecordKind::kVisit:
      return fn(Kind<RecordKind::kVisit>{});
    case RecordKind::kCalendarDay:
      return fn(Kind<RecordKind::kCalendarDay>{});
    case RecordKind::kClosure:
      return fn(Kind<RecordKind::kClosure>{});
    case RecordKind::kGuide:
      return fn(Kind<RecordKind::kGuide>{});
    case RecordKind::kSearchSynonym:
      return fn(Kind<RecordKind::kSearchSynonym>{});
    case RecordKind::kBestBet:
      return fn(Kind<RecordKind::kBestBet>{});
  }
  return fn(Kind<RecordKind::kDistrict>{});  // unreachable: every enumerator is handled above
}

}  // namespace ugk::kb
