#include "strategy/metrics.hpp"

#include <cmath>
#include <numeric>

namespace smartcopy::strategy {

namespace {
// SPEC §9.3: daily returns annualized over a 24/7 market's 365 days.
constexpr double days_per_year = 365;
constexpr std::int64_t ms_per_day = 86'400'000;

std::int64_t utc_day(utc_time t) {
  const std::int64_t ms = to_ms(t);
  return ms >= 0 ? ms / ms_per_day : (ms - ms_per_day + 1) / ms_per_day;
}

std::string curve_problem(const std::vector<equity_point>& curve) {
  if (curve.empty()) return "equity curve is empty";
  if (auto e = require_positive("starting equity", curve.front().equity_usd); !e.empty()) return e;
  for (std::size_t i = 0; i < curve.size(); ++i) {
    if (auto e = require_non_negative("equity", curve[i].equity_usd); !e.empty())
      return e + " at " + to_iso8601(curve[i].time);
    if (i > 0 && curve[i].time < curve[i - 1].time)
      return "equity curve goes back in time at " + to_iso8601(curve[i].time);
  }
  return {};
}

std::string trade_problem(const closed_trade& t) {
  auto e = first_error({require_positive("entry_price", t.entry_price),
                        require_non_negative("size", t.size), require_finite("pnl_usd", t.pnl_usd),
                        require_non_negative("fees_usd", t.fees_usd),
                        require_positive("trader_exit_price", t.trader_exit_price)});
  if (e.empty() && t.closed_at < t.opened_at) e = "closed_at is before opened_at";
  return e.empty() ? e : e + " (position " + std::to_string(t.position_id) + ")";
}

double mean(const std::vector<double>& xs) {
  return std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
}

void add_to(breakdown_row& row, const closed_trade& t) {
  ++row.trades;
  if (t.pnl_usd > 0) ++row.winners;
  row.pnl_usd += t.pnl_usd;
}
}  // namespace

checked<std::vector<double>> daily_returns(const std::vector<equity_point>& curve) {
  using result = checked<std::vector<double>>;
  if (auto e = curve_problem(curve); !e.empty()) return result::fail(e);
  std::vector<double> closes{curve.front().equity_usd};  // start, then each day's last value
  std::int64_t day = utc_day(curve.front().time);
  double last = curve.front().equity_usd;
  for (const auto& p : curve) {
    for (; day < utc_day(p.time); ++day) closes.push_back(last);
    last = p.equity_usd;
  }
  closes.push_back(last);
  std::vector<double> returns;
  for (std::size_t i = 1; i < closes.size(); ++i)
    returns.push_back(closes[i - 1] > 0 ? closes[i] / closes[i - 1] - 1 : 0.0);
  return result::ok(returns);
}

checked<drawdown_span> max_drawdown(const std::vector<equity_point>& curve) {
  if (auto e = curve_problem(curve); !e.empty()) return checked<drawdown_span>::fail(e);
  drawdown_span worst{0, curve.front().time, curve.front().time};
  equity_point peak = curve.front();
  for (const auto& p : curve) {
    if (p.equity_usd > peak.equity_usd) peak = p;
    const double dd = (peak.equity_usd - p.equity_usd) * 100.0 / peak.equity_usd;
    if (dd > worst.percent) worst = {dd, peak.time, p.time};
  }
  return checked<drawdown_span>::ok(worst);
}

std::optional<double> sharpe_ratio(const std::vector<double>& daily) {
  if (daily.size() < 2) return std::nullopt;
  const double m = mean(daily);
  double sq = 0;
  for (double r : daily) sq += (r - m) * (r - m);
  const double stdev = std::sqrt(sq / static_cast<double>(daily.size() - 1));
  if (!(stdev > 0)) return std::nullopt;
  return m / stdev * std::sqrt(days_per_year);
}

std::optional<double> sortino_ratio(const std::vector<double>& daily) {
  if (daily.size() < 2) return std::nullopt;
  double sq = 0;
  for (double r : daily)
    if (r < 0) sq += r * r;
  const double downside = std::sqrt(sq / static_cast<double>(daily.size()));
  if (!(downside > 0)) return std::nullopt;
  return mean(daily) / downside * std::sqrt(days_per_year);
}

double trader_exit_pnl(const closed_trade& t) {
  return direction(t.position_side) * (t.trader_exit_price - t.entry_price) * t.size - t.fees_usd;
}

checked<metrics> compute_metrics(const std::vector<closed_trade>& trades,
                                 const std::vector<equity_point>& curve) {
  using result = checked<metrics>;
  for (const auto& t : trades)
    if (auto e = trade_problem(t); !e.empty()) return result::fail(e);
  const auto daily = daily_returns(curve);
  if (!daily) return result::fail(daily.error());
  const auto dd = max_drawdown(curve);
  if (!dd) return result::fail(dd.error());

  metrics m;
  m.start_equity_usd = curve.front().equity_usd;
  m.end_equity_usd = curve.back().equity_usd;
  m.total_return_percent = (m.end_equity_usd / m.start_equity_usd - 1) * 100;
  const double years = static_cast<double>((curve.back().time - curve.front().time).count()) /
                       ms_per_day / days_per_year;
  if (years > 0)
    m.cagr_percent = (std::pow(m.end_equity_usd / m.start_equity_usd, 1 / years) - 1) * 100;
  m.max_drawdown = *dd;
  m.sharpe = sharpe_ratio(*daily);
  m.sortino = sortino_ratio(*daily);
  if (m.cagr_percent && dd->percent > 0) m.calmar = *m.cagr_percent / dd->percent;

  double gross_profit = 0, gross_loss = 0, hours = 0;
  for (const auto& t : trades) {
    ++m.trades;
    if (t.pnl_usd > 0) {
      ++m.winners;
      gross_profit += t.pnl_usd;
    } else if (t.pnl_usd < 0) {
      ++m.losers;
      gross_loss -= t.pnl_usd;
    }
    hours += hours_between(t.opened_at, t.closed_at);
    ++m.exits_by_reason[std::string{to_string(t.reason)}];
    add_to(m.by_trader[t.source_trader], t);
    add_to(m.by_token[t.token], t);
    m.our_pnl_usd += t.pnl_usd;
    m.trader_exit_pnl_usd += trader_exit_pnl(t);
  }
  if (m.trades > 0) {
    m.win_rate = static_cast<double>(m.winners) / m.trades;
    m.expectancy_usd = m.our_pnl_usd / m.trades;
    m.average_duration_hours = hours / m.trades;
  }
  if (gross_loss > 0) m.profit_factor = gross_profit / gross_loss;
  return result::ok(m);
}

std::map<std::string, int> count_by_decision(const std::vector<decision>& decisions) {
  std::map<std::string, int> counts;
  for (auto d : decisions) ++counts[std::string{to_string(d)}];
  return counts;
}

double trader_exit_price(const std::vector<trade>& trader_trades, const std::string& token, side s,
                         utc_time opened_at, double end_price) {
  for (const auto& t : trader_trades)
    if (t.timestamp >= opened_at && t.token == token && t.position_side == s &&
        t.action == trade_action::close)
      return t.price;
  return end_price;
}

}  // namespace smartcopy::strategy
