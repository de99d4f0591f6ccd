#pragma once
// A trader's open perp position and account snapshot (Nansen profiler/perp-positions, or
// Hyperliquid clearinghouseState), and the `trader_positions` row of SPEC §8.
#include <optional>
#include <string>
#include <vector>

#include "messages/side.hpp"
#include "messages/time.hpp"

namespace smartcopy {

struct trader_position {
  std::string address;
  std::string token;
  side position_side = side::long_;
  double size = 0;  // coins, absolute
  double position_value_usd = 0;
  double entry_price = 0;
  std::optional<double> leverage;  // leverage_value when reported
  double unrealized_pnl_usd = 0;
  utc_time last_seen_at{};
};

struct trader_snapshot {
  std::string address;
  double account_value = 0;
  std::vector<trader_position> positions;
  utc_time taken_at{};

  /// The position in `token` on `s`, if the trader holds one.
  const trader_position* find(const std::string& token, side s) const {
    for (const auto& p : positions)
      if (p.token == token && p.position_side == s) return &p;
    return nullptr;
  }
};

}  // namespace smartcopy
