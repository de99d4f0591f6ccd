#pragma once
// Builders shared by the strategy/ tests: instants relative to a fixed origin and trade rows.
#include <cmath>
#include <limits>
#include <string>

#include "messages/time.hpp"
#include "messages/trade.hpp"

namespace smartcopy::strategy::test {

inline const double qnan = std::numeric_limits<double>::quiet_NaN();
inline const double inf = std::numeric_limits<double>::infinity();

/// 2026-02-01T00:00:00Z plus `h` hours (fractions allowed).
inline utc_time at_hours(double h) {
  return *parse_iso8601("2026-02-01T00:00:00Z") +
         milliseconds{static_cast<std::int64_t>(std::llround(h * 3'600'000.0))};
}

inline trade make_trade(trade_action action, const std::string& token, side s, double hours,
                        double size = 1, double price = 100, std::string tx = "0xtx",
                        std::string trader = "0xtrader") {
  trade t;
  t.trader_address = std::move(trader);
  t.token = token;
  t.action = action;
  t.position_side = s;
  t.size = size;
  t.price = price;
  t.value_usd = size * price;
  t.timestamp = at_hours(hours);
  t.tx_hash = std::move(tx);
  return t;
}

}  // namespace smartcopy::strategy::test
