// libFuzzer target: the OSM opening_hours parser, and the printers of whatever it accepts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hours/syntax.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = ugk::hours::parse(text);
  if (result.ok()) {
    const std::string normal = ugk::hours::normalise(*result.schedule);
    (void)ugk::hours::to_hungarian(*result.schedule);
    // The normal form parses again, to the same normal form.
    const auto again = ugk::hours::parse(normal);
    if (!again.ok() || ugk::hours::normalise(*again.schedule) != normal) __builtin_trap();
  }
  (void)ugk::hours::opening_hours_problem(text);
  return 0;
}
