// Which case guides a free-text question is a life event of ("meghalt az édesapám" -> the death in the
// family guide): a guide matches when every word of one of its keywords occurs in the question, words
// compared by their accent-free Snowball stems (search/analyzer.h), so "meghalt" matches "meghalt az
// édesapám" and "autót vettem" matches "tegnap vettem egy autót". Best first: the guide with the most
// matched keyword words, then the one listed first.
//
// The field app matches offline with the same rule (web/src/guide.js: matchGuides).
// Thread-safety: a pure function (an analyzer per call).
#pragma once

#include <string_view>
#include <vector>

#include "kb/catalog.h"

namespace ugk::service {

inline constexpr std::size_t kMaxMatchedGuides = 3;

std::vector<const kb::Guide*> match_guides(const kb::Catalog& catalog, std::string_view text);

}  // namespace ugk::service
