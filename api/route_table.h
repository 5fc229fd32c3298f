// The API's routes: (method, path pattern) -> handler. Endpoint groups add their routes here; the
// server registers exactly these before it starts serving.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_types.h"

namespace ugk::api {

enum class Method { kGet, kPost, kPut, kPatch, kDelete };
std::string_view to_string(Method method);

using Handler = std::function<Response(const Request&)>;

struct Route {
  Method method;
  std::string pattern;  // Pistache syntax: "/v1/offices/:id"
  Handler handler;
};

class RouteTable {
 public:
  void add(Method method, std::string pattern, Handler handler);
  void get(std::string pattern, Handler handler) { add(Method::kGet, std::move(pattern), std::move(handler)); }

  const std::vector<Route>& routes() const { return routes_; }
  // Methods routed for a concrete path ("/v1/offices/ph-1"), for 405 answers and their Allow header.
  std::vector<Method> methods_for(std::string_view path) const;

 private:
  std::vector<Route> routes_;
};

// True when a concrete path matches a pattern; fills `params` with the ":name" segments.
bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>* params);

// Runs a handler with the single error boundary: the request's texts checked for UTF-8 first
// (check_request_encoding), then ApiError -> its problem, anything else -> a logged 500.
Response dispatch(const Handler& handler, const Request& request);

}  // namespace ugk::api
