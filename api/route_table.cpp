#include "api/route_table.h"

#include <spdlog/spdlog.h>

#include "api/params.h"
#include "api/problem.h"
#include "search/errors.h"

namespace ugk::api {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) out.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

}  // namespace

std::string_view to_string(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
  }
  return "?";
}

void RouteTable::add(Method method, std::string pattern, Handler handler) {
  routes_.push_back({method, std::move(pattern), std::move(handler)});
}

std::vector<Method> RouteTable::methods_for(std::string_view path) const {
  std::vector<Method> out;
  for (const Route& route : routes_) {
    if (match_pattern(route.pattern, path, nullptr) && std::find(out.begin(), out.end(), route.method) == out.end()) {
      out.push_back(route.method);
    }
  }
  return out;
}

bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>* params) {
  const auto want = segments(pattern);
  const auto have = segments(path);
  if (want.size() != have.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (!want[i].empty() && want[i].front() == ':') {
      if (params != nullptr) (*params)[std::string(want[i].substr(1))] = std::string(have[i]);
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  return true;
}

Response dispatch(const Handler& handler, const Request& request) {
  try {
    check_request_encoding(request);
    return handler(request);
  } catch (const ApiError& e) {
    return to_response(e.problem());
  } catch (const search::IndexBusy& e) {
    // Transient: the indexer commits faster than a read could finish; the client can simply retry.
    spdlog::warn("event=index_busy path=\"{}\" error=\"{}\"", request.path, e.what());
    return to_response(Problem{503,
                               "index-busy",
                               "A kereső átmenetileg foglalt",
                               "A keresőindex éppen frissül; próbálja újra egy másodperc múlva.",
                               std::nullopt,
                               nlohmann::json::object(),
                               {{"Retry-After", "1"}}});
  } catch (const search::IndexUnavailable& e) {
    spdlog::error("event=index_unavailable path=\"{}\" error=\"{}\"", request.path, e.what());
    return to_response(Problem{503,
                               "index-unavailable",
                               "A kereső nem érhető el",
                               "A keresőindex most nem olvasható; az újraépítése folyamatban lehet. Próbálja újra "
                               "néhány perc múlva.",
                               std::nullopt,
                               nlohmann::json::object(),
                               {{"Retry-After", "30"}}});
  } catch (const std::exception& e) {
    spdlog::error("event=unhandled_error path=\"{}\" error=\"{}\"", request.path, e.what());
    return to_response(Problem{500, "internal-error", "Belső hiba", "Váratlan hiba történt; a hibát naplóztuk.",
                               std::nullopt, nlohmann::json::object()});
  } catch (...) {
    spdlog::error("event=unhandled_error path=\"{}\" error=unknown", request.path);
    return to_response(Problem{500, "internal-error", "Belső hiba", "Váratlan hiba történt; a hibát naplóztuk.",
                               std::nullopt, nlohmann::json::object()});
  }
}

}  // namespace ugk::api
