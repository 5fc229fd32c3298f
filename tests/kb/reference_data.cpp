#include "reference_data.h"

#include <stdexcept>

#include "importers/bundle_reader.h"

namespace ugk::testing {

const kb::Bundle& reference_bundle() {
  static const kb::Bundle bundle = [] {
    auto result = importers::read_bundle(std::filesystem::path(UGK_SOURCE_DIR) / "data");
    if (!result.ok())
      throw std::runtime_error("reference bundle invalid: " + importers::format(result.problems.front()));
    return std::move(result.bundle);
  }();
  return bundle;
}

const kb::Catalog& reference_catalog() {
  static const kb::Catalog catalog(reference_bundle(), 1);
  return catalog;
}

}  // namespace ugk::testing
