// Checks web links (form downloads, online channels) over HTTP with libcurl: status, redirects and
// their count, time, content type, classified as GOV.UK's Link Checker does (ok / caution / broken).
// Knows nothing of the knowledge base beyond the result type (kb/quality.h).
//
// Thread-safety: check_links() may be called from any thread; it runs its own worker threads.
#pragma once

#include <chrono>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "kb/quality.h"

namespace ugk::links {

struct LinkCheckOptions {
  int concurrency = 4;                             // links checked at the same time
  std::chrono::milliseconds per_host_delay{1000};  // between two requests to one host (politeness)
  std::chrono::milliseconds timeout{10000};        // per link, all redirects included
  std::chrono::milliseconds connect_timeout{5000};
  int max_redirects = 5;                 // more: broken (too_many_redirects)
  int caution_redirects = 2;             // more: caution (long_redirect_chain)
  std::chrono::milliseconds slow{3000};  // longer: caution (slow)
  std::string user_agent = "Ugykalauz-linkellenorzo/1.0";
};

// Classifies one finished attempt; exposed for unit tests.
struct Attempt {
  int http_status = 0;  // last response's status; 0: no response
  std::string error;    // transport problem code (timeout, connection_reset, ...); empty when none
  int redirects = 0;
  double elapsed_ms = 0;
};
void classify(const Attempt& attempt, const LinkCheckOptions& options, kb::LinkCheck& out);

// Checks every URL (duplicates once), at most `concurrency` at a time and never two requests to one
// host closer than `per_host_delay`. Results in the order of `urls` (first occurrences). Stops early
// (leaving the rest unchecked, not returned) when `stop` is requested.
std::vector<kb::LinkCheck> check_links(const std::vector<std::string>& urls, const LinkCheckOptions& options,
                                       std::stop_token stop = {});

}  // namespace ugk::links
