#pragma once
// Our copied position: the `our_positions` row of SPEC §8 and the state §7 manages.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "messages/side.hpp"
#include "messages/time.hpp"

namespace smartcopy {

/// Why a position (or part of it) was closed (SPEC §7).
enum class close_reason {
  stop_loss,
  trailing_stop,
  time_stop,
  profit_tier,  // a partial reduce; the tier number is kept beside it
  trader_liquidated,
  manual,       // `smartcopy inspect close`
  end_of_data,  // backtest ended with the position open
};

constexpr std::string_view to_string(close_reason r) {
  switch (r) {
    case close_reason::stop_loss:
      return "STOP_LOSS";
    case close_reason::trailing_stop:
      return "TRAILING_STOP";
    case close_reason::time_stop:
      return "TIME_STOP";
    case close_reason::profit_tier:
      return "PROFIT_TIER";
    case close_reason::trader_liquidated:
      return "TRADER_LIQUIDATED";
    case close_reason::manual:
      return "MANUAL";
    case close_reason::end_of_data:
      break;
  }
  return "END_OF_DATA";
}

inline std::optional<close_reason> parse_close_reason(std::string_view t) {
  for (auto r : {close_reason::stop_loss, close_reason::trailing_stop, close_reason::time_stop,
                 close_reason::profit_tier, close_reason::trader_liquidated, close_reason::manual,
                 close_reason::end_of_data})
    if (t == to_string(r)) return r;
  return std::nullopt;
}

enum class position_status { opening, open, closing, closed };

constexpr std::string_view to_string(position_status s) {
  switch (s) {
    case position_status::opening:
      return "opening";
    case position_status::open:
      return "open";
    case position_status::closing:
      return "closing";
    case position_status::closed:
      break;
  }
  return "closed";
}

inline std::optional<position_status> parse_position_status(std::string_view t) {
  for (auto s : {position_status::opening, position_status::open, position_status::closing,
                 position_status::closed})
    if (t == to_string(s)) return s;
  return std::nullopt;
}

struct our_position {
  std::int64_t id = 0;
  std::string token;
  side position_side = side::long_;
  double entry_price = 0;
  double size = 0;            // coins at entry (after scaling-in Adds)
  double remaining_size = 0;  // after profit tiers
  double value_usd = 0;       // entry notional
  double stop_price = 0;      // the hard stop (on the exchange in live mode)
  double trailing_stop_price = 0;
  double highest_price = 0;
  double lowest_price = 0;
  int tiers_taken = 0;  // number of profit tiers already fired (they fire lowest first)
  utc_time opened_at{};
  std::optional<utc_time> closed_at;
  std::optional<double> exit_price;
  double realized_pnl_usd = 0;
  double fees_usd = 0;
  std::optional<close_reason> reason;
  std::string source_trader;
  std::optional<std::int64_t> source_signal_id;
  double leverage = 1;
  position_status status = position_status::opening;
};

}  // namespace smartcopy
