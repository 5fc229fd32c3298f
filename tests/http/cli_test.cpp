// The command line as a user meets it: help, exit codes, check and import of good and broken bundles.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "process.h"

namespace ugk::testing {
namespace {

namespace fs = std::filesystem;

void replace_in_file(const fs::path& file, const std::string& from, const std::string& to) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  const auto pos = text.find(from);
  ASSERT_NE(pos, std::string::npos) << from << " not in " << file;
  text.replace(pos, from.size(), to);
  std::ofstream(file) << text;
}

// The subcommand names a --help text lists, in CLI11's layout: a "Subcommands:" line, then one
// "  name   description" line per command (wrapped descriptions indented deeper) up to a blank line.
std::vector<std::string> listed_subcommands(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream in(help);
  std::string line;
  bool in_list = false;
  while (std::getline(in, line)) {
    if (!in_list) {
      in_list = line == "Subcommands:";
      continue;
    }
    if (line.empty()) break;
    if (line.size() > 2 && line.starts_with("  ") && line[2] != ' ') {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  return names;
}

// The command list comes from the binary itself, so a new command (or subcommand) is covered
// without touching this test.
TEST(Cli, EveryCommandHasHelpAndExitsZero) {
  const CommandResult top = run_ugykalauz({"--help"});
  ASSERT_EQ(top.exit_code, 0) << top.output;
  std::vector<std::vector<std::string>> pending;
  for (const std::string& name : listed_subcommands(top.output)) pending.push_back({name});
  ASSERT_GE(pending.size(), 6u) << top.output;

  std::set<std::string> covered;
  while (!pending.empty()) {
    const std::vector<std::string> command = pending.back();
    pending.pop_back();
    std::string name;
    for (const std::string& word : command) name += (name.empty() ? "" : " ") + word;
    ASSERT_TRUE(covered.insert(name).second) << name << " listed twice";
    ASSERT_LE(command.size(), 3u) << name;

    std::vector<std::string> args = command;
    args.push_back("--help");
    const CommandResult r = run_ugykalauz(args);
    EXPECT_EQ(r.exit_code, 0) << name << "\n" << r.output;
    // The help of this command, not the top-level one.
    EXPECT_NE(r.output.find("ugykalauz " + name + " [OPTIONS]"), std::string::npos) << name << "\n" << r.output;
    for (const std::string& sub : listed_subcommands(r.output)) {
      std::vector<std::string> child = command;
      child.push_back(sub);
      pending.push_back(std::move(child));
    }
  }
  for (const char* known : {"check", "import", "serve", "reindex", "hours", "hours check", "hours eval", "keys",
                            "keys create", "keys list", "keys revoke"}) {
    EXPECT_TRUE(covered.contains(known)) << known << " is missing from the help texts";
  }
  EXPECT_NE(run_ugykalauz({"--version"}).output.find("ugykalauz"), std::string::npos);
}

TEST(Cli, MissingOrUnknownCommandIsAUsageError) {
  EXPECT_EQ(run_ugykalauz({}).exit_code, 64);
  EXPECT_EQ(run_ugykalauz({"frobnicate"}).exit_code, 64);
  EXPECT_EQ(run_ugykalauz({"serve", "--port", "99999", "--data-dir", "."}).exit_code, 64);
}

TEST(Cli, CheckAcceptsTheReferenceBundle) {
  CommandResult r = run_ugykalauz({"check", UGK_SOURCE_DIR "/data"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("3178 település"), std::string::npos) << r.output;
}

TEST(Cli, GlobalOptionsMayFollowTheSubcommand) {
  CommandResult quiet = run_ugykalauz({"check", UGK_SOURCE_DIR "/data", "--log-level", "warn"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.output;
  CommandResult wrong = run_ugykalauz({"check", UGK_SOURCE_DIR "/data", "--log-level", "loud"});
  EXPECT_EQ(wrong.exit_code, 64) << wrong.output;
}

TEST(Cli, CheckNamesFileRecordAndFieldOfEveryBrokenRecord) {
  TempDir dir;
  const fs::path bundle = dir.path() / "bundle";
  copy_reference_bundle(bundle);
  replace_in_file(bundle / "procedures.json", "\"authority\": \"jegyzo\"", "\"authority\": \"polgarmesterr\"");
  replace_in_file(bundle / "ksh/settlements_2024.csv", "34014,Folyás", "3401,Folyás");
  CommandResult r = run_ugykalauz({"check", bundle.string()});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("procedures\\.json.*competence\\.authority"))) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("settlements_2024\\.csv:\\d+.*ksh_code"))) << r.output;
}

TEST(Cli, ImportIsIdempotentAndReportsWhatChanged) {
  TempDir dir;
  CommandResult first = run_ugykalauz({"import", "--data-dir", (dir.path() / "kb").string(), UGK_SOURCE_DIR "/data"});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_TRUE(std::regex_search(first.output, std::regex("settlements\\s+3178\\s+0\\s+0\\s+0"))) << first.output;
  EXPECT_TRUE(fs::exists(dir.path() / "kb" / "ugykalauz.sqlite3"));

  CommandResult again = run_ugykalauz({"import", "--data-dir", (dir.path() / "kb").string(), UGK_SOURCE_DIR "/data"});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("nincs változás"), std::string::npos) << again.output;
  EXPECT_TRUE(std::regex_search(again.output, std::regex("settlements\\s+0\\s+0\\s+0\\s+3178"))) << again.output;
}

TEST(Cli, ImportOfABundleWithOneBrokenRecordChangesNothingAndNamesTheRecord) {
  TempDir dir;
  const std::string data_dir = (dir.path() / "kb").string();
  ASSERT_EQ(run_ugykalauz({"import", "--data-dir", data_dir, UGK_SOURCE_DIR "/data"}).exit_code, 0);

  const fs::path bundle = dir.path() / "bundle";
  copy_reference_bundle(bundle);
  // One good change and one broken record in the same bundle: neither may land.
  replace_in_file(bundle / "procedures.json", "\"title\": \"Hagyatéki eljárás – hagyatéki leltár\"",
                  "\"title\": \"Hagyatéki eljárás (módosítva)\"");
  replace_in_file(bundle / "forms.json", "\"id\": \"lakcimbejelento-lap\"",
                  "\"id\": \"lakcimbejelento-lap\", \"szin\": 1");
  CommandResult broken = run_ugykalauz({"import", "--data-dir", data_dir, bundle.string()});
  EXPECT_EQ(broken.exit_code, 2) << broken.output;
  EXPECT_TRUE(std::regex_search(broken.output, std::regex("forms\\.json.*lakcimbejelento-lap.*szin"))) << broken.output;

  // The store still holds exactly the reference bundle.
  CommandResult again = run_ugykalauz({"import", "--data-dir", data_dir, UGK_SOURCE_DIR "/data"});
  EXPECT_NE(again.output.find("nincs változás"), std::string::npos) << again.output;
}

TEST(Cli, BrokenJsonIsReportedWithItsLine) {
  TempDir dir;
  const fs::path bundle = dir.path() / "bundle";
  copy_reference_bundle(bundle);
  replace_in_file(bundle / "visits.json", "\"place\": \"Faluház\",", "\"place\": \"Faluház\"");
  CommandResult r = run_ugykalauz({"check", bundle.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(std::regex_search(r.output, std::regex("visits\\.json:\\d+"))) << r.output;
}

TEST(Cli, ReindexRebuildsTheIndexOfAnImportedDataFolder) {
  TempDir dir;
  const std::string data_dir = (dir.path() / "kb").string();
  ASSERT_EQ(run_ugykalauz({"import", "--data-dir", data_dir, UGK_SOURCE_DIR "/data", "--quiet"}).exit_code, 0);
  CommandResult r = run_ugykalauz({"reindex", "--data-dir", data_dir});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(run_ugykalauz({"reindex", "--data-dir", (dir.path() / "missing").string()}).exit_code, 64);
}

}  // namespace
}  // namespace ugk::testing
