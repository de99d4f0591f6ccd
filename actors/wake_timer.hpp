#pragma once
// A helper actor that answers a request after a delay on the actor clock: lets a typed actor
// whose interface has no timer message wait (between order-status checks, for a GTC's TTL)
// without blocking. Under the test scheduler the delay is simulated time.
//   self->request(timer, caf::infinite, tick_atom::value, delay).then([=](bool) { ... });
#include <caf/actor.hpp>
#include <caf/behavior.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>

#include <cstdint>
#include <map>

namespace smartcopy {

struct wake_timer_state {
  static inline const char* name = "wake_timer";
  std::map<std::uint64_t, caf::response_promise> pending;
  std::uint64_t next_id = 0;
};

/// (tick_atom, caf::timespan delay) → true once `delay` has passed.
caf::behavior wake_timer(caf::stateful_actor<wake_timer_state>* self);

}  // namespace smartcopy
