// The Open Referral HSDS 3.0 API under /hsds (docs/api.md, "HSDS 3.0"): the meta answer, services,
// organizations, service_at_locations, taxonomies and terms, lists in the HSDS Page envelope with
// AND-combined filters, and the Hungarian profile's `settlement` filter (docs/hsds-profile/). The
// mapping is api/hsds_views; the uuid index is built once per catalog snapshot.
#include <chrono>
#include <mutex>
#include <optional>
#include <unordered_set>

#include "api/endpoints.h"
#include "api/hsds_profile.h"
#include "api/hsds_views.h"
#include "api/html.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/responses.h"
#include "hours/evaluator.h"
#include "kb/enums.h"

namespace ugk::api {
namespace {

using nlohmann::json;
namespace H = hsds;

constexpr std::int64_t kDefaultPerPage = 50;
constexpr std::int64_t kMaxPerPage = 500;
constexpr std::int64_t kMaxPage = 1'000'000;
constexpr std::size_t kMaxSearchHits = 1000;

// The index of the current catalog, rebuilt when the catalog changes. Owned by the route group.
class IndexCache {
 public:
  std::shared_ptr<const H::Index> get(const std::shared_ptr<const kb::Catalog>& catalog) const {
    std::lock_guard lock(mutex_);
    if (!index_ || &index_->catalog() != catalog.get()) index_ = std::make_shared<const H::Index>(catalog);
    return index_;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const H::Index> index_;
};

struct Shared {
  explicit Shared(const service::KnowledgeService& s) : service(s) {}
  const service::KnowledgeService& service;
  IndexCache cache;
};

struct Call {
  std::shared_ptr<const service::Snapshot> snapshot;
  std::shared_ptr<const H::Index> index;
  H::Context context;
};

hours::Date today() {
  return hours::local_date(hours::budapest(), date::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::unique_ptr<Call> begin(const Shared& shared, const Request& request) {
  auto snapshot = shared.service.snapshot();
  auto index = shared.cache.get(snapshot->catalog);
  const H::Index& ref = *index;
  return std::unique_ptr<Call>(new Call{snapshot, std::move(index),
                                        H::Context{ref, *snapshot->calendar, html::public_base(request), today(), {}}});
}

// The times of the services' versions, for last_modified.
void load_times(const Shared& shared, Call& call, const std::vector<const kb::Procedure*>& services) {
  std::vector<std::int64_t> versions;
  for (const kb::Procedure* p : services) versions.push_back(H::service_version(call.index->catalog(), *p));
  call.context.change_times = shared.service.change_times(versions);
}

std::optional<std::string> uuid_param(const Request& request, const std::string& name) {
  auto value = optional_text(request, name, 100);
  if (value && !H::is_uuid(*value)) {
    throw bad_parameter(name, "A „" + name + "” értéke UUID (8-4-4-4-12 hexadecimális jegy) lehet.");
  }
  return value;
}

// modified_after: an ISO 8601 instant ("2026-01-10T08:00:00Z", "…+01:00", Budapest time without an
// offset) or a day (its Budapest midnight). Returns the first change id at or after it; a value above
// every version when no change was made since.
std::optional<std::int64_t> modified_after_param(const Shared& shared, const Request& request) {
  const auto value = optional_text(request, "modified_after", 40);
  if (!value) return std::nullopt;
  std::optional<date::sys_seconds> instant;
  if (const auto day = hours::parse_iso_date(*value); day && value->size() == 10) {
    instant = hours::segment_of(hours::budapest(), *day, hours::Interval{0, 0, hours::RuleState::kOpen, {}}).start;
  } else {
    instant = hours::parse_instant(hours::budapest(), *value);
  }
  if (!instant) {
    throw bad_parameter("modified_after",
                        "A „modified_after” értéke ISO 8601 időpont (2026-01-10T08:00:00Z) vagy nap (2026-01-10) "
                        "lehet.");
  }
  const std::string utc = date::format("%FT%TZ", *instant);
  return shared.service.first_change_since(utc).value_or(kMaxInteger);
}

struct PageRequest {
  std::int64_t page = 1;
  std::int64_t per_page = kDefaultPerPage;
  bool ndjson = false;
};

PageRequest page_param(const Request& request) {
  PageRequest out;
  out.page = integer_param(request, "page", 1, 1, kMaxPage);
  out.per_page = integer_param(request, "per_page", kDefaultPerPage, 1, kMaxPerPage);
  if (const auto format = optional_text(request, "format", 10)) {
    if (*format != "json" && *format != "ndjson") {
      throw bad_parameter("format", "A „format” értéke json vagy ndjson lehet.");
    }
    out.ndjson = *format == "ndjson";
  }
  return out;
}

// The HSDS Page envelope of items[(page-1)*per_page …], each rendered by `render`; with
// format=ndjson every item, one JSON object a line, without the envelope.
template <typename T, typename Render>
Response page_response(const PageRequest& page, const std::vector<T>& items, Render render) {
  if (page.ndjson) {
    Response response;
    response.content_type = "application/x-ndjson";
    for (const T& item : items) response.body += render(item).dump() + "\n";
    return response;
  }
  const auto total = static_cast<std::int64_t>(items.size());
  const std::int64_t pages = std::max<std::int64_t>(1, (total + page.per_page - 1) / page.per_page);
  json contents = json::array();
  const std::int64_t first = (page.page - 1) * page.per_page;
  for (std::int64_t i = first; i < total && i < first + page.per_page; ++i) {
    contents.push_back(render(items[static_cast<std::size_t>(i)]));
  }
  return json_response({{"total_items", total},
                        {"total_pages", pages},
                        {"page_number", page.page},
                        {"size", contents.size()},
                        {"first_page", page.page == 1},
                        {"last_page", page.page >= pages},
                        {"empty", total == 0},
                        {"contents", contents}});
}

template <typename T>
std::vector<T> page_slice(const PageRequest& page, const std::vector<T>& items) {
  if (page.ndjson) return items;
  std::vector<T> out;
  const auto first = static_cast<std::size_t>((page.page - 1) * page.per_page);
  for (std::size_t i = first; i < items.size() && i < first + static_cast<std::size_t>(page.per_page); ++i) {
    out.push_back(items[i]);
  }
  return out;
}

// The filters of /hsds/services and /hsds/service_at_locations, AND-combined.
struct ServiceFilter {
  std::optional<std::vector<std::string>> ranked;  // search: procedure ids, best first
  std::optional<std::int64_t> min_version;         // modified_after
  std::optional<std::string> term_id;
  std::optional<std::string> taxonomy_id;
  std::optional<std::string> organization_id;
  std::optional<std::unordered_set<std::string>> settlement_local;  // settlement: its offices' ids
};

ServiceFilter service_filter(const Shared& shared, const Call& call, const Request& request) {
  ServiceFilter filter;
  filter.term_id = uuid_param(request, "taxonomy_term_id");
  filter.taxonomy_id = uuid_param(request, "taxonomy_id");
  filter.organization_id = uuid_param(request, "organization_id");
  filter.min_version = modified_after_param(shared, request);
  const kb::Catalog& catalog = call.index->catalog();
  std::vector<std::string> offices;
  if (const auto ksh = optional_text(request, "settlement", 10)) {
    if (ksh->size() != 5 || !std::all_of(ksh->begin(), ksh->end(), [](char c) { return c >= '0' && c <= '9'; })) {
      throw bad_parameter("settlement", "A „settlement” értéke ötjegyű KSH-településkód lehet (például 34014).");
    }
    const kb::Settlement* s = catalog.settlement(*ksh);
    if (s == nullptr) throw not_found("settlement", "Nincs „" + *ksh + "” KSH-kódú település.");
    filter.settlement_local.emplace();
    for (const kb::Office* o : catalog.offices_for(*s)) {
      filter.settlement_local->insert(o->id);
      offices.push_back(o->id);
    }
  }
  if (const auto text = optional_text(request, "search", 200)) {
    search::SearchRequest query;
    query.text = *text;
    query.type = search::DocType::kProcedure;
    query.limit = kMaxSearchHits;
    query.offices = offices;
    std::vector<std::string> ids;
    for (const search::Hit& hit : shared.service.search(query).hits) ids.push_back(hit.id);
    filter.ranked = std::move(ids);
  }
  return filter;
}

bool passes(const ServiceFilter& f, const H::Index& index, const kb::Procedure& p) {
  if (f.min_version && H::service_version(index.catalog(), p) < *f.min_version) return false;
  if (f.settlement_local && p.office_id && !f.settlement_local->contains(*p.office_id)) return false;
  if (f.term_id || f.taxonomy_id) {
    bool found = false;
    for (const H::TaxonomyTerm* t : index.terms_of(p)) {
      if ((!f.term_id || t->id == *f.term_id) && (!f.taxonomy_id || t->taxonomy_id == *f.taxonomy_id)) found = true;
    }
    if (!found) return false;
  }
  if (f.organization_id) {
    const kb::Office* o = index.organization(*f.organization_id);
    if (o == nullptr) return false;
    bool offered = false;
    for (const H::Index::Offer* offer : index.offers_at(*o)) offered = offered || offer->procedure == &p;
    if (!offered) return false;
  }
  return true;
}

// The services passing the filter: by search rank when searching, else in index order.
std::vector<const kb::Procedure*> filtered_services(const ServiceFilter& filter, const H::Index& index) {
  std::vector<const kb::Procedure*> candidates;
  if (filter.ranked) {
    for (const std::string& id : *filter.ranked) {
      if (const kb::Procedure* p = index.catalog().procedure(id)) candidates.push_back(p);
    }
  } else {
    candidates = index.services();
  }
  std::vector<const kb::Procedure*> out;
  for (const kb::Procedure* p : candidates) {
    if (passes(filter, index, *p)) out.push_back(p);
  }
  return out;
}

}  // namespace

void add_hsds_routes(RouteTable& table, const service::KnowledgeService& service) {
  auto shared = std::make_shared<Shared>(service);

  table.get("/hsds", [](const Request& request) {
    const std::string base = html::public_base(request);
    return json_response({{"version", std::string(H::kVersion)},
                          {"profile", base + "/hsds/profile"},
                          {"openapi_url", base + "/openapi.json"}});
  });

  table.get("/hsds/services", [shared](const Request& request) {
    const PageRequest page = page_param(request);
    auto call = begin(*shared, request);
    const auto services = filtered_services(service_filter(*shared, *call, request), *call->index);
    load_times(*shared, *call, page_slice(page, services));
    return page_response(page, services,
                         [&](const kb::Procedure* p) { return H::service_json(call->context, *p, false); });
  });

  table.get("/hsds/services/:id", [shared](const Request& request) {
    auto call = begin(*shared, request);
    const std::string& id = path_param(request, "id");
    const kb::Procedure* p = call->index->service(id);
    if (p == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú szolgáltatás.");
    load_times(*shared, *call, {p});
    return json_response(H::service_json(call->context, *p, true));
  });

  table.get("/hsds/organizations", [shared](const Request& request) {
    const PageRequest page = page_param(request);
    auto call = begin(*shared, request);
    std::vector<const kb::Office*> offices;
    if (const auto text = optional_text(request, "search", 200)) {
      search::SearchRequest query;
      query.text = *text;
      query.type = search::DocType::kOffice;
      query.limit = kMaxSearchHits;
      for (const search::Hit& hit : shared->service.search(query).hits) {
        if (const kb::Office* o = call->index->catalog().office(hit.id)) offices.push_back(o);
      }
    } else {
      for (const kb::Office& o : call->index->catalog().offices()) offices.push_back(&o);
    }
    return page_response(page, offices,
                         [&](const kb::Office* o) { return H::organization_json(call->context, *o, false); });
  });

  table.get("/hsds/organizations/:id", [shared](const Request& request) {
    auto call = begin(*shared, request);
    const std::string& id = path_param(request, "id");
    const kb::Office* o = call->index->organization(id);
    if (o == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú szervezet.");
    std::vector<const kb::Procedure*> services;
    for (const H::Index::Offer* offer : call->index->offers_at(*o)) services.push_back(offer->procedure);
    load_times(*shared, *call, services);
    return json_response(H::organization_json(call->context, *o, true));
  });

  table.get("/hsds/service_at_locations", [shared](const Request& request) {
    const PageRequest page = page_param(request);
    auto call = begin(*shared, request);
    const ServiceFilter filter = service_filter(*shared, *call, request);
    const auto services = filtered_services(filter, *call->index);
    std::vector<const H::Index::Offer*> offers;
    const kb::Office* at = filter.organization_id ? call->index->organization(*filter.organization_id) : nullptr;
    for (const kb::Procedure* p : services) {
      for (const H::Index::Offer* offer : call->index->offers_of_service(*p)) {
        if (filter.settlement_local && !filter.settlement_local->contains(offer->office->id)) continue;
        if (at != nullptr && offer->office != at) continue;
        offers.push_back(offer);
      }
    }
    std::vector<const kb::Procedure*> shown;
    for (const H::Index::Offer* offer : page_slice(page, offers)) shown.push_back(offer->procedure);
    load_times(*shared, *call, shown);
    return page_response(page, offers, [&](const H::Index::Offer* offer) {
      json out = H::service_at_location_json(call->context, *offer);
      out["service"] = H::service_json(call->context, *offer->procedure, false);
      return out;
    });
  });

  table.get("/hsds/service_at_locations/:id", [shared](const Request& request) {
    auto call = begin(*shared, request);
    const std::string& id = path_param(request, "id");
    const H::Index::Offer* offer = call->index->offer(id);
    if (offer == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú szolgáltatás-helyszín.");
    load_times(*shared, *call, {offer->procedure});
    json out = H::service_at_location_json(call->context, *offer);
    out["service"] = H::service_json(call->context, *offer->procedure, false);
    return json_response(out);
  });

  table.get("/hsds/taxonomies", [shared](const Request& request) {
    const PageRequest page = page_param(request);
    auto call = begin(*shared, request);
    std::vector<const H::Taxonomy*> items;
    for (const H::Taxonomy& t : call->index->taxonomies()) items.push_back(&t);
    return page_response(page, items, [](const H::Taxonomy* t) { return H::taxonomy_json(*t); });
  });

  table.get("/hsds/taxonomies/:id", [shared](const Request& request) {
    auto call = begin(*shared, request);
    const std::string& id = path_param(request, "id");
    const H::Taxonomy* t = call->index->taxonomy(id);
    if (t == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú taxonómia.");
    return json_response(H::taxonomy_json(*t));
  });

  table.get("/hsds/taxonomy_terms", [shared](const Request& request) {
    const PageRequest page = page_param(request);
    auto call = begin(*shared, request);
    const auto taxonomy = uuid_param(request, "taxonomy_id");
    std::vector<const H::TaxonomyTerm*> items;
    for (const H::TaxonomyTerm& t : call->index->terms()) {
      if (!taxonomy || t.taxonomy_id == *taxonomy) items.push_back(&t);
    }
    return page_response(page, items,
                         [&](const H::TaxonomyTerm* t) { return H::taxonomy_term_json(*call->index, *t); });
  });

  table.get("/hsds/taxonomy_terms/:id", [shared](const Request& request) {
    auto call = begin(*shared, request);
    const std::string& id = path_param(request, "id");
    const H::TaxonomyTerm* t = call->index->term(id);
    if (t == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú taxonómiaelem.");
    return json_response(H::taxonomy_term_json(*call->index, *t));
  });

  // The profile declared at /hsds: its merge patches (docs/hsds-profile/), by the HSDS file they patch.
  table.get("/hsds/profile", [](const Request&) {
    Response response = json_response(
        {{"name", "Ügykalauz – magyar HSDS-profil"},
         {"description",
          "A KSH-településkód (ksh_code) a helyszíneken és a szolgáltatási területeken, és a settlement szűrő "
          "(KSH-kód) a /services listán."},
         {"hsds_version", std::string(H::kVersion)},
         {"patch_format", "JSON Merge Patch (RFC 7396)"},
         {"patches",
          {{"schema/location.json", json::parse(kHsdsProfileLocation)},
           {"schema/service_area.json", json::parse(kHsdsProfileServiceArea)},
           {"openapi.json", json::parse(kHsdsProfileOpenApi)}}}});
    response.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return response;
  });
}

}  // namespace ugk::api
