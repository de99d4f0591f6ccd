#pragma once
// SPEC §6 step 4 (stops placed on entry) and §7 (position management): the exit rules a
// position actor applies on every mark-price update.
#include <optional>
#include <string>
#include <vector>

#include "messages/settings.hpp"
#include "messages/side.hpp"
#include "messages/time.hpp"
#include "messages/trade.hpp"
#include "messages/trader_position.hpp"
#include "strategy/checked.hpp"

namespace smartcopy::strategy {

/// SPEC §6 step 4: the hard stop, entry × (1 − stop_loss_percent) for longs, × (1 + …) for
/// shorts (100 → 95 / 105 with the default 5 %).
checked<double> hard_stop_price(double entry_price, side s, const stops_settings& stops);

/// SPEC §6 step 4: the initial trailing stop, entry × (1 ∓ trailing_stop_percent).
checked<double> initial_trailing_stop(double entry_price, side s, const stops_settings& stops);

/// The trailing state of one position: best price seen (highest for a long, lowest for a short)
/// and the trailing stop level.
struct trailing_state {
  double best_price = 0;
  double trail_price = 0;
};

/// SPEC §7 step 1: long: if mark > best, best = mark and trail = max(trail, mark × (1 − 8 %));
/// short mirrored. The trail never loosens (entry 100, mark 115 → 105.8; then 112 → 105.8).
checked<trailing_state> update_trailing_stop(const trailing_state& state, side s, double mark,
                                             const stops_settings& stops);

/// SPEC §7 step 2: long: mark ≤ trail; short: mark ≥ trail → close with TRAILING_STOP.
checked<bool> trailing_stop_triggered(side s, double mark, double trail_price);

/// SPEC §7 step 3: open for ≥ max_position_duration_hours → close with TIME_STOP.
bool time_stop_due(utc_time opened_at, utc_time now, const stops_settings& stops);

/// SPEC §7 step 4: (mark / entry − 1) × 100, negated for shorts.
checked<double> unrealized_percent(double entry_price, double mark, side s);

/// One profit tier firing: close `close_size` of the position (SPEC §7 step 4).
struct tier_fill {
  int tier_number = 0;  // 1-based, in ascending gain order: PROFIT_TIER_<n>
  double gain_percent = 0;
  double fraction = 0;
  double close_size = 0;  // fraction × the size remaining before this tier
  double remaining_after = 0;
};

/// SPEC §7 step 4: the tiers that fire on this update. Tiers are taken in ascending gain order;
/// the first `tiers_taken` already fired; each further tier whose gain ≤ unrealized % fires,
/// lowest first, several on one update, each closing its fraction of the then-remaining size.
/// Tiers with a gain or fraction outside (0, 1] / finite are rejected.
checked<std::vector<tier_fill>> profit_tier_fills(double entry_price, double mark, side s,
                                                  int tiers_taken, double remaining_size,
                                                  const stops_settings& stops);

/// SPEC §7 step 6: what a refresh of the copied trader's positions means for our copy.
enum class trader_exit { still_holds, exited_normally, liquidated };

/// SPEC §7 step 6: the trader still holds `token` on `s` → still_holds; it does not, and one of
/// its trades in the last hour before `now` is a Close of that token and side → exited_normally
/// (ours stays under our own stops); otherwise → liquidated (close ours with TRADER_LIQUIDATED
/// and blacklist the trader). The side is matched too: a Close of the opposite side says nothing
/// about the position we copied.
trader_exit trader_gone_decision(const std::string& token, side s, const trader_snapshot& fresh,
                                 const std::vector<trade>& recent_trades, utc_time now);

/// SPEC §7.3 [decision]: whether to replace the exchange hard stop with one at the trailing
/// level — when stops.ratchet_exchange_stop is on, the trail is tighter than the exchange stop
/// by more than 0.5 % of the exchange stop, and the last ratchet of this position (if any) is at
/// least 5 minutes old.
struct ratchet_check {
  bool replace = false;
  std::string detail;
};
ratchet_check ratchet_decision(side s, double trail_price, double exchange_stop_price,
                               std::optional<utc_time> last_ratchet_at, utc_time now,
                               const stops_settings& stops);

}  // namespace smartcopy::strategy
