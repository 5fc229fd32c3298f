// The routing case table (tests/kb/routing_cases.tsv; its header explains the columns): each row is
// a settlement and a procedure with the offices, roles, reason codes and visits kb::route must give
// on the reference data. One test per row, named after its line; a row that cannot be read fails.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "kb/enums.h"
#include "kb/routing.h"
#include "reference_data.h"

namespace ugk::kb {
namespace {

struct ExpectedOffice {
  std::string id;
  OfficeRole role = OfficeRole::kCompetent;
  ReasonCode reason = ReasonCode::kOwnMayorsOffice;
  bool operator==(const ExpectedOffice&) const = default;
};

struct ExpectedVisit {
  std::string id;
  ReasonCode reason = ReasonCode::kBusStop;
  bool operator==(const ExpectedVisit&) const = default;
};

struct Case {
  int line = 0;
  std::string settlement;
  std::string procedure;
  bool central = false;
  std::vector<ExpectedOffice> offices;
  std::vector<ExpectedVisit> visits;
};

// Readable test parameters in gtest's output.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.settlement << " / " << c.procedure;
}

struct Table {
  std::vector<Case> cases;
  std::vector<std::string> errors;  // "line N: ..." for rows that cannot be read
};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, separator)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// Reads "a:b:c" items; throws std::invalid_argument naming what is wrong.
std::vector<ExpectedOffice> parse_offices(const std::string& column) {
  std::vector<ExpectedOffice> out;
  for (const std::string& item : split(column, ' ')) {
    const auto parts = split(item, ':');
    if (parts.size() != 3) throw std::invalid_argument("office „" + item + "” is not office-id:role:reason");
    const auto role = parse_office_role(parts[1]);
    if (!role) throw std::invalid_argument("unknown role „" + parts[1] + "”");
    const auto reason = parse_reason_code(parts[2]);
    if (!reason) throw std::invalid_argument("unknown reason „" + parts[2] + "”");
    out.push_back({parts[0], *role, *reason});
  }
  if (out.empty()) throw std::invalid_argument("no offices (write „central” for a central authority)");
  return out;
}

std::vector<ExpectedVisit> parse_visits(const std::string& column) {
  std::vector<ExpectedVisit> out;
  if (column == "-") return out;
  for (const std::string& item : split(column, ' ')) {
    const auto parts = split(item, ':');
    if (parts.size() != 2) throw std::invalid_argument("visit „" + item + "” is not visit-id:reason");
    const auto reason = parse_reason_code(parts[1]);
    if (!reason) throw std::invalid_argument("unknown reason „" + parts[1] + "”");
    out.push_back({parts[0], *reason});
  }
  if (out.empty()) throw std::invalid_argument("empty visits column (write „-” for none)");
  return out;
}

Table read_table(const char* path) {
  Table table;
  std::ifstream in(path);
  if (!in) {
    table.errors.push_back(std::string("cannot read ") + path);
    return table;
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> columns;
    std::istringstream row(line);
    for (std::string column; std::getline(row, column, '\t');) columns.push_back(column);
    if (columns.front() == "settlement") continue;  // the column names
    const std::string where = "line " + std::to_string(number) + ": ";
    if (columns.size() < 4 || columns.size() > 5) {
      table.errors.push_back(where + "expected 4 TAB-separated columns and a note, found " +
                             std::to_string(columns.size()) + " columns");
      continue;
    }
    Case c;
    c.line = number;
    c.settlement = columns[0];
    c.procedure = columns[1];
    try {
      c.central = columns[2] == "central";
      if (!c.central) c.offices = parse_offices(columns[2]);
      c.visits = parse_visits(columns[3]);
    } catch (const std::invalid_argument& e) {
      table.errors.push_back(where + e.what());
      continue;
    }
    table.cases.push_back(std::move(c));
  }
  return table;
}

const Table& table() {
  static const Table t = read_table(UGK_ROUTING_CASES);
  return t;
}

std::string describe(const std::vector<ExpectedOffice>& offices) {
  std::string out;
  for (const auto& o : offices) {
    out +=
        (out.empty() ? "" : " ") + o.id + ":" + std::string(to_string(o.role)) + ":" + std::string(to_string(o.reason));
  }
  return out.empty() ? "(none)" : out;
}

std::string describe(const std::vector<ExpectedVisit>& visits) {
  std::string out;
  for (const auto& v : visits) out += (out.empty() ? "" : " ") + v.id + ":" + std::string(to_string(v.reason));
  return out.empty() ? "-" : out;
}

TEST(RoutingCaseTable, IsReadableAndCoversEveryAuthorityAndReasonCode) {
  for (const std::string& error : table().errors) ADD_FAILURE() << UGK_ROUTING_CASES << " " << error;
  ASSERT_FALSE(table().cases.empty()) << "no cases in " << UGK_ROUTING_CASES;
  const Catalog& catalog = ugk::testing::reference_catalog();
  std::set<Authority> authorities;
  std::set<ReasonCode> reasons;
  for (const Case& c : table().cases) {
    if (const Procedure* p = catalog.procedure(c.procedure)) authorities.insert(p->competence.authority);
    for (const auto& o : c.offices) reasons.insert(o.reason);
    for (const auto& v : c.visits) reasons.insert(v.reason);
  }
  for (Authority a : {Authority::kGovernmentWindow, Authority::kDistrictOffice, Authority::kNotary,
                      Authority::kRegistrar, Authority::kMayor, Authority::kCentral}) {
    EXPECT_TRUE(authorities.count(a)) << "no case of authority " << to_string(a);
  }
  for (ReasonCode code : all_reason_codes())
    EXPECT_TRUE(reasons.count(code)) << "no case with reason " << to_string(code);
}

class RoutingCase : public ::testing::TestWithParam<Case> {};

TEST_P(RoutingCase, RoutesAsTheTableSays) {
  const Case& c = GetParam();
  SCOPED_TRACE(std::string(UGK_ROUTING_CASES) + ":" + std::to_string(c.line));
  const Catalog& catalog = ugk::testing::reference_catalog();
  const SettlementLookup lookup = catalog.resolve_settlement(c.settlement);
  ASSERT_TRUE(lookup.found()) << "settlement „" << c.settlement << "” "
                              << (lookup.ambiguous() ? "is ambiguous: use its KSH code" : "is unknown");
  const Procedure* procedure = catalog.procedure(c.procedure);
  ASSERT_NE(procedure, nullptr) << "unknown procedure „" << c.procedure << "”";

  const Route r = route(catalog, *procedure, *lookup.match);
  std::vector<ExpectedOffice> offices;
  for (const auto& o : r.offices) offices.push_back({o.office->id, o.role, o.reason.code});
  std::vector<ExpectedVisit> visits;
  for (const auto& v : r.visits) visits.push_back({v.visit->id, v.reason.code});
  EXPECT_EQ(r.central_authority, c.central)
      << (c.central ? "expected a central authority" : "unexpected central authority");
  EXPECT_EQ(offices, c.offices) << "  table: " << describe(c.offices) << "\n  route: " << describe(offices);
  EXPECT_EQ(visits, c.visits) << "  table: " << describe(c.visits) << "\n  route: " << describe(visits);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = "line" + std::to_string(info.param.line) + "_";
  for (char ch : info.param.procedure) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Table, RoutingCase, ::testing::ValuesIn(table().cases), case_name);
// An empty or unreadable table fails RoutingCaseTable.IsReadableAndCoversEveryAuthorityAndReasonCode instead.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RoutingCase);

}  // namespace
}  // namespace ugk::kb
