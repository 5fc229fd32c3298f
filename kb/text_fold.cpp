#include "kb/text_fold.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <optional>

namespace ugk::kb {
namespace {

// Building an icu::Locale parses its name; it is immutable once built, so one shared constant serves
// every call and thread (it was ~9% of query time when built per call).
const icu::Locale& hungarian() {
  static const icu::Locale kHungarian("hu");
  return kHungarian;
}

// The fast path: text made only of ASCII and the Hungarian letters (nearly every query word and
// stored text) is lower-cased and folded from a table, without ICU's UTF-16 round trip, which was
// two thirds of the query time (snippets analyse every hit's text). Anything else, including
// invalid UTF-8, takes ICU, so the two paths agree by construction on what the table covers.
struct Letter {
  char32_t upper, lower;
  char folded;
};
constexpr Letter kHungarianLetters[] = {
    {U'Á', U'á', 'a'}, {U'É', U'é', 'e'}, {U'Í', U'í', 'i'}, {U'Ó', U'ó', 'o'}, {U'Ö', U'ö', 'o'},
    {U'Ő', U'ő', 'o'}, {U'Ú', U'ú', 'u'}, {U'Ü', U'ü', 'u'}, {U'Ű', U'ű', 'u'},
};

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else {  // every letter of the table is below U+0800: two bytes
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Lower-cases (and, with `strip`, folds) `utf8` if the table covers it; nullopt otherwise.
std::optional<std::string> by_table(std::string_view utf8, bool strip) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      out += static_cast<char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
      ++i;
      continue;
    }
    if ((b & 0xE0) != 0xC0 || i + 1 >= utf8.size()) return std::nullopt;
    const auto b2 = static_cast<unsigned char>(utf8[i + 1]);
    if ((b2 & 0xC0) != 0x80) return std::nullopt;
    const char32_t c = (char32_t(b & 0x1F) << 6) | char32_t(b2 & 0x3F);
    const Letter* letter = nullptr;
    for (const auto& l : kHungarianLetters) {
      if (l.upper == c || l.lower == c) letter = &l;
    }
    if (letter == nullptr) return std::nullopt;
    if (strip) {
      out += letter->folded;
    } else {
      append_utf8(out, letter->lower);
    }
    i += 2;
  }
  return out;
}

}  // namespace

std::string to_lower(std::string_view utf8) {
  if (auto fast = by_table(utf8, false)) return std::move(*fast);
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  text.toLower(hungarian());
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string fold(std::string_view utf8) {
  if (auto fast = by_table(utf8, true)) return std::move(*fast);
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  text.toLower(hungarian());
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) {
    std::string out;
    text.toUTF8String(out);
    return out;
  }
  icu::UnicodeString decomposed = nfd->normalize(text, status);
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) stripped.append(c);
    i += U16_LENGTH(c);
  }
  std::string out;
  stripped.toUTF8String(out);
  return out;
}

}  // namespace ugk::kb
