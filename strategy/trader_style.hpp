#pragma once
// SPEC §3 "style": how long and how often a trader trades, from its 90-day perp trades.
#include <vector>

#include "messages/time.hpp"
#include "messages/trade.hpp"
#include "messages/trader.hpp"
#include "strategy/checked.hpp"

namespace smartcopy::strategy {

/// SPEC §3 avg_hold_hours: trades sorted by timestamp; each Open is matched with the first later
/// unused Close of the same token and side; an unmatched Open counts until `now`; the average
/// runs over all Opens (0 when there are none). An Open stamped after `now` counts as 0 h.
double average_hold_hours(const std::vector<trade>& trades, utc_time now);

/// SPEC §3 thresholds: HFT if trades_per_day > 5 and avg_hold_hours < 4; else SWING if
/// trades_per_day ≥ 0.3 and avg_hold_hours < 336; else POSITION.
trader_style style_for(double trades_per_day, double avg_hold_hours);

struct style_profile {
  double trades_per_day = 0;
  double avg_hold_hours = 0;
  trader_style style = trader_style::position;
};

/// SPEC §3 `classify_trader_style(trades, days_active=90)`: trades_per_day = |all trades| /
/// days_active, avg_hold_hours as above, then style_for. days_active must be positive.
checked<style_profile> classify_trader_style(const std::vector<trade>& trades, utc_time now,
                                             double days_active = 90);

}  // namespace smartcopy::strategy
