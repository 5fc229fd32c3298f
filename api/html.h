// Server-rendered HTML: escaping, JSON-LD embedding and the page frame shared by the pages of
// api/page_endpoints.cpp. Every text that reaches a page goes through escape() (or json_ld()).
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/http_types.h"

namespace ugk::api::html {

// Text and attribute-value escaping: & < > " '.
std::string escape(std::string_view text);

// A <script type="application/ld+json"> element. '<', '>' and '&' are written as \u escapes, so no
// value can close the element or open a comment; the JSON stays the same for a JSON-LD parser.
std::string json_ld(const nlohmann::json& data);

// An href for a record page path ("/ugyek/" + id): the id percent-encoded where needed.
std::string page_href(std::string_view prefix, std::string_view id);

// An external link only when it is http(s); otherwise the escaped text without a link.
std::string external_link(std::string_view url, std::string_view text);

struct Page {
  std::string title;        // <title> and <h1>
  std::string description;  // <meta name="description">
  std::string canonical;    // absolute URL of this page
  nlohmann::json json_ld;   // the page's schema.org data (object or array)
  std::string body;         // HTML inside <main>, after the <h1>
};

// The whole document: lang="hu", the site's navigation, readable without JavaScript or styles.
std::string render(const Page& page);

// "http://host" from the request's Host header (https with X-Forwarded-Proto: https), for canonical
// URLs, JSON-LD and the sitemap. 400 naming `Host` when it is missing or not a host[:port].
std::string public_base(const Request& request);

}  // namespace ugk::api::html
