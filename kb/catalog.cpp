#include "kb/catalog.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

#include "kb/ids.h"
#include "kb/text_fold.h"

namespace ugk::kb {
namespace {

template <typename T, typename KeyFn>
std::unordered_map<std::string, std::size_t> index_by(const std::vector<T>& records, KeyFn key) {
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) index.emplace(key(records[i]), i);
  return index;
}

template <typename T>
const T* find_in(const std::unordered_map<std::string, std::size_t>& index, const std::vector<T>& records,
                 std::string_view key) {
  auto it = index.find(std::string(key));
  return it == index.end() ? nullptr : &records[it->second];
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

Catalog::Catalog(Bundle content, std::int64_t version, std::unordered_map<std::string, std::int64_t> record_versions)
    : content_(std::move(content)), version_(version), record_versions_(std::move(record_versions)) {
  closures_ = index_by(content_.closures, [](const Closure& c) { return c.id; });
  calendar_days_ = index_by(content_.calendar_days, [](const CalendarDay& d) { return d.date; });
  supplements_ = index_by(content_.supplements, [](const LocalSupplement& s) { return s.id; });
  districts_ = index_by(content_.districts, [](const District& d) { return d.code; });
  settlements_ = index_by(content_.settlements, [](const Settlement& s) { return s.ksh_code; });
  offices_ = index_by(content_.offices, [](const Office& o) { return o.id; });
  procedures_ = index_by(content_.procedures, [](const Procedure& p) { return p.id; });
  forms_ = index_by(content_.forms, [](const Form& f) { return f.id; });
  visits_ = index_by(content_.visits, [](const Visit& v) { return v.id; });
  folded_names_.reserve(content_.settlements.size());
  for (std::size_t i = 0; i < content_.settlements.size(); ++i) {
    const Settlement& s = content_.settlements[i];
    folded_names_.push_back(fold(s.name));
    settlements_by_folded_name_.emplace(folded_names_.back(), i);
    for (const auto& code : s.postal_codes) settlements_by_postal_code_.emplace(code, i);
  }
}

const District* Catalog::district(std::string_view code) const {
  return find_in(districts_, content_.districts, code);
}
const Settlement* Catalog::settlement(std::string_view ksh_code) const {
  return find_in(settlements_, content_.settlements, ksh_code);
}
const Office* Catalog::office(std::string_view id) const { return find_in(offices_, content_.offices, id); }
const Procedure* Catalog::procedure(std::string_view id) const {
  return find_in(procedures_, content_.procedures, id);
}
const Form* Catalog::form(std::string_view id) const { return find_in(forms_, content_.forms, id); }
const Visit* Catalog::visit(std::string_view id) const { return find_in(visits_, content_.visits, id); }

const Closure* Catalog::closure(std::string_view id) const { return find_in(closures_, content_.closures, id); }
const CalendarDay* Catalog::calendar_day(std::string_view date) const {
  return find_in(calendar_days_, content_.calendar_days, date);
}
const LocalSupplement* Catalog::supplement(std::string_view procedure_id, std::string_view office_id) const {
  return find_in(supplements_, content_.supplements, std::string(procedure_id) + "@" + std::string(office_id));
}
std::vector<const LocalSupplement*> Catalog::supplements_of(std::string_view office_id) const {
  std::vector<const LocalSupplement*> out;
  for (const auto& s : content_.supplements) {
    if (s.office_id == office_id) out.push_back(&s);
  }
  return out;
}

std::int64_t Catalog::record_version(std::string_view kind, std::string_view id) const {
  auto it = record_versions_.find(std::string(kind) + "/" + std::string(id));
  return it == record_versions_.end() ? 0 : it->second;
}

std::vector<const Settlement*> Catalog::settlements_in_district(std::string_view district_code) const {
  std::vector<const Settlement*> out;
  for (const auto& s : content_.settlements) {
    if (s.district_code == district_code) out.push_back(&s);
  }
  return out;
}

std::vector<const Office*> Catalog::offices_in_district(std::string_view district_code) const {
  std::vector<const Office*> out;
  for (const auto& o : content_.offices) {
    if (o.district_code && *o.district_code == district_code) out.push_back(&o);
  }
  return out;
}

std::vector<const Settlement*> Catalog::joint_office_members(std::string_view seat_ksh) const {
  std::vector<const Settlement*> out;
  for (const auto& s : content_.settlements) {
    if (s.office_seat_ksh == seat_ksh) out.push_back(&s);
  }
  return out;
}

std::vector<const Visit*> Catalog::visits_in(std::string_view settlement_ksh) const {
  std::vector<const Visit*> out;
  for (const auto& v : content_.visits) {
    if (v.settlement_ksh == settlement_ksh) out.push_back(&v);
  }
  return out;
}

std::vector<const Visit*> Catalog::visits_by(std::string_view office_id) const {
  std::vector<const Visit*> out;
  for (const auto& v : content_.visits) {
    if (v.office_id == office_id) out.push_back(&v);
  }
  return out;
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
    for (const auto& s : content_.settlements) {
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
    for (std::size_t i = 0; i < content_.settlements.size(); ++i) {
      const std::string& name = folded_names_[i];
      if (name == folded) {
        ranked.emplace_back(0, &content_.settlements[i]);
      } else if (name.starts_with(folded)) {
        ranked.emplace_back(1, &content_.settlements[i]);
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
    auto [first, last] = settlements_by_postal_code_.equal_range(text);
    for (auto it = first; it != last; ++it) matches.push_back(&content_.settlements[it->second]);
  } else {
    auto [first, last] = settlements_by_folded_name_.equal_range(normalise_budapest_district(fold(text)));
    for (auto it = first; it != last; ++it) matches.push_back(&content_.settlements[it->second]);
  }

  // Budapest as a whole is not a place where a case can be handled: offer its districts.
  if (matches.size() == 1 && matches.front()->ksh_code == kBudapestKsh) {
    for (const auto& s : content_.settlements) {
      if (is_budapest_district(s)) result.candidates.push_back(&s);
    }
    std::sort(result.candidates.begin(), result.candidates.end(),
              [](const Settlement* a, const Settlement* b) { return a->district_code < b->district_code; });
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
