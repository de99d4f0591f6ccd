#pragma once
// trader.<address>: one tracked trader (SPEC §4). Polls its trades (primary tier) and positions
// (primary and secondary) at the SPEC cadences, aggregates and de-duplicates trades through
// `seen_trades` (in the store), runs steps 1-3 on each new trade, records every evaluation and
// hands the survivors to the signal supervisor.
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "actors/engine_context.hpp"
#include "actors/engine_handles.hpp"

namespace spdlog {
class logger;
}

namespace smartcopy {

struct trader_state {
  static inline const char* name = "trader";
  trader_row row;
  std::shared_ptr<spdlog::logger> log;
  std::optional<utc_time> last_poll;        // start of the last successful trades poll
  std::set<std::string> seen_keys;          // evaluated in this run (the store has the rest)
  std::vector<trade> history;               // recent trades, for the Add look-up of step 1
  std::optional<trader_snapshot> snapshot;  // the latest positions
  std::deque<trade> pending;                // new trades waiting for their evaluation
  bool evaluating = false;
};

trader_actor::behavior_type trader(trader_actor::stateful_pointer<trader_state> self,
                                   engine_context ctx, trader_row row, engine_handles handles);

}  // namespace smartcopy
