#include "actors/trader_dataset.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace smartcopy {
namespace {

// A position this small is flat: the rows' sizes are decimals summed in floating point.
constexpr double flat_epsilon = 1e-9;

bool grows_position(trade_action a) {
  return a == trade_action::open || a == trade_action::add;
}

bool shrinks_position(trade_action a) {
  return a == trade_action::reduce || a == trade_action::close || a == trade_action::liquidation;
}

}  // namespace

std::string lower_address(std::string address) {
  std::transform(address.begin(), address.end(), address.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return address;
}

trader_dataset& trader_dataset::add_trade(trade row) {
  row.trader_address = lower_address(row.trader_address);
  auto& rows = trades_by_trader[row.trader_address];
  const auto at = std::upper_bound(rows.begin(), rows.end(), row.timestamp,
                                   [](utc_time t, const trade& r) { return t < r.timestamp; });
  rows.insert(at, std::move(row));
  return *this;
}

trader_dataset& trader_dataset::add_leaderboard_row(int window_days, leaderboard_row row) {
  row.trader_address = lower_address(row.trader_address);
  leaderboards[window_days].push_back(std::move(row));
  return *this;
}

trader_dataset& trader_dataset::set_account_value(const std::string& address, double usd) {
  account_values[lower_address(address)] = usd;
  return *this;
}

trader_dataset& trader_dataset::add_smart_money(const std::string& address) {
  smart_money.push_back(lower_address(address));
  return *this;
}

std::vector<trade> trader_dataset::rows_between(const std::string& address, utc_time from,
                                                utc_time until) const {
  const auto it = trades_by_trader.find(lower_address(address));
  if (it == trades_by_trader.end() || from > until) return {};
  const auto& rows = it->second;
  const auto first = std::lower_bound(rows.begin(), rows.end(), from,
                                      [](const trade& r, utc_time t) { return r.timestamp < t; });
  const auto last = std::upper_bound(first, rows.end(), until,
                                     [](utc_time t, const trade& r) { return t < r.timestamp; });
  return {first, last};
}

std::optional<double> trader_dataset::account_value(const std::string& address) const {
  const auto key = lower_address(address);
  if (const auto it = account_values.find(key); it != account_values.end()) return it->second;
  for (int days : {7, 30, 90}) {
    const auto window = leaderboards.find(days);
    if (window == leaderboards.end()) continue;
    for (const auto& row : window->second)
      if (row.trader_address == key && row.account_value > 0) return row.account_value;
  }
  return std::nullopt;
}

strategy::aggregated_trades aggregate_newest_first(const std::vector<trade>& rows) {
  auto aggregated = strategy::aggregate_trades(rows);
  std::stable_sort(
      aggregated.trades.begin(), aggregated.trades.end(), [](const trade& a, const trade& b) {
        return a.timestamp != b.timestamp ? a.timestamp > b.timestamp : a.key() > b.key();
      });
  return aggregated;
}

trade trade_row(const std::string& address, const std::string& token, trade_action action,
                side position_side, double size, double price, utc_time at, double start_position,
                std::string tx_hash) {
  trade t;
  t.trader_address = lower_address(address);
  t.token = token;
  t.action = action;
  t.position_side = position_side;
  t.size = size;
  t.price = price;
  t.value_usd = size * price;
  t.start_position = start_position;
  t.timestamp = at;
  t.tx_hash = tx_hash.empty() ? "0x" + token + "-" + std::to_string(to_ms(at)) : std::move(tx_hash);
  return t;
}

leaderboard_row leaderboard_entry(const std::string& address, double roi_percent,
                                  double account_value, double total_pnl) {
  leaderboard_row row;
  row.trader_address = lower_address(address);
  row.roi = roi_percent;
  row.account_value = account_value;
  row.total_pnl = total_pnl;
  return row;
}

double position_after(const trade& row) {
  const double signed_size = row.size * direction(row.position_side);
  if (grows_position(row.action)) return row.start_position + signed_size;
  if (shrinks_position(row.action)) return row.start_position - signed_size;
  return row.start_position;
}

namespace {

/// The snapshot's position in `token` after `last` (the trader's last visible row in it), or
/// nothing when that row left the trader flat.
std::optional<trader_position> position_from(const std::string& address, const std::string& token,
                                             const trade& last, utc_time now) {
  const double after = position_after(last);
  if (std::abs(after) < flat_epsilon) return std::nullopt;
  trader_position p;
  p.address = address;
  p.token = token;
  p.position_side = after > 0 ? side::long_ : side::short_;
  p.size = std::abs(after);
  p.position_value_usd = p.size * last.price;
  p.entry_price = last.price;
  p.last_seen_at = now;
  return p;
}

trader_snapshot empty_snapshot(std::string address, double account_value, utc_time now) {
  trader_snapshot snap;
  snap.address = std::move(address);
  snap.account_value = account_value;
  snap.taken_at = now;
  return snap;
}

}  // namespace

trader_snapshot reconstruct_snapshot(const trader_dataset& data, const std::string& address,
                                     utc_time now) {
  trader_snapshot snap =
      empty_snapshot(lower_address(address), data.account_value(address).value_or(0), now);
  // Rows are in time order, so the last row per token wins.
  std::map<std::string, const trade*> last_by_token;
  const auto it = data.trades_by_trader.find(snap.address);
  if (it == data.trades_by_trader.end()) return snap;
  for (const auto& row : it->second) {
    if (row.timestamp > now) break;
    last_by_token[row.token] = &row;
  }
  for (const auto& [token, row] : last_by_token)
    if (auto p = position_from(snap.address, token, *row, now)) snap.positions.push_back(*p);
  return snap;
}

snapshot_index::snapshot_index(std::shared_ptr<const trader_dataset> data)
    : data_(std::move(data)) {}

const snapshot_index::trader_rows& snapshot_index::rows_of(const std::string& key) {
  if (const auto it = traders_.find(key); it != traders_.end()) return it->second;
  trader_rows& out = traders_[key];
  out.account_value = data_->account_value(key).value_or(0);
  if (const auto it = data_->trades_by_trader.find(key); it != data_->trades_by_trader.end())
    for (const auto& row : it->second) out.by_token[row.token].push_back(&row);
  return out;
}

trader_snapshot snapshot_index::at(const std::string& address, utc_time now) {
  std::string key = lower_address(address);
  const trader_rows& rows = rows_of(key);
  trader_snapshot snap = empty_snapshot(std::move(key), rows.account_value, now);
  for (const auto& [token, in_token] : rows.by_token) {
    // The last row at or before now; equal timestamps keep their order, so it is the one
    // reconstruct_snapshot's forward pass ends on.
    const auto after =
        std::upper_bound(in_token.begin(), in_token.end(), now,
                         [](utc_time t, const trade* r) { return t < r->timestamp; });
    if (after == in_token.begin()) continue;
    if (auto p = position_from(snap.address, token, **std::prev(after), now))
      snap.positions.push_back(*p);
  }
  return snap;
}

}  // namespace smartcopy
