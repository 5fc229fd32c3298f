// libFuzzer target: request input as it enters: the integer parser, UTF-8 and value-format checks,
// percent-decoding, and the request framer fed the input in two segments.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

#include "api/params.h"
#include "api/request_framing.h"
#include "api/url.h"
#include "kb/formats.h"
#include "kb/ids.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ugk::api::parse_integer(text, 0, ugk::api::kMaxInteger);
  (void)ugk::api::parse_integer(text, std::numeric_limits<std::int64_t>::min(), 0);
  const std::string decoded = ugk::api::percent_decode(text);
  if (ugk::kb::is_valid_utf8(decoded)) {
    ugk::api::Request request;
    request.query["q"] = decoded;
    ugk::api::check_request_encoding(request);
  }
  const std::string encoded = ugk::api::percent_encode_segment(decoded);
  if (encoded.find_first_of("\r\n /?#") != std::string::npos) __builtin_trap();  // one segment, one line
  (void)ugk::kb::is_http_url(text);
  (void)ugk::kb::is_email(text);
  (void)ugk::kb::is_phone(text);
  (void)ugk::kb::is_valid_id(text);
  (void)ugk::kb::is_valid_date(text);

  ugk::api::RequestFramer framer;
  const std::size_t cut = size == 0 ? 0 : data[0] % (size + 1);
  std::size_t passed = 0;
  for (const std::string_view part : {text.substr(0, cut), text.substr(cut)}) {
    const auto out = framer.feed(part);
    for (const auto& piece : out.pieces) passed += piece.size();
    if (out.refusal && (out.refusal->problem.status < 400 || out.refusal->problem.status >= 500)) __builtin_trap();
  }
  if (passed > size) __builtin_trap();
  return 0;
}
