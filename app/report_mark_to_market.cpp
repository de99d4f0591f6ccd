#include "app/report_mark_to_market.hpp"

#include <algorithm>

namespace smartcopy::app {
namespace {

constexpr std::int64_t day_ms = 86'400'000;

double notional(const order& o) {
  return o.filled_size * o.avg_price;
}

}  // namespace

double mark_price(const dataset& data, const std::string& token, utc_time t, double fallback) {
  const auto it = data.candles.find(token);
  if (it == data.candles.end() || it->second.empty()) return fallback;
  const auto& candles = it->second;
  // The first candle not yet closed at t; the one before it holds the last close.
  const auto next = std::upper_bound(
      candles.begin(), candles.end(), to_ms(t),
      [](std::int64_t ms, const hyperliquid::candle& c) { return ms < c.close_time; });
  return next == candles.begin() ? candles.front().open : std::prev(next)->close;
}

double unrealized_pnl(const our_position& p, double mark) {
  return direction(p.position_side) * (mark - p.entry_price) * p.remaining_size;
}

equity_marker::equity_marker(const dataset& data, double start_equity,
                             std::vector<position_fills> positions)
    : data_(data), start_equity_(start_equity), positions_(std::move(positions)) {}

double equity_marker::equity_at(utc_time t) const {
  double equity = start_equity_;
  for (const auto& p : positions_) equity += position_value(p, t);
  return equity;
}

double equity_marker::position_value(const position_fills& f, utc_time t) const {
  const our_position& p = f.row;
  if (t < p.opened_at) return 0;
  if (p.closed_at && t >= *p.closed_at) return p.realized_pnl_usd - p.fees_usd;
  const double mark = mark_price(data_, p.token, t, p.entry_price);
  if (!p.closed_at && t >= data_.manifest.end)
    return p.realized_pnl_usd - p.fees_usd + unrealized_pnl(p, mark);

  // Inside its life the row holds only its final state: replay its fills up to t instead.
  double bought = 0, cost = 0, traded = 0, total_traded = 0;
  for (const auto& o : f.entries) {
    total_traded += notional(o);
    if (o.updated_at > t) continue;
    bought += o.filled_size;
    cost += notional(o);
    traded += notional(o);
  }
  if (f.entries.empty()) {  // no entry order found: the row's size, held from its opening
    bought = p.size;
    cost = total_traded = traded = p.size * p.entry_price;
  }
  const double basis = bought > 0 ? cost / bought : p.entry_price;
  const double dir = direction(p.position_side);
  double sold = 0, realized = 0;
  for (const auto& o : f.exits) {
    total_traded += notional(o);
    if (o.updated_at > t) continue;
    sold += o.filled_size;
    realized += dir * (o.avg_price - basis) * o.filled_size;
    traded += notional(o);
  }
  // Fees are a constant rate of the traded notional, so the share traded by t paid this much.
  const double fees = total_traded > 0 ? p.fees_usd * traded / total_traded : 0;
  return realized - fees + dir * (mark - basis) * std::max(0.0, bought - sold);
}

std::vector<strategy::equity_point> equity_marker::curve() const {
  const utc_time start = data_.manifest.start;
  const utc_time end = data_.manifest.end;
  if (end <= start) return {{start, start_equity_}};
  std::vector<utc_time> times{end};
  for (std::int64_t day = to_ms(start) / day_ms + 1; day * day_ms < to_ms(end); ++day)
    times.push_back(utc_from_ms(day * day_ms));
  for (const auto& p : positions_)
    if (p.row.closed_at && *p.row.closed_at > start && *p.row.closed_at < end)
      times.push_back(*p.row.closed_at);
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  // The replay starts with the account untouched, whatever opens in its first millisecond.
  std::vector<strategy::equity_point> out{{start, start_equity_}};
  for (const utc_time t : times) out.push_back({t, equity_at(t)});
  return out;
}

}  // namespace smartcopy::app
