#pragma once
// An actor system on CAF's deterministic test_coordinator with a simulated clock anchored at a
// fixed UTC instant: actor tests drive message order and time, never sleep.
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/scoped_actor.hpp>

#include <memory>
#include <stdexcept>

#include "actors/engine_context.hpp"
#include "actors/simulated_time.hpp"

namespace smartcopy::testing {

struct deterministic_config : caf::actor_system_config {
  deterministic_config() { set("scheduler.policy", caf::atom("testing")); }
};

struct deterministic_system {
  deterministic_config cfg;
  caf::actor_system sys{cfg};
  caf::scheduler::test_coordinator& sched =
      dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  caf::scoped_actor self{sys, true};
  engine_context context;

  explicit deterministic_system(settings config = {},
                                utc_time start = *parse_iso8601("2026-02-14T12:00:00Z")) {
    context.config = std::make_shared<const settings>(std::move(config));
    context.anchor = anchor_at(sys, start);
    context.detach_blocking = false;
    // Actors with armed timers never finish under the test scheduler: do not wait for them.
    sys.await_actors_before_shutdown(false);
  }

  utc_time now() { return smartcopy::now(sys.clock(), context.anchor); }

  /// Runs every queued message (no time passes).
  std::size_t run() { return sched.run(); }

  /// Lets `d` of simulated time pass (see advance_to).
  void advance(caf::timespan d) { advance_to(now() + std::chrono::duration_cast<milliseconds>(d)); }

  /// Moves the simulated clock to `t` (UTC) one due timer at a time (run_until).
  void advance_to(utc_time t) { run_until(sched, context.anchor, t); }

  /// Sends a request, runs the system to idle and returns the typed answer (throws on error).
  template <class Result, class Handle, class... Ts>
  Result ask(const Handle& dest, Ts&&... xs) {
    auto handle = self->request(dest, caf::infinite, std::forward<Ts>(xs)...);
    sched.run();
    Result out{};
    bool answered = false;
    std::string failure;
    handle.receive([&](Result& r) { out = std::move(r), answered = true; },
                   [&](caf::error& e) { failure = sys.render(e); });
    if (!answered) throw std::runtime_error("request failed: " + failure);
    return out;
  }
};

}  // namespace smartcopy::testing
