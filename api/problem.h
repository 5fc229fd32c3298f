// RFC 9457 problem details: the one shape of every error the API returns.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "api/http_types.h"

namespace ugk::api {

struct Problem {
  int status = 400;
  std::string type;                                               // short slug, expanded to a URI under /problems/
  std::string title;                                              // Hungarian, stable per type
  std::string detail;                                             // Hungarian, specific to this occurrence
  std::optional<std::string> field;                               // the offending parameter or field
  nlohmann::json extra = nlohmann::json::object();                // e.g. "candidates"
  std::vector<std::pair<std::string, std::string>> headers = {};  // e.g. Retry-After, WWW-Authenticate
};

// Thrown by endpoint logic for bad input or missing resources; caught once at the handler boundary.
class ApiError : public std::runtime_error {
 public:
  explicit ApiError(Problem problem) : std::runtime_error(problem.detail), problem_(std::move(problem)) {}
  const Problem& problem() const { return problem_; }

 private:
  Problem problem_;
};

Response to_response(const Problem& problem);

ApiError bad_parameter(const std::string& field, const std::string& detail);
ApiError not_found(const std::string& field, const std::string& detail);
// 401 with `WWW-Authenticate: Bearer`, naming the Authorization header.
ApiError unauthorized(const std::string& detail);

}  // namespace ugk::api
