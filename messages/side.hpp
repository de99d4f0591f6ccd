#pragma once
// Direction of a position. Nansen's `side` is the position's direction, not buy/sell.
#include <optional>
#include <string_view>

namespace smartcopy {

enum class side { long_, short_ };

constexpr std::string_view to_string(side s) {
  return s == side::long_ ? "Long" : "Short";
}

/// +1 for long, -1 for short: the sign of PnL per unit of price move.
constexpr double direction(side s) {
  return s == side::long_ ? 1.0 : -1.0;
}

constexpr side opposite(side s) {
  return s == side::long_ ? side::short_ : side::long_;
}

/// Accepts "Long"/"Short" in any letter case.
inline std::optional<side> parse_side(std::string_view text) {
  auto iequals = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
    return true;
  };
  if (iequals(text, "long")) return side::long_;
  if (iequals(text, "short")) return side::short_;
  return std::nullopt;
}

}  // namespace smartcopy
