// The front end (web/src: desk and field app, embeddable widget) compiled into the binary by
// web/embed.cmake. Immutable data; safe to read from any thread.
#pragma once

#include <string_view>
#include <vector>

namespace ugk::api {

struct WebAsset {
  std::string_view path;  // "/widget.js"
  std::string_view etag;  // quoted strong validator, a hash of the body
  std::string_view body;
};

const std::vector<WebAsset>& web_assets();
// Hash of all front-end sources: the service worker's cache name.
std::string_view web_version();

}  // namespace ugk::api
