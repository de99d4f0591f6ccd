#pragma once
// Driving CAF's deterministic test_coordinator through simulated time (the backtest's driver and
// the engine tests): the clock stops at each due timer's instant and the system runs to idle
// there, so every actor sees the time its timer was set for, as in a live run.
#include <caf/scheduler/test_coordinator.hpp>

#include "actors/clock.hpp"

namespace smartcopy {

/// Runs every timer due until `until` (UTC, through `anchor`) one at a time, then leaves the
/// clock at `until`. Returns how many timers fired.
inline std::size_t run_until(caf::scheduler::test_coordinator& sched, const time_anchor& anchor,
                             utc_time until) {
  auto& clock = sched.clock();
  const auto target = anchor.steady + (until - anchor.utc);
  std::size_t fired = 0;
  sched.run();
  while (!clock.schedule().empty() && clock.schedule().begin()->first <= target) {
    sched.trigger_timeout();
    sched.run();
    ++fired;
  }
  if (clock.current_time < target) clock.current_time = target;
  sched.run();
  return fired;
}

}  // namespace smartcopy
