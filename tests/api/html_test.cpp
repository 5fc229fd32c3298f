// HTML helpers of the server-rendered pages: escaping, JSON-LD that no value can break out of,
// page links, external links only for http(s), and the public base URL from the Host header.
#include "api/html.h"

#include <gtest/gtest.h>

#include "api/problem.h"

namespace ugk::api::html {
namespace {

TEST(Html, EscapesTextAndAttributes) {
  EXPECT_EQ(escape("<b>\"Kovács & Tsa\"</b> 'x'"), "&lt;b&gt;&quot;Kovács &amp; Tsa&quot;&lt;/b&gt; &#39;x&#39;");
  EXPECT_EQ(escape("árvíztűrő"), "árvíztűrő");
}

TEST(Html, JsonLdCannotCloseItsScriptElement) {
  const nlohmann::json data{{"name", "</script><script>alert(1)</script><!-- & -->"}};
  const std::string element = json_ld(data);
  EXPECT_EQ(element.rfind("<script type=\"application/ld+json\">", 0), 0u);
  const std::string inner = element.substr(35, element.size() - 35 - 9);
  EXPECT_EQ(inner.find('<'), std::string::npos);
  EXPECT_EQ(inner.find('>'), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(inner), data);
}

TEST(Html, PageLinksEncodeIdsAndExternalLinksNeedHttp) {
  EXPECT_EQ(page_href("/ugyek/", "telepulesi-tamogatas@ph-16568"), "/ugyek/telepulesi-tamogatas@ph-16568");
  EXPECT_EQ(page_href("/ugyek/", "a b/ő\""), "/ugyek/a%20b%2F%C5%91%22");
  EXPECT_EQ(external_link("javascript:alert(1)", "x<y"), "x&lt;y");
  EXPECT_EQ(external_link("https://a.hu/?a=1&b=2", "A"),
            "<a href=\"https://a.hu/?a=1&amp;b=2\" rel=\"noopener\">A</a>");
}

TEST(Html, PublicBaseComesFromAValidHostHeader) {
  Request request;
  request.headers["host"] = "ugykalauz.example.hu:8080";
  EXPECT_EQ(public_base(request), "http://ugykalauz.example.hu:8080");
  request.headers["x-forwarded-proto"] = "https";
  EXPECT_EQ(public_base(request), "https://ugykalauz.example.hu:8080");
  request.headers["host"] = "evil.hu/\"><script>";
  try {
    public_base(request);
    ADD_FAILURE() << "expected a 400";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.problem().status, 400);
    EXPECT_EQ(e.problem().field, "Host");
  }
}

TEST(Html, RendersAHungarianDocumentWithEscapedTitle) {
  const std::string page = render({"Adó & illeték <2026>", "Leírás \"idézet\"", "http://h/ugyek/x",
                                   nlohmann::json{{"@type", "GovernmentService"}}, "<p>törzs</p>"});
  EXPECT_NE(page.find("<html lang=\"hu\">"), std::string::npos);
  EXPECT_NE(page.find("<h1>Adó &amp; illeték &lt;2026&gt;</h1>"), std::string::npos);
  EXPECT_NE(page.find("content=\"Leírás &quot;idézet&quot;\""), std::string::npos);
  EXPECT_NE(page.find("<link rel=\"canonical\" href=\"http://h/ugyek/x\">"), std::string::npos);
  EXPECT_EQ(page.find("<script src"), std::string::npos);  // no JavaScript needed
}

}  // namespace
}  // namespace ugk::api::html
