#pragma once
// SPEC §9.3: the backtest (and paper) report's numbers, from closed trades and an equity curve.
// A ratio that is undefined for the data (no losses, no variance, no elapsed time) is nullopt,
// so a report prints "n/a" instead of an infinity or a made-up zero.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "messages/position.hpp"
#include "messages/side.hpp"
#include "messages/signal.hpp"
#include "messages/time.hpp"
#include "messages/trade.hpp"
#include "strategy/checked.hpp"

namespace smartcopy::strategy {

/// One of our positions, closed (the sum of its partial exits).
struct closed_trade {
  std::int64_t position_id = 0;
  std::string token;
  side position_side = side::long_;
  std::string source_trader;
  utc_time opened_at{};
  utc_time closed_at{};
  double entry_price = 0;
  double size = 0;     // coins at entry
  double pnl_usd = 0;  // realized, net of fees
  double fees_usd = 0;
  close_reason reason = close_reason::end_of_data;  // of the final exit
  /// SPEC §9.3: the price at the copied trader's first Close of this token and side after our
  /// entry, else at the end of the data — where we would have exited by following the trader.
  double trader_exit_price = 0;
};

struct equity_point {
  utc_time time{};
  double equity_usd = 0;
};

struct drawdown_span {
  double percent = 0;    // (peak − trough) / peak × 100
  utc_time peak_at{};    // start
  utc_time trough_at{};  // end
};

struct breakdown_row {
  int trades = 0;
  int winners = 0;
  double pnl_usd = 0;
};

struct metrics {
  double start_equity_usd = 0;
  double end_equity_usd = 0;
  double total_return_percent = 0;
  std::optional<double> cagr_percent;
  drawdown_span max_drawdown;
  std::optional<double> sharpe;
  std::optional<double> sortino;
  std::optional<double> calmar;
  int trades = 0;
  int winners = 0;  // pnl > 0
  int losers = 0;   // pnl < 0
  std::optional<double> win_rate;
  std::optional<double> profit_factor;   // gross profit / gross loss
  std::optional<double> expectancy_usd;  // mean pnl per trade
  std::optional<double> average_duration_hours;
  std::map<std::string, int> exits_by_reason;  // close_reason text → count
  std::map<std::string, breakdown_row> by_trader;
  std::map<std::string, breakdown_row> by_token;
  double our_pnl_usd = 0;          // Σ pnl_usd
  double trader_exit_pnl_usd = 0;  // Σ pnl had we exited with the trader (same fees)
};

/// SPEC §9.3: equity at the end of each UTC day (days without a point carry the previous
/// value), preceded by the first point's equity; the daily returns between them.
checked<std::vector<double>> daily_returns(const std::vector<equity_point>& curve);

/// SPEC §9.3: the deepest peak-to-trough fall of the curve, with its start (peak) and end
/// (trough). 0 % (peak = trough = first point) for a curve that never falls.
checked<drawdown_span> max_drawdown(const std::vector<equity_point>& curve);

/// SPEC §9.3: Sharpe = mean / sample stdev of daily returns × √365; nullopt with fewer than two
/// returns or no variance.
std::optional<double> sharpe_ratio(const std::vector<double>& daily);

/// SPEC §9.3: Sortino = mean / downside deviation (√(Σ min(r, 0)² / n)) × √365; nullopt with
/// fewer than two returns or no losing day.
std::optional<double> sortino_ratio(const std::vector<double>& daily);

/// SPEC §9.3 "our exits vs the copied traders' exits": the price of the source trader's first
/// Close of `token` on `s` at or after `opened_at` among `trader_trades`, else `end_price` (the
/// last price of the data).
double trader_exit_price(const std::vector<trade>& trader_trades, const std::string& token, side s,
                         utc_time opened_at, double end_price);

/// SPEC §9.3: the PnL of `t` had we exited at trader_exit_price: direction × (exit − entry) ×
/// size − fees_usd.
double trader_exit_pnl(const closed_trade& t);

/// SPEC §9.3: every number of the report. The curve needs at least one point, non-decreasing
/// times, finite non-negative equity and a positive start; each trade finite values, a positive
/// entry and trader-exit price, and closed_at ≥ opened_at.
checked<metrics> compute_metrics(const std::vector<closed_trade>& trades,
                                 const std::vector<equity_point>& curve);

/// SPEC §9.3 "signals by decision reason".
std::map<std::string, int> count_by_decision(const std::vector<decision>& decisions);

}  // namespace smartcopy::strategy
