#include "kb/scrub.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace ugk::kb {
namespace {

constexpr std::size_t kMinDigitsInNumber = 6;      // TAJ 9, tax id 10, phone 9-11; "80", "2025", "1500" stay
constexpr std::size_t kMinDigitsInDocumentId = 5;  // "123456AB", "AB1234567"
constexpr std::size_t kMaxNameWords = 3;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
// Any byte of a multi-byte UTF-8 sequence counts as a letter: Hungarian accented letters.
bool is_letter(char c) {
  return is_ascii_letter(c) || (static_cast<unsigned char>(c) & 0x80) != 0;
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_number_joiner(char c) {
  return c == ' ' || c == '-' || c == '/' || c == '.' || c == '(' || c == ')';
}

// "2026.03.15", "2026-3-5", "2024-2025", "1990": dates and years people search with.
bool is_date_or_years(std::string_view span) {
  std::vector<std::size_t> groups;
  std::vector<char> separators;
  std::size_t run = 0;
  for (char c : span) {
    if (is_digit(c)) {
      ++run;
    } else {
      if (run > 0) groups.push_back(run);
      run = 0;
      separators.push_back(c);
    }
  }
  if (run > 0) groups.push_back(run);
  const bool dotted_or_dashed =
      std::all_of(separators.begin(), separators.end(), [](char c) { return c == '.' || c == '-'; });
  if (groups.size() == 3 && groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2 && dotted_or_dashed) return true;
  return std::all_of(groups.begin(), groups.end(), [](std::size_t g) { return g == 4; }) && groups.size() <= 2 &&
         dotted_or_dashed;
}

// Long digit groups, with the separators people write them with ("+36 30 123 4567", "06-30/123-4567",
// "123 456 789", "8123456789", "12345678-1-12"). A group touching a letter is left for the
// document-number rule.
std::string scrub_numbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const bool starts = is_digit(text[i]) || (text[i] == '+' && i + 1 < text.size() && is_digit(text[i + 1]));
    const bool after_word = i > 0 && (is_letter(text[i - 1]) || is_digit(text[i - 1]));
    if (!starts || after_word) {
      out += text[i++];
      continue;
    }
    std::size_t end = i + 1;
    std::size_t last_digit = is_digit(text[i]) ? i : i + 1;
    std::size_t digits = is_digit(text[i]) ? 1 : 0;
    std::size_t joiners = 0;
    while (end < text.size()) {
      const char c = text[end];
      if (is_digit(c)) {
        ++digits;
        last_digit = end;
        joiners = 0;
      } else if (is_number_joiner(c) && joiners < 2) {
        ++joiners;
      } else {
        break;
      }
      ++end;
    }
    // Leading "(" of "(06 30)" belongs to the group only when the group is taken.
    const std::string_view span = text.substr(i, last_digit + 1 - i);
    const bool touches_letter = last_digit + 1 < text.size() && is_letter(text[last_digit + 1]);
    if (digits >= kMinDigitsInNumber && !touches_letter && !is_date_or_years(span)) {
      out += "[szám]";
    } else {
      out += span;
    }
    i = last_digit + 1;
  }
  return out;
}

struct Word {
  std::string space;  // whitespace before the word
  std::string lead;   // punctuation before the core
  std::string core;
  std::string trail;  // punctuation after the core
  bool dropped = false;
};

bool is_punctuation(char c) {
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')' || c == '"' ||
         c == '\'' || c == '[' || c == ']';
}

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < text.size()) {
    Word word;
    while (i < text.size() && is_space(text[i])) word.space += text[i++];
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end])) ++end;
    std::string_view token = text.substr(i, end - i);
    std::size_t first = 0;
    while (first < token.size() && is_punctuation(token[first])) ++first;
    std::size_t last = token.size();
    while (last > first && is_punctuation(token[last - 1])) --last;
    word.lead = std::string(token.substr(0, first));
    word.core = std::string(token.substr(first, last - first));
    word.trail = std::string(token.substr(last));
    words.push_back(std::move(word));
    i = end;
  }
  return words;
}

bool is_email(std::string_view core) {
  const std::size_t at = core.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < core.size();
}

// Letters and digits mixed, as document numbers are: "123456AB", "AB1234567", "HU-12345678".
// Not a number with a Hungarian suffix ("2025-ben", "12345-ös").
bool is_document_id(std::string_view core) {
  std::size_t digits = 0;
  std::size_t letters = 0;
  for (char c : core) {
    if (is_digit(c)) {
      ++digits;
    } else if (is_ascii_letter(c)) {
      ++letters;
    } else if (c != '-') {
      return false;
    }
  }
  if (digits < kMinDigitsInDocumentId || letters == 0) return false;
  const std::size_t dash = core.find('-');
  if (dash != std::string_view::npos && dash > 0 && is_digit(core[dash - 1])) {
    const std::string_view suffix = core.substr(dash + 1);
    const bool lower_suffix =
        !suffix.empty() && std::all_of(suffix.begin(), suffix.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (lower_suffix) return false;
  }
  return true;
}

// "ABC-123", "ABC123", "BC-123" (of "AA BC-123").
bool is_plate(std::string_view core) {
  std::size_t i = 0;
  while (i < core.size() && is_ascii_upper(core[i])) ++i;
  if (i < 2 || i > 4) return false;
  if (i < core.size() && core[i] == '-') ++i;
  const std::string_view digits = core.substr(i);
  return digits.size() == 3 && std::all_of(digits.begin(), digits.end(), is_digit);
}

bool is_two_upper(std::string_view core) {
  return core.size() == 2 && is_ascii_upper(core[0]) && is_ascii_upper(core[1]);
}

bool starts_upper(std::string_view core) {
  if (core.empty()) return false;
  if (is_ascii_upper(core[0])) return true;
  if (core.size() < 2) return false;
  const auto b0 = static_cast<unsigned char>(core[0]);
  const auto b1 = static_cast<unsigned char>(core[1]);
  // Á É Í Ó Ö Ú Ü (U+00C1..U+00DC) and Ő Ű (U+0150, U+0170).
  if (b0 == 0xC3) return b1 >= 0x80 && b1 <= 0x9E;
  if (b0 == 0xC5) return b1 == 0x90 || b1 == 0xB0;
  return false;
}

// Capitalised words at the start of a sentence that are not names.
bool is_common_capitalised(std::string_view core) {
  static constexpr std::array<std::string_view, 18> kWords{"Most", "Itt", "Ott", "Én",  "Nem",  "Már",
                                                           "Még",  "Ma",  "Ki",  "Mi",  "Hogy", "Ha",
                                                           "De",   "És",  "Is",  "Aki", "Azt",  "Ez"};
  return std::find(kWords.begin(), kWords.end(), core) != kWords.end();
}

// Capitalised, not an acronym ("TAJ", "ÁFA").
bool is_name_word(const Word& word) {
  const bool acronym = word.core.size() > 1 && is_ascii_upper(word.core.back());
  return starts_upper(word.core) && !acronym && !is_common_capitalised(word.core) &&
         word.core.find('[') == std::string::npos;
}

std::string lower_ascii(std::string_view core) {
  std::string out(core);
  for (char& c : out) {
    if (is_ascii_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The name comes before "vagyok" ("Kovács János vagyok", "Kovácsné vagyok") or after it or "nevem"
// ("vagyok Kovács János", "a nevem Nagy Éva"); "Nagy Évának hívnak".
void scrub_names(std::vector<Word>& words, std::vector<bool>& name) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string key = lower_ascii(words[i].core);
    const bool before = key == "vagyok" || key == "vagyunk" || key == "hívnak" || key == "hívják";
    const bool after = key == "vagyok" || key == "vagyunk" || key == "nevem" || key == "nevünk";
    if (before) {
      for (std::size_t n = 0; n < kMaxNameWords && n < i; ++n) {
        Word& word = words[i - 1 - n];
        if (!is_name_word(word)) break;
        name[i - 1 - n] = true;
        if (!word.lead.empty()) break;  // a name does not cross a quote or a bracket
      }
    }
    if (after && words[i].trail.empty()) {  // "vagyok, TAJ ..." starts a new clause
      for (std::size_t n = 1; n <= kMaxNameWords && i + n < words.size(); ++n) {
        Word& word = words[i + n];
        if (!is_name_word(word)) break;
        name[i + n] = true;
        if (!word.trail.empty()) break;  // "vagyok Kovács János, és ..." ends at the comma
      }
    }
  }
}

}  // namespace

std::string scrub_personal_data(std::string_view text) {
  std::vector<Word> words = split_words(scrub_numbers(text));
  for (std::size_t i = 0; i < words.size(); ++i) {
    Word& word = words[i];
    if (is_email(word.core)) {
      word.core = "[e-mail]";
    } else if (is_plate(word.core)) {
      word.core = "[rendszám]";
      if (i > 0 && is_two_upper(words[i - 1].core)) {
        words[i - 1].dropped = true;  // "AA BC-123": both halves are the plate
        word.space = words[i - 1].space;
      }
    } else if (is_document_id(word.core)) {
      word.core = "[azonosító]";
    }
  }
  std::vector<bool> name(words.size(), false);
  scrub_names(words, name);

  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& word = words[i];
    if (name[i]) {
      // Consecutive name words become one placeholder.
      if (i > 0 && name[i - 1] && words[i - 1].trail.empty() && word.lead.empty()) {
        out += word.trail;
        continue;
      }
      out += word.space + word.lead + "[név]" + word.trail;
      continue;
    }
    if (word.dropped) continue;
    out += word.space + word.lead + word.core + word.trail;
  }
  return out;
}

}  // namespace ugk::kb
