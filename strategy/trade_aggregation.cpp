#include "strategy/trade_aggregation.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "strategy/checked.hpp"

namespace smartcopy::strategy {

namespace {
std::string row_problem(const trade& r) {
  if (r.tx_hash.empty()) return "row has no transaction_hash";
  if (r.token.empty()) return "row has no token_symbol";
  return first_error(
      {require_non_negative("size", r.size), require_non_negative("price", r.price),
       require_non_negative("value_usd", r.value_usd), require_finite("closed_pnl", r.closed_pnl),
       require_finite("fee_usd", r.fee_usd), require_finite("start_position", r.start_position)});
}

// Running sums of one group; price × value is kept to form the value-weighted price.
struct group {
  trade first;  // the earliest row: timestamp, start_position, oid
  double size = 0, value = 0, pnl = 0, fee = 0, price_x_value = 0, price_x_size = 0;
};
}  // namespace

aggregated_trades aggregate_trades(const std::vector<trade>& rows) {
  aggregated_trades out;
  std::map<std::pair<std::string, std::string>, group> groups;  // (trader, key) → sums
  for (const auto& r : rows) {
    if (auto why = row_problem(r); !why.empty()) {
      out.rejected.push_back({r, why});
      continue;
    }
    auto [it, fresh] = groups.try_emplace({r.trader_address, r.key()});
    auto& g = it->second;
    if (fresh || r.timestamp < g.first.timestamp) g.first = r;
    g.size += r.size;
    g.value += r.value_usd;
    g.pnl += r.closed_pnl;
    g.fee += r.fee_usd;
    g.price_x_value += r.price * r.value_usd;
    g.price_x_size += r.price * r.size;
  }
  for (auto& [id, g] : groups) {
    trade t = g.first;
    t.size = g.size;
    t.value_usd = g.value;
    t.closed_pnl = g.pnl;
    t.fee_usd = g.fee;
    // Value-weighted; rows of zero value (dust) fall back to size weighting, then to the
    // earliest row's price, so the price is never 0/0.
    if (g.value > 0)
      t.price = g.price_x_value / g.value;
    else if (g.size > 0)
      t.price = g.price_x_size / g.size;
    out.trades.push_back(std::move(t));
  }
  std::sort(out.trades.begin(), out.trades.end(), [](const trade& a, const trade& b) {
    if (a.timestamp != b.timestamp) return a.timestamp < b.timestamp;
    if (a.trader_address != b.trader_address) return a.trader_address < b.trader_address;
    return a.key() < b.key();
  });
  return out;
}

}  // namespace smartcopy::strategy
