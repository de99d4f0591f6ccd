#pragma once
// SPEC §4 step 8 [decision]: an Add by the same source trader on the same side scales into the
// position we hold in that token instead of opening a second one.
#include "messages/position.hpp"
#include "messages/settings.hpp"
#include "strategy/checked.hpp"

namespace smartcopy::strategy {

/// The position after `fill` (a filled Add: its size, entry price, notional and fees) joins
/// `held`: entry = size-weighted average of what is still held and the fill; size, remaining
/// size, notional and fees add up; the hard stop follows the new entry (SPEC §6 step 4); the
/// trailing stop never loosens (SPEC §7 step 1). Rejects another token or side, or a fill
/// without a positive size and price.
checked<our_position> scale_in(const our_position& held, const our_position& fill,
                               const stops_settings& stops);

}  // namespace smartcopy::strategy
