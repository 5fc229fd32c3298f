// Batch evaluation over JSON lines, the protocol of `ugykalauz hours eval` and of the differential
// test against the npm reference implementation. Pure apart from the given streams.
#pragma once

#include <istream>
#include <ostream>

#include "hours/calendar.h"
#include "hours/evaluator.h"

namespace ugk::hours {

// Reads {"value": "...", "instant": "2026-01-10T09:00"} per line; writes one line per input:
// {"ok": true, "state": "open|closed|unknown", "next_change": ISO|null, "comment", "day_kind",
//  "swap_partner"} or {"ok": false, "error": {"position", "message_hu", "message_en"}}.
// `horizon_days` bounds the search for the next change (null beyond it).
void eval_json_lines(std::istream& in, std::ostream& out, const HolidayCalendar& calendar,
                     const EvaluationOptions& options, int horizon_days = 400);

}  // namespace ugk::hours
