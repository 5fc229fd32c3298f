// Transport-neutral request and response, so endpoint logic can be unit-tested without a socket and
// the Pistache glue stays a thin translation layer.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ugk::api {

struct Request {
  std::string method = "GET";
  std::string client;  // remote address, for rate limiting
  std::string path;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::map<std::string, std::string> query;        // percent-decoded
  std::map<std::string, std::string> path_params;  // e.g. {"id": "hagyateki-eljaras-hagyateki-leltar"}

  std::optional<std::string> header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }

  std::optional<std::string> param(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace ugk::api
