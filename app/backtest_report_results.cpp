#include "app/backtest_report_results.hpp"

#include <map>
#include <stdexcept>

#include "app/report_mark_to_market.hpp"
#include "infra/db/database.hpp"
#include "infra/db/orders_table.hpp"
#include "infra/db/positions_table.hpp"
#include "infra/db/signals_table.hpp"

namespace smartcopy::app {
namespace {

/// SPEC §9.3: the price of the copied trader's exit, else the last price of the data.
double trader_exit_price(const dataset& data, const our_position& p) {
  static const std::vector<trade> none;
  const auto it = data.trades.find(p.source_trader);
  const double end_price =
      mark_price(data, p.token, data.manifest.end, p.exit_price.value_or(p.entry_price));
  return strategy::trader_exit_price(it == data.trades.end() ? none : it->second, p.token,
                                     p.position_side, p.opened_at, end_price);
}

strategy::closed_trade closed_trade_of(const dataset& data, const our_position& p) {
  return {p.id,
          p.token,
          p.position_side,
          p.source_trader,
          p.opened_at,
          *p.closed_at,
          p.entry_price,
          p.size,
          p.realized_pnl_usd - p.fees_usd,
          p.fees_usd,
          p.reason.value_or(close_reason::end_of_data),
          trader_exit_price(data, p)};
}

/// The filled orders of `p`. Entry orders carry the signal, not the position, so they are found
/// through the copied trader's signals on the token, filled while the position lived.
using entries_by_signal = std::multimap<std::int64_t, order>;

/// Every filled entry order by its signal, read in one query (a report has thousands).
entries_by_signal filled_entries(database& db) {
  entries_by_signal out;
  for (auto& o : orders_table(db.session()).filled_entries())
    if (o.signal_id) out.emplace(*o.signal_id, std::move(o));
  return out;
}

position_fills fills_of(database& db, const entries_by_signal& entries, const our_position& p,
                        utc_time end) {
  orders_table orders(db.session());
  position_fills f{p, {}, {}};
  for (auto& o : orders.of_position(p.id))
    if (o.kind != order_kind::entry && o.filled_size > 0) f.exits.push_back(std::move(o));
  const utc_time until = p.closed_at.value_or(end);
  for (const auto& s :
       signals_table(db.session())
           .of_trader(p.source_trader, p.token, p.position_side, utc_time{}, until)) {
    const auto [first, last] = entries.equal_range(s.id);
    for (auto it = first; it != last; ++it)
      if (it->second.updated_at >= p.opened_at && it->second.updated_at <= until)
        f.entries.push_back(it->second);
  }
  return f;
}

}  // namespace

backtest_results read_backtest_results(const dataset& data, double start_equity, database& db) {
  backtest_results r;
  r.start = data.manifest.start;
  r.end = data.manifest.end;
  positions_table positions(db.session());
  std::vector<position_fills> fills;
  const auto entries = filled_entries(db);
  r.realized_end_equity_usd = start_equity;
  for (const auto& p : positions.closed()) {
    r.trades.push_back(closed_trade_of(data, p));
    r.realized_end_equity_usd += r.trades.back().pnl_usd;
    fills.push_back(fills_of(db, entries, p, r.end));
  }
  for (const auto& p : positions.unclosed()) {
    const double mark = mark_price(data, p.token, r.end, p.entry_price);
    r.open.push_back({p, mark, unrealized_pnl(p, mark)});
    r.realized_end_equity_usd += p.realized_pnl_usd - p.fees_usd;
    r.unrealized_pnl_usd += r.open.back().unrealized_pnl_usd;
    fills.push_back(fills_of(db, entries, p, r.end));
  }
  r.curve = equity_marker(data, start_equity, std::move(fills)).curve();

  std::vector<decision> decisions;
  for (const auto& s : signals_table(db.session()).recent(1'000'000))
    decisions.push_back(s.outcome);
  r.signals = decisions.size();
  r.signals_by_decision = strategy::count_by_decision(decisions);

  auto m = strategy::compute_metrics(r.trades, r.curve);
  if (!m) throw std::runtime_error("cannot compute the report: " + m.error());
  r.metrics = *m;
  return r;
}

}  // namespace smartcopy::app
