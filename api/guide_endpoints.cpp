// Case guides over HTTP: the list, and the answer for the answers so far (which travel in the URL, so
// that an answer can be shared, bookmarked and printed). The guide records themselves are read and
// edited through the generic record routes (/v1/guides/{id}, its history and the editing verbs).
#include <string>

#include "api/endpoints.h"
#include "api/hours_views.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/responses.h"
#include "api/url.h"
#include "api/views.h"
#include "kb/enums.h"
#include "kb/json_codec.h"
#include "kb/wording_hu.h"
#include "service/guide_answer.h"

namespace ugk::api {

using nlohmann::json;

namespace {

// Parameters of the answer URL that are not answers.
constexpr std::string_view kNotAnswers[] = {"at"};
constexpr std::size_t kMaxAnswers = 60;
constexpr std::size_t kMaxAnswerLength = 500;

std::string answer_path(const kb::Guide& guide) {
  return "/v1/guides/" + percent_encode_segment(guide.id) + "/answer";
}

// The answer URL for these answers, in the order they were asked.
std::string answer_url(const kb::Guide& guide, const std::vector<kb::guide::AnsweredQuestion>& answers,
                       const kb::GuideQuestion* leave_out = nullptr) {
  std::string url = answer_path(guide);
  char separator = '?';
  for (const auto& a : answers) {
    if (a.question == leave_out) continue;
    url += separator + percent_encode_segment(a.question->id) + "=" + percent_encode_segment(a.value);
    separator = '&';
  }
  return url;
}

json guide_summary(const kb::Guide& guide) {
  return json{{"id", guide.id},
              {"title", guide.title},
              {"summary", guide.summary},
              {"keywords", guide.keywords},
              {"answer_url", answer_path(guide)}};
}

std::string option_label(const kb::GuideQuestion& q, const std::string& value) {
  for (const auto& o : q.options) {
    if (o.value == value) return o.label;
  }
  return value;
}

// How an answer reads back ("Igen", "Kórházban", "Folyás").
std::string answer_text(const kb::Catalog& catalog, const kb::GuideQuestion& q, const std::string& value) {
  switch (q.kind) {
    case kb::QuestionKind::kYesNo:
      return value == "igen" ? "Igen" : "Nem";
    case kb::QuestionKind::kOneOf:
      return option_label(q, value);
    case kb::QuestionKind::kSeveralOf: {
      if (value.empty()) return "egyik sem";
      std::string out;
      std::size_t start = 0;
      while (start <= value.size()) {
        const std::size_t comma = value.find(',', start);
        const std::string item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        out += (out.empty() ? "" : ", ") + option_label(q, item);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      return out;
    }
    case kb::QuestionKind::kSettlement:
      if (const kb::Settlement* s = catalog.settlement(value)) return kb::settlement_label(*s);
      return value;
    case kb::QuestionKind::kDate:
    case kb::QuestionKind::kNumber:
      return value;
  }
  return value;
}

json question_view(const kb::GuideQuestion& q) {
  json options = json::array();
  for (const auto& o : q.options) options.push_back({{"value", o.value}, {"label", o.label}});
  json view{{"id", q.id},          {"kind", kb::to_string(q.kind)},
            {"text", q.text},      {"help", q.help},
            {"options", options},  {"min", q.min},
            {"max", q.max},        {"role", nullptr},
            {"role_text", nullptr}};
  if (q.role) {
    view["role"] = kb::to_string(*q.role);
    view["role_text"] = kb::settlement_role_text(*q.role);
  }
  return view;
}

json step_view(const kb::Catalog& catalog, const service::GuideStepAnswer& s, date::sys_seconds at) {
  // The competent office's text (its local variant) when the office is known, else the national one.
  const kb::Procedure& p = s.answer ? s.answer->procedure.procedure : *s.procedure;
  const kb::SettlementRole role = kb::settlement_role(s.procedure->competence);
  json fees = json::array();
  for (const kb::Fee& fee : s.fees) fees.push_back(fee);
  json view{{"procedure", procedure_summary(*s.procedure)},
            {"note", s.step->note},
            {"settlement_role", kb::to_string(role)},
            {"settlement_role_text", kb::settlement_role_text(role)},
            {"settlement", s.settlement ? settlement_summary(catalog, *s.settlement) : json(nullptr)},
            {"documents", s.documents},
            {"fees", fees},
            {"deadline", p.deadline},
            {"not_available_here", s.not_available_here},
            {"route", nullptr}};
  if (s.answer) {
    json route = case_view(catalog, *s.answer);
    add_case_hours(route, *s.answer, at);
    view["route"] = std::move(route);
  }
  return view;
}

json answer_view(const kb::Catalog& catalog, const service::GuideAnswer& answer, date::sys_seconds at) {
  const kb::Guide& guide = *answer.guide;
  const auto& evaluation = answer.evaluation;
  json answers = json::array();
  for (const auto& a : evaluation.path) {
    answers.push_back({{"question", a.question->id},
                       {"text", a.question->text},
                       {"value", a.value},
                       {"value_text", answer_text(catalog, *a.question, a.value)},
                       {"change_url", answer_url(guide, evaluation.path, a.question)}});
  }
  json view{{"guide", guide_summary(guide)},
            {"status", evaluation.outcome != nullptr ? "outcome" : "question"},
            {"day", kb::guide::iso_date(answer.day)},
            {"answers", answers},
            {"unused_answers", evaluation.unused},
            {"question", evaluation.question ? question_view(*evaluation.question) : json(nullptr)},
            {"outcome", nullptr},
            {"self_url", answer_url(guide, evaluation.path)},
            {"restart_url", answer_path(guide)}};
  if (evaluation.outcome != nullptr) {
    json steps = json::array();
    for (const auto& s : answer.steps) steps.push_back(step_view(catalog, s, at));
    view["outcome"] = {{"id", evaluation.outcome->id},
                       {"title", evaluation.outcome->title},
                       {"summary", evaluation.outcome->summary},
                       {"steps", steps},
                       {"notes", evaluation.notes}};
  }
  return view;
}

kb::guide::Answers answers_of(const Request& request) {
  kb::guide::Answers answers;
  for (const auto& [name, value] : request.query) {
    if (std::find(std::begin(kNotAnswers), std::end(kNotAnswers), name) != std::end(kNotAnswers)) continue;
    if (answers.size() == kMaxAnswers)
      throw bad_parameter("query", "Legfeljebb " + std::to_string(kMaxAnswers) + " válasz adható meg.");
    if (value.size() > kMaxAnswerLength) {
      throw bad_parameter(name, "A válasz legfeljebb " + std::to_string(kMaxAnswerLength) + " bájt lehet.");
    }
    answers.emplace(name, value);
  }
  return answers;
}

const kb::GuideQuestion* find_question(const kb::Guide& guide, std::string_view id) {
  for (const auto& q : guide.questions) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

}  // namespace

void add_guide_routes(RouteTable& table, const service::KnowledgeService& service) {
  table.get("/v1/guides", [&service](const Request&) {
    const auto catalog = service.catalog();
    json guides = json::array();
    for (const kb::Guide& g : catalog->guides()) guides.push_back(guide_summary(g));
    return json_response(json{{"count", guides.size()}, {"guides", guides}});
  });

  table.get("/v1/guides/:id/answer", [&service](const Request& request) {
    const auto snapshot = service.snapshot();
    const std::string& id = request.path_params.at("id");
    const date::sys_seconds at = instant_param(request, "at");
    const auto answers = answers_of(request);
    const service::GuideResult result = service::answer_guide(service, *snapshot, id, answers, at);
    if (std::holds_alternative<service::guide_outcome::UnknownGuide>(result)) {
      throw not_found("id", "Nincs „" + id + "” azonosítójú ügyintézési kalauz.");
    }
    if (const auto* error = std::get_if<kb::guide::AnswerError>(&result)) {
      const kb::Guide& guide = *snapshot->catalog->guides().find(id);
      throw ApiError(Problem{400, "invalid-answer", "Hibás válasz",
                             kb::guide_answer_error_text(*error, find_question(guide, error->question)),
                             error->question, json{{"code", error->code}, {"restart_url", answer_path(guide)}}});
    }
    return json_response(answer_view(*snapshot->catalog, std::get<service::GuideAnswer>(result), at));
  });
}

}  // namespace ugk::api
