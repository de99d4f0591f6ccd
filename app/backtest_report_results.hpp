#pragma once
// SPEC §9.3: everything the backtest report states, read back from the run's database and valued
// against the dataset's candles. report.json, report.html and the console summary are all made
// from this one value.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "infra/dataset/dataset_dir.hpp"
#include "messages/position.hpp"
#include "strategy/metrics.hpp"

namespace smartcopy {
class database;
}

namespace smartcopy::app {

/// A position still open when the data ended, marked to market at its token's last close.
struct open_position_mark {
  our_position row;
  double mark_price = 0;
  double unrealized_pnl_usd = 0;  // before exit fees and slippage
};

struct backtest_results {
  utc_time start{};
  utc_time end{};
  /// Over the marked-to-market equity curve: end equity and return include unrealized PnL.
  strategy::metrics metrics;
  std::vector<strategy::closed_trade> trades;  // in closing order of the positions table
  std::vector<open_position_mark> open;
  std::vector<strategy::equity_point> curve;  // marked to market, daily at least
  double realized_end_equity_usd = 0;         // start + every realized PnL, net of fees
  double unrealized_pnl_usd = 0;              // Σ open[].unrealized_pnl_usd
  std::map<std::string, int> signals_by_decision;
  std::size_t signals = 0;
};

/// Reads the positions, orders and signals the run left in `db`. Throws std::runtime_error when
/// the §9.3 metrics cannot be computed from them.
backtest_results read_backtest_results(const dataset& data, double start_equity, database& db);

}  // namespace smartcopy::app
