// The rules every record must satisfy, one function per record kind, shared by the bundle importer
// and the editing API: the importer adds file, line and record to each issue, the API answers 422
// with the same fields. The rules see other records only through References, so the same rule runs
// against the bundle being imported and against the catalog an edit applies to.
//
// Pure functions; thread-safe as long as the References are.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/model.h"
#include "kb/record_kind.h"

namespace ugk::kb {

// One broken rule: the field's path in the record ("fees[1].amount_huf", "" for the whole record)
// and what is wrong, in Hungarian with the English in parentheses.
struct Issue {
  std::string field;
  std::string message;
  bool operator==(const Issue&) const = default;
};
using Issues = std::vector<Issue>;

// The records a record may refer to, as the caller knows them.
class References {
 public:
  virtual ~References() = default;
  virtual const Settlement* settlement(std::string_view ksh_code) const = 0;
  virtual const District* district(std::string_view code) const = 0;
  virtual const Office* office(std::string_view id) const = 0;
  virtual const Procedure* procedure(std::string_view id) const = 0;  // national or local-only
  virtual const Form* form(std::string_view id) const = 0;
  // A key whose record the source could not read and already reported: references to it are not
  // reported a second time.
  virtual bool unreadable(RecordKind kind, std::string_view key) const {
    (void)kind;
    (void)key;
    return false;
  }
};

// The opening-hours syntax check (hours/ supplies it: kb does not depend on the parser): nullopt for
// a valid value, else the message naming the position.
using OpeningHoursCheck = std::function<std::optional<std::string>(std::string_view value)>;

struct RuleContext {
  const References& refs;
  OpeningHoursCheck opening_hours;  // empty: values are not parsed
};

Issues check(const District& district, const RuleContext& context);
Issues check(const Settlement& settlement, const RuleContext& context);
Issues check(const Office& office, const RuleContext& context);
Issues check(const Form& form, const RuleContext& context);
// `kind` is kProcedure (national: no office) or kLocalProcedure (owned by an office).
Issues check(RecordKind kind, const Procedure& procedure, const RuleContext& context);
Issues check(const LocalVariant& variant, const RuleContext& context);
Issues check(const Visit& visit, const RuleContext& context);
Issues check(const CalendarDay& day, const RuleContext& context);
Issues check(const Closure& closure, const RuleContext& context);
Issues check(const Guide& guide, const RuleContext& context);  // kb/guide.h: check_guide
Issues check(const SearchSynonym& synonym, const RuleContext& context);
Issues check(const BestBet& bet, const RuleContext& context);

// The rules of kind K for one record.
template <typename KindTraits>
Issues check_record(KindTraits, const typename KindTraits::Record& record, const RuleContext& context) {
  if constexpr (std::is_same_v<typename KindTraits::Record, Procedure>) {
    return check(KindTraits::kind, record, context);
  } else {
    return check(record, context);
  }
}

// The other half of the procedure-form link, checked over a whole bundle: every form a procedure
// names must list that procedure back. (The editing service keeps it true by updating the form.)
Issues check_form_back_links(const Procedure& procedure, const References& refs);

}  // namespace ugk::kb
