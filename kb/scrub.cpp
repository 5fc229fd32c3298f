#include "kb/scrub.h"

#include <cctype>
#include <vector>

namespace ugk::kb {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_upper_start(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c >= 'A' && c <= 'Z') return true;
  // Hungarian capitals in UTF-8: Á É Í Ó Ö Ő Ú Ü Ű (C3 81/89/8D/93/96/9A/9C, C5 90/B0).
  if (c == 0xC3 && i + 1 < text.size()) {
    const auto d = static_cast<unsigned char>(text[i + 1]);
    return d == 0x81 || d == 0x89 || d == 0x8D || d == 0x93 || d == 0x96 || d == 0x9A || d == 0x9C;
  }
  if (c == 0xC5 && i + 1 < text.size()) {
    const auto d = static_cast<unsigned char>(text[i + 1]);
    return d == 0x90 || d == 0xB0;
  }
  return false;
}
// A byte that belongs to a word: ASCII letters and digits and every byte of a multi-byte UTF-8 letter.
bool is_word_byte(char c) {
  return is_ascii_alpha(c) || is_digit(c) || (static_cast<unsigned char>(c) & 0x80) != 0;
}
bool is_email_local(char c) {
  return is_ascii_alpha(c) || is_digit(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
}
bool is_email_domain(char c) {
  return is_ascii_alpha(c) || is_digit(c) || c == '.' || c == '-';
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A number written with separators (space, '-', '/', '.', '(' ')'): the end of the run and its digits.
struct DigitRun {
  std::size_t end = 0;
  std::string digits;
};
DigitRun digit_run(std::string_view text, std::size_t start) {
  DigitRun run;
  std::size_t i = start;
  std::size_t last_digit_end = start;
  while (i < text.size()) {
    const char c = text[i];
    if (is_digit(c)) {
      run.digits += c;
      last_digit_end = i + 1;
      ++i;
    } else if ((c == ' ' || c == '-' || c == '/' || c == '.' || c == '(' || c == ')') && i + 1 < text.size() &&
               (is_digit(text[i + 1]) || text[i + 1] == '(' || text[i + 1] == ' ')) {
      ++i;
    } else {
      break;
    }
  }
  run.end = last_digit_end;
  return run;
}

const char* classify_number(const std::string& digits, bool plus) {
  if (plus || digits.starts_with("36") || (digits.starts_with("06") && digits.size() >= 8)) return "[telefonszám]";
  if (digits.size() == 9) return "[TAJ-szám]";
  if (digits.size() == 10) return "[adóazonosító]";
  if (digits.size() >= 7 && digits.size() <= 8) return "[telefonszám]";
  return "[szám]";
}

}  // namespace

std::string scrub_personal_data(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  bool name_follows = false;  // the previous word was "vagyok" / "nevem"
  int name_words = 0;
  // The capitalised words just written, separated by single spaces only: "Kiss Péter vagyok".
  std::vector<std::size_t> capitalised_starts;
  while (i < text.size()) {
    const char c = text[i];
    const bool word_start = i == 0 || !is_word_byte(text[i - 1]);
    // E-mail: scan a word of local-part characters and look for '@' followed by a dotted domain.
    if (word_start && is_email_local(c)) {
      std::size_t j = i;
      while (j < text.size() && is_email_local(text[j])) ++j;
      if (j < text.size() && text[j] == '@') {
        std::size_t k = j + 1;
        while (k < text.size() && is_email_domain(text[k])) ++k;
        const std::string_view domain = text.substr(j + 1, k - j - 1);
        if (domain.find('.') != std::string_view::npos) {
          while (k > j + 1 && text[k - 1] == '.') --k;  // a sentence's full stop
          out += "[e-mail]";
          i = k;
          continue;
        }
      }
    }
    // Document numbers: identity cards (123456AB, AB123456) and passports (AB1234567).
    if (word_start && is_word_byte(c)) {
      std::size_t j = i;
      while (j < text.size() && (is_ascii_alpha(text[j]) || is_digit(text[j]))) ++j;
      const std::string_view w = text.substr(i, j - i);
      const bool ends_word = j == text.size() || !is_word_byte(text[j]);
      auto all = [](std::string_view part, bool (*test)(char)) {
        for (char ch : part) {
          if (!test(ch)) return false;
        }
        return !part.empty();
      };
      const bool letters_first =
          (w.size() == 8 || w.size() == 9) && all(w.substr(0, 2), is_ascii_alpha) && all(w.substr(2), is_digit);
      const bool digits_first = w.size() == 8 && all(w.substr(0, 6), is_digit) && all(w.substr(6), is_ascii_alpha);
      if (ends_word && (letters_first || digits_first)) {
        out += "[okmányszám]";
        i = j;
        continue;
      }
    }
    // Numbers: phone, TAJ, tax id, or any long digit run.
    if ((word_start || (i > 0 && text[i - 1] == '+')) &&
        (is_digit(c) || (c == '+' && i + 1 < text.size() && is_digit(text[i + 1])))) {
      const bool plus = c == '+';
      const DigitRun run = digit_run(text, plus ? i + 1 : i);
      if (run.digits.size() >= 6) {
        out += classify_number(run.digits, plus);
        i = run.end;
        continue;
      }
    }
    // Names after "vagyok" / "nevem": up to two capitalised words.
    if (word_start && is_word_byte(c)) {
      std::size_t j = i;
      while (j < text.size() && is_word_byte(text[j])) ++j;
      const std::string_view word = text.substr(i, j - i);
      if (name_follows && name_words < 2 && is_upper_start(text, i)) {
        if (name_words == 0) out += "[név]";
        ++name_words;
        i = j;
        // Keep the space between two name words out of the output.
        if (i < text.size() && text[i] == ' ' && i + 1 < text.size() && is_upper_start(text, i + 1) && name_words < 2) {
          ++i;
        }
        continue;
      }
      const std::string lower = lower_ascii(word);
      name_follows = lower == "vagyok" || lower == "nevem";
      name_words = 0;
      if (lower == "vagyok" && !capitalised_starts.empty()) {
        // Up to two capitalised words right before it are the name; a sentence's first word alone is
        // kept ("Ma vagyok itt" has no name), so one word counts only when it is not the text's start.
        const std::size_t take = std::min<std::size_t>(2, capitalised_starts.size());
        const std::size_t from = capitalised_starts[capitalised_starts.size() - take];
        if (take == 2 || from > 0) {
          out.resize(from);
          out += "[név] ";
        }
      }
      if (is_upper_start(text, i)) {
        capitalised_starts.push_back(out.size());
      } else {
        capitalised_starts.clear();
      }
      out.append(word);
      i = j;
      continue;
    }
    if (c != ' ') {
      name_follows = name_follows && (c == ',' || c == ':');
      capitalised_starts.clear();
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace ugk::kb
