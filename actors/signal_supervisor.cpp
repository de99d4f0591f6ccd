#include "actors/signal_supervisor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/system_messages.hpp>

#include <utility>

#include "actors/clock.hpp"
#include "actors/entry_recovery.hpp"
#include "actors/mailbox_probe.hpp"
#include "actors/signal.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy {
namespace {

using supervisor_pointer = signal_supervisor_actor::stateful_pointer<signal_supervisor_state>;

void spawn_child(supervisor_pointer self, const engine_context& ctx, const engine_handles& handles,
                 const signal& sig, const signal_context& context) {
  auto& st = self->state;
  // The child asks its supervisor for consensus; the supervisor's own copy of the handles
  // does not hold itself (a strong self-reference would keep it alive forever).
  auto child_handles = handles;
  child_handles.signals = caf::actor_cast<signal_supervisor_actor>(self);
  auto child = self->spawn(signal_worker, ctx, child_handles, sig, context, st.paused);
  self->monitor(child);
  st.ids[child.address()] = sig.id;
  st.children[sig.id] = {sig, context, child};
}

/// SPEC §10: a signal actor that failed is restarted from its signal after a backoff; too many
/// failures in the window give the signal up (its row stays as last stored), logged loudly.
void on_child_down(supervisor_pointer self, const engine_context& ctx,
                   const engine_handles& handles, const caf::down_msg& dm) {
  auto& st = self->state;
  const auto it = st.ids.find(dm.source);
  if (it == st.ids.end()) return;
  const auto id = it->second;
  st.ids.erase(it);
  if (st.drained) {
    st.children.erase(id);
    if (st.ids.empty()) st.drained->deliver(true);
    return;
  }
  if (dm.reason == caf::exit_reason::normal) {
    st.children.erase(id);
    st.restarts.forget(id);
    return;
  }
  const auto reason = self->system().render(dm.reason);
  const auto backoff = st.restarts.on_failure(id, self->clock().now());
  if (!backoff) {
    st.log->critical("signal.{} failed ({}) too often: given up", id, reason);
    self->send(handles.store, event_atom::value, now(self, ctx.anchor),
               std::string{"signal.failed"}, "signal." + std::to_string(id), reason);
    st.children.erase(id);
    return;
  }
  st.log->error("signal.{} failed ({}): restart {} in {} ms", id, reason, st.restarts.restarts(),
                backoff->count());
  self->delayed_send(self, *backoff, restart_atom::value, id);
}

void start_signal(supervisor_pointer self, const engine_context& ctx, const engine_handles& handles,
                  const signal& sig, const signal_context& context) {
  if (self->state.drained) {
    self->state.log->info("shutting down: signal {} stays DEFERRED, resumed at the next start",
                          sig.id);
    return;
  }
  if (self->state.children.count(sig.id)) {
    self->state.log->warn("signal {} is already being evaluated", sig.id);
    return;
  }
  spawn_child(self, ctx, handles, sig, context);
}

/// SPEC §4 step 7: distinct tracked traders holding `token` on `s` in their latest snapshots.
/// A signal asking counts its own trader too (step 4 just saw it holding), as
/// strategy::consensus_gate does, even when that trader left the tracked set meanwhile.
/// A failed signal restarts from what its row says now: still DEFERRED → evaluated again; entry
/// in flight → resolved by cloid (entry_recovery), never sent a second time; decided → done.
void restart_from_row(supervisor_pointer self, const engine_context& ctx,
                      const engine_handles& handles, std::int64_t id) {
  if (!self->state.children.count(id) || self->state.drained) return;
  self->request(handles.store, caf::infinite, load_atom::value)
      .then(
          [=](const persisted_state& state) {
            auto& st = self->state;
            const auto it = st.children.find(id);
            if (it == st.children.end() || st.drained) return;
            for (const auto& entry : state.in_flight)
              if (entry.sig.id == id) {
                st.log->warn("signal.{} failed with its entry in flight: resolving it", id);
                st.children.erase(it);
                self->spawn(entry_recovery, ctx, handles, entry, state.open_positions);
                return;
              }
            for (const auto& sig : state.deferred_signals)
              if (sig.id == id) {
                st.log->info("restarting signal.{}", id);
                return spawn_child(self, ctx, handles, sig, sig.sizing);
              }
            st.log->info("signal.{} was decided before it failed: not restarted", id);
            st.children.erase(it);
          },
          [=](caf::error& e) {
            self->state.log->error("signal.{} not restarted, its row is unavailable: {}", id,
                                   self->system().render(e));
          });
}

/// SPEC §10 shutdown: every child is told; those that have not sent their entry end at once.
caf::result<bool> drain(supervisor_pointer self) {
  auto& st = self->state;
  auto rp = self->make_response_promise<bool>();
  st.drained = rp;
  // A failed child waiting for its restart is not running: its row resumes at the next start.
  st.log->info("shutting down: {} signal(s) in evaluation", st.ids.size());
  if (st.ids.empty()) {
    rp.deliver(true);
    return rp;
  }
  for (auto& [id, c] : st.children) self->send(c.handle, shutdown_atom::value);
  return rp;
}

caf::result<std::string> status(supervisor_pointer self) {
  std::vector<named_actor> children;
  for (const auto& [id, c] : self->state.children)
    children.push_back({"signal." + std::to_string(id), caf::actor_cast<caf::actor>(c.handle)});
  return supervision_status(self,
                            {{"name", "signal_supervisor"},
                             {"paused", self->state.paused},
                             {"restarts", self->state.restarts.restarts()}},
                            std::move(children));
}

int consensus_holders(supervisor_pointer self, const std::string& token, side s) {
  auto& st = self->state;
  std::set<std::string> holders;
  const auto asker = st.ids.find(caf::actor_cast<caf::actor_addr>(self->current_sender()));
  if (asker != st.ids.end()) holders.insert(st.children[asker->second].sig.trader_address);
  for (const auto& [address, snap] : st.snapshots)
    if (snap.find(token, s)) holders.insert(address);
  return static_cast<int>(holders.size());
}

}  // namespace

signal_supervisor_state::~signal_supervisor_state() {
  for (const auto& entry : children)
    caf::anon_send_exit(entry.second.handle, caf::exit_reason::user_shutdown);
}

signal_supervisor_actor::behavior_type signal_supervisor(supervisor_pointer self,
                                                         engine_context ctx, engine_handles handles,
                                                         restart_policy policy) {
  auto& st = self->state;
  st.log = named_logger("signal_supervisor", self->id());
  answer_mailbox_probes(self);
  st.restarts = restart_tracker<std::int64_t>{policy};
  self->set_down_handler([=](caf::down_msg& dm) { on_child_down(self, ctx, handles, dm); });
  return {
      [=](signal_atom, const signal& sig, const signal_context& context) {
        if (sig.id != 0) return start_signal(self, ctx, handles, sig, context);
        // Supervision restarts a signal from its row: it needs one first.
        self->request(handles.store, caf::infinite, save_atom::value, sig)
            .then(
                [=](std::int64_t id) mutable {
                  auto persisted = sig;
                  persisted.id = id;
                  start_signal(self, ctx, handles, persisted, context);
                },
                [=](caf::error& e) {
                  self->state.log->error("signal of {} {} not persisted, not evaluated: {}",
                                         sig.trader_address, sig.token_symbol,
                                         self->system().render(e));
                });
      },
      [=](tracked_atom, const std::vector<trader_row>& rows) {
        auto& s = self->state;
        s.tracked.clear();
        for (const auto& row : rows) s.tracked.insert(row.address);
        for (auto it = s.snapshots.begin(); it != s.snapshots.end();)
          it = s.tracked.count(it->first) ? std::next(it) : s.snapshots.erase(it);
        s.log->info("{} tracked traders", s.tracked.size());
      },
      [=](save_atom, const trader_snapshot& snap) {
        if (self->state.tracked.count(snap.address)) self->state.snapshots[snap.address] = snap;
      },
      [=](consensus_atom, const std::string& token, side s) {
        return consensus_holders(self, token, s);
      },
      [=](pause_atom) {
        self->state.paused = true;
        self->state.log->warn("entries paused: signals reaching execution are SKIP_PAUSED");
        for (auto& [id, c] : self->state.children) self->send(c.handle, pause_atom::value);
      },
      [=](resume_atom) {
        self->state.paused = false;
        self->state.log->warn("entries resumed");
        for (auto& [id, c] : self->state.children) self->send(c.handle, resume_atom::value);
      },
      [=](shutdown_atom) { return drain(self); },
      [=](status_atom) { return status(self); },
      [=](restart_atom, std::int64_t id) { restart_from_row(self, ctx, handles, id); },
  };
}

}  // namespace smartcopy
