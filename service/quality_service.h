// Measured service quality: citizen feedback (screened against abuse, scrubbed of personal data),
// the link checks of forms and online channels, and the quality report per office, district and
// the country. Knows nothing of HTTP.
//
// Thread-safety: every public member may be called from any thread. Feedback writes go through one
// connection of its own under a mutex (never the knowledge base's writer, so they never wait for an
// edit); the link-status map is an immutable snapshot swapped under a mutex held for a pointer copy.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "kb/catalog.h"
#include "kb/quality.h"
#include "kb/store.h"
#include "service/data_dir.h"

namespace ugk::service {

struct FeedbackSubmission {
  std::string procedure_id;
  std::optional<std::string> office_id;
  kb::Found found = kb::Found::kYes;
  std::optional<kb::Satisfaction> satisfaction;
  std::string comment;  // as typed; scrubbed before it is stored
  std::string surface;
  bool honeypot_filled = false;            // the hidden field a person never sees was filled in
  std::chrono::milliseconds time_on_page;  // between the answer being shown and the submission
};

enum class FeedbackVerdict {
  kStored,
  kDuplicate,  // the same client said the same of the same answer within the window: collapsed
  kHoneypot,   // a bot: dropped
  kTooFast,    // sooner than a person reads an answer: dropped
};

struct FeedbackRules {
  std::chrono::milliseconds min_time_on_page{2000};
  std::chrono::seconds duplicate_window{600};
};

// A web link of the knowledge base and the records that carry it.
struct LinkReference {
  kb::RecordKind kind = kb::RecordKind::kForm;
  std::string record_id;
  std::optional<std::string> office_id;  // the office whose record it is (variants, local procedures)
};
using LinkMap = std::map<std::string, std::vector<LinkReference>>;
// Every form URL and online-channel URL (http/https only) of the catalog.
LinkMap collect_links(const kb::Catalog& catalog);

using LinkStatusMap = std::unordered_map<std::string, kb::LinkCheck>;

// What a report holds. `detailed` adds the texts people typed (the newest scrubbed comments and the
// queries that found nothing): never for anonymous readers.
struct ReportOptions {
  int unverified_days = 365;
  int search_weeks = 12;  // the search section covers this many weeks up to today
  bool detailed = false;
};

enum class ReportLevel { kNational, kDistrict, kOffice };
struct ReportScope {
  ReportLevel level = ReportLevel::kNational;
  std::string id;  // district code or office id
};

class KnowledgeService;

// Adds to each failed query of a detailed report (report()["search"]["failed_queries"]) the
// procedures the relaxed search finds for it now (`candidates`, best first), and puts the best one
// into the best-bet offer, so an editor can accept it as it is.
void offer_candidates(nlohmann::json& report, const KnowledgeService& knowledge);

class QualityService {
 public:
  using Clock = std::chrono::steady_clock;
  QualityService(DataDir data_dir, FeedbackRules rules = {});

  // Screens and stores one submission. `client` (the caller's address) is only held in memory for
  // the duplicate window, never stored.
  FeedbackVerdict submit_feedback(const FeedbackSubmission& submission, const std::string& client,
                                  Clock::time_point now = Clock::now());

  // Stores link-check results (replacing earlier results of the same URLs) and publishes them.
  void record_link_checks(const std::vector<kb::LinkCheck>& checks);
  // The latest stored result per URL; reloaded when another process (`check-links`) stored new
  // results, looked at most once a second.
  std::shared_ptr<const LinkStatusMap> link_status() const;

  // The quality report of a scope: feedback shares in the three levels, found shares, a weekly
  // series, records not verified in N days, broken links, variants awaiting review, searches per
  // week and surface (from the analytics roll-ups); detailed: also the newest scrubbed comments,
  // the queries that found nothing or only by relaxing (each with what an editor could add: a
  // synonym, a best bet) and the results opened most.
  nlohmann::json report(const kb::Catalog& catalog, const ReportScope& scope, const ReportOptions& options) const;

 private:
  kb::Store read_store() const;

  DataDir data_dir_;
  FeedbackRules rules_;

  std::mutex write_mutex_;
  kb::Store writer_;
  std::unordered_map<std::string, Clock::time_point> recent_;  // duplicate keys -> when seen

  mutable std::mutex links_mutex_;  // guards the two below; held for a pointer copy or swap
  mutable std::shared_ptr<const LinkStatusMap> links_;
  mutable std::int64_t links_run_ = -1;
  mutable std::atomic<std::int64_t> links_looked_ms_{0};
};

}  // namespace ugk::service
