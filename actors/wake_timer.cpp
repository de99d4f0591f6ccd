#include "actors/wake_timer.hpp"

#include "messages/actor_interfaces.hpp"

namespace smartcopy {

caf::behavior wake_timer(caf::stateful_actor<wake_timer_state>* self) {
  return {
      [=](tick_atom, caf::timespan delay) {
        const auto id = ++self->state.next_id;
        auto rp = self->make_response_promise();
        self->state.pending.emplace(id, rp);
        self->delayed_send(self, delay, expire_atom::value, id);
        return rp;
      },
      [=](expire_atom, std::uint64_t id) {
        const auto it = self->state.pending.find(id);
        if (it == self->state.pending.end()) return;
        it->second.deliver(true);
        self->state.pending.erase(it);
      },
  };
}

}  // namespace smartcopy
