#include "strategy/trader_score.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "strategy/trader_style.hpp"

namespace smartcopy::strategy {

namespace {
// SPEC §3 constants.
constexpr double sharpe_scale = 3;
constexpr double leverage_risk_span = 20;
constexpr double days_scored = 90;

double clamp01(double x) {
  return std::clamp(x, 0.0, 1.0);
}

double population_variance(const std::vector<double>& xs) {
  const double mean = std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
  double sum = 0;
  for (double x : xs) sum += (x - mean) * (x - mean);
  return sum / static_cast<double>(xs.size());
}
}  // namespace

checked<close_statistics> summarize_closes(const std::vector<trade>& trades) {
  close_statistics s;
  int wins = 0;
  for (const auto& t : trades) {
    if (t.action != trade_action::close) continue;
    if (auto e = first_error(
            {require_finite("closed_pnl", t.closed_pnl), require_finite("value_usd", t.value_usd)});
        !e.empty())
      return checked<close_statistics>::fail(e + " in trade " + t.key());
    ++s.nof_trades;
    if (t.closed_pnl > 0) ++wins;
    if (t.value_usd > 0) s.returns.push_back(t.closed_pnl / t.value_usd);
  }
  s.win_rate = s.nof_trades == 0 ? 0.0 : static_cast<double>(wins) / s.nof_trades;
  return checked<close_statistics>::ok(s);
}

checked<double> pseudo_sharpe(const std::vector<double>& returns) {
  for (double r : returns)
    if (auto e = require_finite("return", r); !e.empty()) return checked<double>::fail(e);
  if (returns.size() < 2) return checked<double>::ok(0.0);
  const double n = static_cast<double>(returns.size());
  const double mean = std::accumulate(returns.begin(), returns.end(), 0.0) / n;
  double sq = 0;
  for (double r : returns) sq += (r - mean) * (r - mean);
  const double stdev = std::sqrt(sq / (n - 1));
  if (stdev == 0) return checked<double>::ok(0.0);
  return checked<double>::ok(clamp01(mean / stdev / sharpe_scale));
}

checked<double> consistency_score(double roi_7d, double roi_30d, double roi_90d) {
  if (auto e = first_error({require_finite("roi_7d", roi_7d), require_finite("roi_30d", roi_30d),
                            require_finite("roi_90d", roi_90d)});
      !e.empty())
    return checked<double>::fail(e);
  const int positive = (roi_7d > 0) + (roi_30d > 0) + (roi_90d > 0);
  if (positive == 3) {
    const double variance = population_variance({roi_7d, roi_30d / 4, roi_90d / 12});
    return checked<double>::ok(clamp01(0.7 + std::max(0.0, 0.3 - variance / 100)));
  }
  return checked<double>::ok(positive == 2 ? 0.5 : 0.2);
}

double smart_money_bonus(const std::string& label, bool in_smart_money_feed) {
  if (label.find("Fund") != std::string::npos) return 1.0;
  if (label.find("Smart") != std::string::npos || in_smart_money_feed) return 0.8;
  return label.empty() ? 0.0 : 0.5;
}

checked<double> value_weighted_leverage(const std::vector<trader_position>& positions) {
  double weighted = 0, total = 0;
  for (const auto& p : positions) {
    if (auto e = require_finite("position_value_usd", p.position_value_usd); !e.empty())
      return checked<double>::fail(e + " (" + p.token + ")");
    if (!p.leverage) continue;
    if (auto e = require_positive("leverage", *p.leverage); !e.empty())
      return checked<double>::fail(e + " (" + p.token + ")");
    weighted += *p.leverage * std::fabs(p.position_value_usd);
    total += std::fabs(p.position_value_usd);
  }
  return checked<double>::ok(total > 0 ? weighted / total : 1.0);
}

checked<double> risk_management_score(const std::vector<trader_position>& positions) {
  const auto leverage = value_weighted_leverage(positions);
  if (!leverage) return leverage;
  return checked<double>::ok(clamp01(1 - (*leverage - 1) / leverage_risk_span));
}

checked<double> recency_factor(std::optional<utc_time> newest_trade_at, utc_time now,
                               double halflife_days) {
  if (auto e = require_positive("recency_halflife_days", halflife_days); !e.empty())
    return checked<double>::fail(e);
  if (!newest_trade_at) return checked<double>::ok(0.0);
  const double days = std::max(0.0, hours_between(*newest_trade_at, now) / 24.0);
  return checked<double>::ok(std::exp2(-days / halflife_days));
}

checked<trader_profile> build_trader_profile(const trader_row& merged,
                                             const std::vector<trade>& trades_90d,
                                             const std::vector<trader_position>& positions,
                                             bool in_smart_money_feed, utc_time now) {
  using result = checked<trader_profile>;
  const auto closes = summarize_closes(trades_90d);
  if (!closes) return result::fail(closes.error());
  const auto style = classify_trader_style(trades_90d, now, days_scored);
  if (!style) return result::fail(style.error());
  const auto leverage = value_weighted_leverage(positions);
  if (!leverage) return result::fail(leverage.error());
  trader_profile p;
  p.row = merged;
  p.row.nof_trades = closes->nof_trades;
  p.row.win_rate = closes->win_rate;
  p.row.style = style->style;
  p.returns = closes->returns;
  p.trades_per_day = style->trades_per_day;
  p.avg_hold_hours = style->avg_hold_hours;
  p.mean_leverage = *leverage;
  p.in_smart_money_feed = in_smart_money_feed;
  for (const auto& t : trades_90d)
    if (!p.newest_trade_at || t.timestamp > *p.newest_trade_at) p.newest_trade_at = t.timestamp;
  return result::ok(p);
}

checked<trader_score> compute_trader_score(const trader_profile& profile,
                                           const selection_settings& selection, utc_time now) {
  using result = checked<trader_score>;
  const auto& r = profile.row;
  if (auto e =
          first_error({require_finite("roi_90d", r.roi_90d), require_finite("win_rate", r.win_rate),
                       require_positive("mean_leverage", profile.mean_leverage)});
      !e.empty())
    return result::fail(e);
  const auto& w = selection.weights;
  for (double weight : {w.roi, w.sharpe, w.win_rate, w.consistency, w.smart_money, w.risk})
    if (auto e = require_non_negative("score weight", weight); !e.empty()) return result::fail(e);
  const auto sharpe = pseudo_sharpe(profile.returns);
  if (!sharpe) return result::fail(sharpe.error());
  const auto consistency = consistency_score(r.roi_7d, r.roi_30d, r.roi_90d);
  if (!consistency) return result::fail(consistency.error());
  const auto recency =
      recency_factor(profile.newest_trade_at, now, selection.recency_halflife_days);
  if (!recency) return result::fail(recency.error());

  trader_score s;
  auto& c = s.components;
  c.roi = clamp01(r.roi_90d / 100);
  c.sharpe = *sharpe;
  c.win_rate = r.win_rate >= selection.win_rate_min && r.win_rate <= selection.win_rate_max
                   ? clamp01(r.win_rate)
                   : 0.0;
  c.consistency = *consistency;
  c.smart_money = smart_money_bonus(r.label, profile.in_smart_money_feed);
  c.risk = clamp01(1 - (profile.mean_leverage - 1) / leverage_risk_span);
  s.raw = w.roi * c.roi + w.sharpe * c.sharpe + w.win_rate * c.win_rate +
          w.consistency * c.consistency + w.smart_money * c.smart_money + w.risk * c.risk;
  s.recency = *recency;
  s.score = s.raw * s.recency;
  return result::ok(s);
}

}  // namespace smartcopy::strategy
