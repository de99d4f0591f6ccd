#pragma once
// trader_supervisor (ARCHITECTURE actor tree): owns the scorer and one trader actor per tracked
// trader. Scores at start (unless a recent tracked set was restored) and every
// polling.leaderboard_sec, follows the tracked set, restarts a failed trader actor with
// exponential backoff and an intensity limit, and counts restarts.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "actors/engine_context.hpp"
#include "actors/engine_handles.hpp"
#include "actors/restart_tracker.hpp"

namespace spdlog {
class logger;
}

namespace smartcopy {

struct trader_supervisor_state {
  static inline const char* name = "trader_supervisor";
  ~trader_supervisor_state();  // the children end with their supervisor
  std::shared_ptr<spdlog::logger> log;
  scorer_actor scorer;
  std::map<std::string, trader_row> tracked;     // address → row of the current tracked set
  std::map<std::string, trader_actor> children;  // running trader actors
  restart_tracker<std::string> restarts;
};

/// `restored`: the tracked rows found in the database (may be empty).
trader_supervisor_actor::behavior_type trader_supervisor(
    trader_supervisor_actor::stateful_pointer<trader_supervisor_state> self, engine_context ctx,
    engine_handles handles, std::vector<trader_row> restored, restart_policy policy);

}  // namespace smartcopy
