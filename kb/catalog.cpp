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

// The words of folded text: runs of ASCII letters or digits, split where letters and digits meet
// ("bp14" -> "bp", "14"); everything else separates.
std::vector<std::string> input_words(std::string_view folded) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (const char c : folded) {
    const auto u = static_cast<unsigned char>(c);
    const bool letter = std::isalpha(u) != 0;
    const bool digit = std::isdigit(u) != 0;
    if (!letter && !digit) {
      flush();
      continue;
    }
    if (!word.empty() && (std::isdigit(static_cast<unsigned char>(word.back())) != 0) != digit) flush();
    word += c;
  }
  flush();
  return words;
}

// 1-23 from "14" or "xiv"; 0 otherwise.
int district_number_of(const std::string& word) {
  if (all_digits(word) && word.size() <= 2) {
    const int n = std::stoi(word);
    return n >= 1 && n <= 23 ? n : 0;
  }
  return budapest_district_of_numeral(word);
}

bool is_budapest_word(const std::string& word) {
  return word == "budapest" || word == "bp" || word == "bpest";
}
bool is_district_word(const std::string& word) {
  return word == "ker" || word == "kerulet";
}

// The ways people write a Budapest district, brought to its folded KSH name ("budapest 14. ker."):
// "Budapest XIV", "budapest 14", "Bp. XIV. ker.", "bp14", "XIV. kerület", "14. ker., Budapest".
// A number alone is no district; "kerület" or "Budapest" must say so. Anything else is returned as it was.
std::string normalise_budapest_district(const std::string& folded) {
  const std::vector<std::string> words = input_words(folded);
  int number = 0;
  bool budapest = false;
  bool district = false;
  for (const std::string& word : words) {
    if (is_budapest_word(word) && !budapest) {
      budapest = true;
    } else if (is_district_word(word) && !district && number != 0) {
      district = true;
    } else if (number == 0 && !district && district_number_of(word) != 0) {
      number = district_number_of(word);
    } else {
      return folded;
    }
  }
  if (number == 0) return budapest && words.size() == 1 ? "budapest" : folded;
  if (!budapest && !district) return folded;
  char name[32];
  std::snprintf(name, sizeof name, "budapest %02d. ker.", number);
  return name;
}

// Whitespace-separated words of `text`, with leading/trailing separators dropped from each.
std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t begin = text.find_first_not_of(" \t,;", at);
    if (begin == std::string_view::npos) break;
    std::size_t end = text.find_first_of(" \t,;", begin);
    if (end == std::string_view::npos) end = text.size();
    out.push_back(text.substr(begin, end - begin));
    at = end;
  }
  return out;
}

}  // namespace

SettlementInput parse_settlement_input(std::string_view input) {
  SettlementInput parsed;
  const std::string text = trim(input);
  if (all_digits(text) && text.size() == 5) {
    parsed.ksh_code = text;
    return parsed;
  }
  // "4095 Folyás", "Folyás 4095", "4095, Folyás": a postal code before or after the name.
  std::vector<std::string_view> words = split_words(text);
  if (words.size() >= 2 && all_digits(words.front()) && words.front().size() == 4) {
    parsed.postal_code = std::string(words.front());
    words.erase(words.begin());
  } else if (words.size() >= 2 && all_digits(words.back()) && words.back().size() == 4) {
    parsed.postal_code = std::string(words.back());
    words.pop_back();
  } else if (words.size() == 1 && all_digits(words.front()) && words.front().size() <= 4) {
    parsed.postal_code = std::string(words.front());
    return parsed;
  }
  std::string name;
  for (const std::string_view word : words) {
    if (!name.empty()) name += ' ';
    name += word;
  }
  parsed.folded_name = normalise_budapest_district(fold(name));
  return parsed;
}

namespace {}  // namespace

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

Catalog::Catalog(StoredContent content)
    : Catalog(std::move(content.bundle), content.version, std::move(content.versions)) {}

Catalog::Catalog(Bundle content, std::int64_t version, RecordVersions versions) : version_(version) {
  for_each_kind([&](auto kind) {
    std::get<static_cast<std::size_t>(decltype(kind)::kind)>(tables_) = make_table(kind, content, versions);
  });
  build_settlement_index();
  build_office_index();
  build_visit_index();
  build_owned_index();
}

std::shared_ptr<const Catalog> Catalog::with(RecordKind kind, std::string_view key,
                                             const std::optional<nlohmann::json>& doc, std::int64_t version) const {
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
    case RecordKind::kSettlement:
      next->build_settlement_index();
      break;
    case RecordKind::kOffice:
      next->build_office_index();
      break;
    case RecordKind::kVisit:
      next->build_visit_index();
      break;
    case RecordKind::kProcedure:
    case RecordKind::kLocalProcedure:
    case RecordKind::kVariant:
      next->build_owned_index();
      break;
    case RecordKind::kForm:
    case RecordKind::kCalendarDay:
    case RecordKind::kClosure:
    case RecordKind::kGuide:
    case RecordKind::kSearchSynonym:
    case RecordKind::kBestBet:
      break;
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
    case MunicipalOfficeCode::kOwnMayorsOffice:
      add(mayors_office_id(s.ksh_code));
      break;
    case MunicipalOfficeCode::kJointOfficeSeat:
      add(joint_office_id(s.ksh_code));
      break;
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

namespace {

bool has_postal_code(const Settlement& s, std::string_view code) {
  return std::find(s.postal_codes.begin(), s.postal_codes.end(), code) != s.postal_codes.end();
}

// Population first, then KSH code: a stable order that puts the place most people mean first.
bool larger_first(const Settlement* a, const Settlement* b) {
  if (a->population != b->population) return a->population > b->population;
  return a->ksh_code < b->ksh_code;
}

}  // namespace

std::vector<const Settlement*> Catalog::find_settlements(std::string_view query, std::size_t limit) const {
  const SettlementInput input = parse_settlement_input(query);
  std::vector<std::pair<int, const Settlement*>> ranked;  // rank: 0 exact, 1 prefix
  if (limit == 0) return {};
  if (!input.ksh_code.empty()) {
    if (const Settlement* s = settlement(input.ksh_code)) ranked.emplace_back(0, s);
  } else if (input.folded_name.empty()) {
    if (input.postal_code.empty()) return {};
    for (const Settlement& s : settlements()) {
      const bool exact = has_postal_code(s, input.postal_code);
      const bool prefix = std::any_of(s.postal_codes.begin(), s.postal_codes.end(),
                                      [&](const std::string& code) { return code.starts_with(input.postal_code); });
      if (exact || prefix) ranked.emplace_back(exact ? 0 : 1, &s);
    }
  } else {
    const SettlementIndex& index = *settlement_index_;
    for (std::size_t i = 0; i < index.in_order.size(); ++i) {
      const std::string& name = index.folded_names[i];
      const Settlement* s = index.in_order[i];
      // "1145 Budapest": the postal code picks among the name's places (Budapest's districts carry
      // the codes, Budapest as a whole does not).
      if (!input.postal_code.empty() && !has_postal_code(*s, input.postal_code)) continue;
      if (name == input.folded_name) {
        ranked.emplace_back(0, s);
      } else if (name.starts_with(input.folded_name)) {
        ranked.emplace_back(1, s);
      }
    }
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return larger_first(a.second, b.second);
  });
  std::vector<const Settlement*> out;
  for (std::size_t i = 0; i < ranked.size() && i < limit; ++i) out.push_back(ranked[i].second);
  return out;
}

SettlementLookup Catalog::resolve_settlement(std::string_view text) const {
  const SettlementInput input = parse_settlement_input(text);
  SettlementLookup result;

  std::vector<const Settlement*> by_code;
  if (!input.ksh_code.empty()) {
    if (const Settlement* s = settlement(input.ksh_code)) by_code.push_back(s);
  } else if (input.postal_code.size() == 4) {
    auto [first, last] = settlement_index_->by_postal_code.equal_range(input.postal_code);
    for (auto it = first; it != last; ++it) by_code.push_back(it->second);
  }
  std::vector<const Settlement*> by_name;
  if (!input.folded_name.empty()) {
    auto [first, last] = settlement_index_->by_folded_name.equal_range(input.folded_name);
    for (auto it = first; it != last; ++it) by_name.push_back(it->second);
  }
  const bool budapest_named = by_name.size() == 1 && by_name.front()->ksh_code == kBudapestKsh;

  std::vector<const Settlement*> matches;
  if (input.folded_name.empty()) {
    matches = by_code;
  } else if (input.postal_code.empty()) {
    matches = by_name;
  } else {
    // Postal code and name: the places that fit both ("1145 Budapest" -> its district); when they
    // disagree, the candidates of either, never a guess; an unknown code leaves the name to decide.
    for (const Settlement* s : by_code) {
      if (std::find(by_name.begin(), by_name.end(), s) != by_name.end() ||
          (budapest_named && is_budapest_district(*s))) {
        matches.push_back(s);
      }
    }
    if (matches.empty()) {
      matches = by_name;
      for (const Settlement* s : by_code) {
        if (std::find(matches.begin(), matches.end(), s) == matches.end()) matches.push_back(s);
      }
    }
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
  std::sort(matches.begin(), matches.end(), larger_first);
  result.candidates = std::move(matches);
  return result;
}

std::vector<DistrictMatch> Catalog::find_districts(std::string_view query, std::size_t limit) const {
  std::vector<DistrictMatch> out;
  const std::string text = trim(query);
  if (text.empty() || limit == 0) return out;
  const auto add = [&](const District* d, const Settlement* via) {
    if (d == nullptr || out.size() >= limit) return;
    if (std::any_of(out.begin(), out.end(), [&](const DistrictMatch& m) { return m.district == d; })) return;
    out.push_back({d, via});
  };
  if (all_digits(text) && text.size() == 3) add(district(text), nullptr);
  // By the district's own name: "Hajdúnánási", or its seat's name, which the adjective starts with
  // ("Hajdúnánás"); Budapest's districts by any way of writing them.
  const std::string folded = normalise_budapest_district(fold(text));
  std::vector<std::pair<int, const District*>> named;
  for (const District& d : districts()) {
    const std::string name = fold(d.name);
    if (name == folded) {
      named.emplace_back(0, &d);
    } else if (name.starts_with(folded) || fold(d.seat).starts_with(folded)) {
      named.emplace_back(1, &d);
    }
  }
  std::stable_sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.second->population > b.second->population;
  });
  for (const auto& [rank, d] : named) add(d, nullptr);
  // By a settlement of the district: "Folyás" -> the Hajdúnánási járás.
  for (const Settlement* s : find_settlements(text, limit)) add(district(s->district_code), s);
  return out;
}

}  // namespace ugk::kb
