// The request framer in front of Pistache's parser: one checked request at a time, every ambiguity
// refused with a problem, nothing parsed after a refusal (issue 15, item 7).
#include "api/request_framing.h"

#include <gtest/gtest.h>

#include <string>

namespace ugk::api {
namespace {

RequestFramer::Output feed(const std::string& bytes, FramingLimits limits = {}) {
  RequestFramer framer(limits);
  return framer.feed(bytes);
}

int refused_with(const std::string& bytes, FramingLimits limits = {}) {
  const auto out = feed(bytes, limits);
  return out.refusal ? out.refusal->problem.status : 0;
}

TEST(RequestFramer, PassesARequestWithItsBodyAsOnePiece) {
  const std::string post = "POST /v1/offices HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd";
  const auto out = feed(post);
  EXPECT_FALSE(out.refusal);
  ASSERT_EQ(out.pieces.size(), 1U);
  EXPECT_EQ(out.pieces[0], post);
}

TEST(RequestFramer, SplitsPipelinedRequestsAtTheirBoundaries) {
  const std::string first = "POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi";
  const std::string second = "GET /b HTTP/1.1\r\nHost: x\r\n\r\n";
  const auto out = feed(first + second);
  EXPECT_FALSE(out.refusal);
  ASSERT_EQ(out.pieces.size(), 2U);
  EXPECT_EQ(out.pieces[0], first);
  EXPECT_EQ(out.pieces[1], second);
}

TEST(RequestFramer, HeadsAndBodiesArriveInAnySegments) {
  const std::string bytes = "PUT /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
  RequestFramer framer;
  std::string passed;
  for (char c : bytes) {
    const auto out = framer.feed(std::string(1, c));
    ASSERT_FALSE(out.refusal);
    for (const auto& piece : out.pieces) passed += piece;
  }
  EXPECT_EQ(passed, bytes);
}

TEST(RequestFramer, RefusesAmbiguousFraming) {
  EXPECT_EQ(refused_with("POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"), 400);
  EXPECT_EQ(refused_with("POST /a HTTP/1.1\r\nContent-Length: -1\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("POST /a HTTP/1.1\r\nContent-Length: 1, 1\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n"), 411);
  EXPECT_EQ(refused_with("POST /a HTTP/1.1\r\nTransfer-Encoding : chunked\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET /a HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET /a HTTP/1.1\r\nX: a\r\n folded\r\n\r\n"), 400);
  // Identical duplicates say one thing: accepted.
  EXPECT_EQ(refused_with("POST /a HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab"), 0);
}

TEST(RequestFramer, RefusesADeclaredLengthAboveTheLimitBeforeAnyBodyByte) {
  FramingLimits limits;
  limits.max_request_bytes = 1000;
  const auto out = feed("POST /a HTTP/1.1\r\nContent-Length: 4294967296\r\n\r\n", limits);
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->problem.status, 413);
  EXPECT_EQ(out.refusal->problem.field, "Content-Length");
  EXPECT_TRUE(out.pieces.empty());
  EXPECT_EQ(refused_with("POST /a HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"), 413);
}

TEST(RequestFramer, AnswersGarbageAtOnceRatherThanAfterATimeout) {
  // A TLS ClientHello starts with 0x16 0x03: refused on its first bytes, without waiting for a CRLF.
  EXPECT_EQ(refused_with(std::string("\x16\x03\x01\x02\x00\x01", 6)), 400);
  EXPECT_EQ(refused_with("GET / HTTP/1.1\nHost: x\n"), 400);  // bare LF
  EXPECT_EQ(refused_with("GET  / HTTP/1.1\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET /\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET relative HTTP/1.1\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET /\xFF HTTP/1.1\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET / HTTP/2.0\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET / HTTP/1.1\r\nX-A: a\x01"
                         "b\r\n\r\n"),
            400);
}

TEST(RequestFramer, UnknownMethodsAre405WithThePath) {
  const auto out = feed("BREW /v1/offices?x=1 HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->problem.status, 405);
  EXPECT_EQ(out.refusal->path, "/v1/offices");
}

TEST(RequestFramer, RefusesAHeadAboveTheLimit) {
  FramingLimits limits;
  limits.max_head_bytes = 100;
  EXPECT_EQ(refused_with("GET / HTTP/1.1\r\nX: " + std::string(200, 'a'), limits), 431);
}

TEST(RequestFramer, NothingAfterARefusalIsPassed) {
  RequestFramer framer;
  const auto out = framer.feed("POST /a HTTP/1.1\r\nContent-Length: x\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(out.refusal);
  EXPECT_TRUE(out.pieces.empty());
  EXPECT_TRUE(framer.refused());
  const auto later = framer.feed("GET /c HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(later.pieces.empty());
  EXPECT_FALSE(later.refusal);
}

TEST(RequestFramer, AHeaderTheHttpLayerCannotParseIsA400NamingIt) {
  RequestFramer framer({}, [](std::string_view name, std::string_view) { return name != "Date"; });
  const auto out = framer.feed("GET / HTTP/1.1\r\nDate: not a date\r\n\r\n");
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->problem.status, 400);
  EXPECT_EQ(out.refusal->problem.field, "Date");
}

}  // namespace
}  // namespace ugk::api
