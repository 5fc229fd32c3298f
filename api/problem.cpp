#include "api/problem.h"

namespace ugk::api {

Response to_response(const Problem& problem) {
  nlohmann::json body = problem.extra;
  body["type"] = "/problems/" + problem.type;
  body["title"] = problem.title;
  body["status"] = problem.status;
  body["detail"] = problem.detail;
  if (problem.field) body["field"] = *problem.field;
  Response response;
  response.status = problem.status;
  response.content_type = "application/problem+json";
  // Replaces invalid UTF-8 rather than throwing: an error answer must never fail to render, whatever
  // input a detail quotes.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.headers = problem.headers;
  return response;
}

ApiError bad_parameter(const std::string& field, const std::string& detail) {
  return ApiError(Problem{400, "invalid-parameter", "Hibás paraméter", detail, field, nlohmann::json::object()});
}

ApiError not_found(const std::string& field, const std::string& detail) {
  return ApiError(Problem{404, "not-found", "Nem található", detail, field, nlohmann::json::object()});
}

ApiError unauthorized(const std::string& detail) {
  return ApiError(Problem{401,
                          "unauthorized",
                          "Azonosítás szükséges",
                          detail,
                          "Authorization",
                          nlohmann::json::object(),
                          {{"WWW-Authenticate", "Bearer realm=\"ugykalauz\""}}});
}

}  // namespace ugk::api
