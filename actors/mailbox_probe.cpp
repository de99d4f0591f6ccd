#include "actors/mailbox_probe.hpp"

namespace smartcopy {

void answer_mailbox_probes(caf::scheduled_actor* self) {
  self->set_default_handler(
      [](caf::scheduled_actor* actor, caf::message_view& x) -> caf::result<caf::message> {
        if (x.content().match_elements<probe_atom>())
          return caf::make_message(actor->mailbox().size());
        return caf::print_and_drop(actor, x);
      });
}

}  // namespace smartcopy
