#pragma once
// position_supervisor: persists each filled entry, spawns one position.<id> actor per open
// position and restarts a failed one from its persisted row (SPEC §10 "Supervision").
#include <cstdint>
#include <map>
#include <memory>

#include <spdlog/logger.h>
#include <caf/actor_addr.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/engine_context.hpp"
#include "actors/engine_handles.hpp"
#include "actors/restart_tracker.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy {

struct position_supervisor_state {
  static inline const char* name = "position_supervisor";
  ~position_supervisor_state();                     // the children end with their supervisor
  std::map<std::int64_t, position_actor> children;  // by position id
  std::map<std::string, std::int64_t> by_token;     // the open position of each token
  std::map<caf::actor_addr, std::int64_t> ids;
  restart_tracker<std::int64_t> restarts;
  std::shared_ptr<spdlog::logger> log;
};

/// `handles`: store, nansen, market, exchange and risk, handed to each position actor.
/// `open(pos, reservation)` with pos.id != 0 restores a persisted position (at start).
position_supervisor_actor::behavior_type position_supervisor(
    position_supervisor_actor::stateful_pointer<position_supervisor_state> self, engine_context ctx,
    engine_handles handles, restart_policy policy = {});

}  // namespace smartcopy
