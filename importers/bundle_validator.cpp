#include "importers/bundle_validator.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>

#include "hours/syntax.h"
#include "kb/enums.h"
#include "kb/ids.h"
#include "kb/validation.h"

namespace ugk::importers {
namespace {

using kb::kBudapestKsh;
std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

// The bundle as the record rules see it: records by key, and the keys the readers left out as
// malformed (references to those are not reported twice).
class BundleReferences : public kb::References {
 public:
  BundleReferences(const kb::Bundle& bundle, const BundleSources& sources) : sources_(sources) {
    for (const auto& s : bundle.settlements) settlements_.emplace(s.ksh_code, &s);
    for (const auto& d : bundle.districts) districts_.emplace(d.code, &d);
    for (const auto& o : bundle.offices) offices_.emplace(o.id, &o);
    for (const auto& f : bundle.forms) forms_.emplace(f.id, &f);
    for (const auto& p : bundle.procedures) procedures_.emplace(p.id, &p);
    for (const auto& p : bundle.local_procedures) procedures_.emplace(p.id, &p);
  }
  const kb::Settlement* settlement(std::string_view ksh) const override { return find(settlements_, ksh); }
  const kb::District* district(std::string_view code) const override { return find(districts_, code); }
  const kb::Office* office(std::string_view id) const override { return find(offices_, id); }
  const kb::Procedure* procedure(std::string_view id) const override { return find(procedures_, id); }
  const kb::Form* form(std::string_view id) const override { return find(forms_, id); }
  // A file that could not be read at all was reported once; nothing in it is reported missing.
  bool unreadable(kb::RecordKind kind, std::string_view key) const override {
    const SourceInfo* source = sources_.of(kind);
    return source != nullptr && (!source->usable || source->is_rejected(key));
  }

 private:
  template <typename T>
  static const T* find(const std::map<std::string, const T*, std::less<>>& map, std::string_view key) {
    auto it = map.find(key);
    return it == map.end() ? nullptr : it->second;
  }

  const BundleSources& sources_;
  std::map<std::string, const kb::Settlement*, std::less<>> settlements_;
  std::map<std::string, const kb::District*, std::less<>> districts_;
  std::map<std::string, const kb::Office*, std::less<>> offices_;
  std::map<std::string, const kb::Form*, std::less<>> forms_;
  std::map<std::string, const kb::Procedure*, std::less<>> procedures_;
};

// Lookup tables over the bundle plus the problem sink; one instance per validation run.
class Validator {
 public:
  Validator(const kb::Bundle& bundle, const BundleSources& sources)
      : bundle_(bundle), sources_(sources), refs_(bundle, sources), context_{refs_, &hours::opening_hours_problem} {}

  std::vector<Problem> run() {
    const bool ksh = sources_.settlements.usable && sources_.districts.usable;
    if (sources_.settlements.usable) check_records(kb::Kind<kb::RecordKind::kSettlement>{}, "ksh_code");
    if (ksh) check_districts();
    if (ksh && sources_.joint_offices.usable) check_joint_offices();
    if (ksh && sources_.office_codes.usable) check_office_codes();
    if (sources_.offices.usable) check_offices();
    check_records(kb::Kind<kb::RecordKind::kProcedure>{}, "id");
    check_records(kb::Kind<kb::RecordKind::kLocalProcedure>{}, "id");
    check_records(kb::Kind<kb::RecordKind::kForm>{}, "id");
    check_back_links(kb::Kind<kb::RecordKind::kProcedure>{});
    check_back_links(kb::Kind<kb::RecordKind::kLocalProcedure>{});
    check_records(kb::Kind<kb::RecordKind::kVariant>{}, "id");
    check_records(kb::Kind<kb::RecordKind::kVisit>{}, "id");
    check_records(kb::Kind<kb::RecordKind::kClosure>{}, "id");
    check_records(kb::Kind<kb::RecordKind::kGuide>{}, "id");
    check_records(kb::Kind<kb::RecordKind::kSearchSynonym>{}, "id");
    check_records(kb::Kind<kb::RecordKind::kBestBet>{}, "id");
    return std::move(problems_);
  }

 private:
  void report(const SourceInfo& source, std::string_view key_name, std::string_view key, std::string field,
              std::string message) {
    problems_.push_back({source.file, std::string(key_name) + "=" + std::string(key), source.line_of(key),
                         std::move(field), std::move(message)});
  }

  void report_all(const SourceInfo& source, std::string_view key_name, std::string_view key, kb::Issues issues) {
    for (auto& issue : issues) report(source, key_name, key, std::move(issue.field), std::move(issue.message));
  }

  // The shared record rules (kb/validation.h) over every record of one kind, when its file was read.
  template <typename KindTraits>
  void check_records(KindTraits kind, std::string_view key_name) {
    const SourceInfo& source = *sources_.of(KindTraits::kind);
    if (!source.usable) return;
    for (const auto& record : bundle_.*(KindTraits::records)) {
      report_all(source, key_name, KindTraits::key(record), kb::check_record(kind, record, context_));
    }
  }

  // Derived offices have no line; their problems point at the register they were derived from.
  void check_offices() {
    const SourceInfo derived_source{std::string(kSettlementsFile), true, {}, {}};
    for (const auto& o : bundle_.offices) {
      report_all(o.derived ? derived_source : sources_.offices, "id", o.id, kb::check(o, context_));
    }
  }

  template <typename KindTraits>
  void check_back_links(KindTraits) {
    const SourceInfo& source = *sources_.of(KindTraits::kind);
    if (!source.usable || !sources_.forms.usable) return;
    for (const auto& p : bundle_.*(KindTraits::records)) {
      report_all(source, "id", p.id, kb::check_form_back_links(p, refs_));
    }
  }

  const kb::Settlement* settlement(std::string_view ksh) const { return refs_.settlement(ksh); }

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
                   in_quotes(d.seat) + " / " + in_quotes(seat->second->name));
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

  const kb::Bundle& bundle_;
  const BundleSources& sources_;
  BundleReferences refs_;
  kb::RuleContext context_;
  std::vector<Problem> problems_;
};

}  // namespace

const SourceInfo* BundleSources::of(kb::RecordKind kind) const {
  switch (kind) {
    case kb::RecordKind::kDistrict:
      return &districts;
    case kb::RecordKind::kSettlement:
      return &settlements;
    case kb::RecordKind::kOffice:
      return &offices;
    case kb::RecordKind::kForm:
      return &forms;
    case kb::RecordKind::kProcedure:
      return &procedures;
    case kb::RecordKind::kLocalProcedure:
      return &local_procedures;
    case kb::RecordKind::kVariant:
      return &variants;
    case kb::RecordKind::kVisit:
      return &visits;
    case kb::RecordKind::kClosure:
      return &closures;
    case kb::RecordKind::kGuide:
      return &guides;
    case kb::RecordKind::kSearchSynonym:
      return &search_synonyms;
    case kb::RecordKind::kBestBet:
      return &best_bets;
    case kb::RecordKind::kCalendarDay:
      return nullptr;
  }
  return nullptr;
}

std::vector<Problem> validate_bundle(const kb::Bundle& bundle, const BundleSources& sources) {
  return Validator(bundle, sources).run();
}

}  // namespace ugk::importers
