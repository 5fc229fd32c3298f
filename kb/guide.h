// Case guides: the condition language, the rules a guide must satisfy and the one evaluator.
//
// A guide (kb::Guide, written by domain experts in the bundle's guides.json) asks the few questions
// that decide a case and ends in an outcome: the procedures to start, with the documents and fees that
// apply to this person. Conditions are a small closed expression language, never code:
//
//   condition  := or
//   or         := and ("or" and)*
//   and        := unary ("and" unary)*
//   unary      := "not" unary | "(" condition ")" | "answered" "(" id ")" | comparison
//   comparison := term ("==" | "!=" | "<" | "<=" | ">" | ">=" | "contains") term
//   term       := id | "days_since" "(" id ")" | "years_since" "(" id ")" | 'text' | integer
//
// `id` names a question of the guide; its value is the answer (yes_no answers are 'igen' / 'nem',
// one_of answers an option value, number answers an integer, date answers 'YYYY-MM-DD'); `contains`
// asks whether a several_of answer includes an option. A comparison with an unanswered question is
// false. days_since / years_since count from a date answer to the evaluation day.
//
// The evaluator is a pure function of the guide, the answers (as they travel in the URL) and the day;
// the field app's JS evaluator (web/src/guide.js) must agree with it on every path (differential test).
// Thread-safety: all functions are pure.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kb/model.h"
#include "kb/validation.h"

namespace ugk::kb::guide {

// Answers by question id, in the form they travel in the URL (several_of: values joined by ",").
using Answers = std::map<std::string, std::string, std::less<>>;

// --- The condition language ---------------------------------------------------------------------

struct Condition;
using ConditionPtr = std::shared_ptr<const Condition>;

struct Term {
  enum class Kind { kAnswer, kDaysSince, kYearsSince, kText, kNumber };
  Kind kind = Kind::kText;
  std::string text;  // the question id (answer kinds) or the literal text
  std::int64_t number = 0;
};

struct Condition {
  enum class Kind { kOr, kAnd, kNot, kAnswered, kCompare };
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kContains };
  Kind kind = Kind::kCompare;
  std::vector<ConditionPtr> children;  // or, and, not
  std::string question;                // answered
  Op op = Op::kEq;                     // compare
  Term left;
  Term right;
};

// Where and why a condition does not parse: a byte offset into the text and the message (Hungarian,
// English in parentheses).
struct ParseError {
  std::size_t offset = 0;
  std::string message;
};
using ParseResult = std::variant<ConditionPtr, ParseError>;
ParseResult parse_condition(std::string_view text);

// The question ids a condition reads.
std::vector<std::string> questions_of(const Condition& condition);

// --- Rules ----------------------------------------------------------------------------------------

// Node and field named in every issue ("questions[2].branches[0].when", "outcomes[1].steps[0]...").
// Structure: unique node ids usable as URL parameters, a start that exists, every target exists,
// every node reachable, no cycles; every condition parses, names known questions and compares them
// with values they can have; every step names an existing procedure, a settlement question, and
// documents and fees the procedure has.
Issues check_guide(const Guide& guide, const References& refs);

// --- Evaluation -----------------------------------------------------------------------------------

// An answer that cannot be used: the question it was given for, and a code with its parameter
// (rendered by kb/wording_hu.h): not_an_option (the value), not_a_number, out_of_range, not_a_date,
// unknown_settlement (the text), unknown_question.
struct AnswerError {
  std::string question;
  std::string code;
  std::string value;
};

// How settlement answers are read: the canonical value (a KSH code) of what was typed, or nullopt.
using SettlementResolver = std::function<std::optional<std::string>(std::string_view text)>;

struct AnsweredQuestion {
  const GuideQuestion* question = nullptr;
  std::string value;  // canonical: a settlement answer is its KSH code
};

struct Evaluation {
  std::vector<AnsweredQuestion> path;       // the questions asked on the way, in order, with their answers
  const GuideQuestion* question = nullptr;  // the next question to ask, or
  const GuideOutcome* outcome = nullptr;    // the outcome reached
  std::vector<const GuideStep*> steps;      // the outcome's steps whose conditions hold
  std::vector<std::string> notes;           // the outcome's notes whose conditions hold
  std::vector<std::string> unused;          // answers given for questions not on this path
};

using EvaluationResult = std::variant<Evaluation, AnswerError>;

// Precondition: check_guide(guide) found nothing. `today` is the day days_since counts to.
EvaluationResult evaluate(const Guide& guide, const Answers& answers, std::chrono::sys_days today,
                          const SettlementResolver& resolve_settlement);

// The items of a step that hold for these answers: those a step's conditional lists do not name, and
// those they name whose condition holds (documents by text, fees by label).
std::vector<std::string> select_documents(const GuideStep& step, const std::vector<std::string>& documents,
                                          const Evaluation& evaluation, std::chrono::sys_days today);
std::vector<Fee> select_fees(const GuideStep& step, const std::vector<Fee>& fees, const Evaluation& evaluation,
                             std::chrono::sys_days today);

// The settlement answer a step's office is found by (its KSH code), when the step names one that was
// answered on the path.
std::optional<std::string> step_settlement(const GuideStep& step, const Evaluation& evaluation);

// --- Paths ----------------------------------------------------------------------------------------

// Answer sets that walk the guide: every option of every choice, yes and no, the numbers and days the
// conditions compare with (and one either side), and `settlement` (a KSH code) for settlement
// questions; each set ends in an outcome. At most `limit` sets. Used by the tests that must visit
// every node and by the C++/JS differential.
std::vector<Answers> enumerate_paths(const Guide& guide, std::chrono::sys_days today, const std::string& settlement,
                                     std::size_t limit = 5000);

// "2026-12-02"
std::string iso_date(std::chrono::sys_days day);
std::optional<std::chrono::sys_days> parse_iso_date(std::string_view text);

}  // namespace ugk::kb::guide
