#include "app/report_json.hpp"

#include <boost/json.hpp>

namespace smartcopy::app {
namespace {

namespace bj = boost::json;

bj::value optional_number(const std::optional<double>& v) {
  return v ? bj::value(*v) : bj::value(nullptr);
}

bj::object breakdown(const std::map<std::string, strategy::breakdown_row>& rows) {
  bj::object out;
  for (const auto& [k, v] : rows)
    out[k] = {{"trades", v.trades}, {"winners", v.winners}, {"pnl_usd", v.pnl_usd}};
  return out;
}

/// SPEC §9.3 "our exits vs the copied traders' exits", one row per closed position.
bj::array exit_comparison(const std::vector<strategy::closed_trade>& trades) {
  bj::array out;
  for (const auto& t : trades)
    out.push_back({{"id", t.position_id},
                   {"token", t.token},
                   {"side", to_string(t.position_side)},
                   {"trader", t.source_trader},
                   {"opened_at", to_iso8601(t.opened_at)},
                   {"closed_at", to_iso8601(t.closed_at)},
                   {"reason", to_string(t.reason)},
                   {"entry_price", t.entry_price},
                   {"trader_exit_price", t.trader_exit_price},
                   {"pnl_usd", t.pnl_usd},
                   {"trader_exit_pnl_usd", strategy::trader_exit_pnl(t)}});
  return out;
}

bj::array open_positions(const std::vector<open_position_mark>& open) {
  bj::array out;
  for (const auto& o : open)
    out.push_back({{"id", o.row.id},
                   {"token", o.row.token},
                   {"side", to_string(o.row.position_side)},
                   {"trader", o.row.source_trader},
                   {"opened_at", to_iso8601(o.row.opened_at)},
                   {"entry_price", o.row.entry_price},
                   {"remaining_size", o.row.remaining_size},
                   {"mark_price", o.mark_price},
                   {"realized_pnl_usd", o.row.realized_pnl_usd - o.row.fees_usd},
                   {"unrealized_pnl_usd", o.unrealized_pnl_usd}});
  return out;
}

}  // namespace

bj::object report_json(const backtest_results& r) {
  const strategy::metrics& m = r.metrics;
  bj::object exits, decisions;
  for (const auto& [k, v] : m.exits_by_reason) exits[k] = v;
  for (const auto& [k, v] : r.signals_by_decision) decisions[k] = v;
  bj::array equity;
  for (const auto& p : r.curve) equity.push_back({to_iso8601(p.time), p.equity_usd});
  return {{"start", to_iso8601(r.start)},
          {"end", to_iso8601(r.end)},
          {"start_equity_usd", m.start_equity_usd},
          {"end_equity_usd", m.end_equity_usd},
          {"realized_end_equity_usd", r.realized_end_equity_usd},
          {"unrealized_pnl_usd", r.unrealized_pnl_usd},
          {"total_return_percent", m.total_return_percent},
          {"cagr_percent", optional_number(m.cagr_percent)},
          {"max_drawdown",
           {{"percent", m.max_drawdown.percent},
            {"start", to_iso8601(m.max_drawdown.peak_at)},
            {"end", to_iso8601(m.max_drawdown.trough_at)}}},
          {"sharpe", optional_number(m.sharpe)},
          {"sortino", optional_number(m.sortino)},
          {"calmar", optional_number(m.calmar)},
          {"trades", m.trades},
          {"winners", m.winners},
          {"losers", m.losers},
          {"still_open", r.open.size()},
          {"win_rate", optional_number(m.win_rate)},
          {"profit_factor", optional_number(m.profit_factor)},
          {"expectancy_usd", optional_number(m.expectancy_usd)},
          {"average_duration_hours", optional_number(m.average_duration_hours)},
          {"signals", r.signals},
          {"exits_by_reason", std::move(exits)},
          {"signals_by_decision", std::move(decisions)},
          {"by_trader", breakdown(m.by_trader)},
          {"by_token", breakdown(m.by_token)},
          {"our_pnl_usd", m.our_pnl_usd},
          {"trader_exit_pnl_usd", m.trader_exit_pnl_usd},
          {"closed_positions", exit_comparison(r.trades)},
          {"open_positions", open_positions(r.open)},
          {"equity_curve", std::move(equity)}};
}

}  // namespace smartcopy::app
