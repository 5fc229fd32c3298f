// The answer to "for this case and this settlement, which office, what to bring, when is it open":
// one function that every front end's answer comes from, returning decisions as data (the API renders
// them). The case is named by a procedure id or found from free text; the text's match confidence is
// decided here.
//
// Thread-safety: a pure function of its arguments (the service is only read).
#pragma once

#include <date/date.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "hours/office_hours.h"
#include "kb/routing.h"
#include "kb/variant.h"
#include "service/knowledge_service.h"

namespace ugk::service {

// How many procedures a free text is matched against, and when a runner-up makes it ambiguous.
inline constexpr std::size_t kCaseCandidates = 5;
inline constexpr double kAmbiguousScoreRatio = 0.85;

struct CaseQuery {
  std::optional<std::string> procedure_id;  // exactly one of procedure_id and text
  std::optional<std::string> text;
  date::sys_seconds at;  // the instant open-now is answered for
};

struct CaseMatch {
  std::string query;
  double score = 0;
  bool ambiguous = false;  // a different procedure scored close to the best
  // No procedure matched every word: the best candidates are the closest ones, not a sure answer.
  bool low_confidence = false;
  std::vector<std::string> dropped_words;  // the words the best candidate lacks, as typed
  std::vector<ProcedureCandidate> others;  // the runners-up, best first
};

struct CaseAnswer {
  kb::Route route;
  kb::MergedProcedure procedure;                         // as the settlement's office handles it
  std::vector<hours::OfficeStatus> office_status;        // parallel to route.offices
  std::vector<std::vector<hours::Segment>> visit_times;  // next occurrences, parallel to route.visits
  std::optional<CaseMatch> match;                        // for a free-text question
};

namespace case_outcome {
struct UnknownProcedure {
  std::string id;
};
// An office's local-only procedure asked for a settlement that office does not serve.
struct NotAvailableHere {
  std::string title;
};
struct NoMatch {
  std::string text;
};
}  // namespace case_outcome

using CaseResult =
    std::variant<CaseAnswer, case_outcome::UnknownProcedure, case_outcome::NotAvailableHere, case_outcome::NoMatch>;

// `snapshot` must be the one `settlement` was resolved in. The answer's pointers point into it.
CaseResult answer_case(const KnowledgeService& service, const Snapshot& snapshot, const kb::Settlement& settlement,
                       const CaseQuery& query);

// The ids of the offices whose local texts apply to `settlement` (kb::Catalog::offices_for).
std::vector<std::string> local_office_ids(const kb::Catalog& catalog, const kb::Settlement& settlement);

}  // namespace ugk::service
