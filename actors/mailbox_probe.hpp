#pragma once
// Mailbox sizes for `smartcopy inspect actors` (SPEC §10). Only an actor may read its own
// mailbox, so each actor answers a `probe` message itself. The probe travels outside the
// typed interfaces (it is sent to the untyped handle and caught by the default handler), so
// no interface has to list it and every actor answers it the same way.
#include <caf/actor.hpp>
#include <caf/actor_cast.hpp>
#include <caf/scheduled_actor.hpp>

#include <boost/json.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "messages/actor_interfaces.hpp"

namespace smartcopy {

using probe_atom = caf::atom_constant<caf::atom("probe")>;

/// Makes `self` answer (probe) with its mailbox size; other unexpected messages are still
/// reported and dropped as CAF does by default.
void answer_mailbox_probes(caf::scheduled_actor* self);

/// One line of the supervision tree: an actor's name and handle.
struct named_actor {
  std::string name;
  caf::actor handle;
};

/// Asks every actor of `actors` for its mailbox size (an actor busy in blocking I/O may not
/// answer within `wait`: its size is then null) and calls `done` with one JSON object per actor
/// ({"name", "id", "mailbox"}), in the order given.
template <class Self>
void probe_mailboxes(Self* self, std::vector<named_actor> actors,
                     std::function<void(boost::json::array)> done,
                     std::chrono::milliseconds wait = std::chrono::milliseconds(500)) {
  struct gather {
    boost::json::array rows;
    std::size_t pending = 0;
    std::function<void(boost::json::array)> done;
  };
  auto g = std::make_shared<gather>();
  g->pending = actors.size();
  g->done = std::move(done);
  if (actors.empty()) return g->done({});
  for (const auto& a : actors)
    g->rows.push_back(boost::json::object{
        {"name", a.name}, {"id", a.handle ? a.handle.id() : 0}, {"mailbox", nullptr}});
  auto finish_one = [g] {
    if (--g->pending == 0) g->done(std::move(g->rows));
  };
  for (std::size_t i = 0; i < actors.size(); ++i) {
    if (!actors[i].handle) {
      finish_one();
      continue;
    }
    self->request(actors[i].handle, wait, probe_atom::value)
        .then(
            [g, i, finish_one](std::size_t size) {
              g->rows[i].as_object()["mailbox"] = size;
              finish_one();
            },
            [finish_one](caf::error&) { finish_one(); });
  }
}

/// A supervisor's answer to `status` (for `inspect actors`): `fields` plus "children", one row
/// per child with its mailbox; `annotate` may add to the rows once they are probed.
template <class Self>
caf::result<std::string> supervision_status(
    Self* self, boost::json::object fields, std::vector<named_actor> children,
    std::function<void(boost::json::array&)> annotate = {}) {
  auto rp = self->template make_response_promise<std::string>();
  probe_mailboxes(self, std::move(children),
                  [rp, fields = std::move(fields), annotate](boost::json::array rows) mutable {
                    if (annotate) annotate(rows);
                    fields["children"] = std::move(rows);
                    rp.deliver(boost::json::serialize(fields));
                  });
  return rp;
}

}  // namespace smartcopy
