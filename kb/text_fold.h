// Text normalisation shared by lookups and search: case folding and accent removal.
// Thread-safe (ICU's normaliser instances are immutable singletons owned by ICU).
#pragma once

#include <string>
#include <string_view>

namespace ugk::kb {

// Lower-cases with Hungarian rules ("Ő" -> "ő").
std::string to_lower(std::string_view utf8);

// Lower-cases and removes diacritics: "Hajdúnánás" -> "hajdunanas", "Ő" -> "o". Invalid UTF-8
// sequences are replaced, never thrown on.
std::string fold(std::string_view utf8);

}  // namespace ugk::kb
