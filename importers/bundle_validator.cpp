#include "importers/bundle_validator.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>

#include "importers/text_checks.h"
#include "kb/enums.h"
#include "kb/ids.h"

namespace ugk::importers {
namespace {

using kb::kBudapestKsh;
constexpr std::array<std::string_view, 4> kFormFormats{"paper", "pdf", "online", "anyk"};
constexpr std::array<std::string_view, 2> kCertainties{"sourced", "partly_unsure"};
constexpr std::array<std::string_view, 2> kAsOfBases{"source_date", "rule_date"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& allowed, std::string_view value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

template <std::size_t N>
std::string list_of(const std::array<std::string_view, N>& allowed) {
  std::string out;
  for (auto v : allowed) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// Lookup tables over the bundle plus the problem sink; one instance per validation run.
class Validator {
 public:
  Validator(const kb::Bundle& bundle, const BundleSources& sources) : bundle_(bundle), sources_(sources) {
    for (const auto& s : bundle.settlements) settlements_.emplace(s.ksh_code, &s);
    for (const auto& d : bundle.districts) districts_.emplace(d.code, &d);
    for (const auto& o : bundle.offices) offices_.emplace(o.id, &o);
    for (const auto& f : bundle.forms) forms_.emplace(f.id, &f);
    for (const auto& p : bundle.procedures) procedures_.emplace(p.id, &p);
  }

  std::vector<Problem> run() {
    const bool ksh = sources_.settlements.usable && sources_.districts.usable;
    if (ksh) {
      check_settlements();
      check_districts();
    }
    if (ksh && sources_.joint_offices.usable) check_joint_offices();
    if (ksh && sources_.office_codes.usable) check_office_codes();
    if (ksh && sources_.offices.usable) check_offices();
    if (sources_.procedures.usable) check_procedures();
    if (sources_.forms.usable) check_forms();
    if (sources_.procedures.usable && sources_.forms.usable) check_procedure_form_links();
    if (ksh && sources_.offices.usable && sources_.visits.usable) check_visits();
    if (ksh && sources_.offices.usable && sources_.closures.usable) check_closures();
    return std::move(problems_);
  }

 private:
  void report(const SourceInfo& source, std::string_view key_name, std::string_view key, std::string field,
              std::string message) {
    problems_.push_back({source.file, std::string(key_name) + "=" + std::string(key), source.line_of(key),
                         std::move(field), std::move(message)});
  }

  const kb::Settlement* settlement(std::string_view ksh) const {
    auto it = settlements_.find(ksh);
    return it == settlements_.end() ? nullptr : it->second;
  }

  // True when `ksh` names a settlement or a row already reported as malformed.
  bool settlement_known(std::string_view ksh) const {
    return settlement(ksh) != nullptr || sources_.settlements.is_rejected(ksh);
  }
  bool district_known(std::string_view code) const {
    return districts_.contains(code) || sources_.districts.is_rejected(code);
  }
  bool office_known(std::string_view id) const { return offices_.contains(id) || sources_.offices.is_rejected(id); }

  void check_settlements() {
    const SourceInfo& src = sources_.settlements;
    for (const auto& s : bundle_.settlements) {
      if (s.district_code.empty()) {
        if (s.ksh_code != kBudapestKsh) {
          report(src, "ksh_code", s.ksh_code, "district_code", "hiányzó járáskód (missing district code)");
        }
      } else if (!district_known(s.district_code)) {
        report(src, "ksh_code", s.ksh_code, "district_code",
               "ismeretlen járás (unknown district): " + quoted(s.district_code));
      }
      switch (s.office_code) {
        case kb::MunicipalOfficeCode::kOwnMayorsOffice:
          if (!s.office_seat_ksh.empty()) {
            report(src, "ksh_code", s.ksh_code, "office_seat_ksh_code",
                   "1-es hivatali kódú településnek nincs közös hivatali székhelye (a code 1 settlement has no "
                   "joint-office seat): " +
                       quoted(s.office_seat_ksh));
          }
          break;
        case kb::MunicipalOfficeCode::kJointOfficeSeat:
          if (s.office_seat_ksh != s.ksh_code) {
            report(src, "ksh_code", s.ksh_code, "office_seat_ksh_code",
                   "a közös hivatal székhelyének önmagára kell mutatnia (a code 2 seat must point to itself): " +
                       quoted(s.office_seat_ksh));
          }
          break;
        case kb::MunicipalOfficeCode::kJointOfficeMember: {
          const kb::Settlement* seat = settlement(s.office_seat_ksh);
          if (seat == nullptr) {
            if (!sources_.settlements.is_rejected(s.office_seat_ksh)) {
              report(src, "ksh_code", s.ksh_code, "office_seat_ksh_code",
                     "ismeretlen székhely (unknown seat): " + quoted(s.office_seat_ksh));
            }
          } else if (seat->office_code != kb::MunicipalOfficeCode::kJointOfficeSeat) {
            report(src, "ksh_code", s.ksh_code, "office_seat_ksh_code",
                   "a székhely hivatali kódja nem 2 (the seat's office code is not 2): " + quoted(s.office_seat_ksh));
          }
          break;
        }
      }
    }
  }

  void check_districts() {
    const SourceInfo& src = sources_.districts;
    std::map<std::string, int, std::less<>> counts;
    std::map<std::string, const kb::Settlement*, std::less<>> seats;
    for (const auto& s : bundle_.settlements) {
      ++counts[s.district_code];
      if (s.is_district_seat) seats[s.district_code] = &s;
    }
    for (const auto& d : bundle_.districts) {
      // A rejected settlement row would make the count differ for a reason already reported.
      if (sources_.settlements.rejected.empty() && counts[d.code] != d.settlement_count) {
        report(src, "district_code", d.code, "settlements",
               "a települések száma eltér a településlistától (settlement count differs from the settlement list): " +
                   std::to_string(d.settlement_count) + " / " + std::to_string(counts[d.code]));
      }
      auto seat = seats.find(d.code);
      if (seat != seats.end() && seat->second->name != d.seat) {
        report(src, "district_code", d.code, "district_seat",
               "a székhely neve eltér a székhelytelepülésétől (seat differs from the seat settlement): " +
                   quoted(d.seat) + " / " + quoted(seat->second->name));
      }
    }
  }

  void check_joint_offices() {
    const SourceInfo& src = sources_.joint_offices;
    std::map<std::string, std::set<std::string>, std::less<>> members_by_seat;
    for (const auto& s : bundle_.settlements) {
      if (!s.office_seat_ksh.empty()) members_by_seat[s.office_seat_ksh].insert(s.ksh_code);
    }
    std::set<std::string, std::less<>> listed;
    for (const auto& row : sources_.joint_office_rows) {
      listed.insert(row.seat_ksh);
      const kb::Settlement* seat = settlement(row.seat_ksh);
      if (seat == nullptr) {
        if (!sources_.settlements.is_rejected(row.seat_ksh)) {
          report(src, "office_seat_ksh_code", row.seat_ksh, "office_seat_ksh_code",
                 "ismeretlen település (unknown settlement)");
        }
        continue;
      }
      if (seat->office_code != kb::MunicipalOfficeCode::kJointOfficeSeat) {
        report(src, "office_seat_ksh_code", row.seat_ksh, "office_seat_ksh_code",
               "a székhely hivatali kódja nem 2 (the seat's office code is not 2)");
        continue;
      }
      std::set<std::string> listed_members(row.member_ksh.begin(), row.member_ksh.end());
      const auto& actual = members_by_seat[row.seat_ksh];
      for (const auto& member : listed_members) {
        if (!actual.contains(member) && !sources_.settlements.is_rejected(member)) {
          report(src, "office_seat_ksh_code", row.seat_ksh, "member_ksh_codes",
                 "a tag a településlistában nem ehhez a székhelyhez tartozik (member does not name this seat in the "
                 "settlement list): " +
                     member);
        }
      }
      for (const auto& member : actual) {
        if (!listed_members.contains(member)) {
          report(src, "office_seat_ksh_code", row.seat_ksh, "member_ksh_codes",
                 "hiányzó tag, a településlista ehhez a székhelyhez sorolja (missing member that the settlement list "
                 "assigns to this seat): " +
                     member);
        }
      }
    }
    for (const auto& s : bundle_.settlements) {
      if (s.office_code == kb::MunicipalOfficeCode::kJointOfficeSeat && !listed.contains(s.ksh_code) &&
          !src.is_rejected(s.ksh_code)) {
        problems_.push_back({src.file, "office_seat_ksh_code=" + s.ksh_code, std::nullopt, "",
                             "hiányzik a közös hivatal sora (no row for this joint-office seat)"});
      }
    }
  }

  void check_office_codes() {
    if (!sources_.settlements.rejected.empty()) return;  // counts would differ for a reported reason
    std::map<int, int> actual;
    for (const auto& s : bundle_.settlements) ++actual[static_cast<int>(s.office_code)];
    for (const auto& row : sources_.office_code_rows) {
      if (actual[row.code] != row.settlements) {
        report(sources_.office_codes, "code", std::to_string(row.code), "settlements_2024",
               "eltér a településlistától (differs from the settlement list): " + std::to_string(row.settlements) +
                   " / " + std::to_string(actual[row.code]));
      }
    }
  }

  void check_offices() {
    for (const auto& o : bundle_.offices) check_office(o);
  }

  void check_office(const kb::Office& o) {
    // Derived offices have no line; their problems point at the register they were derived from.
    SourceInfo derived_src{std::string(kSettlementsFile), true, {}, {}};
    const SourceInfo& src = o.derived ? derived_src : sources_.offices;
    auto fail = [&](std::string field, std::string message) {
      report(src, "id", o.id, std::move(field), std::move(message));
    };
    std::string_view prefix = kb::id_prefix(o.kind);
    if (!o.id.starts_with(prefix)) {
      fail("kind", "az azonosító előtagja nem illik a fajtához (id prefix does not match the kind): " +
                       std::string(kb::to_string(o.kind)) + " → " + std::string(prefix));
      return;
    }
    std::string_view suffix = std::string_view(o.id).substr(prefix.size());
    const kb::Settlement* own = nullptr;  // the settlement named by the id, for municipal kinds
    switch (o.kind) {
      case kb::OfficeKind::kDistrictOffice:
        if (!district_known(suffix)) {
          fail("id", "ismeretlen járás (unknown district): " + quoted(suffix));
        } else if (o.district_code != std::string(suffix)) {
          fail("district_code", "eltér az azonosítóban szereplő járástól (differs from the district in the id)");
        }
        break;
      case kb::OfficeKind::kMayorsOffice:
      case kb::OfficeKind::kJointOffice:
      case kb::OfficeKind::kBranch: {
        const auto expected = o.kind == kb::OfficeKind::kMayorsOffice  ? kb::MunicipalOfficeCode::kOwnMayorsOffice
                              : o.kind == kb::OfficeKind::kJointOffice ? kb::MunicipalOfficeCode::kJointOfficeSeat
                                                                       : kb::MunicipalOfficeCode::kJointOfficeMember;
        own = settlement(suffix);
        if (own == nullptr) {
          if (!sources_.settlements.is_rejected(suffix)) {
            fail("id", "ismeretlen település az azonosítóban (unknown settlement in the id): " + quoted(suffix));
          }
        } else if (own->office_code != expected) {
          fail("id", "a település hivatali kódja " + std::to_string(static_cast<int>(own->office_code)) + ", a(z) " +
                         std::string(prefix) + " azonosítóhoz " + std::to_string(static_cast<int>(expected)) +
                         " kell (the settlement's office code does " + "not fit the id prefix)");
        }
        if (o.settlement_ksh != std::string(suffix)) {
          fail("settlement_ksh", "eltér az azonosítóban szereplő településtől (differs from the settlement in the id)");
        }
        break;
      }
      case kb::OfficeKind::kGovernmentWindow:
      case kb::OfficeKind::kGovernmentWindowBus: break;
    }
    if (o.kind != kb::OfficeKind::kGovernmentWindowBus && !o.settlement_ksh) {
      fail("settlement_ksh", "hiányzó település (missing settlement)");
    }
    const kb::Settlement* seat = nullptr;
    if (o.settlement_ksh) {
      seat = settlement(*o.settlement_ksh);
      if (seat == nullptr && !sources_.settlements.is_rejected(*o.settlement_ksh)) {
        fail("settlement_ksh", "ismeretlen település (unknown settlement): " + quoted(*o.settlement_ksh));
      }
    }
    if (o.district_code) {
      if (!district_known(*o.district_code)) {
        fail("district_code", "ismeretlen járás (unknown district): " + quoted(*o.district_code));
      } else if (seat != nullptr && seat->district_code != *o.district_code) {
        fail("district_code", "eltér a település járásától (differs from the settlement's district " +
                                  quoted(seat->district_code) + ")");
      }
    }
  }

  void check_procedures() {
    const SourceInfo& src = sources_.procedures;
    for (const auto& p : bundle_.procedures) {
      auto fail = [&](std::string field, std::string message) {
        report(src, "id", p.id, std::move(field), std::move(message));
      };
      if (!is_kebab_case(p.id)) fail("id", "nem ASCII kebab-case azonosító (id is not ASCII kebab-case)");
      if (p.as_of && !is_valid_date(*p.as_of)) {
        fail("as_of",
             "érvénytelen dátum, ÉÉÉÉ-HH-NN szükséges (invalid date, expected YYYY-MM-DD): " + quoted(*p.as_of));
      }
      if (p.as_of_basis && !one_of(kAsOfBases, *p.as_of_basis)) {
        fail("as_of_basis",
             "ismeretlen érték (unknown value): " + *p.as_of_basis + "; lehet (allowed): " + list_of(kAsOfBases));
      }
      if (p.as_of.has_value() != p.as_of_basis.has_value()) {
        fail("as_of_basis", "az as_of és az as_of_basis csak együtt adható meg (as_of and as_of_basis go together)");
      }
      if (!one_of(kCertainties, p.certainty)) {
        fail("certainty",
             "ismeretlen érték (unknown value): " + p.certainty + "; lehet (allowed): " + list_of(kCertainties));
      } else if (p.certainty == "partly_unsure" && !p.certainty_note) {
        fail("certainty_note", "partly_unsure esetén kötelező (required for partly_unsure)");
      }
      std::set<std::string_view> seen;
      for (std::size_t i = 0; i < p.forms.size(); ++i) {
        const std::string field = "forms[" + std::to_string(i) + "]";
        if (!seen.insert(p.forms[i]).second) {
          fail(field, "ismétlődő űrlap (duplicate form): " + p.forms[i]);
        }
      }
    }
  }

  void check_forms() {
    const SourceInfo& src = sources_.forms;
    for (const auto& f : bundle_.forms) {
      if (!is_kebab_case(f.id)) {
        report(src, "id", f.id, "id", "nem ASCII kebab-case azonosító (id is not ASCII kebab-case)");
      }
      if (!one_of(kFormFormats, f.format)) {
        report(src, "id", f.id, "format",
               "ismeretlen érték (unknown value): " + f.format + "; lehet (allowed): " + list_of(kFormFormats));
      }
    }
  }

  // procedures[].forms and forms[].procedures must name each other; each side reports the links
  // it has that the other side lacks.
  void check_procedure_form_links() {
    for (const auto& p : bundle_.procedures) {
      for (std::size_t i = 0; i < p.forms.size(); ++i) {
        const std::string& form_id = p.forms[i];
        const std::string field = "forms[" + std::to_string(i) + "]";
        auto it = forms_.find(form_id);
        if (it == forms_.end()) {
          if (!sources_.forms.is_rejected(form_id)) {
            report(sources_.procedures, "id", p.id, field, "ismeretlen űrlap (unknown form): " + quoted(form_id));
          }
          continue;
        }
        const auto& back = it->second->procedures;
        if (std::find(back.begin(), back.end(), p.id) == back.end()) {
          report(sources_.procedures, "id", p.id, field,
                 "az űrlap procedures listája nem tartalmazza ezt az ügyet (the form does not list this procedure): " +
                     quoted(form_id));
        }
      }
    }
    for (const auto& f : bundle_.forms) {
      for (std::size_t i = 0; i < f.procedures.size(); ++i) {
        const std::string& procedure_id = f.procedures[i];
        const std::string field = "procedures[" + std::to_string(i) + "]";
        auto it = procedures_.find(procedure_id);
        if (it == procedures_.end()) {
          if (!sources_.procedures.is_rejected(procedure_id)) {
            report(sources_.forms, "id", f.id, field, "ismeretlen ügy (unknown procedure): " + quoted(procedure_id));
          }
          continue;
        }
        const auto& back = it->second->forms;
        if (std::find(back.begin(), back.end(), f.id) == back.end()) {
          report(sources_.forms, "id", f.id, field,
                 "az ügy forms listája nem tartalmazza ezt az űrlapot (the procedure does not list this form): " +
                     quoted(procedure_id));
        }
      }
    }
  }

  void check_visits() {
    const SourceInfo& src = sources_.visits;
    for (const auto& v : bundle_.visits) {
      auto office = offices_.find(v.office_id);
      if (office == offices_.end()) {
        if (!sources_.offices.is_rejected(v.office_id)) {
          report(src, "id", v.id, "office_id", "ismeretlen hivatal (unknown office): " + quoted(v.office_id));
        }
      } else if (office->second->kind != kb::OfficeKind::kDistrictOffice &&
                 office->second->kind != kb::OfficeKind::kGovernmentWindowBus) {
        report(src, "id", v.id, "office_id",
               "látogatást csak járási hivatal vagy kormányablakbusz tarthat (only a district office or a government "
               "window bus visits): " +
                   quoted(v.office_id));
      }
      if (!settlement_known(v.settlement_ksh)) {
        report(src, "id", v.id, "settlement_ksh",
               "ismeretlen település (unknown settlement): " + quoted(v.settlement_ksh));
      }
    }
  }

  void check_closures() {
    const SourceInfo& src = sources_.closures;
    for (const auto& c : bundle_.closures) {
      auto fail = [&](std::string field, std::string message) {
        report(src, "id", c.id, std::move(field), std::move(message));
      };
      auto date_ok = [&](const std::string& field, const std::string& value) {
        if (is_valid_date(value)) return true;
        fail(field, "érvénytelen dátum, ÉÉÉÉ-HH-NN szükséges (invalid date, expected YYYY-MM-DD): " + quoted(value));
        return false;
      };
      bool from_ok = date_ok("from", c.from);
      bool to_ok = date_ok("to", c.to);
      // ISO dates compare correctly as strings.
      if (from_ok && to_ok && c.to < c.from) {
        fail("to", "a szünet vége megelőzi a kezdetét (to is before from): " + c.from + " > " + c.to);
      }
      if (c.reopens && date_ok("reopens", *c.reopens) && to_ok && *c.reopens <= c.to) {
        fail("reopens", "az újranyitás nem a szünet utánra esik (reopens is not after to)");
      }
      for (std::size_t i = 0; i < c.applies_to.size(); ++i) {
        if (!kb::parse_office_kind(c.applies_to[i])) {
          fail("applies_to[" + std::to_string(i) + "]",
               "ismeretlen hivatalfajta (unknown office kind): " + quoted(c.applies_to[i]));
        }
      }
      for (std::size_t i = 0; i < c.exceptions.size(); ++i) {
        const auto& e = c.exceptions[i];
        const std::string path = "exceptions[" + std::to_string(i) + "]";
        for (std::size_t k = 0; k < e.dates.size(); ++k) {
          date_ok(path + ".dates[" + std::to_string(k) + "]", e.dates[k]);
        }
        for (std::size_t k = 0; k < e.office_ids.size(); ++k) {
          if (!office_known(e.office_ids[k])) {
            fail(path + ".office_ids[" + std::to_string(k) + "]",
                 "ismeretlen hivatal (unknown office): " + quoted(e.office_ids[k]));
          }
        }
      }
    }
  }

  const kb::Bundle& bundle_;
  const BundleSources& sources_;
  std::map<std::string, const kb::Settlement*, std::less<>> settlements_;
  std::map<std::string, const kb::District*, std::less<>> districts_;
  std::map<std::string, const kb::Office*, std::less<>> offices_;
  std::map<std::string, const kb::Form*, std::less<>> forms_;
  std::map<std::string, const kb::Procedure*, std::less<>> procedures_;
  std::vector<Problem> problems_;
};

}  // namespace

std::vector<Problem> validate_bundle(const kb::Bundle& bundle, const BundleSources& sources) {
  return Validator(bundle, sources).run();
}

}  // namespace ugk::importers
