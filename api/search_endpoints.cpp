#include "api/endpoints.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/responses.h"
#include "api/views.h"
#include "kb/enums.h"
#include "kb/wording_hu.h"
#include "service/case_answer.h"

namespace ugk::api {

using nlohmann::json;

namespace {

// The settlement the request asks for, if any.
const kb::Settlement* settlement_of(const kb::Catalog& catalog, const Request& request) {
  const auto input = optional_text(request, "settlement", 100);
  return input ? &resolve_settlement_param(catalog, "settlement", *input) : nullptr;
}

// The offices whose local texts answer for the `settlement` parameter (none without one).
std::vector<std::string> local_offices(const kb::Catalog& catalog, const kb::Settlement* settlement) {
  return settlement ? service::local_office_ids(catalog, *settlement) : std::vector<std::string>{};
}

search::SearchRequest search_request(const kb::Catalog& catalog, const Request& request,
                                     const kb::Settlement* settlement) {
  search::SearchRequest query;
  query.text = required_text(request, "q");
  query.offices = local_offices(catalog, settlement);
  if (auto type = optional_text(request, "type")) {
    auto parsed = search::parse_doc_type(*type);
    if (!parsed) throw bad_parameter("type", "A „type” értéke procedure, form vagy office lehet.");
    query.type = parsed;
  }
  query.category = optional_text(request, "category", 100);
  if (auto authority = optional_text(request, "authority", 50)) {
    if (!kb::parse_authority(*authority)) {
      throw bad_parameter("authority",
                          "Az „authority” értéke jegyzo, polgarmester, anyakonyvvezeto, jarasi_hivatal, "
                          "kormanyablak vagy kozponti lehet.");
    }
    query.authority = authority;
  }
  if (auto facets = optional_text(request, "facets", 5)) {
    if (*facets != "true" && *facets != "false") {
      throw bad_parameter("facets", "A „facets” értéke true vagy false lehet.");
    }
    query.facets = *facets == "true";
  } else {
    query.facets = true;
  }
  query.limit = bounded_count(request, "limit", 10, 1, 100);
  query.offset = bounded_count(request, "offset", 0, 0, 10000);
  return query;
}

json hit_view(const kb::Catalog& catalog, const search::Hit& hit) {
  json highlights = json::array();
  for (const auto& [begin, end] : hit.highlights) highlights.push_back({begin, end});
  json view{{"type", search::to_string(hit.type)},
            {"id", hit.id},
            {"title", hit.title},
            {"snippet", hit.snippet},
            {"highlights", highlights},
            {"score", hit.score},
            {"best_bet", hit.best_bet}};
  // The office whose own text the title and snippet are (a local variant or a local-only procedure).
  if (!hit.local_office_id.empty()) {
    const kb::Office* office = catalog.office(hit.local_office_id);
    view["local"] = {{"office_id", hit.local_office_id}, {"office_name", office ? json(office->name) : json(nullptr)}};
  } else {
    view["local"] = nullptr;
  }
  return view;
}

}  // namespace

void add_search_routes(RouteTable& table, const service::KnowledgeService& service,
                       service::SearchAnalytics* analytics) {
  table.get("/v1/search", [&service, analytics](const Request& request) {
    const auto catalog = service.catalog();
    const kb::Settlement* settlement = settlement_of(*catalog, request);
    const auto surface = surface_param(request);
    const search::SearchRequest query = search_request(*catalog, request, settlement);
    const search::SearchResult result = service.search(query);
    // A person's question from one of the front ends (they say which): counted, first page only.
    if (analytics != nullptr && surface && query.offset == 0) {
      analytics->record_search(query.text, service::search_area(*catalog, settlement, *surface),
                               static_cast<std::int64_t>(result.total), result.relaxed, request.client);
    }
    json results = json::array();
    for (const auto& hit : result.hits) results.push_back(hit_view(*catalog, hit));
    json body = {{"total", result.total}, {"results", results}, {"guides", guide_links(*catalog, query.text)}};
    if (query.facets) body["facets"] = result.facets;
    if (!result.did_you_mean.empty()) body["did_you_mean"] = result.did_you_mean;
    body["relaxed"] = result.relaxed;
    if (result.relaxed) {
      body["dropped_words"] = result.dropped_words;
      body["notice"] = kb::relaxed_search_notice();
    }
    if (result.hits.empty()) {
      json nearest = json::array();
      for (const auto& s : result.nearest) {
        nearest.push_back({{"text", s.text}, {"kind", s.kind}, {"type", search::to_string(s.type)}, {"id", s.id}});
      }
      body["suggestions"] = nearest;
    }
    return json_response(body);
  });

  table.get("/v1/suggest", [&service](const Request& request) {
    const std::string prefix = required_text(request, "q", 200);
    const std::size_t limit = bounded_count(request, "limit", 8, 1, 20);
    const auto catalog = service.catalog();
    json suggestions = json::array();
    for (const auto& suggestion :
         service.suggest(prefix, limit, local_offices(*catalog, settlement_of(*catalog, request)))) {
      suggestions.push_back({{"text", suggestion.text},
                             {"kind", suggestion.kind},
                             {"type", search::to_string(suggestion.type)},
                             {"id", suggestion.id},
                             {"office_id", suggestion.office_id.empty() ? json(nullptr) : json(suggestion.office_id)}});
    }
    return json_response({{"query", prefix}, {"suggestions", suggestions}});
  });
}

}  // namespace ugk::api
