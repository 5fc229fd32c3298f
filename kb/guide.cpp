#include "kb/guide.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <unordered_map>

#include "kb/enums.h"
#include "kb/ids.h"

namespace ugk::kb::guide {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// Deep enough for any condition a person writes, shallow enough that no text can exhaust the stack.
constexpr int kMaxDepth = 24;
// Question ids travel as URL parameters next to these (the app's page URL adds "guide": ?guide=<id>&<answers>).
constexpr std::string_view kReservedIds[] = {"at", "format", "surface", "settlement", "guide"};

std::string quoted(std::string_view text) {
  return "„" + std::string(text) + "”";
}

// --- Tokens ---------------------------------------------------------------------------------------

struct Token {
  enum class Kind { kIdent, kText, kNumber, kOp, kOpen, kClose, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;
  std::int64_t number = 0;
  std::size_t offset = 0;
};

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || c == '_';
}
bool is_ident_char(char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9');
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  ParseResult run() {
    advance();
    auto result = parse_or(0);
    if (error_) return *error_;
    if (token_.kind != Token::Kind::kEnd) return fail("a feltétel vége után további szöveg (text after the condition)");
    return result;
  }

 private:
  ParseError fail(std::string message) {
    if (!error_) error_ = ParseError{token_.offset, std::move(message)};
    return *error_;
  }

  void advance() {
    if (error_) return;
    std::size_t i = pos_;
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n')) ++i;
    token_ = Token{};
    token_.offset = i;
    if (i >= text_.size()) {
      pos_ = i;
      return;
    }
    const char c = text_[i];
    if (is_ident_start(c)) {
      std::size_t end = i;
      while (end < text_.size() && is_ident_char(text_[end])) ++end;
      token_.kind = Token::Kind::kIdent;
      token_.text = std::string(text_.substr(i, end - i));
      pos_ = end;
    } else if (c == '\'') {
      const std::size_t close = text_.find('\'', i + 1);
      if (close == std::string_view::npos) {
        fail("lezáratlan szöveg: hiányzik a záró ' (unterminated text)");
        return;
      }
      token_.kind = Token::Kind::kText;
      token_.text = std::string(text_.substr(i + 1, close - i - 1));
      pos_ = close + 1;
    } else if ((c >= '0' && c <= '9') ||
               (c == '-' && i + 1 < text_.size() && text_[i + 1] >= '0' && text_[i + 1] <= '9')) {
      std::size_t end = i + 1;
      while (end < text_.size() && text_[end] >= '0' && text_[end] <= '9') ++end;
      std::int64_t value = 0;
      const auto [ptr, ec] = std::from_chars(text_.data() + i, text_.data() + end, value);
      if (ec != std::errc() || ptr != text_.data() + end) {
        fail("túl nagy szám (number out of range)");
        return;
      }
      token_.kind = Token::Kind::kNumber;
      token_.number = value;
      token_.text = std::string(text_.substr(i, end - i));
      pos_ = end;
    } else if (c == '(' || c == ')') {
      token_.kind = c == '(' ? Token::Kind::kOpen : Token::Kind::kClose;
      token_.text = std::string(1, c);
      pos_ = i + 1;
    } else {
      for (std::string_view op : {"==", "!=", "<=", ">=", "<", ">"}) {
        if (text_.substr(i, op.size()) == op) {
          token_.kind = Token::Kind::kOp;
          token_.text = std::string(op);
          pos_ = i + op.size();
          return;
        }
      }
      fail("ismeretlen jel (unexpected character)");
    }
  }

  bool at_keyword(std::string_view word) const { return token_.kind == Token::Kind::kIdent && token_.text == word; }

  ConditionPtr parse_or(int depth) {
    if (depth > kMaxDepth) {
      fail("túl mélyen egymásba ágyazott feltétel (condition nested too deeply)");
      return nullptr;
    }
    auto first = parse_and(depth);
    if (!at_keyword("or")) return first;
    auto node = std::make_shared<Condition>();
    node->kind = Condition::Kind::kOr;
    node->children.push_back(first);
    while (!error_ && at_keyword("or")) {
      advance();
      node->children.push_back(parse_and(depth));
    }
    return node;
  }

  ConditionPtr parse_and(int depth) {
    auto first = parse_unary(depth);
    if (!at_keyword("and")) return first;
    auto node = std::make_shared<Condition>();
    node->kind = Condition::Kind::kAnd;
    node->children.push_back(first);
    while (!error_ && at_keyword("and")) {
      advance();
      node->children.push_back(parse_unary(depth));
    }
    return node;
  }

  ConditionPtr parse_unary(int depth) {
    if (error_) return nullptr;
    if (depth > kMaxDepth) {
      fail("túl mélyen egymásba ágyazott feltétel (condition nested too deeply)");
      return nullptr;
    }
    if (at_keyword("not")) {
      advance();
      auto node = std::make_shared<Condition>();
      node->kind = Condition::Kind::kNot;
      node->children.push_back(parse_unary(depth + 1));
      return node;
    }
    if (token_.kind == Token::Kind::kOpen) {
      advance();
      auto inner = parse_or(depth + 1);
      if (error_) return nullptr;
      if (token_.kind != Token::Kind::kClose) {
        fail("hiányzó ) (missing closing parenthesis)");
        return nullptr;
      }
      advance();
      return inner;
    }
    if (at_keyword("answered")) {
      advance();
      auto id = parenthesised_id();
      auto node = std::make_shared<Condition>();
      node->kind = Condition::Kind::kAnswered;
      node->question = id;
      return node;
    }
    auto node = std::make_shared<Condition>();
    node->kind = Condition::Kind::kCompare;
    node->left = parse_term();
    if (error_) return nullptr;
    if (token_.kind == Token::Kind::kOp) {
      static const std::pair<std::string_view, Condition::Op> kOps[] = {
          {"==", Condition::Op::kEq}, {"!=", Condition::Op::kNe}, {"<", Condition::Op::kLt},
          {"<=", Condition::Op::kLe}, {">", Condition::Op::kGt},  {">=", Condition::Op::kGe}};
      for (const auto& [text, op] : kOps) {
        if (token_.text == text) node->op = op;
      }
    } else if (at_keyword("contains")) {
      node->op = Condition::Op::kContains;
    } else {
      fail("összehasonlítás hiányzik: ==, !=, <, <=, >, >= vagy contains (expected a comparison)");
      return nullptr;
    }
    advance();
    node->right = parse_term();
    return node;
  }

  std::string parenthesised_id() {
    if (token_.kind != Token::Kind::kOpen) {
      fail("hiányzó ( (expected an opening parenthesis)");
      return {};
    }
    advance();
    if (token_.kind != Token::Kind::kIdent) {
      fail("kérdés azonosítója szükséges (expected a question id)");
      return {};
    }
    std::string id = token_.text;
    advance();
    if (token_.kind != Token::Kind::kClose) {
      fail("hiányzó ) (missing closing parenthesis)");
      return {};
    }
    advance();
    return id;
  }

  Term parse_term() {
    Term term;
    if (error_) return term;
    switch (token_.kind) {
      case Token::Kind::kText:
        term.kind = Term::Kind::kText;
        term.text = token_.text;
        advance();
        return term;
      case Token::Kind::kNumber:
        term.kind = Term::Kind::kNumber;
        term.number = token_.number;
        advance();
        return term;
      case Token::Kind::kIdent: {
        static constexpr std::string_view kKeywords[] = {"and", "or", "not", "contains", "answered"};
        if (std::find(std::begin(kKeywords), std::end(kKeywords), token_.text) != std::end(kKeywords)) {
          fail("kulcsszó áll érték helyén: " + quoted(token_.text) + " (keyword where a value was expected)");
          return term;
        }
        if (token_.text == "days_since" || token_.text == "years_since") {
          term.kind = token_.text == "days_since" ? Term::Kind::kDaysSince : Term::Kind::kYearsSince;
          advance();
          term.text = parenthesised_id();
          return term;
        }
        term.kind = Term::Kind::kAnswer;
        term.text = token_.text;
        advance();
        return term;
      }
      default:
        fail("érték szükséges: kérdés, 'szöveg' vagy szám (expected a value)");
        return term;
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  Token token_;
  std::optional<ParseError> error_;
};

void collect_questions(const Condition& c, std::vector<std::string>& out) {
  switch (c.kind) {
    case Condition::Kind::kOr:
    case Condition::Kind::kAnd:
    case Condition::Kind::kNot:
      for (const auto& child : c.children) collect_questions(*child, out);
      break;
    case Condition::Kind::kAnswered:
      out.push_back(c.question);
      break;
    case Condition::Kind::kCompare:
      for (const Term* t : {&c.left, &c.right}) {
        if (t->kind == Term::Kind::kAnswer || t->kind == Term::Kind::kDaysSince || t->kind == Term::Kind::kYearsSince)
          out.push_back(t->text);
      }
      break;
  }
}

// --- Dates ----------------------------------------------------------------------------------------

std::int64_t years_between(sys_days from, sys_days to) {
  const std::chrono::year_month_day a{from};
  const std::chrono::year_month_day b{to};
  std::int64_t years = static_cast<int>(b.year()) - static_cast<int>(a.year());
  if (std::pair(static_cast<unsigned>(b.month()), static_cast<unsigned>(b.day())) <
      std::pair(static_cast<unsigned>(a.month()), static_cast<unsigned>(a.day())))
    --years;
  return years;
}

sys_days years_before(sys_days day, int years) {
  std::chrono::year_month_day ymd{day};
  std::chrono::year_month_day earlier{ymd.year() - std::chrono::years(years), ymd.month(), ymd.day()};
  if (!earlier.ok()) earlier = std::chrono::year_month_day{earlier.year(), earlier.month(), std::chrono::day(28)};
  return sys_days{earlier};
}

// --- Values of the answers on a path ----------------------------------------------------------------

using Values = std::unordered_map<std::string, AnsweredQuestion>;

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    out.emplace_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

template <typename T>
bool compare(Condition::Op op, const T& a, const T& b) {
  switch (op) {
    case Condition::Op::kEq:
      return a == b;
    case Condition::Op::kNe:
      return a != b;
    case Condition::Op::kLt:
      return a < b;
    case Condition::Op::kLe:
      return a <= b;
    case Condition::Op::kGt:
      return a > b;
    case Condition::Op::kGe:
      return a >= b;
    case Condition::Op::kContains:
      return false;
  }
  return false;
}

bool holds(const Condition& c, const Values& values, sys_days today) {
  switch (c.kind) {
    case Condition::Kind::kOr:
      return std::any_of(c.children.begin(), c.children.end(),
                         [&](const ConditionPtr& child) { return holds(*child, values, today); });
    case Condition::Kind::kAnd:
      return std::all_of(c.children.begin(), c.children.end(),
                         [&](const ConditionPtr& child) { return holds(*child, values, today); });
    case Condition::Kind::kNot:
      return !holds(*c.children.front(), values, today);
    case Condition::Kind::kAnswered:
      return values.contains(c.question);
    case Condition::Kind::kCompare:
      break;
  }
  const auto it = values.find(c.left.text);
  if (it == values.end()) return false;
  const std::string& value = it->second.value;
  switch (c.left.kind) {
    case Term::Kind::kDaysSince:
    case Term::Kind::kYearsSince: {
      const auto day = parse_iso_date(value);
      if (!day) return false;
      const std::int64_t n =
          c.left.kind == Term::Kind::kDaysSince ? (today - *day).count() : years_between(*day, today);
      return compare(c.op, n, c.right.number);
    }
    case Term::Kind::kAnswer:
      break;
    default:
      return false;
  }
  switch (it->second.question->kind) {
    case QuestionKind::kSeveralOf: {
      if (c.op != Condition::Op::kContains) return false;
      const auto items = split_list(value);
      return std::find(items.begin(), items.end(), c.right.text) != items.end();
    }
    case QuestionKind::kNumber: {
      const auto n = parse_integer(value);
      return n && compare(c.op, *n, c.right.number);
    }
    default:
      return compare(c.op, std::string_view(value), std::string_view(c.right.text));
  }
}

// Conditions were checked when the guide was saved; one that does not parse here holds nowhere.
bool holds(std::string_view text, const Values& values, sys_days today) {
  const auto parsed = parse_condition(text);
  const auto* condition = std::get_if<ConditionPtr>(&parsed);
  return condition != nullptr && holds(**condition, values, today);
}

bool holds(const OptString& when, const Values& values, sys_days today) {
  return !when || holds(std::string_view(*when), values, today);
}

Values values_of(const Evaluation& evaluation) {
  Values values;
  for (const auto& answered : evaluation.path) values.emplace(answered.question->id, answered);
  return values;
}

// The canonical form of an answer, or why it cannot be used.
std::variant<std::string, AnswerError> canonical(const GuideQuestion& q, const std::string& raw,
                                                 const SettlementResolver& resolve) {
  const auto error = [&](std::string code) { return AnswerError{q.id, std::move(code), raw}; };
  const auto is_option = [&](std::string_view value) {
    return std::any_of(q.options.begin(), q.options.end(), [&](const GuideOption& o) { return o.value == value; });
  };
  switch (q.kind) {
    case QuestionKind::kYesNo:
      if (raw == "igen" || raw == "nem") return raw;
      return error("not_an_option");
    case QuestionKind::kOneOf:
      if (is_option(raw)) return raw;
      return error("not_an_option");
    case QuestionKind::kSeveralOf: {
      const auto items = split_list(raw);
      for (const auto& item : items) {
        if (!is_option(item)) return AnswerError{q.id, "not_an_option", item};
      }
      // In the guide's order, once each, so that one choice has one URL.
      std::string out;
      for (const auto& option : q.options) {
        if (std::find(items.begin(), items.end(), option.value) == items.end()) continue;
        if (!out.empty()) out += ',';
        out += option.value;
      }
      return out;
    }
    case QuestionKind::kNumber: {
      const auto n = parse_integer(raw);
      if (!n) return error("not_a_number");
      if ((q.min && *n < *q.min) || (q.max && *n > *q.max)) return error("out_of_range");
      return std::to_string(*n);
    }
    case QuestionKind::kDate:
      if (!parse_iso_date(raw)) return error("not_a_date");
      return raw;
    case QuestionKind::kSettlement: {
      auto resolved = resolve ? resolve(raw) : std::optional<std::string>(raw);
      if (!resolved) return error("unknown_settlement");
      return *resolved;
    }
  }
  return error("not_an_option");
}

template <typename T, typename Key>
std::vector<T> select(const std::vector<GuideConditional>& conditions, const std::vector<T>& items, Key key,
                      const Evaluation& evaluation, sys_days today) {
  const Values values = values_of(evaluation);
  std::vector<T> out;
  for (const auto& item : items) {
    const auto it = std::find_if(conditions.begin(), conditions.end(),
                                 [&](const GuideConditional& c) { return c.text == key(item); });
    if (it == conditions.end() || holds(it->when, values, today)) out.push_back(item);
  }
  return out;
}

// --- Rules ----------------------------------------------------------------------------------------

class GuideChecker {
 public:
  GuideChecker(const Guide& guide, const References& refs) : g_(guide), refs_(refs) {}

  Issues run() {
    if (!is_valid_simple_id(g_.id)) fail("id", "érvénytelen azonosító (invalid id)");
    if (g_.title.empty()) fail("title", "üres cím (empty title)");
    if (g_.summary.empty()) fail("summary", "üres összefoglaló (empty summary)");
    if (g_.keywords.empty()) fail("keywords", "legalább egy kulcsszó kell (at least one keyword)");
    if (g_.outcomes.empty()) fail("outcomes", "legalább egy eredmény kell (at least one outcome)");
    index_nodes();
    if (!nodes_.contains(g_.start)) fail("start", "ismeretlen kezdő lépés: " + quoted(g_.start) + " (unknown node)");
    for (std::size_t i = 0; i < g_.questions.size(); ++i) check_question(g_.questions[i], indexed("questions", i));
    for (std::size_t i = 0; i < g_.outcomes.size(); ++i) check_outcome(g_.outcomes[i], indexed("outcomes", i));
    if (nodes_.contains(g_.start)) check_graph();
    return std::move(issues_);
  }

 private:
  struct Node {
    std::string path;
    const GuideQuestion* question = nullptr;  // nullptr: an outcome
  };

  static std::string indexed(std::string_view name, std::size_t i) {
    return std::string(name) + "[" + std::to_string(i) + "]";
  }

  void fail(std::string field, std::string message) { issues_.push_back({std::move(field), std::move(message)}); }

  void index_nodes() {
    const auto add = [&](const std::string& id, const std::string& path, const GuideQuestion* q) {
      const bool shape =
          !id.empty() && id.size() <= 40 && is_ident_start(id[0]) && std::all_of(id.begin(), id.end(), is_ident_char);
      if (!shape) {
        fail(path + ".id", "az azonosító kisbetű, számjegy és _ lehet, betűvel kezdve (ids are [a-z_][a-z0-9_]*)");
      } else if (std::find(std::begin(kReservedIds), std::end(kReservedIds), id) != std::end(kReservedIds)) {
        fail(path + ".id", "foglalt név: " + quoted(id) + " (a reserved URL parameter)");
      } else if (static constexpr std::string_view kKeywords[] = {"and", "or", "not", "contains", "answered",
                                                                  "days_since", "years_since"};
                 std::find(std::begin(kKeywords), std::end(kKeywords), id) != std::end(kKeywords)) {
        fail(path + ".id", "a feltételnyelv kulcsszava: " + quoted(id) + " (a keyword of the condition language)");
      }
      if (!nodes_.emplace(id, Node{path, q}).second) {
        fail(path + ".id", "ismétlődő azonosító: " + quoted(id) + " (duplicate node id)");
      }
    };
    for (std::size_t i = 0; i < g_.questions.size(); ++i)
      add(g_.questions[i].id, indexed("questions", i), &g_.questions[i]);
    for (std::size_t i = 0; i < g_.outcomes.size(); ++i) add(g_.outcomes[i].id, indexed("outcomes", i), nullptr);
  }

  const GuideQuestion* question(const std::string& id) const {
    auto it = nodes_.find(id);
    return it == nodes_.end() ? nullptr : it->second.question;
  }

  void check_target(const std::string& target, const std::string& field) {
    if (!nodes_.contains(target)) fail(field, "ismeretlen cél: " + quoted(target) + " (unknown target node)");
  }

  void check_question(const GuideQuestion& q, const std::string& path) {
    if (q.text.empty()) fail(path + ".text", "üres kérdés (empty question)");
    const bool choice = q.kind == QuestionKind::kOneOf || q.kind == QuestionKind::kSeveralOf;
    if (choice && q.options.size() < 2) fail(path + ".options", "legalább két válasz kell (at least two options)");
    if (!choice && !q.options.empty())
      fail(path + ".options", "csak választós kérdésnek van válaszlistája (options only for one_of and several_of)");
    std::set<std::string> values;
    for (std::size_t k = 0; k < q.options.size(); ++k) {
      const auto& o = q.options[k];
      const std::string field = path + "." + indexed("options", k);
      if (o.value.empty() || o.value.find(',') != std::string::npos || o.value.size() > 40)
        fail(field + ".value",
             "az érték nem üres, vessző nélküli, legfeljebb 40 bájt (non-empty, no comma, at most 40 bytes)");
      if (o.label.empty()) fail(field + ".label", "üres felirat (empty label)");
      if (!values.insert(o.value).second)
        fail(field + ".value", "ismétlődő érték: " + quoted(o.value) + " (duplicate value)");
    }
    if (q.kind == QuestionKind::kSettlement && !q.role)
      fail(path + ".role", "a település szerepe kell: kinek a települése (a settlement question names its role)");
    if (q.kind != QuestionKind::kSettlement && q.role)
      fail(path + ".role", "csak településkérdésnek van szerepe (role only for settlement questions)");
    if (q.kind != QuestionKind::kNumber && (q.min || q.max))
      fail(path + ".min", "csak számkérdésnek van határa (min and max only for numbers)");
    if (q.min && q.max && *q.min > *q.max) fail(path + ".max", "a felső határ kisebb az alsónál (max below min)");
    for (std::size_t k = 0; k < q.branches.size(); ++k) {
      const std::string field = path + "." + indexed("branches", k);
      check_condition(q.branches[k].when, field + ".when");
      check_target(q.branches[k].next, field + ".next");
    }
    check_target(q.otherwise, path + ".otherwise");
  }

  void check_outcome(const GuideOutcome& o, const std::string& path) {
    if (o.title.empty()) fail(path + ".title", "üres cím (empty title)");
    if (o.steps.empty() && o.notes.empty())
      fail(path + ".steps", "az eredményben ügy vagy megjegyzés kell (an outcome needs a step or a note)");
    for (std::size_t k = 0; k < o.steps.size(); ++k) check_step(o.steps[k], path + "." + indexed("steps", k));
    for (std::size_t k = 0; k < o.notes.size(); ++k) {
      const std::string field = path + "." + indexed("notes", k);
      if (o.notes[k].text.empty()) fail(field + ".text", "üres megjegyzés (empty note)");
      if (o.notes[k].when) check_condition(*o.notes[k].when, field + ".when");
    }
  }

  void check_step(const GuideStep& s, const std::string& path) {
    if (s.when) check_condition(*s.when, path + ".when");
    const Procedure* p = refs_.procedure(s.procedure_id);
    if (p == nullptr) {
      if (!refs_.unreadable(RecordKind::kProcedure, s.procedure_id))
        fail(path + ".procedure_id", "ismeretlen ügyleírás: " + quoted(s.procedure_id) + " (unknown procedure)");
    }
    if (s.settlement) {
      const GuideQuestion* q = question(*s.settlement);
      if (q == nullptr || q->kind != QuestionKind::kSettlement)
        fail(path + ".settlement", "nem településkérdés: " + quoted(*s.settlement) + " (not a settlement question)");
    }
    const auto check_items = [&](const std::vector<GuideConditional>& items, const std::string& name, auto has) {
      for (std::size_t k = 0; k < items.size(); ++k) {
        const std::string field = path + "." + indexed(name, k);
        if (p != nullptr && !has(*p, items[k].text))
          fail(field + ".text",
               "az ügyleírásban nincs ilyen tétel: " + quoted(items[k].text) + " (not in the procedure)");
        if (items[k].when) check_condition(*items[k].when, field + ".when");
      }
    };
    check_items(s.documents, "documents", [](const Procedure& proc, const std::string& text) {
      return std::find(proc.documents.begin(), proc.documents.end(), text) != proc.documents.end();
    });
    check_items(s.fees, "fees", [](const Procedure& proc, const std::string& text) {
      return std::any_of(proc.fees.begin(), proc.fees.end(), [&](const Fee& f) { return f.label == text; });
    });
  }

  void check_condition(const std::string& text, const std::string& field) {
    const auto parsed = parse_condition(text);
    if (const auto* error = std::get_if<ParseError>(&parsed)) {
      fail(field, error->message + ", " + std::to_string(error->offset + 1) + ". bájt (at byte " +
                      std::to_string(error->offset + 1) + ")");
      return;
    }
    check_types(*std::get<ConditionPtr>(parsed), field);
  }

  void check_types(const Condition& c, const std::string& field) {
    switch (c.kind) {
      case Condition::Kind::kOr:
      case Condition::Kind::kAnd:
      case Condition::Kind::kNot:
        for (const auto& child : c.children) check_types(*child, field);
        return;
      case Condition::Kind::kAnswered:
        if (question(c.question) == nullptr) unknown_question(c.question, field);
        return;
      case Condition::Kind::kCompare:
        break;
    }
    if (c.left.kind == Term::Kind::kText || c.left.kind == Term::Kind::kNumber) {
      fail(field, "az összehasonlítás bal oldalán kérdés áll (the left side names a question)");
      return;
    }
    if (c.right.kind != Term::Kind::kText && c.right.kind != Term::Kind::kNumber) {
      fail(field, "az összehasonlítás jobb oldalán 'szöveg' vagy szám áll (the right side is a literal)");
      return;
    }
    const GuideQuestion* q = question(c.left.text);
    if (q == nullptr) return unknown_question(c.left.text, field);
    const bool ordered = c.op != Condition::Op::kEq && c.op != Condition::Op::kNe;
    const auto expect = [&](bool ok, std::string what) {
      if (!ok) fail(field, quoted(q->id) + " " + what);
    };
    if (c.left.kind != Term::Kind::kAnswer) {
      expect(q->kind == QuestionKind::kDate, "nem dátumkérdés (days_since and years_since need a date question)");
      expect(c.right.kind == Term::Kind::kNumber && c.op != Condition::Op::kContains,
             "napok vagy évek számával hasonlítható össze (compares with a number)");
      return;
    }
    const auto is_option = [&](const std::string& value) {
      return std::any_of(q->options.begin(), q->options.end(), [&](const GuideOption& o) { return o.value == value; });
    };
    switch (q->kind) {
      case QuestionKind::kYesNo:
        expect(!ordered && c.right.kind == Term::Kind::kText && (c.right.text == "igen" || c.right.text == "nem"),
               "igen/nem kérdés: == 'igen' vagy == 'nem' (a yes/no question compares with 'igen' or 'nem')");
        break;
      case QuestionKind::kOneOf:
        expect(!ordered && c.right.kind == Term::Kind::kText && is_option(c.right.text),
               "válaszai között nincs ilyen: " + quoted(c.right.text) + " (not one of its options)");
        break;
      case QuestionKind::kSeveralOf:
        expect(c.op == Condition::Op::kContains && c.right.kind == Term::Kind::kText && is_option(c.right.text),
               "több választásos kérdés: contains és egy válasza (use contains with one of its options)");
        break;
      case QuestionKind::kNumber:
        expect(c.op != Condition::Op::kContains && c.right.kind == Term::Kind::kNumber,
               "számkérdés: számmal hasonlítható össze (a number question compares with a number)");
        break;
      case QuestionKind::kDate:
        expect(c.op != Condition::Op::kContains && c.right.kind == Term::Kind::kText && parse_iso_date(c.right.text),
               "dátumkérdés: 'ÉÉÉÉ-HH-NN' dátummal hasonlítható össze (a date question compares with a date)");
        break;
      case QuestionKind::kSettlement:
        expect(!ordered && c.right.kind == Term::Kind::kText,
               "településkérdés: == vagy != 'KSH-kód' (a settlement question compares with a KSH code)");
        break;
    }
  }

  void unknown_question(const std::string& id, const std::string& field) {
    fail(field, "ismeretlen kérdés a feltételben: " + quoted(id) + " (unknown question)");
  }

  // Every node reachable from the start, and no way back to a node already on the way.
  void check_graph() {
    enum class Mark { kNone, kOnPath, kDone };
    std::unordered_map<std::string, Mark> marks;
    bool cycle_reported = false;
    const auto visit = [&](const auto& self, const std::string& id) -> void {
      auto it = nodes_.find(id);
      if (it == nodes_.end()) return;
      Mark& mark = marks[id];
      if (mark == Mark::kDone) return;
      if (mark == Mark::kOnPath) {
        if (!cycle_reported)
          fail(it->second.path,
               "kör a kérdések között: " + quoted(id) + " újra sorra kerülne (a cycle returns to this node)");
        cycle_reported = true;
        return;
      }
      mark = Mark::kOnPath;
      if (const GuideQuestion* q = it->second.question) {
        for (const auto& b : q->branches) self(self, b.next);
        self(self, q->otherwise);
      }
      marks[id] = Mark::kDone;
    };
    visit(visit, g_.start);
    for (const auto& [id, node] : nodes_) {
      if (!marks.contains(id))
        fail(node.path, "elérhetetlen lépés: " + quoted(id) + " (the node cannot be reached from the start)");
    }
  }

  const Guide& g_;
  const References& refs_;
  std::map<std::string, Node> nodes_;
  Issues issues_;
};

// The values worth trying for a question: what its conditions compare with, and either side.
std::vector<std::string> samples(const Guide& guide, const GuideQuestion& q, sys_days today,
                                 const std::string& settlement) {
  std::vector<std::string> out;
  const auto add = [&](std::string v) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  };
  // Literals of every comparison with this question, anywhere in the guide.
  std::vector<const Condition*> comparisons;
  const auto collect = [&](const auto& self, const Condition& c) -> void {
    if (c.kind == Condition::Kind::kCompare && c.left.text == q.id) comparisons.push_back(&c);
    for (const auto& child : c.children) self(self, *child);
  };
  std::vector<ConditionPtr> keep;
  const auto scan = [&](const std::string& text) {
    auto parsed = parse_condition(text);
    if (auto* c = std::get_if<ConditionPtr>(&parsed)) {
      keep.push_back(*c);
      collect(collect, **c);
    }
  };
  const auto scan_opt = [&](const OptString& text) {
    if (text) scan(*text);
  };
  for (const auto& question : guide.questions) {
    for (const auto& b : question.branches) scan(b.when);
  }
  for (const auto& outcome : guide.outcomes) {
    for (const auto& s : outcome.steps) {
      scan_opt(s.when);
      for (const auto& d : s.documents) scan_opt(d.when);
      for (const auto& f : s.fees) scan_opt(f.when);
    }
    for (const auto& n : outcome.notes) scan_opt(n.when);
  }
  switch (q.kind) {
    case QuestionKind::kYesNo:
      add("igen");
      add("nem");
      break;
    case QuestionKind::kOneOf:
      for (const auto& o : q.options) add(o.value);
      break;
    case QuestionKind::kSeveralOf: {
      add("");
      std::string all;
      for (const auto& o : q.options) {
        add(o.value);
        all += (all.empty() ? "" : ",") + o.value;
      }
      add(all);
      break;
    }
    case QuestionKind::kNumber: {
      for (const Condition* c : comparisons) {
        for (std::int64_t d : {-1, 0, 1}) {
          const std::int64_t v = c->right.number + d;
          if ((!q.min || v >= *q.min) && (!q.max || v <= *q.max)) add(std::to_string(v));
        }
      }
      if (out.empty()) add(std::to_string(q.min.value_or(0)));
      break;
    }
    case QuestionKind::kDate: {
      for (const Condition* c : comparisons) {
        sys_days base = today;
        if (c->left.kind == Term::Kind::kDaysSince) base = today - days(c->right.number);
        if (c->left.kind == Term::Kind::kYearsSince) base = years_before(today, static_cast<int>(c->right.number));
        if (c->left.kind == Term::Kind::kAnswer) base = parse_iso_date(c->right.text).value_or(today);
        for (int d : {0, -1, 1}) add(iso_date(base + days(d)));
      }
      if (out.empty()) add(iso_date(today));
      break;
    }
    case QuestionKind::kSettlement:
      add(settlement);
      break;
  }
  return out;
}

}  // namespace

ParseResult parse_condition(std::string_view text) {
  if (text.size() > 1000) return ParseError{0, "túl hosszú feltétel, legfeljebb 1000 bájt (condition too long)"};
  return Parser(text).run();
}

std::vector<std::string> questions_of(const Condition& condition) {
  std::vector<std::string> out;
  collect_questions(condition, out);
  return out;
}

Issues check_guide(const Guide& guide, const References& refs) {
  return GuideChecker(guide, refs).run();
}

EvaluationResult evaluate(const Guide& guide, const Answers& answers, sys_days today,
                          const SettlementResolver& resolve_settlement) {
  Evaluation result;
  std::unordered_map<std::string_view, const GuideQuestion*> questions;
  std::unordered_map<std::string_view, const GuideOutcome*> outcomes;
  for (const auto& q : guide.questions) questions.emplace(q.id, &q);
  for (const auto& o : guide.outcomes) outcomes.emplace(o.id, &o);
  for (const auto& [id, value] : answers) {
    if (!questions.contains(id)) return AnswerError{id, "unknown_question", value};
  }
  Values values;
  std::string node = guide.start;
  // A checked guide has no cycle; the bound keeps an unchecked one from looping.
  for (std::size_t steps = 0; steps <= guide.questions.size(); ++steps) {
    if (auto o = outcomes.find(node); o != outcomes.end()) {
      result.outcome = o->second;
      break;
    }
    auto q = questions.find(node);
    if (q == questions.end()) break;
    const GuideQuestion& question = *q->second;
    auto answer = answers.find(question.id);
    if (answer == answers.end()) {
      result.question = &question;
      break;
    }
    auto value = canonical(question, answer->second, resolve_settlement);
    if (auto* error = std::get_if<AnswerError>(&value)) return *error;
    AnsweredQuestion answered{&question, std::get<std::string>(std::move(value))};
    result.path.push_back(answered);
    values.emplace(question.id, answered);
    node = question.otherwise;
    for (const auto& branch : question.branches) {
      if (holds(std::string_view(branch.when), values, today)) {
        node = branch.next;
        break;
      }
    }
  }
  if (result.outcome != nullptr) {
    for (const auto& step : result.outcome->steps) {
      if (holds(step.when, values, today)) result.steps.push_back(&step);
    }
    for (const auto& note : result.outcome->notes) {
      if (holds(note.when, values, today)) result.notes.push_back(note.text);
    }
  }
  for (const auto& [id, value] : answers) {
    if (!values.contains(id)) result.unused.push_back(id);
  }
  return result;
}

std::vector<std::string> select_documents(const GuideStep& step, const std::vector<std::string>& documents,
                                          const Evaluation& evaluation, sys_days today) {
  return select(
      step.documents, documents, [](const std::string& d) -> const std::string& { return d; }, evaluation, today);
}

std::vector<Fee> select_fees(const GuideStep& step, const std::vector<Fee>& fees, const Evaluation& evaluation,
                             sys_days today) {
  return select(
      step.fees, fees, [](const Fee& f) -> const std::string& { return f.label; }, evaluation, today);
}

std::optional<std::string> step_settlement(const GuideStep& step, const Evaluation& evaluation) {
  if (!step.settlement) return std::nullopt;
  for (const auto& answered : evaluation.path) {
    if (answered.question->id == *step.settlement) return answered.value;
  }
  return std::nullopt;
}

std::vector<Answers> enumerate_paths(const Guide& guide, sys_days today, const std::string& settlement,
                                     std::size_t limit) {
  std::vector<Answers> out;
  const SettlementResolver same = [](std::string_view text) { return std::optional<std::string>(text); };
  const auto explore = [&](const auto& self, const Answers& answers) -> void {
    if (out.size() >= limit) return;
    auto result = evaluate(guide, answers, today, same);
    const auto* evaluation = std::get_if<Evaluation>(&result);
    if (evaluation == nullptr) return;
    if (evaluation->question == nullptr) {
      if (evaluation->outcome != nullptr) out.push_back(answers);
      return;
    }
    for (const auto& value : samples(guide, *evaluation->question, today, settlement)) {
      Answers next = answers;
      next[evaluation->question->id] = value;
      self(self, next);
    }
  };
  explore(explore, Answers{});
  return out;
}

std::string iso_date(sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

std::optional<sys_days> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = parse_integer(text.substr(0, 4));
  const auto m = parse_integer(text.substr(5, 2));
  const auto d = parse_integer(text.substr(8, 2));
  if (!y || !m || !d || *y < 1900 || *y > 2200) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(*y)),
                                        std::chrono::month(static_cast<unsigned>(*m)),
                                        std::chrono::day(static_cast<unsigned>(*d))};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

}  // namespace ugk::kb::guide
