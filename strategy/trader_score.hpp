#pragma once
// SPEC §3 score components and the composite trader score with recency decay.
#include <optional>
#include <string>
#include <vector>

#include "messages/settings.hpp"
#include "messages/time.hpp"
#include "messages/trade.hpp"
#include "messages/trader.hpp"
#include "messages/trader_position.hpp"
#include "strategy/checked.hpp"

namespace smartcopy::strategy {

/// SPEC §3: closes = trades with action Close; nof_trades = |closes|; win_rate = |closes with
/// closed_pnl > 0| / |closes| (0 without closes); returns = closed_pnl / value_usd of each close
/// with value_usd > 0.
struct close_statistics {
  int nof_trades = 0;
  double win_rate = 0;
  std::vector<double> returns;
};
/// Rejects a Close with a non-finite closed_pnl or value_usd (naming its trade key).
checked<close_statistics> summarize_closes(const std::vector<trade>& trades);

/// SPEC §3 `sharpe` component: (mean(returns) / sample_stdev(returns)) / 3, clamped to [0, 1];
/// 0 with fewer than 2 returns or a zero stdev.
checked<double> pseudo_sharpe(const std::vector<double>& returns);

/// SPEC §3 `consistency_score(r7, r30, r90)`: weekly = [r7, r30/4, r90/12]; all three ROIs > 0
/// → 0.7 + max(0, 0.3 − population_variance(weekly)/100); exactly two > 0 → 0.5; else 0.2.
checked<double> consistency_score(double roi_7d, double roi_30d, double roi_90d);

/// SPEC §3 `smart_money` [decision]: label contains "Fund" → 1.0; contains "Smart", or the
/// address is in the smart-money perp-trades feed → 0.8; any other label → 0.5; none → 0.
double smart_money_bonus(const std::string& label, bool in_smart_money_feed);

/// SPEC §3 `risk` [decision]: L = mean leverage_value of the current positions weighted by
/// |position_value_usd| (1 when flat; positions without a reported leverage are left out);
/// 1 − (L − 1)/20 clamped to [0, 1].
checked<double> value_weighted_leverage(const std::vector<trader_position>& positions);
checked<double> risk_management_score(const std::vector<trader_position>& positions);

/// SPEC §3: 2^(−d / halflife) with d the age in (fractional) days of the newest trade. A newest
/// trade stamped after `now` counts as d = 0 (the decay never amplifies); a trader without
/// trades gets 0 (nothing recent to trust).
checked<double> recency_factor(std::optional<utc_time> newest_trade_at, utc_time now,
                               double halflife_days);

/// Everything §3 derives for one candidate, ready for the filter and the score.
struct trader_profile {
  trader_row row;  // merged leaderboard fields plus nof_trades, win_rate, style
  std::vector<double> returns;
  double trades_per_day = 0;
  double avg_hold_hours = 0;
  double mean_leverage = 1;
  bool in_smart_money_feed = false;
  std::optional<utc_time> newest_trade_at;
};

/// SPEC §3: the candidate's profile from its merged leaderboard row, its 90-day trades and its
/// current positions.
checked<trader_profile> build_trader_profile(const trader_row& merged,
                                             const std::vector<trade>& trades_90d,
                                             const std::vector<trader_position>& positions,
                                             bool in_smart_money_feed, utc_time now);

struct score_components {
  double roi = 0;
  double sharpe = 0;
  double win_rate = 0;
  double consistency = 0;
  double smart_money = 0;
  double risk = 0;
};

struct trader_score {
  score_components components;
  double raw = 0;      // Σ weight × component
  double recency = 0;  // 2^(−d / halflife)
  double score = 0;    // raw × recency
};

/// SPEC §3 `compute_trader_score`: the six components, each clamped to [0, 1] (roi = roi_90d/100;
/// a win rate outside [win_rate_min, win_rate_max] scores 0), weighted by selection.weights,
/// times the recency decay.
checked<trader_score> compute_trader_score(const trader_profile& profile,
                                           const selection_settings& selection, utc_time now);

}  // namespace smartcopy::strategy
