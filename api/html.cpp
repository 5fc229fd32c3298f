#include "api/html.h"

#include <algorithm>
#include <cctype>

#include "api/problem.h"

namespace ugk::api::html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string json_ld(const nlohmann::json& data) {
  const std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out = "<script type=\"application/ld+json\">";
  for (const char c : text) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  out += "</script>";
  return out;
}

std::string page_href(std::string_view prefix, std::string_view id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out(prefix);
  for (const char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~' || c == '@') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    }
  }
  return out;
}

std::string external_link(std::string_view url, std::string_view text) {
  if (!url.starts_with("https://") && !url.starts_with("http://")) return escape(text);
  return "<a href=\"" + escape(url) + "\" rel=\"noopener\">" + escape(text) + "</a>";
}

std::string render(const Page& page) {
  std::string out;
  out += "<!doctype html>\n<html lang=\"hu\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escape(page.title) + " – Ügykalauz</title>\n";
  out += "<meta name=\"description\" content=\"" + escape(page.description) + "\">\n";
  out += "<link rel=\"canonical\" href=\"" + escape(page.canonical) + "\">\n";
  out +=
      "<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;line-height:1.5}"
      "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}"
      "a{color:#0b4f9c}</style>\n";
  out += json_ld(page.json_ld) + "\n</head>\n<body>\n";
  out +=
      "<header><nav aria-label=\"Webhely\"><a href=\"/\">Ügykalauz</a> – ügyintézés, hivatalok, "
      "nyitvatartás</nav></header>\n";
  out += "<main>\n<h1>" + escape(page.title) + "</h1>\n" + page.body + "</main>\n";
  out +=
      "<footer><p>Az adatok forrása és frissessége a hivatalok adatlapjain olvasható. "
      "<a href=\"/sitemap.xml\">Oldaltérkép</a></p></footer>\n</body>\n</html>\n";
  return out;
}

std::string public_base(const Request& request) {
  const auto host = request.header("host");
  auto allowed = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  };
  if (!host || host->empty() || host->size() > 255 || !std::all_of(host->begin(), host->end(), allowed)) {
    throw bad_parameter("Host", "A kérés „Host” fejléce hiányzik vagy hibás.");
  }
  const auto proto = request.header("x-forwarded-proto");
  return (proto && *proto == "https" ? "https://" : "http://") + *host;
}

}  // namespace ugk::api::html
