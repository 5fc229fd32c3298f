// service::QualityService (feedback screening, duplicate window, storage without addresses) and the
// link checker's classification, without HTTP.
#include "service/quality_service.h"

#include <gtest/gtest.h>

#include "links/link_checker.h"
#include "tests/support/temp_dir.h"

namespace ugk::service {
namespace {

using namespace std::chrono_literals;

FeedbackSubmission submission(const std::string& procedure) {
  FeedbackSubmission s;
  s.procedure_id = procedure;
  s.office_id = "koh-22406";
  s.found = kb::Found::kPartly;
  s.satisfaction = kb::Satisfaction::kGood;
  s.time_on_page = 5s;
  return s;
}

class QualityServiceTest : public ::testing::Test {
 protected:
  QualityServiceTest() : quality_(DataDir{dir_.path()}, FeedbackRules{2000ms, 600s}) {}
  std::vector<kb::FeedbackCount> counts() const {
    return kb::Store(DataDir{dir_.path()}.database(), kb::Store::Mode::kReadOnly).feedback_counts(std::nullopt);
  }
  std::int64_t stored() const {
    std::int64_t n = 0;
    for (const auto& c : counts()) n += c.count;
    return n;
  }
  ugk::testing::TempDir dir_;
  QualityService quality_;
};

TEST_F(QualityServiceTest, HoneypotAndTooFastAreDroppedUnstored) {
  auto bot = submission("a");
  bot.honeypot_filled = true;
  EXPECT_EQ(quality_.submit_feedback(bot, "10.0.0.1"), FeedbackVerdict::kHoneypot);
  auto hasty = submission("a");
  hasty.time_on_page = 1999ms;
  EXPECT_EQ(quality_.submit_feedback(hasty, "10.0.0.1"), FeedbackVerdict::kTooFast);
  EXPECT_EQ(stored(), 0);
  hasty.time_on_page = 2000ms;
  EXPECT_EQ(quality_.submit_feedback(hasty, "10.0.0.1"), FeedbackVerdict::kStored);
  EXPECT_EQ(stored(), 1);
}

TEST_F(QualityServiceTest, DuplicatesCollapseWithinTheWindowOnly) {
  const auto t0 = QualityService::Clock::now();
  EXPECT_EQ(quality_.submit_feedback(submission("a"), "10.0.0.1", t0), FeedbackVerdict::kStored);
  EXPECT_EQ(quality_.submit_feedback(submission("a"), "10.0.0.1", t0 + 599s), FeedbackVerdict::kDuplicate);
  // Another client, or another answer, is not a duplicate.
  EXPECT_EQ(quality_.submit_feedback(submission("a"), "10.0.0.2", t0 + 599s), FeedbackVerdict::kStored);
  EXPECT_EQ(quality_.submit_feedback(submission("b"), "10.0.0.1", t0 + 599s), FeedbackVerdict::kStored);
  // The window restarts with each repeat; after it has passed, the opinion counts again.
  EXPECT_EQ(quality_.submit_feedback(submission("a"), "10.0.0.1", t0 + 1200s), FeedbackVerdict::kStored);
  // An identical comment from anyone within the window collapses too.
  auto commented = submission("c");
  commented.comment = "Nem működik a letöltés.";
  EXPECT_EQ(quality_.submit_feedback(commented, "10.0.0.3", t0 + 1200s), FeedbackVerdict::kStored);
  commented.procedure_id = "d";
  EXPECT_EQ(quality_.submit_feedback(commented, "10.0.0.4", t0 + 1201s), FeedbackVerdict::kDuplicate);
  EXPECT_EQ(stored(), 5);
}

TEST_F(QualityServiceTest, StoredCommentIsScrubbed) {
  auto s = submission("a");
  s.comment = "Írjanak: kiss.peter@example.hu, 06 30 123 4567";
  ASSERT_EQ(quality_.submit_feedback(s, "10.0.0.1"), FeedbackVerdict::kStored);
  const auto comments = kb::Store(DataDir{dir_.path()}.database(), kb::Store::Mode::kReadOnly).recent_comments(10);
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_EQ(comments[0].comment, "Írjanak: [e-mail], [telefonszám]");
  EXPECT_EQ(comments[0].office_id, std::optional<std::string>("koh-22406"));
}

TEST_F(QualityServiceTest, LinkChecksArePublishedToReaders) {
  EXPECT_TRUE(quality_.link_status()->empty());
  kb::LinkCheck check;
  check.url = "http://127.0.0.1:9/x";
  check.status = kb::LinkStatus::kBroken;
  check.problem = "http_404";
  check.checked_at = "2026-12-02T04:00:00Z";
  quality_.record_link_checks({check});
  const auto status = quality_.link_status();
  ASSERT_EQ(status->count(check.url), 1u);
  EXPECT_EQ(status->at(check.url).problem, "http_404");
}

TEST(LinkClassification, FollowsGovUkLevels) {
  const links::LinkCheckOptions options;  // caution above 2 redirects or 3 s
  auto level = [&](links::Attempt a) {
    kb::LinkCheck out;
    links::classify(a, options, out);
    return std::string(kb::to_string(out.status)) + (out.problem.empty() ? "" : ":" + out.problem);
  };
  EXPECT_EQ(level({200, "", 0, 100}), "ok");
  EXPECT_EQ(level({200, "", 2, 100}), "ok");
  EXPECT_EQ(level({200, "", 3, 100}), "caution:long_redirect_chain");
  EXPECT_EQ(level({200, "", 0, 3001}), "caution:slow");
  EXPECT_EQ(level({404, "", 0, 10}), "broken:http_404");
  EXPECT_EQ(level({503, "", 1, 10}), "broken:http_503");
  EXPECT_EQ(level({0, "timeout", 0, 10000}), "broken:timeout");
  EXPECT_EQ(level({302, "redirect_loop", 2, 10}), "broken:redirect_loop");
  EXPECT_EQ(level({101, "", 0, 10}), "broken:http_101");
}

}  // namespace
}  // namespace ugk::service
