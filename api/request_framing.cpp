#include "api/request_framing.h"

#include <algorithm>
#include <array>

namespace ugk::api {
namespace {

using nlohmann::json;

// RFC 9110 tchar.
bool is_tchar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return kSymbols.find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return is_tchar(c); });
}

// The methods this service can answer; every other one is 405 before any parsing.
constexpr std::array<std::string_view, 7> kMethods = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

FramingRefusal refusal(int status, std::string type, std::string title, std::string detail,
                       std::optional<std::string> field, std::string path = {}) {
  return FramingRefusal{
      Problem{status, std::move(type), std::move(title), std::move(detail), std::move(field), json::object()},
      std::move(path)};
}

FramingRefusal bad_request(const std::string& detail, std::optional<std::string> field = std::nullopt) {
  return refusal(400, "bad-request", "Hibás kérés", detail, std::move(field));
}

// A line feed must follow every carriage return and nothing else may end a line.
bool has_bare_line_break(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) return true;
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] != '\n') return true;
  }
  return false;
}

}  // namespace

std::optional<FramingRefusal> RequestFramer::check_partial_head() const {
  if (head_.size() > limits_.max_head_bytes) {
    return refusal(
        431, "header-too-large", "Túl nagy fejléc",
        "A kérés sora és fejlécei együtt legfeljebb " + std::to_string(limits_.max_head_bytes) + " bájt lehetnek.",
        std::nullopt);
  }
  if (has_bare_line_break(head_)) return bad_request("A kérés sorait CRLF zárja le.");
  // The method as it arrives: anything else than a token before the first space (a TLS hello, binary
  // noise) is refused at once rather than after a timeout.
  const std::size_t space = head_.find(' ');
  const std::string_view method = std::string_view(head_).substr(0, space);
  if (!std::all_of(method.begin(), method.end(), [](unsigned char c) { return is_tchar(c); }) || method.size() > 16) {
    return bad_request("A kérés első sora nem HTTP/1.1 kérés.");
  }
  return std::nullopt;
}

std::optional<FramingRefusal> RequestFramer::check_head(std::string_view head) {
  if (head.size() > limits_.max_head_bytes) return check_partial_head();
  if (has_bare_line_break(head)) return bad_request("A kérés sorait CRLF zárja le.");
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < head.size();) {
    const std::size_t end = head.find("\r\n", start);
    lines.push_back(head.substr(start, end - start));
    start = end + 2;
  }
  // lines ends with the empty line of the final CRLF CRLF.
  if (lines.size() < 2 || lines.front().empty()) return bad_request("A kérés első sora üres.");

  // Request line: method SP request-target SP HTTP-version, single spaces.
  const std::string_view line = lines.front();
  const std::size_t first = line.find(' ');
  const std::size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
    return bad_request("A kérés első sora: METÓDUS /útvonal HTTP/1.1.");
  }
  const std::string_view method = line.substr(0, first);
  const std::string_view target = line.substr(first + 1, second - first - 1);
  const std::string_view version = line.substr(second + 1);
  if (!is_token(method)) return bad_request("A kérés első sora nem HTTP/1.1 kérés.");
  if (target.empty() || target.front() != '/' ||
      !std::all_of(target.begin(), target.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; })) {
    return bad_request(
        "Az útvonal „/”-rel kezdődik, és csak látható ASCII karaktereket tartalmaz "
        "(a többi százalékos kódolással).",
        "path");
  }
  const std::string path(target.substr(0, target.find('?')));
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    // A client's error, not ours: 400 rather than 505, so that every 5xx means a fault of the service.
    return bad_request("A szolgáltatás HTTP/1.1 (vagy HTTP/1.0) kéréseket fogad.");
  }
  if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end()) {
    return refusal(405, "method-not-allowed", "Nem engedélyezett metódus",
                   "Ezen az útvonalon ez a metódus nem használható.", std::nullopt, path);
  }

  std::optional<std::string> content_length;
  bool transfer_encoding = false;
  int hosts = 0;
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
    const std::string_view header = lines[i];
    if (header.front() == ' ' || header.front() == '\t') {
      return bad_request("Folytatósoros (obs-fold) fejléc nem megengedett.");
    }
    const std::size_t colon = header.find(':');
    const std::string_view name = header.substr(0, colon);
    // "Transfer-Encoding : chunked" included: no blank between a name and its colon (RFC 9112 §5.1).
    if (colon == std::string_view::npos || !is_token(name)) {
      return bad_request("Hibás fejlécsor: a név és a kettőspont között nem lehet szóköz.");
    }
    const std::string_view value = trim_blanks(header.substr(colon + 1));
    const std::string field(name);
    if (std::any_of(value.begin(), value.end(), [](unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; })) {
      return bad_request("A(z) „" + field + "” fejléc vezérlőkaraktert tartalmaz.", field);
    }
    const std::string key = lower(name);
    if (key == "content-length") {
      if (value.empty() || value.size() > 18 ||
          !std::all_of(value.begin(), value.end(), [](unsigned char c) { return c >= '0' && c <= '9'; })) {
        if (value.size() > 18 &&
            std::all_of(value.begin(), value.end(), [](unsigned char c) { return c >= '0' && c <= '9'; })) {
          return refusal(413, "payload-too-large", "Túl nagy kérés",
                         "A kérés legfeljebb " + std::to_string(limits_.max_request_bytes) + " bájt lehet.",
                         "Content-Length");
        }
        return bad_request("A Content-Length nemnegatív egész szám.", "Content-Length");
      }
      if (content_length && *content_length != value) {
        return bad_request("Több, egymásnak ellentmondó Content-Length fejléc.", "Content-Length");
      }
      content_length = std::string(value);
    } else if (key == "transfer-encoding") {
      transfer_encoding = true;
    } else if (key == "host") {
      ++hosts;
    }
    if (check_ && !check_(name, value)) {
      return bad_request("A(z) „" + field + "” fejléc értéke hibás.", field);
    }
  }
  if (hosts > 1) return bad_request("Egy kérésben egy Host fejléc lehet.", "Host");
  if (transfer_encoding) {
    if (content_length) {
      return bad_request("Content-Length és Transfer-Encoding együtt nem küldhető.", "Transfer-Encoding");
    }
    return refusal(411, "length-required", "Hossz szükséges",
                   "A kérés törzsét Content-Length fejléccel küldje; darabolt átvitelt (Transfer-Encoding) a "
                   "szolgáltatás nem fogad.",
                   "Transfer-Encoding");
  }
  const std::size_t length = content_length ? std::stoull(*content_length) : 0;
  if (length > limits_.max_request_bytes || head.size() + length > limits_.max_request_bytes) {
    return refusal(413, "payload-too-large", "Túl nagy kérés",
                   "A kérés legfeljebb " + std::to_string(limits_.max_request_bytes) + " bájt lehet.",
                   "Content-Length");
  }
  body_remaining_ = length;
  return std::nullopt;
}

RequestFramer::Output RequestFramer::feed(std::string_view data) {
  Output out;
  bool piece_open = false;  // the last piece is the current request's and may grow
  const auto emit = [&](std::string_view bytes, bool same_request) {
    if (same_request && piece_open) {
      out.pieces.back().append(bytes);
    } else {
      out.pieces.emplace_back(bytes);
    }
    piece_open = true;
  };
  std::size_t i = 0;
  while (!refused_ && i < data.size()) {
    if (body_remaining_ > 0) {
      const std::size_t n = std::min(body_remaining_, data.size() - i);
      emit(data.substr(i, n), true);
      i += n;
      body_remaining_ -= n;
      if (body_remaining_ == 0) piece_open = false;
      continue;
    }
    const std::size_t before = head_.size();
    head_.append(data.substr(i));
    const std::size_t end = head_.find("\r\n\r\n", before >= 3 ? before - 3 : 0);
    if (end == std::string::npos) {
      i = data.size();
      if (auto refused = check_partial_head()) {
        refused_ = true;
        out.refusal = std::move(refused);
      }
      break;
    }
    const std::size_t head_length = end + 4;
    i += head_length - before;
    head_.resize(head_length);
    if (auto refused = check_head(head_)) {
      refused_ = true;
      out.refusal = std::move(refused);
      break;
    }
    emit(head_, false);
    head_.clear();
    if (body_remaining_ == 0) piece_open = false;
  }
  if (refused_) head_.clear();
  return out;
}

}  // namespace ugk::api
