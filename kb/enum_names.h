// Tables of enum values and their string forms (the bundle's and the API's spelling), and the two
// look-ups every such table needs. Header-only; constexpr data, thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace ugk::kb {

template <typename E, std::size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
constexpr std::string_view name_of(const EnumNames<E, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "?";
}

template <typename E, std::size_t N>
constexpr std::optional<E> value_of(const EnumNames<E, N>& names, std::string_view text) {
  for (const auto& [v, name] : names) {
    if (name == text) return v;
  }
  return std::nullopt;
}

// The values of a table, in its order.
template <typename E, std::size_t N>
constexpr std::array<E, N> values_of(const EnumNames<E, N>& names) {
  std::array<E, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = names[i].first;
  return out;
}

}  // namespace ugk::kb
