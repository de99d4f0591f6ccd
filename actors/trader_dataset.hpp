#pragma once
// The Nansen data a replay gateway serves (SPEC §9.1): leaderboard rows per window, every
// trader's raw profiler perp-trades rows, the optional smart-money addresses and account values.
// Built once (by a test, `data synth`, or a loader of the §9.1 directory), then shared immutable
// (std::shared_ptr<const trader_dataset>) by the replay gateway and the backtest.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "messages/trade.hpp"
#include "messages/trader.hpp"
#include "messages/trader_position.hpp"
#include "strategy/trade_aggregation.hpp"

namespace smartcopy {

struct trader_dataset {
  /// Leaderboard rows by window length in days (7, 30, 90), each window ending at the start.
  std::map<int, std::vector<leaderboard_row>> leaderboards;
  /// Raw (not aggregated) rows by lower-case trader address, in time order (equal times keep
  /// insertion order, so the last row of a transaction is the one added last).
  std::map<std::string, std::vector<trade>> trades_by_trader;
  std::vector<std::string> smart_money;
  /// Account values by lower-case address; when absent the leaderboard's is used.
  std::map<std::string, double> account_values;

  // Building (each returns *this so a test can chain the calls).
  trader_dataset& add_trade(trade row);
  trader_dataset& add_leaderboard_row(int window_days, leaderboard_row row);
  trader_dataset& set_account_value(const std::string& address, double usd);
  trader_dataset& add_smart_money(const std::string& address);

  /// The rows of `address` with from <= timestamp <= until, in time order.
  std::vector<trade> rows_between(const std::string& address, utc_time from, utc_time until) const;

  /// The account value of SPEC §9.1: the dataset's own, else the first non-zero leaderboard
  /// value (7 → 30 → 90 days, the freshest window first), else nullopt.
  std::optional<double> account_value(const std::string& address) const;
};

/// One Nansen perp-trades row (a fill) for tests and synthetic data. `start_position` is the
/// signed position before the fill (SPEC §9.1); value_usd = size × price. An empty `tx_hash`
/// becomes "0x<token>-<ms>" so rows of different instants never aggregate together.
trade trade_row(const std::string& address, const std::string& token, trade_action action,
                side position_side, double size, double price, utc_time at,
                double start_position = 0, std::string tx_hash = {});

/// A leaderboard row: roi in percent, account value and total PnL in USD.
leaderboard_row leaderboard_entry(const std::string& address, double roi_percent,
                                  double account_value, double total_pnl = 0);

/// SPEC §9.1: the signed position after a row, start_position ± size — Open/Add grow the
/// position on its side, Reduce/Close/Liquidation shrink it (Other leaves it unchanged).
double position_after(const trade& row);

/// SPEC §9.1: the trader's positions as of `now`, rebuilt from the rows visible then (timestamp
/// <= now). Per token the last visible row gives the position after it; zero means flat. The
/// value is |size| × that row's price, which also stands in for the entry price (the dataset
/// has none); leverage is unknown. taken_at and last_seen_at are `now`.
trader_snapshot reconstruct_snapshot(const trader_dataset& data, const std::string& address,
                                     utc_time now);

/// reconstruct_snapshot for a caller that asks again and again (the replay gateway answers a
/// positions poll for every copied trader every few minutes of a year-long replay): each
/// trader's rows are indexed by token on first use, so a snapshot costs one binary search per
/// token instead of a pass over the trader's whole history. Gives what reconstruct_snapshot
/// gives. Owned by one actor (the index fills lazily).
class snapshot_index {
 public:
  explicit snapshot_index(std::shared_ptr<const trader_dataset> data);
  trader_snapshot at(const std::string& address, utc_time now);

 private:
  struct trader_rows {
    double account_value = 0;
    std::map<std::string, std::vector<const trade*>> by_token;  // each in time order
  };
  const trader_rows& rows_of(const std::string& lower_address);

  std::shared_ptr<const trader_dataset> data_;
  std::map<std::string, trader_rows> traders_;
};

/// SPEC §4: Nansen rows aggregated into trades, newest first (ties by key, so the order is
/// deterministic) — what every nansen_gateway answers to `trades`, live or replayed.
strategy::aggregated_trades aggregate_newest_first(const std::vector<trade>& rows);

/// Lower-cases an address (the dataset's key form).
std::string lower_address(std::string address);

}  // namespace smartcopy
