// libFuzzer target: the bounded JSON parser and the strict decoding of every record kind.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kb/json_codec.h"

namespace {

template <typename T>
void decode(const nlohmann::json& j) {
  try {
    T value;
    ugk::kb::from_json(j, value);
    nlohmann::json back;
    ugk::kb::to_json(back, value);
    (void)back.dump();
  } catch (const ugk::kb::FieldError&) {
  } catch (const nlohmann::json::exception&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  nlohmann::json j;
  try {
    j = ugk::kb::parse_bounded_json(text);
  } catch (const ugk::kb::JsonTooDeep&) {
    return 0;
  } catch (const nlohmann::json::exception&) {
    return 0;
  }
  (void)j.dump();
  decode<ugk::kb::Office>(j);
  decode<ugk::kb::Procedure>(j);
  decode<ugk::kb::Form>(j);
  decode<ugk::kb::Visit>(j);
  decode<ugk::kb::Closure>(j);
  decode<ugk::kb::LocalVariant>(j);
  return 0;
}
