#pragma once
// Helpers shared by the gateway and store tests: spawning a store on a temp SQLite file and
// asking for an answer that is expected to be an error.
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "messages/actor_interfaces.hpp"
#include "support/deterministic_system.hpp"

namespace smartcopy::testing {

/// Sends a request that must fail; returns the rendered caf::error ("" when it succeeded).
template <class Result, class Handle, class... Ts>
std::string ask_error(deterministic_system& t, const Handle& dest, Ts&&... xs) {
  auto handle = t.self->request(dest, caf::infinite, std::forward<Ts>(xs)...);
  t.sched.run();
  std::string failure;
  handle.receive([](Result&) {}, [&](caf::error& e) { failure = t.sys.render(e); });
  return failure;
}

/// Stops the given actors and runs the scheduler, so the actor system can shut down: an actor
/// kept alive by a pending delayed_send (a timer holds a strong reference), or with a message
/// queued but never run, would make ~actor_system wait forever.
template <class... Handles>
void stop_all(deterministic_system& t, const Handles&... hs) {
  (t.self->send_exit(hs, caf::exit_reason::user_shutdown), ...);
  t.run();
}

using received_marks = std::vector<std::pair<std::string, double>>;

/// A stand-in position actor that records the marks pushed to it (market data tests).
inline position_actor::behavior_type mark_recorder(position_actor::pointer,
                                                   std::shared_ptr<received_marks> out) {
  return {
      [=](mark_atom, const std::string& token, double price) { out->emplace_back(token, price); },
      [](tick_atom) {},
      [](poll_atom, positions_atom) {},
      [](open_atom, our_position& p) { return p; },
      [](close_atom, close_reason) { return true; },
      [](list_atom) { return our_position{}; },
  };
}

/// The state of a stateful actor, read directly: safe under the single-threaded test
/// coordinator, and the only way to see e.g. who is still subscribed.
template <class State, class Handle>
State& state_of(const Handle& h) {
  using impl = typename Handle::template stateful_pointer<State>;
  return dynamic_cast<impl>(caf::actor_cast<caf::abstract_actor*>(h))->state;
}

}  // namespace smartcopy::testing
