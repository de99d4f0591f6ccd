#pragma once
// SPEC §8 for one approved signal whose entry was in flight when the daemon died: its order is
// resolved by cloid at the exchange (never re-sent). A fill becomes the position it should have
// opened (with its stop, through the position supervisor, booked by the risk guard); no fill,
// or no order at all, records the signal SKIP_ORDER_FAILED. The signal's row gets the outcome.
#include <caf/event_based_actor.hpp>

#include <vector>

#include "actors/engine_context.hpp"
#include "actors/engine_handles.hpp"

namespace smartcopy {

/// A short-lived actor: ends once the signal's outcome is stored. `open_positions` are those
/// restored at start, so a fill whose position exists already is not opened twice.
void entry_recovery(caf::event_based_actor* self, engine_context ctx, engine_handles handles,
                    in_flight_entry entry, std::vector<our_position> open_positions);

}  // namespace smartcopy
