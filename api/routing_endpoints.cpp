#include "api/endpoints.h"
#include "api/hours_views.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/responses.h"
#include "api/views.h"

#include <algorithm>

namespace ugk::api {

using nlohmann::json;

namespace {
// A runner-up scoring at least this share of the best match makes the free-text match ambiguous.
constexpr double kAmbiguousScoreRatio = 0.85;
}  // namespace

void add_routing_routes(RouteTable& table, const service::KnowledgeService& service) {
  table.get("/v1/route", [&service](const Request& request) {
    const auto snapshot = service.snapshot();
    const auto& catalog = snapshot->catalog;
    const std::string settlement_input = required_text(request, "settlement");
    const auto procedure_id = optional_text(request, "procedure");
    const auto text = optional_text(request, "q");
    if (procedure_id && text) {
      throw bad_parameter("procedure", "A „procedure” és a „q” paraméter közül csak az egyiket adja meg.");
    }
    if (!procedure_id && !text) {
      throw bad_parameter("procedure", "Adja meg az ügy azonosítóját („procedure”) vagy a keresett szöveget („q”).");
    }
    const kb::Settlement& settlement = resolve_settlement_param(*catalog, "settlement", settlement_input);
    const auto at = instant_param(request, "at");  // fixed instant for reproducible open-now answers

    std::vector<std::string> offices;
    for (const kb::Office* o : catalog->offices_for(settlement)) offices.push_back(o->id);
    std::vector<service::ProcedureCandidate> candidates;
    const kb::Procedure* procedure = nullptr;
    if (procedure_id) {
      procedure = catalog->procedure(*procedure_id);
      if (procedure == nullptr) throw not_found("procedure", "Nincs „" + *procedure_id + "” azonosítójú ügy.");
      // An office's local-only procedure exists only where that office serves.
      if (procedure->office_id && std::find(offices.begin(), offices.end(), *procedure->office_id) == offices.end()) {
        throw not_found("procedure", "A(z) „" + procedure->title + "” helyi ügy, amely " + settlement.name +
                                         " településen nem intézhető.");
      }
    } else {
      candidates = service.match_procedures(*catalog, *text, 5, offices);
      if (candidates.empty()) {
        throw ApiError(Problem{404, "no-matching-procedure", "Nincs találat",
                               "Egyetlen ügyleírás sem illik erre: „" + *text + "”.", "q", json::object()});
      }
      procedure = candidates.front().procedure;
    }

    const kb::Route route = kb::route(*catalog, *procedure, settlement);
    json view = route_view(*catalog, route);
    add_route_hours(view, *snapshot->calendar, route, at);
    if (text) {
      json others = json::array();
      for (std::size_t i = 1; i < candidates.size(); ++i) {
        json summary = procedure_summary(*candidates[i].procedure);
        summary["score"] = candidates[i].score;
        others.push_back(summary);
      }
      // Close runners-up mean the text fits several cases: say so instead of pretending certainty.
      const bool ambiguous = candidates.size() > 1 &&
                             candidates[1].score >= kAmbiguousScoreRatio * candidates.front().score;
      view["match"] = {{"query", *text}, {"score", candidates.front().score}, {"ambiguous", ambiguous}};
      if (ambiguous) {
        view["match"]["note"] = "A megadott szöveg több ügyre is illik; az első a legvalószínűbb, de nézze meg a "
                                "további ügyeket (other_procedures) is.";
      }
      view["other_procedures"] = others;
    }
    return json_response(view);
  });
}

}  // namespace ugk::api
