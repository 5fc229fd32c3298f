#include "service/guide_answer.h"

namespace ugk::service {

namespace {

// The settlement a step's office is found by: the one its settlement question names, else the first
// settlement the guide asked for on the way (a guide asking for one place means it for every step).
std::optional<std::string> settlement_of(const kb::GuideStep& step, const kb::guide::Evaluation& evaluation) {
  if (auto named = kb::guide::step_settlement(step, evaluation)) return named;
  if (step.settlement) return std::nullopt;
  for (const auto& answered : evaluation.path) {
    if (answered.question->kind == kb::QuestionKind::kSettlement) return answered.value;
  }
  return std::nullopt;
}

}  // namespace

GuideResult answer_guide(const KnowledgeService& service, const Snapshot& snapshot, std::string_view guide_id,
                         const kb::guide::Answers& answers, date::sys_seconds at) {
  const kb::Catalog& catalog = *snapshot.catalog;
  const kb::Guide* guide = catalog.guides().find(guide_id);
  if (guide == nullptr) return guide_outcome::UnknownGuide{std::string(guide_id)};
  const std::chrono::sys_days day{std::chrono::floor<std::chrono::days>(at).time_since_epoch()};
  const kb::guide::SettlementResolver resolve = [&catalog](std::string_view text) -> std::optional<std::string> {
    const kb::SettlementLookup lookup = catalog.resolve_settlement(text);
    if (!lookup.found()) return std::nullopt;
    return lookup.match->ksh_code;
  };
  auto evaluated = kb::guide::evaluate(*guide, answers, day, resolve);
  if (auto* error = std::get_if<kb::guide::AnswerError>(&evaluated)) return *error;

  GuideAnswer out;
  out.guide = guide;
  out.day = day;
  out.evaluation = std::get<kb::guide::Evaluation>(std::move(evaluated));
  for (const kb::GuideStep* step : out.evaluation.steps) {
    GuideStepAnswer s;
    s.step = step;
    s.procedure = catalog.procedure(step->procedure_id);
    if (s.procedure == nullptr) continue;  // deleted since the guide was saved: nothing true to say about it
    std::vector<std::string> documents = s.procedure->documents;
    std::vector<kb::Fee> fees = s.procedure->fees;
    if (auto ksh = settlement_of(*step, out.evaluation)) s.settlement = catalog.settlement(*ksh);
    if (s.settlement != nullptr) {
      CaseQuery query;
      query.procedure_id = step->procedure_id;
      query.at = at;
      CaseResult result = answer_case(service, snapshot, *s.settlement, query);
      if (auto* answer = std::get_if<CaseAnswer>(&result)) {
        documents = answer->procedure.procedure.documents;
        fees = answer->procedure.procedure.fees;
        s.answer = std::move(*answer);
      } else if (std::holds_alternative<case_outcome::NotAvailableHere>(result)) {
        s.not_available_here = true;
      }
    }
    s.documents = kb::guide::select_documents(*step, documents, out.evaluation, day);
    s.fees = kb::guide::select_fees(*step, fees, out.evaluation, day);
    out.steps.push_back(std::move(s));
  }
  return out;
}

}  // namespace ugk::service
