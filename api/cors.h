// Cross-origin resource sharing for configured origins, so that office websites can embed the search
// widget and call the API from their own origin. Pistache has no CORS support: the server applies
// these headers to every answer (and to the OPTIONS preflight) through this one function.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ugk::api {

struct CorsPolicy {
  // Exact origins ("https://www.hajdunanas.hu"), or "*" for any origin. Empty: no CORS headers.
  std::vector<std::string> allowed_origins;
};

// The headers to add to an answer for a request carrying `origin` (the Origin header, if any);
// empty when the origin is not allowed. `preflight` adds the Allow-Methods/Headers/Max-Age headers.
std::vector<std::pair<std::string, std::string>> cors_headers(const CorsPolicy& policy,
                                                              const std::optional<std::string>& origin, bool preflight);

}  // namespace ugk::api
