#pragma once
// The only way actors learn the time (ARCHITECTURE "Time"): the actor system's clock mapped to
// UTC through an anchor taken once at start. Under CAF's test_coordinator the clock is
// simulated, so timers, delays and polling run in a test (and in the backtest) exactly as live.
#include <caf/actor_clock.hpp>
#include <caf/actor_system.hpp>
#include <caf/local_actor.hpp>

#include "messages/time.hpp"

namespace smartcopy {

/// A UTC instant paired with the actor clock's reading at that same instant.
struct time_anchor {
  utc_time utc{};
  caf::actor_clock::time_point steady{};
};

/// Anchors `utc` (the wall clock read once by the app, or a backtest's start) to `sys`'s clock.
inline time_anchor anchor_at(caf::actor_system& sys, utc_time utc) {
  return {utc, sys.clock().now()};
}

/// The current UTC time as the actor system's clock sees it.
inline utc_time now(caf::actor_clock& clock, const time_anchor& anchor) {
  return anchor.utc + std::chrono::duration_cast<milliseconds>(clock.now() - anchor.steady);
}

inline utc_time now(const caf::local_actor* self, const time_anchor& anchor) {
  return now(self->clock(), anchor);
}

/// How long until `when` (zero when it is already past): the delay of a delayed_send.
inline caf::timespan until(const caf::local_actor* self, const time_anchor& anchor, utc_time when) {
  const auto left = when - now(self, anchor);
  return left.count() > 0 ? std::chrono::duration_cast<caf::timespan>(left) : caf::timespan{0};
}

}  // namespace smartcopy
