#include "actors/position_supervisor.hpp"

#include <caf/system_messages.hpp>
#include <caf/typed_response_promise.hpp>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "actors/clock.hpp"
#include "actors/mailbox_probe.hpp"
#include "actors/position.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy {
namespace {

using supervisor_pointer = position_supervisor_actor::stateful_pointer<position_supervisor_state>;

void spawn_child(supervisor_pointer self, const engine_context& ctx, const engine_handles& handles,
                 const our_position& pos, bool restored) {
  auto& st = self->state;
  auto child = self->spawn(position_worker, ctx, handles, pos, restored);
  self->monitor(child);
  st.ids[child.address()] = pos.id;
  st.children[pos.id] = child;
}

/// SPEC §10: a failed position actor is restarted from its row after a backoff. Too many
/// failures in the window leave the position unmanaged until the next start (its row stays
/// open and is restored then); that is logged critically and audited.
void on_child_down(supervisor_pointer self, const engine_context& ctx,
                   const engine_handles& handles, const caf::down_msg& dm) {
  auto& st = self->state;
  const auto it = st.ids.find(dm.source);
  if (it == st.ids.end()) return;
  const auto id = it->second;
  st.ids.erase(it);
  st.children.erase(id);
  if (dm.reason == caf::exit_reason::normal) {
    st.restarts.forget(id);
    for (auto t = st.by_token.begin(); t != st.by_token.end();)
      t = t->second == id ? st.by_token.erase(t) : std::next(t);
    return;
  }
  const auto reason = self->system().render(dm.reason);
  const auto backoff = st.restarts.on_failure(id, self->clock().now());
  if (!backoff) {
    st.log->critical("position.{} failed ({}) too often: UNMANAGED until the next start", id,
                     reason);
    self->send(handles.store, event_atom::value, now(self, ctx.anchor),
               std::string{"position.unmanaged"}, "position." + std::to_string(id), reason);
    return;
  }
  st.log->error("position.{} failed ({}): restart {} in {} ms", id, reason, st.restarts.restarts(),
                backoff->count());
  self->delayed_send(self, *backoff, restart_atom::value, id);
}

/// Answers every open position's current state (a child that died meanwhile is left out).
caf::result<std::vector<our_position>> list_positions(supervisor_pointer self) {
  auto rp = self->make_response_promise<std::vector<our_position>>();
  if (self->state.children.empty()) {
    rp.deliver(std::vector<our_position>{});
    return rp;
  }
  struct gather {
    std::vector<our_position> rows;
    std::size_t pending = 0;
  };
  auto g = std::make_shared<gather>();
  g->pending = self->state.children.size();
  auto done = [g, rp]() mutable {
    if (--g->pending > 0) return;
    std::sort(g->rows.begin(), g->rows.end(),
              [](const our_position& a, const our_position& b) { return a.id < b.id; });
    rp.deliver(g->rows);
  };
  for (const auto& [id, child] : self->state.children)
    self->request(child, caf::infinite, list_atom::value)
        .then([g, done](const our_position& p) mutable { g->rows.push_back(p), done(); },
              [done](caf::error&) mutable { done(); });
  return rp;
}

caf::result<std::string> status(supervisor_pointer self) {
  std::vector<named_actor> children;
  for (const auto& [id, child] : self->state.children)
    children.push_back({"position." + std::to_string(id), caf::actor_cast<caf::actor>(child)});
  return supervision_status(
      self, {{"name", "position_supervisor"}, {"restarts", self->state.restarts.restarts()}},
      std::move(children));
}

}  // namespace

position_supervisor_state::~position_supervisor_state() {
  for (const auto& entry : children)
    caf::anon_send_exit(entry.second, caf::exit_reason::user_shutdown);
}

position_supervisor_actor::behavior_type position_supervisor(supervisor_pointer self,
                                                             engine_context ctx,
                                                             engine_handles handles,
                                                             restart_policy policy) {
  auto& st = self->state;
  st.log = named_logger("position_supervisor", self->id());
  answer_mailbox_probes(self);
  st.restarts = restart_tracker<std::int64_t>{policy};
  self->set_down_handler([=](caf::down_msg& dm) { on_child_down(self, ctx, handles, dm); });
  return {
      [=](open_atom, const our_position& pos,
          std::int64_t reservation) -> caf::result<our_position> {
        auto rp = self->make_response_promise<our_position>();
        // One position per token (SPEC §4 step 8): a fill in a token we hold scales into it.
        if (const auto held = self->state.by_token.find(pos.token);
            held != self->state.by_token.end() && self->state.children.count(held->second)) {
          self->state.log->info("reservation {}: scaling {} {} into position {}", reservation,
                                pos.size, pos.token, held->second);
          self->request(self->state.children.at(held->second), caf::infinite, open_atom::value, pos)
              .then([=](our_position& merged) mutable { rp.deliver(std::move(merged)); },
                    [=](caf::error& e) mutable { rp.deliver(std::move(e)); });
          return rp;
        }
        self->request(handles.store, caf::infinite, save_atom::value, pos)
            .then(
                [=](std::int64_t id) mutable {
                  auto persisted = pos;
                  persisted.id = id;
                  if (self->state.children.count(id)) {
                    self->state.log->warn("position {} is already managed", id);
                  } else {
                    self->state.log->info("position {} opened (reservation {}): {} {} {} at {}", id,
                                          reservation, persisted.token,
                                          to_string(persisted.position_side), persisted.size,
                                          persisted.entry_price);
                    spawn_child(self, ctx, handles, persisted, pos.id != 0);
                  }
                  self->state.by_token[persisted.token] = id;
                  rp.deliver(persisted);
                },
                [=](caf::error& e) mutable {
                  self->state.log->critical("position of {} {} not persisted, not managed: {}",
                                            pos.token, pos.size, self->system().render(e));
                  rp.deliver(std::move(e));
                });
        return rp;
      },
      [=](close_atom, std::int64_t id) -> caf::result<bool> {
        auto rp = self->make_response_promise<bool>();
        const auto it = self->state.children.find(id);
        if (it == self->state.children.end()) {
          self->state.log->warn("close {}: no such open position", id);
          rp.deliver(false);
          return rp;
        }
        self->request(it->second, caf::infinite, close_atom::value, close_reason::manual)
            .then([=](bool closed) mutable { rp.deliver(closed); },
                  [=](caf::error& e) mutable { rp.deliver(std::move(e)); });
        return rp;
      },
      [=](list_atom) { return list_positions(self); },
      [=](status_atom) { return status(self); },
      [=](restart_atom, std::int64_t id) {
        self->request(handles.store, caf::infinite, load_atom::value)
            .then(
                [=](const persisted_state& state) {
                  const auto& rows = state.open_positions;
                  const auto row = std::find_if(rows.begin(), rows.end(),
                                                [&](const our_position& p) { return p.id == id; });
                  if (row == rows.end()) {
                    self->state.log->info("position {} is no longer open: not restarted", id);
                    self->state.restarts.forget(id);
                    return;
                  }
                  self->state.log->info("restarting position.{} from its row", id);
                  spawn_child(self, ctx, handles, *row, true);
                },
                [=](caf::error& e) {
                  self->state.log->error("position {} not restarted, its row is unavailable: {}",
                                         id, self->system().render(e));
                });
      },
  };
}

}  // namespace smartcopy
