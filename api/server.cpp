#include "api/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>
#include <pistache/router.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <cctype>
#include <sstream>

#include "api/problem.h"
#include "api/request_framing.h"
#include "api/url.h"

namespace ugk::api {
namespace {

using namespace Pistache;

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
    case Method::kGet:
      return Http::Method::Get;
    case Method::kPost:
      return Http::Method::Post;
    case Method::kPut:
      return Http::Method::Put;
    case Method::kPatch:
      return Http::Method::Patch;
    case Method::kDelete:
      return Http::Method::Delete;
  }
  return std::nullopt;
}

std::string allow_header(const std::vector<Method>& methods) {
  std::string allow;
  for (Method m : methods) {
    allow += std::string(to_string(m)) + ", ";
    if (m == Method::kGet) allow += "HEAD, ";  // every GET route answers HEAD (GuardedHandler)
  }
  return allow + "OPTIONS";
}

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

// The whole response as bytes, for the answers written past Pistache's ResponseWriter: HEAD (the
// GET's Content-Length without its body, which ResponseWriter cannot do) and framing refusals.
std::string raw_response(const Response& response, bool head_only, bool close) {
  std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " +
                    Http::codeString(static_cast<Http::Code>(response.status)) + "\r\n";
  if (!response.content_type.empty()) out += "Content-Type: " + response.content_type + "; charset=utf-8\r\n";
  for (const auto& [name, value] : response.headers) {
    if (!has_line_break(name) && !has_line_break(value)) out += name + ": " + value + "\r\n";
  }
  out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  if (close) out += "Connection: close\r\n";
  out += "\r\n";
  if (!head_only) out += response.body;
  return out;
}

Response method_not_allowed(const std::vector<Method>& methods) {
  Response response =
      to_response(Problem{405, "method-not-allowed", "Nem engedélyezett metódus",
                          "Ezen az útvonalon ez a metódus nem használható.", std::nullopt, nlohmann::json::object()});
  response.headers.emplace_back("Allow", allow_header(methods));
  return response;
}

Response not_found_path(const std::string& resource) {
  return to_response(Problem{404, "not-found", "Nem található", "Nincs ilyen végpont: " + resource, std::nullopt,
                             nlohmann::json::object()});
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
  writer.headers().add<Http::Header::ContentType>(
      Http::Mime::MediaType::fromString(response.content_type + "; charset=utf-8"));
  for (const auto& [name, value] : response.headers) {
    // One header is one line, whatever a value holds (no response splitting).
    if (has_line_break(name) || has_line_break(value)) {
      spdlog::warn("event=header_dropped name={}",
                   nlohmann::json(name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      continue;
    }
    writer.headers().add(std::make_shared<NamedHeader>(name, value));
  }
  writer.send(static_cast<Http::Code>(response.status), response.body);
}

// The router's route map is shared by all worker threads and `routes[method]` inserts for a method
// nobody registered (a data race in Pistache 0.0.5): answer every such method before the lookup.
bool method_guard(const RouteTable& routes, const CorsPolicy& cors, Metrics* metrics, Http::Request& request,
                  Http::ResponseWriter& writer) {
  const auto started = std::chrono::steady_clock::now();
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
    response = not_found_path(request.resource());
  } else {
    response = method_not_allowed(allowed);
  }
  for (auto& header : cors_headers(cors, to_request(request).header("origin"), response.status == 204)) {
    response.headers.push_back(std::move(header));
  }
  send(writer, response);
  if (metrics != nullptr) {
    metrics->observe_request(metrics->unmatched(), response.status,
                             std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  return false;
}

// One request through its route: parameters decoded and checked, the handler, CORS, a log line.
Response answer(const Route& route, std::size_t route_index, const Http::Request& in, const CorsPolicy& cors,
                Metrics* metrics) {
  const auto started = std::chrono::steady_clock::now();
  Request request = to_request(in);
  match_pattern(route.pattern, request.path, &request.path_params);
  for (auto& [name, value] : request.path_params) value = percent_decode(value);
  Response response = dispatch(route.handler, request);
  for (auto& header : cors_headers(cors, request.header("origin"), false))
    response.headers.push_back(std::move(header));
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (metrics != nullptr) metrics->observe_request(route_index, response.status, ms / 1000);
  // The path as received: percent-encoded, so a log line stays one line.
  spdlog::info("event=request method={} path=\"{}\" status={} ms={:.2f}", request.method, request.path, response.status,
               ms);
  return response;
}

// Pistache 0.0.5's Http::Handler::onInput feeds whatever arrives to its parser (two pipelined
// requests: the second is lost; conflicting lengths: the first wins; a declared length: reserved up
// front) and answers its own errors as text/plain, or as 500 for a header it fails to parse. This
// handler takes its place: a RequestFramer per connection hands the parser one checked request at a
// time, and every error, the framer's or the parser's, is answered as problem+json. HEAD is answered
// here from the GET route (Pistache's ResponseWriter cannot send a GET's length without its body).
class GuardedHandler : public Rest::Private::RouterHandler {
 public:
  HTTP_PROTOTYPE(GuardedHandler)

  GuardedHandler(const Rest::Router& router, const RouteTable* table, const CorsPolicy* cors, Metrics* metrics,
                 FramingLimits limits)
      : RouterHandler(router), table_(table), cors_(cors), metrics_(metrics), limits_(limits) {}

  void onRequest(const Http::Request& request, Http::ResponseWriter writer) override {
    if (request.method() != Http::Method::Head) {
      RouterHandler::onRequest(request, std::move(writer));
      return;
    }
    Response response;
    const auto started = std::chrono::steady_clock::now();
    const Route* get = nullptr;
    const auto& routes = table_->routes();
    for (const Route& route : routes) {
      if (route.method == Method::kGet && match_pattern(route.pattern, request.resource(), nullptr)) {
        get = &route;
        break;
      }
    }
    if (get != nullptr) {
      response = answer(*get, static_cast<std::size_t>(get - routes.data()), request, *cors_, metrics_);
    } else {
      const std::vector<Method> allowed = table_->methods_for(request.resource());
      response = allowed.empty() ? not_found_path(request.resource()) : method_not_allowed(allowed);
      if (metrics_ != nullptr) {
        metrics_->observe_request(metrics_->unmatched(), response.status,
                                  std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      }
    }
    write_raw(writer.peer(), response, /*head_only=*/true, /*close=*/false);
  }

 private:
  static constexpr const char* kFramerData = "__UgkFramer";

  void onConnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    peer->putData(ParserData, std::make_shared<Http::RequestParser>(getMaxRequestSize()));
    peer->putData(kFramerData, std::make_shared<RequestFramer>(limits_, &header_parses));
  }

  void onInput(const char* buffer, size_t length, const std::shared_ptr<Tcp::Peer>& peer) override {
    auto framer = std::static_pointer_cast<RequestFramer>(peer->tryGetData(kFramerData));
    if (!framer) return;
    RequestFramer::Output out = framer->feed(std::string_view(buffer, length));
    for (const std::string& piece : out.pieces) {
      if (!parse(piece, peer)) {
        framer->close();
        return;
      }
    }
    if (out.refusal) {
      Response response = to_response(out.refusal->problem);
      if (out.refusal->problem.status == 405) {
        response.headers.emplace_back("Allow", allow_header(table_->methods_for(out.refusal->path)));
      }
      refuse(peer, response);
    }
  }

  // The part of Pistache's Handler::onInput after reading; false when the request was refused.
  bool parse(const std::string& piece, const std::shared_ptr<Tcp::Peer>& peer) {
    auto parser = getParser(peer);
    auto& request = parser->request;
    try {
      if (!parser->feed(piece.data(), piece.size())) {
        parser->reset();
        refuse(peer, to_response(Problem{413, "payload-too-large", "Túl nagy kérés", "A kérés túl nagy.", std::nullopt,
                                         nlohmann::json::object()}));
        return false;
      }
      if (parser->parse() == Http::Private::State::Done) {
        Http::ResponseWriter response(request.version(), transport(), this, peer);
        request.copyAddress(peer->address());
        const auto connection = request.headers().tryGet<Http::Header::Connection>();
        response.headers().add<Http::Header::Connection>(connection ? connection->control()
                                                                    : (request.version() == Http::Version::Http11
                                                                           ? Http::ConnectionControl::KeepAlive
                                                                           : Http::ConnectionControl::Close));
        onRequest(request, std::move(response));
        parser->reset();
      }
      return true;
    } catch (const Http::HttpError& e) {
      parser->reset();
      const int status = e.code() >= 400 && e.code() < 500 ? e.code() : 400;
      refuse(peer, to_response(Problem{status, "bad-request", "Hibás kérés", "A kérés nem értelmezhető.", std::nullopt,
                                       nlohmann::json::object()}));
    } catch (const std::exception& e) {
      parser->reset();
      spdlog::warn("event=request_unparsable error={}",
                   nlohmann::json(e.what()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      refuse(peer, to_response(Problem{400, "bad-request", "Hibás kérés", "A kérés nem értelmezhető.", std::nullopt,
                                       nlohmann::json::object()}));
    }
    return false;
  }

  // Answers and closes: what follows a refused request on the connection is never parsed.
  void refuse(const std::shared_ptr<Tcp::Peer>& peer, const Response& response) {
    spdlog::warn("event=request_refused status={} problem={}", response.status, response.body);
    write_raw(peer, response, /*head_only=*/false, /*close=*/true);
  }

  static void write_raw(const std::shared_ptr<Tcp::Peer>& peer, const Response& response, bool head_only, bool close) {
    if (!peer) return;
    const std::string bytes = raw_response(response, head_only, close);
    auto sent = peer->send(RawBuffer(bytes, bytes.size()));
    if (close) {
      std::weak_ptr<Tcp::Peer> weak = peer;
      sent.then(
          [weak](ssize_t) {
            if (auto p = weak.lock()) ::shutdown(p->fd(), SHUT_RDWR);
          },
          Async::IgnoreException);
    }
  }

  // Whether Pistache will parse this header without throwing (it parses its known headers into typed
  // objects; a failure there was a 500).
  static bool header_parses(std::string_view name, std::string_view value) {
    try {
      const std::string key = lower(std::string(name));
      if (key == "cookie") {
        Http::CookieJar jar;
        jar.addFromRaw(value.data(), value.size());
      } else if (Http::Header::Registry::instance().isRegistered(std::string(name))) {
        auto header = Http::Header::Registry::instance().makeHeader(std::string(name));
        header->parseRaw(value.data(), value.size());
      }
      return true;
    } catch (...) {
      return false;
    }
  }

  const RouteTable* table_;
  const CorsPolicy* cors_;
  Metrics* metrics_;
  FramingLimits limits_;
};

}  // namespace

struct Server::Impl {
  ServerConfig config;
  const RouteTable& routes;
  Http::Endpoint endpoint;
  Rest::Router router;

  Impl(ServerConfig c, const RouteTable& r)
      : config(std::move(c)), routes(r), endpoint(Address(config.host, Port(config.port))) {}
};

Server::Server(ServerConfig config, const RouteTable& routes, Metrics* metrics)
    : impl_(std::make_unique<Impl>(std::move(config), routes)) {
  if (metrics != nullptr) metrics->bind_routes(routes);
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
  router.addMiddleware([table, cors, metrics](Http::Request& request, Http::ResponseWriter& writer) {
    return method_guard(*table, *cors, metrics, request, writer);
  });
  for (std::size_t i = 0; i < table->routes().size(); ++i) {
    const Route& route = table->routes()[i];
    router.addRoute(*to_pistache(route.method), route.pattern,
                    [&route, i, cors, metrics](const Rest::Request& in, Http::ResponseWriter writer) {
                      send(writer, answer(route, i, in, *cors, metrics));
                      return Rest::Route::Result::Ok;
                    });
  }
  // Reached for unknown paths, and for known paths asked with another registered method.
  router.addNotFoundHandler([table, metrics](const Rest::Request& in, Http::ResponseWriter writer) {
    const std::vector<Method> allowed = table->methods_for(in.resource());
    const Response response = allowed.empty() ? not_found_path(in.resource()) : method_not_allowed(allowed);
    send(writer, response);
    if (metrics != nullptr) metrics->observe_request(metrics->unmatched(), response.status, 0);
    return Rest::Route::Result::Ok;
  });
  impl_->endpoint.setHandler(Http::make_handler<GuardedHandler>(router, table, cors, metrics,
                                                                FramingLimits{c.max_head_bytes, c.max_request_bytes}));
}

Server::~Server() {
  stop();
}

void Server::start() {
  impl_->endpoint.serveThreaded();
}

std::uint16_t Server::port() const {
  return static_cast<std::uint16_t>(impl_->endpoint.getPort());
}

void Server::stop() {
  if (impl_) impl_->endpoint.shutdown();
}

}  // namespace ugk::api
