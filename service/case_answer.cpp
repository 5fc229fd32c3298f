#include "service/case_answer.h"

#include <algorithm>

namespace ugk::service {

std::vector<std::string> local_office_ids(const kb::Catalog& catalog, const kb::Settlement& settlement) {
  std::vector<std::string> ids;
  for (const kb::Office* o : catalog.offices_for(settlement)) ids.push_back(o->id);
  return ids;
}

CaseResult answer_case(const KnowledgeService& service, const Snapshot& snapshot, const kb::Settlement& settlement,
                       const CaseQuery& query) {
  const kb::Catalog& catalog = *snapshot.catalog;
  const std::vector<std::string> offices = local_office_ids(catalog, settlement);
  CaseAnswer answer;
  const kb::Procedure* procedure = nullptr;
  if (query.procedure_id) {
    procedure = catalog.procedure(*query.procedure_id);
    if (procedure == nullptr) return case_outcome::UnknownProcedure{*query.procedure_id};
    if (procedure->office_id && std::find(offices.begin(), offices.end(), *procedure->office_id) == offices.end()) {
      return case_outcome::NotAvailableHere{procedure->title};
    }
  } else {
    const std::string text = query.text.value_or("");
    ProcedureMatches matches = service.match_procedures(catalog, text, kCaseCandidates, offices);
    const auto& candidates = matches.candidates;
    if (candidates.empty()) return case_outcome::NoMatch{text};
    procedure = candidates.front().procedure;
    CaseMatch match;
    match.query = text;
    match.score = candidates.front().score;
    // Close runners-up mean the text fits several cases: say so instead of pretending certainty.
    match.ambiguous = candidates.size() > 1 && candidates[1].score >= kAmbiguousScoreRatio * candidates.front().score;
    match.others.assign(candidates.begin() + 1, candidates.end());
    match.low_confidence = matches.relaxed;
    match.dropped_words = std::move(matches.dropped_words);
    answer.match = std::move(match);
  }

  answer.route = kb::route(catalog, *procedure, settlement);
  answer.procedure = kb::merge(*procedure, kb::variant_for(catalog, *procedure, settlement));
  for (const kb::RoutedOffice& routed : answer.route.offices) {
    answer.office_status.push_back(hours::OfficeHours::of(*routed.office, *snapshot.calendar).status(query.at));
  }
  for (const kb::RoutedVisit& routed : answer.route.visits) {
    const auto schedule = hours::OfficeHours::of_visit(*routed.visit, routed.office->kind, *snapshot.calendar);
    answer.visit_times.push_back(schedule.next_occurrences(query.at, 3));
  }
  return answer;
}

}  // namespace ugk::service
