#include "links/link_checker.h"

#include <curl/curl.h>

#include <algorithm>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>

#include "kb/formats.h"

namespace ugk::links {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxBodyBytes = 64 * 1024;  // read no further: the status is known by then

// The host part of an absolute URL ("https://a.hu:8080/x" -> "a.hu:8080"); the whole URL when none.
std::string host_of(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto start = scheme + 3;
  const auto end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::size_t discard_body(char*, std::size_t size, std::size_t count, void* user) {
  auto* seen = static_cast<std::size_t*>(user);
  *seen += size * count;
  return *seen > kMaxBodyBytes ? 0 : size * count;  // 0 aborts the transfer (CURLE_WRITE_ERROR)
}

std::string transport_problem(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return "timeout";
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return "connection_reset";
    case CURLE_COULDNT_RESOLVE_HOST:
      return "dns_failure";
    case CURLE_COULDNT_CONNECT:
      return "connection_refused";
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return "invalid_url";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      return "tls_error";
    default:
      return "transport_error";
  }
}

void global_init() {
  // curl_global_init is not thread-safe; a function-local static runs it exactly once.
  static const bool initialised = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)initialised;
}

kb::LinkCheck check_one(const std::string& url, const LinkCheckOptions& options) {
  kb::LinkCheck out;
  out.url = url;
  out.checked_at = kb::utc_now();
  Attempt attempt;
  const auto started = Clock::now();
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    attempt.error = "transport_error";
    classify(attempt, options, out);
    return out;
  }
  std::string current = url;
  std::set<std::string> seen{current};
  while (true) {
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    const auto remaining = options.timeout - spent;
    if (remaining.count() <= 0) {
      attempt.error = "timeout";
      break;
    }
    std::size_t body_bytes = 0;
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, current.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // followed here, to count and detect loops
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(remaining.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::min(options.connect_timeout, remaining).count()));
    curl_easy_setopt(curl, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body_bytes);
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    const bool aborted_by_us = code == CURLE_WRITE_ERROR && body_bytes > kMaxBodyBytes;
    if (code != CURLE_OK && !aborted_by_us) {
      attempt.error = transport_problem(code);
      attempt.http_status = static_cast<int>(status);
      break;
    }
    attempt.http_status = static_cast<int>(status);
    char* type = nullptr;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
    out.content_type = type != nullptr ? type : "";
    out.final_url = current;
    if (status < 300 || status >= 400) break;
    char* location = nullptr;
    curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
    if (location == nullptr) {
      attempt.error = "redirect_without_location";
      break;
    }
    ++attempt.redirects;
    current = location;
    if (!seen.insert(current).second) {
      attempt.error = "redirect_loop";
      break;
    }
    if (attempt.redirects > options.max_redirects) {
      attempt.error = "too_many_redirects";
      break;
    }
  }
  curl_easy_cleanup(curl);
  attempt.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  classify(attempt, options, out);
  return out;
}

}  // namespace

void classify(const Attempt& attempt, const LinkCheckOptions& options, kb::LinkCheck& out) {
  out.http_status = attempt.http_status;
  out.redirects = attempt.redirects;
  out.elapsed_ms = attempt.elapsed_ms;
  if (!attempt.error.empty()) {
    out.status = kb::LinkStatus::kBroken;
    out.problem = attempt.error;
  } else if (attempt.http_status >= 400 || attempt.http_status < 200) {
    out.status = kb::LinkStatus::kBroken;
    out.problem = "http_" + std::to_string(attempt.http_status);
  } else if (attempt.redirects > options.caution_redirects) {
    out.status = kb::LinkStatus::kCaution;
    out.problem = "long_redirect_chain";
  } else if (attempt.elapsed_ms > static_cast<double>(options.slow.count())) {
    out.status = kb::LinkStatus::kCaution;
    out.problem = "slow";
  } else {
    out.status = kb::LinkStatus::kOk;
    out.problem.clear();
  }
}

std::vector<kb::LinkCheck> check_links(const std::vector<std::string>& urls, const LinkCheckOptions& options,
                                       std::stop_token stop) {
  global_init();
  std::vector<std::string> unique;
  std::unordered_set<std::string> seen;
  for (const std::string& url : urls) {
    if (seen.insert(url).second) unique.push_back(url);
  }
  std::vector<kb::LinkCheck> results(unique.size());
  std::vector<bool> done(unique.size(), false);

  // The queue of pending indexes; a worker takes the first whose host is idle and rested.
  std::mutex mutex;
  std::condition_variable_any wake;
  std::deque<std::size_t> pending;
  for (std::size_t i = 0; i < unique.size(); ++i) pending.push_back(i);
  std::map<std::string, Clock::time_point> host_free_at;  // next allowed start per host
  std::set<std::string> busy_hosts;
  std::uint64_t finished = 0;  // checks completed: a waiting worker looks again when it moves

  auto worker = [&] {
    std::unique_lock lock(mutex);
    while (!pending.empty() && !stop.stop_requested()) {
      const auto now = Clock::now();
      auto earliest = Clock::time_point::max();
      auto chosen = pending.end();
      for (auto it = pending.begin(); it != pending.end(); ++it) {
        const std::string host = host_of(unique[*it]);
        if (busy_hosts.contains(host)) continue;
        const auto free_at = host_free_at.contains(host) ? host_free_at[host] : Clock::time_point::min();
        if (free_at <= now) {
          chosen = it;
          break;
        }
        earliest = std::min(earliest, free_at);
      }
      if (chosen == pending.end()) {
        if (earliest == Clock::time_point::max()) {
          const std::uint64_t seen_finished = finished;  // every candidate host is busy: wait for one
          wake.wait(lock, stop, [&] { return finished != seen_finished; });
        } else {
          wake.wait_until(lock, stop, earliest, [] { return false; });
        }
        continue;
      }
      const std::size_t index = *chosen;
      pending.erase(chosen);
      const std::string host = host_of(unique[index]);
      busy_hosts.insert(host);
      lock.unlock();
      kb::LinkCheck result = check_one(unique[index], options);
      lock.lock();
      results[index] = std::move(result);
      done[index] = true;
      busy_hosts.erase(host);
      host_free_at[host] = Clock::now() + options.per_host_delay;
      ++finished;
      wake.notify_all();
    }
    wake.notify_all();
  };
  {
    std::vector<std::jthread> workers;
    const int n = std::clamp(options.concurrency, 1, 64);
    for (int i = 0; i < n; ++i) workers.emplace_back(worker);
  }
  std::vector<kb::LinkCheck> out;
  for (std::size_t i = 0; i < unique.size(); ++i) {
    if (done[i]) out.push_back(std::move(results[i]));
  }
  return out;
}

}  // namespace ugk::links
