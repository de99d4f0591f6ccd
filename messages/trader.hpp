#pragma once
// A followed trader: leaderboard input and the `traders` row of SPEC §8 with the scoring
// results of SPEC §3.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "messages/side.hpp"
#include "messages/time.hpp"

namespace smartcopy {

enum class trader_style { hft, swing, position };

constexpr std::string_view to_string(trader_style s) {
  switch (s) {
    case trader_style::hft:
      return "HFT";
    case trader_style::swing:
      return "SWING";
    case trader_style::position:
      break;
  }
  return "POSITION";
}

inline std::optional<trader_style> parse_trader_style(std::string_view t) {
  for (auto s : {trader_style::hft, trader_style::swing, trader_style::position})
    if (t == to_string(s)) return s;
  return std::nullopt;
}

/// primary: copied; secondary: watched for consensus; untracked: neither (SPEC §3 "Tiers").
enum class trader_tier { primary, secondary, untracked };

constexpr std::string_view to_string(trader_tier t) {
  switch (t) {
    case trader_tier::primary:
      return "primary";
    case trader_tier::secondary:
      return "secondary";
    case trader_tier::untracked:
      break;
  }
  return "untracked";
}

inline std::optional<trader_tier> parse_trader_tier(std::string_view t) {
  for (auto x : {trader_tier::primary, trader_tier::secondary, trader_tier::untracked})
    if (t == to_string(x)) return x;
  return std::nullopt;
}

/// One of up to five `top_positions` of a leaderboard row.
struct leaderboard_position {
  std::string token;
  side position_side = side::long_;
  double size = 0;
  double position_value_usd = 0;
  double entry_price = 0;
  double unrealized_pnl_usd = 0;
};

/// A row of Nansen's perp-leaderboard for one date window.
struct leaderboard_row {
  std::string trader_address;
  std::string label;  // empty when null
  double total_pnl = 0;
  double roi = 0;  // percent
  double account_value = 0;
  std::vector<leaderboard_position> top_positions;
};

/// The `traders` table row.
struct trader_row {
  std::string address;
  std::string label;
  double score = 0;
  trader_style style = trader_style::position;
  trader_tier tier = trader_tier::untracked;
  double roi_7d = 0;
  double roi_30d = 0;
  double roi_90d = 0;
  double account_value = 0;
  int nof_trades = 0;
  double win_rate = 0;
  std::optional<utc_time> last_scored_at;
  std::optional<utc_time> blacklisted_until;
  // Why SPEC §3's selection filter excluded the trader (its condition's name); empty when
  // eligible. Printed by `score` and explained in a backtest's summary.
  std::string exclusion;
};

}  // namespace smartcopy
