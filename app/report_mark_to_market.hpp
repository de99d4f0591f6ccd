#pragma once
// SPEC §9.3 equity, marked to market: what the account would be worth at any instant of a
// backtest if every open position were valued at its token's last candle close. The realized-only
// curve hides a losing position until it closes; this one shows it the day it loses.
#include <map>
#include <string>
#include <vector>

#include "infra/dataset/dataset_dir.hpp"
#include "messages/order.hpp"
#include "messages/position.hpp"
#include "strategy/metrics.hpp"

namespace smartcopy::app {

/// One of our positions and its fills, read back from the our_positions and orders tables.
struct position_fills {
  our_position row;
  std::vector<order> entries;  // filled entry orders (the first entry and scale-in Adds)
  std::vector<order> exits;    // filled reduce/close/stop orders
};

/// The last candle close of `token` at or before `t`; before the first close the first open;
/// `fallback` when the data has no candle of the token.
double mark_price(const dataset& data, const std::string& token, utc_time t, double fallback);

/// The unrealized PnL of an open row at `mark`: direction × (mark − entry) × remaining size.
/// Exit fees and slippage are not deducted: the position has not been sold.
double unrealized_pnl(const our_position& p, double mark);

/// Values the account at instants of the backtest from its positions' fills and the candles.
class equity_marker {
 public:
  equity_marker(const dataset& data, double start_equity, std::vector<position_fills> positions);

  /// Start equity + every position's net realized PnL at `t` + its unrealized PnL at the mark
  /// of `t`. A position closed by `t` counts its exact net PnL; an open row at the end of the
  /// data counts its exact realized part and fees.
  double equity_at(utc_time t) const;

  /// The curve sampled at the start, every UTC midnight, every close and the end: daily at
  /// least (the §9.3 Sharpe and Sortino use daily returns) and exact at each realized step.
  std::vector<strategy::equity_point> curve() const;

 private:
  double position_value(const position_fills& p, utc_time t) const;

  const dataset& data_;
  double start_equity_;
  std::vector<position_fills> positions_;
};

}  // namespace smartcopy::app
