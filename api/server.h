// HTTP server: Pistache set up as ENGINEERING.md says (explicit threads, limits and timeouts, every
// route registered before serving, a method guard, graceful stop).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "api/cors.h"
#include "api/metrics.h"
#include "api/route_table.h"

namespace ugk::api {

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = 2;
  std::size_t max_request_bytes = 1 << 20;  // head and body; a larger declared length is refused (413)
  std::size_t max_head_bytes = 16 * 1024;   // request line and headers (431 above)
  std::size_t max_response_bytes = 8 << 20;
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds body_timeout{30};
  std::chrono::seconds keepalive_timeout{60};
  CorsPolicy cors;  // origins allowed to call the API from a browser (the embedded widget)
};

class Server {
 public:
  // The table (and `metrics`, when given) must outlive the server. `metrics` gets one request series
  // per route of the table.
  Server(ServerConfig config, const RouteTable& routes, Metrics* metrics = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and serves on background threads; returns once listening.
  void start();
  std::uint16_t port() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ugk::api
