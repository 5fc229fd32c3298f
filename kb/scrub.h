// Removal of personal data from free text citizens type (feedback comments), before it is stored.
#pragma once

#include <string>
#include <string_view>

namespace ugk::kb {

// `text` with what looks personal replaced by a bracketed placeholder: e-mail addresses ([e-mail]),
// phone numbers ([telefonszám]: +36 / 06 prefixed, or 7+ digits with separators), TAJ numbers
// (9 digits, also as 3-3-3: [TAJ-szám]), tax ids (10 digits: [adóazonosító]), document numbers
// (2 letters + 6 digits or 6 digits + 2 letters, as on identity cards and passports: [okmányszám]),
// and the one or two capitalised words after "vagyok" / "nevem" ([név]). Any other run of 6 or more
// digits becomes [szám]. Pure function, no state; linear in the input (no std::regex).
std::string scrub_personal_data(std::string_view text);

}  // namespace ugk::kb
