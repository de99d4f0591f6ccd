#pragma once
// signal_supervisor: spawns one signal.<id> actor per signal past step 3, restarts a failed one
// from its signal (SPEC §10 "Supervision"), and keeps what step 7 needs: the tracked set and
// each tracked trader's latest positions snapshot. It also holds the operator's pause.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include <spdlog/logger.h>
#include <caf/actor_addr.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include "actors/engine_context.hpp"
#include "actors/engine_handles.hpp"
#include "actors/restart_tracker.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

struct signal_supervisor_state {
  static inline const char* name = "signal_supervisor";
  ~signal_supervisor_state();  // the children end with their supervisor
  /// A running signal and what it is restarted from.
  struct child {
    signal sig;
    signal_context context;
    signal_actor handle;
  };
  std::map<std::int64_t, child> children;  // by signal id
  std::map<caf::actor_addr, std::int64_t> ids;
  std::set<std::string> tracked;                     // addresses (primary and secondary)
  std::map<std::string, trader_snapshot> snapshots;  // latest, tracked traders only
  bool paused = false;
  /// Set by shutdown: answered once the last child has ended.
  std::optional<caf::typed_response_promise<bool>> drained;
  restart_tracker<std::int64_t> restarts;
  std::shared_ptr<spdlog::logger> log;
};

/// `handles` are those a signal needs (store, nansen, market, exchange, risk, positions);
/// each child gets handles.signals = this supervisor.
signal_supervisor_actor::behavior_type signal_supervisor(
    signal_supervisor_actor::stateful_pointer<signal_supervisor_state> self, engine_context ctx,
    engine_handles handles, restart_policy policy = {});

}  // namespace smartcopy
