#pragma once
// SPEC §6 step 4: the position an entry fill opens — stops derived from the fill price, best
// price = entry. Used when the fill is reported, and at restart for a fill recovered by cloid.
#include "messages/position.hpp"
#include "messages/settings.hpp"
#include "messages/signal.hpp"

namespace smartcopy::strategy {

/// What we know of an entry's fill: coins, value-weighted price, fees, the leverage used.
struct entry_fill {
  double size = 0;
  double avg_price = 0;
  double fee_usd = 0;
  double leverage = 1;
};

/// The open position `fill` of signal `s` gives at `at`: hard stop entry × (1 ∓ 5 %), trailing
/// stop entry × (1 ∓ 8 %) (defaults), highest = lowest = entry. Stops stay 0 when the fill price
/// is not a positive number (the caller logs that).
our_position opened_position(const signal& s, const entry_fill& fill, const stops_settings& stops,
                             utc_time at);

}  // namespace smartcopy::strategy
