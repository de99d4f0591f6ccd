#pragma once
// Mark prices over time for a replay (SPEC §9.2): per token a time-ordered list of
// (instant, price). Built once (by a test or from candles), then shared immutable
// (std::shared_ptr<const price_path>) by replay_market_data and the backtest.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "messages/time.hpp"

namespace smartcopy {

struct price_point {
  utc_time at{};
  double price = 0;
};

struct price_path {
  /// Points by token, in time order (a point at an instant already present replaces it).
  std::map<std::string, std::vector<price_point>> by_token;

  /// Adds (or replaces) the price of `token` at `at`; returns *this for chaining.
  price_path& add(const std::string& token, utc_time at, double price);

  /// The latest price of `token` at or before `t`; nullopt before its first point.
  std::optional<double> price_at(const std::string& token, utc_time t) const;

  /// The earliest instant after `t` at which any token's price changes; nullopt at the end.
  std::optional<utc_time> next_change_after(utc_time t) const;

  /// The points of `token` in (from, to], in time order.
  std::vector<price_point> points_between(const std::string& token, utc_time from,
                                          utc_time to) const;
};

}  // namespace smartcopy
