#pragma once
// root_supervisor (ARCHITECTURE actor tree): spawns the store, the gateways (through factories,
// so live, paper and backtest differ only there), the risk guard and the three supervisors in
// dependency order, hands each the handles it needs, and monitors them. A supervisor restarts
// its own children; a core component (store, gateway, guard, supervisor) that fails escalates:
// the root stops, so the daemon exits and restarts from the database rather than run with a
// component whose state is gone.
#include <functional>
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

/// How the mode-specific actors are spawned, as children of the root.
struct engine_factories {
  std::string mode;  // what `inspect status` reports: "live", "paper" or "backtest"
  std::function<nansen_gateway_actor(caf::local_actor&)> nansen;
  std::function<market_data_actor(caf::local_actor&)> market;
  std::function<exchange_gateway_actor(caf::local_actor&, store_actor, market_data_actor)> exchange;
  double starting_equity_usd = 0;
  restart_policy restarts;  // of trader, signal and position actors
};

struct root_supervisor_state {
  static inline const char* name = "root_supervisor";
  ~root_supervisor_state();  // the whole tree ends with the root
  std::shared_ptr<spdlog::logger> log;
  engine_handles handles;
  trader_supervisor_actor traders;  // invalid once shutdown stopped it
  bool paused = false;
  bool shutting_down = false;
  std::string mode;  // "live", "paper" or "backtest", for `inspect status`
  time_anchor anchor;
  utc_time started_at{};
};

root_supervisor_actor::behavior_type root_supervisor(
    root_supervisor_actor::stateful_pointer<root_supervisor_state> self, engine_context ctx,
    engine_factories factories, std::vector<trader_row> restored_traders);

}  // namespace smartcopy
