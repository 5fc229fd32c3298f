#include "api/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/router.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <sstream>

#include "api/problem.h"

namespace ugk::api {
namespace {

using namespace Pistache;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding: Pistache hands query values over still encoded.
std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

Request to_request(const Http::Request& in) {
  Request out;
  out.method = std::string(Http::methodString(in.method()));
  out.path = in.resource();
  out.body = in.body();
  out.client = in.address().host();
  const auto& query = in.query();
  for (auto it = query.parameters_begin(); it != query.parameters_end(); ++it) {
    out.query[percent_decode(it->first)] = percent_decode(it->second);
  }
  // Pistache parses well-known headers into typed objects and keeps only the rest as raw text.
  for (const auto& header : in.headers().list()) {
    std::ostringstream value;
    header->write(value);
    out.headers[lower(header->name())] = value.str();
  }
  for (const auto& [name, raw] : in.headers().rawList()) out.headers[lower(name)] = raw.value();
  return out;
}

std::optional<Http::Method> to_pistache(Method method) {
  switch (method) {
    case Method::kGet: return Http::Method::Get;
    case Method::kPost: return Http::Method::Post;
    case Method::kPut: return Http::Method::Put;
    case Method::kPatch: return Http::Method::Patch;
    case Method::kDelete: return Http::Method::Delete;
  }
  return std::nullopt;
}

std::string allow_header(const std::vector<Method>& methods) {
  std::string allow;
  for (Method m : methods) allow += std::string(to_string(m)) + ", ";
  return allow + "OPTIONS";
}

Response method_not_allowed(const std::vector<Method>& methods) {
  Response response = to_response(Problem{405, "method-not-allowed", "Nem engedélyezett metódus",
                                          "Ezen az útvonalon ez a metódus nem használható.", std::nullopt,
                                          nlohmann::json::object()});
  response.headers.emplace_back("Allow", allow_header(methods));
  return response;
}

// A response header known only by name: Pistache 0.0.5 serialises typed headers only (raw ones are
// silently dropped from responses), so every header we send goes through this one typed class.
class NamedHeader : public Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value) : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void parse(const std::string& data) override { value_ = data; }
  void write(std::ostream& stream) const override { stream << value_; }
  std::uint64_t hash() const override { return std::hash<std::string>{}(name_); }

 private:
  std::string name_;
  std::string value_;
};

void send(Http::ResponseWriter& writer, const Response& response) {
  writer.headers().add<Http::Header::ContentType>(Http::Mime::MediaType::fromString(response.content_type + "; charset=utf-8"));
  for (const auto& [name, value] : response.headers) writer.headers().add(std::make_shared<NamedHeader>(name, value));
  writer.send(static_cast<Http::Code>(response.status), response.body);
}

// The router's route map is shared by all worker threads and `routes[method]` inserts for a method
// nobody registered (a data race in Pistache 0.0.5): answer every such method before the lookup.
bool method_guard(const RouteTable& routes, const CorsPolicy& cors, Http::Request& request,
                  Http::ResponseWriter& writer) {
  // Decided here for every request, from our own table: Pistache would answer a path known for
  // other methods with a bare-text 405, and an unregistered method would race on its route map.
  const std::vector<Method> allowed = routes.methods_for(request.resource());
  for (Method m : allowed) {
    if (to_pistache(m) == request.method()) return true;
  }
  Response response;
  if (request.method() == Http::Method::Options && !allowed.empty()) {
    response.status = 204;
    response.headers.emplace_back("Allow", allow_header(allowed));
  } else if (allowed.empty()) {
    response = to_response(Problem{404, "not-found", "Nem található", "Nincs ilyen végpont: " + request.resource(),
                                   std::nullopt, nlohmann::json::object()});
  } else {
    response = method_not_allowed(allowed);
  }
  for (auto& header : cors_headers(cors, to_request(request).header("origin"), response.status == 204)) {
    response.headers.push_back(std::move(header));
  }
  send(writer, response);
  return false;
}

}  // namespace

struct Server::Impl {
  ServerConfig config;
  const RouteTable& routes;
  Http::Endpoint endpoint;
  Rest::Router router;

  Impl(ServerConfig c, const RouteTable& r)
      : config(std::move(c)), routes(r), endpoint(Address(config.host, Port(config.port))) {}
};

Server::Server(ServerConfig config, const RouteTable& routes)
    : impl_(std::make_unique<Impl>(std::move(config), routes)) {
  const ServerConfig& c = impl_->config;
  auto options = Http::Endpoint::options()
                     .threads(c.threads)
                     .maxRequestSize(c.max_request_bytes)
                     .maxResponseSize(c.max_response_bytes)
                     .headerTimeout(c.header_timeout)
                     .bodyTimeout(c.body_timeout)
                     .keepaliveTimeout(c.keepalive_timeout)
                     .flags(Tcp::Options::ReuseAddr);
  impl_->endpoint.init(options);

  Rest::Router& router = impl_->router;
  const RouteTable* table = &impl_->routes;
  const CorsPolicy* cors = &impl_->config.cors;
  router.addMiddleware([table, cors](Http::Request& request, Http::ResponseWriter& writer) {
    return method_guard(*table, *cors, request, writer);
  });
  for (const Route& route : table->routes()) {
    router.addRoute(*to_pistache(route.method), route.pattern,
                    [&route, cors](const Rest::Request& in, Http::ResponseWriter writer) {
                      const auto started = std::chrono::steady_clock::now();
                      Request request = to_request(in);
                      match_pattern(route.pattern, request.path, &request.path_params);
                      for (auto& [name, value] : request.path_params) value = percent_decode(value);
                      Response response = dispatch(route.handler, request);
                      for (auto& header : cors_headers(*cors, request.header("origin"), false)) {
                        response.headers.push_back(std::move(header));
                      }
                      send(writer, response);
                      const double ms =
                          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
                      spdlog::info("event=request method={} path=\"{}\" status={} ms={:.2f}", request.method,
                                   request.path, response.status, ms);
                      return Rest::Route::Result::Ok;
                    });
  }
  // Reached for unknown paths, and for known paths asked with another registered method.
  router.addNotFoundHandler([table](const Rest::Request& in, Http::ResponseWriter writer) {
    const std::vector<Method> allowed = table->methods_for(in.resource());
    if (!allowed.empty()) {
      send(writer, method_not_allowed(allowed));
    } else {
      send(writer, to_response(Problem{404, "not-found", "Nem található", "Nincs ilyen végpont: " + in.resource(),
                                       std::nullopt, nlohmann::json::object()}));
    }
    return Rest::Route::Result::Ok;
  });
  impl_->endpoint.setHandler(router.handler());
}

Server::~Server() { stop(); }

void Server::start() { impl_->endpoint.serveThreaded(); }

std::uint16_t Server::port() const { return static_cast<std::uint16_t>(impl_->endpoint.getPort()); }

void Server::stop() {
  if (impl_) impl_->endpoint.shutdown();
}

}  // namespace ugk::api
