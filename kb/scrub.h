// Removes what looks like personal data from a free text before it is stored (search analytics,
// feedback comments): e-mail addresses, phone numbers and other long digit groups (TAJ numbers, tax
// ids, bank accounts), document numbers (letters and digits mixed: "123456AB", "AB1234567"), vehicle
// plates ("ABC-123", "AA BC-123"), and the names people give of themselves ("Kovács János vagyok",
// "vagyok Kovács János", "a nevem Nagy Éva").
//
// Each finding is replaced by a bracketed Hungarian placeholder ("[e-mail]", "[szám]", "[azonosító]",
// "[rendszám]", "[név]"), so a report still shows that something was there. Short numbers people
// search with stay ("80 éves", "2025-től", "3 gyerek"), and so do dates ("2026.03.15.").
//
// Errs on the side of removing: a capitalised word next to "vagyok" is taken for a name even when it is
// a place ("Budapesten vagyok" -> "[név] vagyok").
//
// A hand-written linear scan (no std::regex: it recurses per character), byte-oriented and safe on any
// input, including invalid UTF-8. Thread-safe: a pure function.
#pragma once

#include <string>
#include <string_view>

namespace ugk::kb {

std::string scrub_personal_data(std::string_view text);

}  // namespace ugk::kb
