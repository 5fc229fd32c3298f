#include "test_support.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kb/json_codec.h"

namespace ugk::search::testing {
namespace {

template <typename T>
std::vector<T> load_array(const std::string& relative) {
  std::ifstream in(source_path(relative));
  if (!in) throw std::runtime_error("cannot read " + relative);
  return nlohmann::json::parse(in).get<std::vector<T>>();
}

kb::Bundle load_bundle() {
  kb::Bundle bundle;
  bundle.procedures = load_array<kb::Procedure>("data/procedures.json");
  bundle.forms = load_array<kb::Form>("data/forms.json");
  bundle.offices = load_array<kb::Office>("data/offices.json");
  return bundle;
}

}  // namespace

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(UGK_SOURCE_DIR) / relative;
}

const kb::Bundle& data_bundle() {
  static const kb::Bundle bundle = load_bundle();
  return bundle;
}

}  // namespace ugk::search::testing
