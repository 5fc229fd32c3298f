#include "api/endpoints.h"
#include "api/hours_views.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/responses.h"
#include "api/views.h"
#include "service/case_answer.h"

namespace ugk::api {

using nlohmann::json;

void add_routing_routes(RouteTable& table, const service::KnowledgeService& service,
                        const service::QualityService* quality) {
  table.get("/v1/route", [&service, quality](const Request& request) {
    const auto snapshot = service.snapshot();
    const std::string settlement_input = required_text(request, "settlement");
    service::CaseQuery query;
    query.procedure_id = optional_text(request, "procedure");
    query.text = optional_text(request, "q");
    if (query.procedure_id && query.text) {
      throw bad_parameter("procedure", "A „procedure” és a „q” paraméter közül csak az egyiket adja meg.");
    }
    if (!query.procedure_id && !query.text) {
      throw bad_parameter("procedure", "Adja meg az ügy azonosítóját („procedure”) vagy a keresett szöveget („q”).");
    }
    const kb::Settlement& settlement = resolve_settlement_param(*snapshot->catalog, "settlement", settlement_input);
    query.at = instant_param(request, "at");  // fixed instant for reproducible open-now answers

    const service::CaseResult result = service::answer_case(service, *snapshot, settlement, query);
    if (const auto* missing = std::get_if<service::case_outcome::UnknownProcedure>(&result)) {
      throw not_found("procedure", "Nincs „" + missing->id + "” azonosítójú ügy.");
    }
    if (const auto* local = std::get_if<service::case_outcome::NotAvailableHere>(&result)) {
      throw not_found("procedure", "A(z) „" + local->title + "” helyi ügy, amely " + settlement.name +
                                       " településen nem intézhető.");
    }
    if (const auto* none = std::get_if<service::case_outcome::NoMatch>(&result)) {
      throw ApiError(Problem{404, "no-matching-procedure", "Nincs találat",
                             "Egyetlen ügyleírás sem illik erre: „" + none->text + "”.", "q",
                             json{{"guides", guide_links(*snapshot->catalog, none->text)}}});
    }
    const auto& answer = std::get<service::CaseAnswer>(result);
    json view = case_view(*snapshot->catalog, answer);
    // A life event ("meghalt az édesapám") is often more than the one case matched: offer its guide.
    if (query.text) view["guides"] = guide_links(*snapshot->catalog, *query.text);
    add_case_hours(view, answer, query.at);
    flag_broken_links(view, quality);
    return json_response(view);
  });
}

}  // namespace ugk::api
