#include "api/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/router.h>
#include <spdlog/spdlog.h>

#include <cctype>

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

Request to_request(const Rest::Request& in) {
  Request out;
  out.path = in.resource();
  const auto& query = in.query();
  for (auto it = query.parameters_begin(); it != query.parameters_end(); ++it) {
    out.query[percent_decode(it->first)] = percent_decode(it->second);
  }
  return out;
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

// The router's route map is shared by all worker threads and `routes[method]` inserts for an unknown
// method (a data race in Pistache 0.0.5): answer every method we do not route before the lookup.
bool method_guard(Http::Request& request, Http::ResponseWriter& writer) {
  if (request.method() == Http::Method::Get) return true;
  Response response;
  if (request.method() == Http::Method::Options) {
    response.status = 204;
  } else {
    response = to_response(Problem{405, "method-not-allowed", "Nem engedélyezett metódus",
                                   "Ez az API csak GET kéréseket fogad.", std::nullopt, nlohmann::json::object()});
  }
  response.headers.emplace_back("Allow", "GET, OPTIONS");
  send(writer, response);
  return false;
}

}  // namespace

struct Server::Impl {
  ServerConfig config;
  const Endpoints& endpoints;
  Http::Endpoint endpoint;
  Rest::Router router;

  Impl(ServerConfig c, const Endpoints& e)
      : config(std::move(c)), endpoints(e), endpoint(Address(config.host, Port(config.port))) {}
};

Server::Server(ServerConfig config, const Endpoints& endpoints)
    : impl_(std::make_unique<Impl>(std::move(config), endpoints)) {
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
  router.addMiddleware(Rest::Routes::middleware(&method_guard));
  for (const RouteSpec& spec : route_table()) {
    const Handler handler = spec.handler;
    Impl* impl = impl_.get();
    router.get(spec.pattern, [impl, handler](const Rest::Request& in, Http::ResponseWriter writer) {
      const auto started = std::chrono::steady_clock::now();
      Request request = to_request(in);
      // Route parameters come from the matched pattern; copy them by name.
      for (const auto& param : {"id", "code", "ksh"}) {
        if (in.hasParam(std::string(":") + param)) {
          request.path_params[param] = percent_decode(in.param(std::string(":") + param).as<std::string>());
        }
      }
      const Response response = dispatch(impl->endpoints, handler, request);
      send(writer, response);
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      spdlog::info("event=request method=GET path=\"{}\" status={} ms={:.2f}", request.path, response.status, ms);
      return Rest::Route::Result::Ok;
    });
  }
  router.addNotFoundHandler([](const Rest::Request& in, Http::ResponseWriter writer) {
    send(writer, to_response(Problem{404, "not-found", "Nem található",
                                     "Nincs ilyen végpont: " + in.resource(), std::nullopt, nlohmann::json::object()}));
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
