#include "kb/quality.h"

namespace ugk::kb {

std::string_view to_string(Found found) {
  switch (found) {
    case Found::kYes:
      return "igen";
    case Found::kPartly:
      return "reszben";
    case Found::kNo:
      return "nem";
  }
  return "?";
}

std::string_view to_string(Satisfaction satisfaction) {
  switch (satisfaction) {
    case Satisfaction::kVeryGood:
      return "nagyon_jo";
    case Satisfaction::kGood:
      return "jo";
    case Satisfaction::kNotGood:
      return "nem_jo";
  }
  return "?";
}

bool is_surface(std::string_view text) {
  return text == "widget" || text == "desk" || text == "field" || text == "page";
}

std::optional<Found> parse_found(std::string_view text) {
  if (text == "igen") return Found::kYes;
  if (text == "reszben" || text == "részben") return Found::kPartly;
  if (text == "nem") return Found::kNo;
  return std::nullopt;
}

std::optional<Satisfaction> parse_satisfaction(std::string_view text) {
  if (text == "nagyon_jo") return Satisfaction::kVeryGood;
  if (text == "jo") return Satisfaction::kGood;
  if (text == "nem_jo") return Satisfaction::kNotGood;
  return std::nullopt;
}

std::string_view to_string(LinkStatus status) {
  switch (status) {
    case LinkStatus::kOk:
      return "ok";
    case LinkStatus::kCaution:
      return "caution";
    case LinkStatus::kBroken:
      return "broken";
  }
  return "?";
}

std::optional<LinkStatus> parse_link_status(std::string_view text) {
  if (text == "ok") return LinkStatus::kOk;
  if (text == "caution") return LinkStatus::kCaution;
  if (text == "broken") return LinkStatus::kBroken;
  return std::nullopt;
}

}  // namespace ugk::kb
