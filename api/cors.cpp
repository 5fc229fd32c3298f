#include "api/cors.h"

#include <algorithm>
#include <cctype>

namespace ugk::api {
namespace {

// Origins compare case-insensitively in scheme and host; spaces (from "a, b" in UGK_CORS_ORIGINS,
// which is split at the comma only) and a trailing slash are common paste errors.
std::string normalise(std::string origin) {
  while (!origin.empty() && (origin.back() == '/' || origin.back() == ' ')) origin.pop_back();
  origin.erase(0, origin.find_first_not_of(' '));
  std::transform(origin.begin(), origin.end(), origin.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return origin;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> cors_headers(const CorsPolicy& policy,
                                                              const std::optional<std::string>& origin,
                                                              bool preflight) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!origin || origin->empty() || policy.allowed_origins.empty()) return headers;
  const std::string wanted = normalise(*origin);
  const auto allows = [&](const std::string& normalised) {
    return std::any_of(policy.allowed_origins.begin(), policy.allowed_origins.end(),
                       [&](const std::string& allowed) { return normalise(allowed) == normalised; });
  };
  const bool any = allows("*");
  if (!any && !allows(wanted)) return headers;
  // The API uses no cookies, so "*" can be answered literally; a listed origin is echoed, and caches
  // must then keep answers for different origins apart.
  headers.emplace_back("Access-Control-Allow-Origin", any ? "*" : *origin);
  if (!any) headers.emplace_back("Vary", "Origin");
  headers.emplace_back("Access-Control-Expose-Headers", "ETag, Location");
  if (preflight) {
    headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    headers.emplace_back("Access-Control-Allow-Headers", "Content-Type, If-None-Match, If-Match, Authorization");
    headers.emplace_back("Access-Control-Max-Age", "600");
  }
  return headers;
}

}  // namespace ugk::api
