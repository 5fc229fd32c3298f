// A case guide answered for one person: the guide's evaluation (kb/guide.h) joined with the routing,
// so that each procedure of the outcome comes with the office competent for the settlement the guide
// asked for, that office's own text (local variant) and the documents and fees that apply.
//
// Thread-safety: a pure function of its arguments (the service is only read).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kb/guide.h"
#include "service/case_answer.h"

namespace ugk::service {

struct GuideStepAnswer {
  const kb::GuideStep* step = nullptr;
  const kb::Procedure* procedure = nullptr;    // national or local-only, as the catalog holds it
  const kb::Settlement* settlement = nullptr;  // where the office is looked for; null: none was asked
  std::optional<CaseAnswer> answer;            // the route answer, when a settlement is known and it applies there
  bool not_available_here = false;             // a local-only procedure of another office's settlements
  std::vector<std::string> documents;          // the documents that apply to this person
  std::vector<kb::Fee> fees;                   // the fees that apply
};

struct GuideAnswer {
  const kb::Guide* guide = nullptr;
  kb::guide::Evaluation evaluation;
  std::vector<GuideStepAnswer> steps;  // parallel to evaluation.steps
  std::chrono::sys_days day;           // the day the answer is for (days_since counts to it)
};

namespace guide_outcome {
struct UnknownGuide {
  std::string id;
};
}  // namespace guide_outcome

using GuideResult = std::variant<GuideAnswer, guide_outcome::UnknownGuide, kb::guide::AnswerError>;

// `answers` as they came in the URL. `at` is the instant hours are answered for; its day is the one
// date conditions count to.
GuideResult answer_guide(const KnowledgeService& service, const Snapshot& snapshot, std::string_view guide_id,
                         const kb::guide::Answers& answers, date::sys_seconds at);

}  // namespace ugk::service
