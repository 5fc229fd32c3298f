#include "kb/catalog.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <string>

#include "kb/ids.h"
#include "kb/json_codec.h"
#include "kb/text_fold.h"

namespace ugk::kb {
namespace {

template <typename T>
std::vector<const T*> find_all(const std::unordered_map<std::string_view, std::vector<const T*>>& index,
                               std::string_view key) {
  auto it = index.find(key);
  return it == index.end() ? std::vector<const T*>{} : it->second;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}


// "budapest 14", "budapest xiv", "budapest xiv. kerulet", "budapest 14. ker." -> "budapest 14. ker."
// (the KSH name of the district, folded); anything else is returned unchanged.
std::string normalise_budapest_district(const std::string& folded) {
  constexpr std::string_view kPrefix = "budapest";
  if (!folded.starts_with(kPrefix) || folded.size() == kPrefix.size()) return folded;
  std::string rest = trim(std::string_view(folded).substr(kPrefix.size()));
  if (!rest.empty() && (rest.front() == ',' || rest.front() == '-')) rest = trim(std::string_view(rest).substr(1));
  std::size_t end = 0;
  while (end < rest.size() && std::isalnum(static_cast<unsigned char>(rest[end]))) ++end;
  const std::string number = rest.substr(0, end);
  std::string tail = trim(std::string_view(rest).substr(end));
  if (!tail.empty() && tail.front() == '.') tail = trim(std::string_view(tail).substr(1));
  if (!(tail.empty() || tail == "ker" || tail == "ker." || tail == "kerulet")) return folded;
  int district = 0;
  if (all_digits(number)) {
    district = std::stoi(number);
  } else {
    static constexpr std::string_view kRoman[] = {"i",    "ii",    "iii",  "iv",   "v",    "vi",
                                                  "vii",  "viii",  "ix",   "x",    "xi",   "xii",
                                                  "xiii", "xiv",   "xv",   "xvi",  "xvii", "xviii",
                                                  "xix",  "xx",    "xxi",  "xxii", "xxiii"};
    for (int i = 0; i < 23; ++i) {
      if (number == kRoman[i]) district = i + 1;
    }
  }
  if (district < 1 || district > 23) return folded;
  char name[32];
  std::snprintf(name, sizeof name, "budapest %02d. ker.", district);
  return name;
}

}  // namespace

struct Catalog::SettlementIndex {
  std::vector<std::string> folded_names;  // parallel to the settlement table
  std::vector<const Settlement*> in_order;
  std::unordered_multimap<std::string, const Settlement*> by_folded_name;
  std::unordered_multimap<std::string, const Settlement*> by_postal_code;
  std::unordered_map<std::string_view, std::vector<const Settlement*>> by_district;
  std::unordered_map<std::string_view, std::vector<const Settlement*>> by_office_seat;
  std::vector<const Settlement*> budapest_districts;  // by district code
};

struct Catalog::OfficeIndex {
  std::unordered_map<std::string_view, std::vector<const Office*>> by_district;
  std::map<OfficeKind, std::vector<const Office*>> by_kind;
};

struct Catalog::VisitIndex {
  std::unordered_map<std::string_view, std::vector<const Visit*>> by_settlement;
  std::unordered_map<std::string_view, std::vector<const Visit*>> by_office;
};

struct Catalog::OwnedIndex {
  std::unordered_map<std::string_view, std::vector<const LocalVariant*>> variants_by_office;
  std::unordered_map<std::string_view, std::vector<const LocalVariant*>> variants_by_procedure;
  std::unordered_map<std::string_view, std::vector<const Procedure*>> local_by_office;
  std::unordered_map<std::string_view, std::vector<const Procedure*>> procedures_by_form;
};

namespace {

template <typename KindTraits>
auto make_table(KindTraits kind, Bundle& bundle, const RecordVersions& versions) {
  using T = typename KindTraits::Record;
  static const std::unordered_map<std::string, std::int64_t> kNone;
  auto it = versions.find(kind.kind);
  return std::make_shared<const RecordTable<T>>(RecordTable<T>::from(
      std::move(bundle.*(kind.records)), it == versions.end() ? kNone : it->second, &KindTraits::key));
}

}  // namespace

Catalog::Catalog() : Catalog(Bundle{}, 0) {}

Catalog::Catalog(StoredContent content) : Catalog(std::move(content.bundle), content.version, std::move(content.versions)) {}

Catalog::Catalog(Bundle content, std::int64_t version, RecordVersions versions) : version_(version) {
  for_each_kind([&](auto kind) {
    std::get<static_cast<std::size_t>(decltype(kind)::kind)>(tables_) = make_table(kind, content, versions);
  });
  build_settlement_index();
  build_office_index();
  build_visit_index();
  build_owned_index();
}

std::shared_ptr<const Catalog> Catalog::with(RecordKind kind, std::string_view key, const std::optional<nlohmann::json>& doc,
                                             std::int64_t version) const {
  auto next = std::make_shared<Catalog>(*this);
  next->version_ = version;
  visit_kind(kind, [&](auto traits) {
    using T = typename decltype(traits)::Record;
    std::optional<T> record;
    if (doc) record = doc->template get<T>();
    std::get<static_cast<std::size_t>(decltype(traits)::kind)>(next->tables_) = std::make_shared<const RecordTable<T>>(
        table(traits).with(key, std::move(record), version, &decltype(traits)::key));
  });
  // Derived lookups are rebuilt from the tables they are derived from, and only those.
  switch (kind) {
    case RecordKind::kDistrict:
    case RecordKind::kSettlement: next->build_settlement_index(); break;
    case RecordKind::kOffice: next->build_office_index(); break;
    case RecordKind::kVisit: next->build_visit_index(); break;
    case RecordKind::kProcedure:
    case RecordKind::kLocalProcedure:
    case RecordKind::kVariant: next->build_owned_index(); break;
    case RecordKind::kForm:
    case RecordKind::kCalendarDay:
    case RecordKind::kClosure: break;
  }
  return next;
}

std::int64_t Catalog::record_version(RecordKind kind, std::string_view key) const {
  return visit_kind(kind, [&](auto traits) { return table(traits).version_of(key); });
}

std::optional<nlohmann::json> Catalog::document(RecordKind kind, std::string_view key) const {
  return visit_kind(kind, [&](auto traits) -> std::optional<nlohmann::json> {
    const auto* record = table(traits).find(key);
    return record ? std::optional<nlohmann::json>(nlohmann::json(*record)) : std::nullopt;
  });
}

Bundle Catalog::to_bundle() const {
  Bundle bundle;
  for_each_kind([&](auto traits) {
    auto& out = bundle.*(decltype(traits)::records);
    for (const auto& record : table(traits)) out.push_back(record);
  });
  return bundle;
}

void Catalog::build_settlement_index() {
  auto index = std::make_shared<SettlementIndex>();
  index->folded_names.reserve(settlements().size());
  for (const Settlement& s : settlements()) {
    index->in_order.push_back(&s);
    index->folded_names.push_back(fold(s.name));
    index->by_folded_name.emplace(index->folded_names.back(), &s);
    for (const auto& code : s.postal_codes) index->by_postal_code.emplace(code, &s);
    index->by_district[s.district_code].push_back(&s);
    if (!s.office_seat_ksh.empty()) index->by_office_seat[s.office_seat_ksh].push_back(&s);
    if (is_budapest_district(s)) index->budapest_districts.push_back(&s);
  }
  std::sort(index->budapest_districts.begin(), index->budapest_districts.end(),
            [](const Settlement* a, const Settlement* b) { return a->district_code < b->district_code; });
  settlement_index_ = std::move(index);
}

void Catalog::build_office_index() {
  auto index = std::make_shared<OfficeIndex>();
  for (const Office& o : offices()) {
    if (o.district_code) index->by_district[*o.district_code].push_back(&o);
    index->by_kind[o.kind].push_back(&o);
  }
  office_index_ = std::move(index);
}

void Catalog::build_visit_index() {
  auto index = std::make_shared<VisitIndex>();
  for (const Visit& v : visits()) {
    index->by_settlement[v.settlement_ksh].push_back(&v);
    index->by_office[v.office_id].push_back(&v);
  }
  visit_index_ = std::move(index);
}

void Catalog::build_owned_index() {
  auto index = std::make_shared<OwnedIndex>();
  for (const LocalVariant& v : variants()) {
    index->variants_by_office[v.office_id].push_back(&v);
    index->variants_by_procedure[v.procedure_id].push_back(&v);
  }
  for (const Procedure& p : local_procedures()) {
    if (p.office_id) index->local_by_office[*p.office_id].push_back(&p);
    for (const auto& form : p.forms) index->procedures_by_form[form].push_back(&p);
  }
  for (const Procedure& p : procedures()) {
    for (const auto& form : p.forms) index->procedures_by_form[form].push_back(&p);
  }
  owned_index_ = std::move(index);
}

const Procedure* Catalog::procedure(std::string_view id) const {
  if (const Procedure* p = procedures().find(id)) return p;
  return local_procedures().find(id);
}

const LocalVariant* Catalog::variant(std::string_view procedure_id, std::string_view office_id) const {
  return variants().find(owned_id(procedure_id, office_id));
}

std::vector<const LocalVariant*> Catalog::variants_of_office(std::string_view office_id) const {
  return find_all(owned_index_->variants_by_office, office_id);
}

std::vector<const LocalVariant*> Catalog::variants_of_procedure(std::string_view procedure_id) const {
  return find_all(owned_index_->variants_by_procedure, procedure_id);
}

std::vector<const Procedure*> Catalog::local_procedures_of(std::string_view office_id) const {
  return find_all(owned_index_->local_by_office, office_id);
}

std::vector<const Procedure*> Catalog::procedures_with_form(std::string_view form_id) const {
  return find_all(owned_index_->procedures_by_form, form_id);
}

std::vector<const Settlement*> Catalog::settlements_in_district(std::string_view district_code) const {
  return find_all(settlement_index_->by_district, district_code);
}

std::vector<const Office*> Catalog::offices_in_district(std::string_view district_code) const {
  return find_all(office_index_->by_district, district_code);
}

std::vector<const Office*> Catalog::offices_of_kind(OfficeKind kind) const {
  auto it = office_index_->by_kind.find(kind);
  return it == office_index_->by_kind.end() ? std::vector<const Office*>{} : it->second;
}

std::vector<const Settlement*> Catalog::joint_office_members(std::string_view seat_ksh) const {
  return find_all(settlement_index_->by_office_seat, seat_ksh);
}

std::vector<const Settlement*> Catalog::settlements_served_by(const Office& office) const {
  switch (office.kind) {
    case OfficeKind::kMayorsOffice:
    case OfficeKind::kBranch:
      if (office.settlement_ksh) {
        if (const Settlement* s = settlement(*office.settlement_ksh)) return {s};
      }
      return {};
    case OfficeKind::kJointOffice:
      return office.settlement_ksh ? joint_office_members(*office.settlement_ksh) : std::vector<const Settlement*>{};
    case OfficeKind::kDistrictOffice:
    case OfficeKind::kGovernmentWindow:
      return office.district_code ? settlements_in_district(*office.district_code) : std::vector<const Settlement*>{};
    case OfficeKind::kGovernmentWindowBus: {
      std::vector<const Settlement*> out;
      for (const Visit* v : visits_by(office.id)) {
        if (const Settlement* s = settlement(v->settlement_ksh)) out.push_back(s);
      }
      return out;
    }
  }
  return {};
}

std::vector<const Office*> Catalog::offices_for(const Settlement& s) const {
  std::vector<const Office*> out;
  const auto add = [&](const std::string& id) {
    if (const Office* o = office(id)) out.push_back(o);
  };
  switch (s.office_code) {
    case MunicipalOfficeCode::kOwnMayorsOffice: add(mayors_office_id(s.ksh_code)); break;
    case MunicipalOfficeCode::kJointOfficeSeat: add(joint_office_id(s.ksh_code)); break;
    case MunicipalOfficeCode::kJointOfficeMember:
      add(joint_office_id(s.office_seat_ksh));
      add(branch_office_id(s.ksh_code));
      break;
  }
  if (!s.district_code.empty()) {
    add(district_office_id(s.district_code));
    for (const Office* o : offices_in_district(s.district_code)) {
      if (o->kind == OfficeKind::kGovernmentWindow) out.push_back(o);
    }
  }
  return out;
}

std::vector<const Visit*> Catalog::visits_in(std::string_view settlement_ksh) const {
  return find_all(visit_index_->by_settlement, settlement_ksh);
}

std::vector<const Visit*> Catalog::visits_by(std::string_view office_id) const {
  return find_all(visit_index_->by_office, office_id);
}

std::vector<const Form*> Catalog::forms_of(const Procedure& procedure) const {
  std::vector<const Form*> out;
  for (const auto& id : procedure.forms) {
    if (const Form* f = form(id)) out.push_back(f);
  }
  return out;
}

std::vector<const Settlement*> Catalog::find_settlements(std::string_view query, std::size_t limit) const {
  const std::string text = trim(query);
  std::vector<std::pair<int, const Settlement*>> ranked;  // rank: 0 exact, 1 prefix
  if (text.empty() || limit == 0) return {};
  if (all_digits(text)) {
    for (const Settlement& s : settlements()) {
      if (s.ksh_code == text) {
        ranked.emplace_back(0, &s);
        continue;
      }
      const bool exact = std::find(s.postal_codes.begin(), s.postal_codes.end(), text) != s.postal_codes.end();
      const bool prefix = std::any_of(s.postal_codes.begin(), s.postal_codes.end(),
                                      [&](const std::string& code) { return code.starts_with(text); });
      if (exact || prefix) ranked.emplace_back(exact ? 0 : 1, &s);
    }
  } else {
    const std::string folded = normalise_budapest_district(fold(text));
    const SettlementIndex& index = *settlement_index_;
    for (std::size_t i = 0; i < index.in_order.size(); ++i) {
      const std::string& name = index.folded_names[i];
      if (name == folded) {
        ranked.emplace_back(0, index.in_order[i]);
      } else if (name.starts_with(folded)) {
        ranked.emplace_back(1, index.in_order[i]);
      }
    }
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second->population != b.second->population) return a.second->population > b.second->population;
    return a.second->ksh_code < b.second->ksh_code;
  });
  std::vector<const Settlement*> out;
  for (std::size_t i = 0; i < ranked.size() && i < limit; ++i) out.push_back(ranked[i].second);
  return out;
}

SettlementLookup Catalog::resolve_settlement(std::string_view input) const {
  const std::string text = trim(input);
  SettlementLookup result;
  if (text.empty()) return result;

  std::vector<const Settlement*> matches;
  if (all_digits(text) && text.size() == 5) {
    if (const Settlement* s = settlement(text)) matches.push_back(s);
  } else if (all_digits(text) && text.size() == 4) {
    auto [first, last] = settlement_index_->by_postal_code.equal_range(text);
    for (auto it = first; it != last; ++it) matches.push_back(it->second);
  } else {
    auto [first, last] = settlement_index_->by_folded_name.equal_range(normalise_budapest_district(fold(text)));
    for (auto it = first; it != last; ++it) matches.push_back(it->second);
  }

  // Budapest as a whole is not a place where a case can be handled: offer its districts.
  if (matches.size() == 1 && matches.front()->ksh_code == kBudapestKsh) {
    result.candidates = settlement_index_->budapest_districts;
    return result;
  }
  if (matches.size() == 1) {
    result.match = matches.front();
    return result;
  }
  std::sort(matches.begin(), matches.end(), [](const Settlement* a, const Settlement* b) {
    if (a->population != b->population) return a->population > b->population;
    return a->ksh_code < b->ksh_code;
  });
  result.candidates = std::move(matches);
  return result;
}

}  // namespace ugk::kb
