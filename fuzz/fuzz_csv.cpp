// libFuzzer target: the CSV reader of the bundle (KSH register files, calendar).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "importers/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ugk::importers::parse_csv(text, "fuzz.csv", {});
  (void)ugk::importers::parse_csv(text, "fuzz.csv", {"ksh_code", "name"});
  return 0;
}
