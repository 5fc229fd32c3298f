#include <string>

#include "api/endpoints.h"
#include "api/web_assets.h"

namespace ugk::api {
namespace {

std::string content_type_of(std::string_view path) {
  auto ends = [&](std::string_view suffix) { return path.ends_with(suffix); };
  if (ends(".html")) return "text/html";
  if (ends(".js")) return "text/javascript";
  if (ends(".css")) return "text/css";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".webmanifest")) return "application/manifest+json";
  if (ends(".json")) return "application/json";
  return "application/octet-stream";
}

// The widget is fetched by every page view of the sites embedding it: let browsers keep it an hour.
// Everything else revalidates (cheap, by ETag) so a new build reaches the desk at once; offline use
// is the service worker's job, not the HTTP cache's.
std::string cache_control_of(std::string_view path) {
  if (path == "/widget.js" || path.ends_with(".svg")) return "public, max-age=3600";
  return "no-cache";
}

bool etag_matches(const Request& request, std::string_view etag) {
  const auto header = request.header("if-none-match");
  if (!header) return false;
  return header->find(etag) != std::string::npos || *header == "*";
}

Response serve_asset(const WebAsset& asset, const Request& request) {
  Response response;
  response.content_type = content_type_of(asset.path);
  response.headers.emplace_back("ETag", std::string(asset.etag));
  response.headers.emplace_back("Cache-Control", cache_control_of(asset.path));
  if (asset.path == "/sw.js") response.headers.emplace_back("Service-Worker-Allowed", "/");
  if (etag_matches(request, asset.etag)) {
    response.status = 304;
    return response;
  }
  response.body = std::string(asset.body);
  return response;
}

}  // namespace

void add_static_routes(RouteTable& table) {
  for (const WebAsset& asset : web_assets()) {
    table.get(std::string(asset.path), [&asset](const Request& request) { return serve_asset(asset, request); });
    if (asset.path == "/index.html") {
      table.get("/", [&asset](const Request& request) { return serve_asset(asset, request); });
    }
  }
}

}  // namespace ugk::api
