#pragma once
// signal.<id>: one signal past step 3 (ARCHITECTURE "Actors"). It sleeps on the actor clock
// until the signal is confirmable, runs SPEC §4 steps 4-9 (confirmation, slippage, timing,
// consensus, then the risk guard's limits and sizing), hands an approved signal to the exchange
// gateway, opens the position on a fill, records its decision and quits.
#include <cstdint>
#include <memory>

#include <spdlog/logger.h>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/engine_context.hpp"
#include "actors/engine_handles.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

struct signal_state {
  static inline const char* name = "signal";
  signal sig;
  signal_context context;
  bool paused = false;
  std::int64_t reservation_id = 0;  // set once the risk guard reserved the entry
  std::shared_ptr<spdlog::logger> log;
};

/// Evaluates `sig` (persisted, DEFERRED or ready) with `context` for sizing. Uses
/// handles.nansen (fresh positions), market (mark), signals (its supervisor: snapshot and
/// consensus), risk (reserve/release/opened), exchange (execute), positions (open) and store
/// (the final signal row). `paused`: the supervisor's pause state at spawn.
signal_actor::behavior_type signal_worker(signal_actor::stateful_pointer<signal_state> self,
                                          engine_context ctx, engine_handles handles, signal sig,
                                          signal_context context, bool paused);

}  // namespace smartcopy
