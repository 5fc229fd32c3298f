// `ugykalauz keys`: create, list and revoke API keys for the editing API.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace ugk::cli {

class KeysCommand {
 public:
  explicit KeysCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int run() const;

 private:
  CLI::App* command_;
  CLI::App* create_;
  CLI::App* list_;
  CLI::App* revoke_;
  std::filesystem::path data_dir_;
  std::string name_;
  std::string role_;
  std::vector<std::string> offices_;
  std::string revoke_id_;
};

}  // namespace ugk::cli
