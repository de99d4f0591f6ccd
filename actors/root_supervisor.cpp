#include "actors/root_supervisor.hpp"

#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "actors/entry_recovery.hpp"
#include "actors/inspect_commands.hpp"
#include "actors/mailbox_probe.hpp"
#include "actors/position_supervisor.hpp"
#include "actors/risk_guard.hpp"
#include "actors/signal_supervisor.hpp"
#include "actors/store.hpp"
#include "actors/trader_supervisor.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy {
namespace {

using self_ptr = root_supervisor_actor::stateful_pointer<root_supervisor_state>;

store_actor spawn_store(self_ptr self, const engine_context& ctx) {
  if (ctx.detach_blocking)
    return self->spawn<caf::detached + caf::monitored>(store, ctx, ctx.config->db.url);
  return self->spawn<caf::monitored>(store, ctx, ctx.config->db.url);
}

// Answers with what `forward` gets back from `dest`, or its error.
template <class Result, class Handle, class... Ts>
caf::result<Result> forward(self_ptr self, const Handle& dest, Ts&&... xs) {
  auto rp = self->make_response_promise<Result>();
  self->request(dest, caf::infinite, std::forward<Ts>(xs)...)
      .then([rp](Result& r) mutable { rp.deliver(std::move(r)); },
            [rp](caf::error& e) mutable { rp.deliver(e); });
  return rp;
}

/// Orders a crash left unresolved that no other recovery owns (a close or reduce in flight, a
/// stop never sent): their rows are brought up to date by cloid. Resting stops are the live
/// positions' own; in-flight entries are resolved by their entry_recovery.
void resolve_orphan_orders(self_ptr self, const persisted_state& state) {
  std::set<std::string> owned;
  for (const auto& e : state.in_flight)
    for (const auto& o : e.orders) owned.insert(o.cloid);
  for (const auto& o : state.unresolved_orders) {
    if (owned.count(o.cloid) || (o.kind == order_kind::stop && o.status == order_status::resting))
      continue;
    self->request(self->state.handles.exchange, caf::infinite, resolve_atom::value, o)
        .then(
            [self](const order& r) {
              self->state.log->info("order {} resolved at start: {}", r.cloid, to_string(r.status));
            },
            [self, cloid = o.cloid](caf::error& e) {
              self->state.log->warn("order {} not resolved at start: {}", cloid,
                                    self->system().render(e));
            });
  }
}

// SPEC §8: what the database knows comes back under management — blacklists, open positions
// (in the book and under their actors, which reconcile with the exchange), deferred signals (at
// their due times), entries in flight at a crash (resolved by cloid) and orphan orders.
void restore(self_ptr self, const engine_context& ctx) {
  const auto h = self->state.handles;
  self->request(h.store, caf::infinite, load_atom::value)
      .then(
          [self, h, ctx](persisted_state& state) {
            for (const auto& t : state.traders)
              if (t.blacklisted_until)
                self->send(h.risk, blacklist_atom::value, t.address, *t.blacklisted_until);
            for (const auto& pos : state.open_positions) {
              self->send(h.risk, open_atom::value, pos);
              self->request(h.positions, caf::infinite, open_atom::value, pos, std::int64_t{0})
                  .then([](our_position&) {},
                        [self, id = pos.id](caf::error& e) {
                          self->state.log->critical("position {} NOT restored: {}", id,
                                                    self->system().render(e));
                        });
            }
            for (const auto& sig : state.deferred_signals)
              self->send(h.signals, signal_atom::value, sig, sig.sizing);
            for (const auto& entry : state.in_flight)
              self->spawn(entry_recovery, ctx, h, entry, state.open_positions);
            resolve_orphan_orders(self, state);
            self->state.log->info(
                "restored {} open position(s), {} deferred signal(s), {} entr(ies) in flight",
                state.open_positions.size(), state.deferred_signals.size(), state.in_flight.size());
          },
          [self](caf::error& e) {
            self->state.log->critical("cannot load the database: {}", self->system().render(e));
            self->quit(e);
          });
}

/// SPEC §10 shutdown: the traders stop polling (no new signals), signals that have not sent
/// their entry stop (still DEFERRED), those in flight record their outcome; then answers. The
/// caller bounds the wait and ends the root; exchange-side stops stay in place.
caf::result<bool> shut_down(self_ptr self) {
  auto& st = self->state;
  st.shutting_down = true;
  st.log->warn("shutting down: no new entries");
  if (st.traders) {
    caf::anon_send_exit(st.traders, caf::exit_reason::user_shutdown);
    st.traders = trader_supervisor_actor{};
  }
  return forward<bool>(self, st.handles.signals, shutdown_atom::value);
}

}  // namespace

root_supervisor_state::~root_supervisor_state() {
  // Supervisors first, so no child sends to a gateway that is already gone.
  for (const caf::actor_addr& a :
       {traders.address(), handles.signals.address(), handles.positions.address(),
        handles.risk.address(), handles.exchange.address(), handles.market.address(),
        handles.nansen.address(), handles.store.address()})
    if (a) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
}

root_supervisor_actor::behavior_type root_supervisor(self_ptr self, engine_context ctx,
                                                     engine_factories f,
                                                     std::vector<trader_row> restored) {
  auto& st = self->state;
  st.log = named_logger("root_supervisor", self->id());
  answer_mailbox_probes(self);
  auto& h = st.handles;
  h.store = spawn_store(self, ctx);
  h.nansen = f.nansen(*self);
  h.market = f.market(*self);
  h.exchange = f.exchange(*self, h.store, h.market);
  h.risk = self->spawn<caf::monitored>(risk_guard, ctx, h.store, f.starting_equity_usd);
  h.positions = self->spawn<caf::monitored>(position_supervisor, ctx, h, f.restarts);
  h.signals = self->spawn<caf::monitored>(signal_supervisor, ctx, h, f.restarts);
  st.traders =
      self->spawn<caf::monitored>(trader_supervisor, ctx, h, std::move(restored), f.restarts);
  for (const caf::actor_addr& a : {h.nansen.address(), h.market.address(), h.exchange.address()})
    self->monitor(a);
  st.mode = f.mode;
  st.anchor = ctx.anchor;
  st.started_at = now(self, ctx.anchor);
  restore(self, ctx);
  st.log->info("engine started in {} mode at {}", st.mode, to_iso8601(st.started_at));

  self->set_down_handler([self](caf::down_msg& dm) {
    if (dm.reason == caf::exit_reason::normal || dm.reason == caf::exit_reason::user_shutdown)
      return;
    self->state.log->critical("a core component failed ({}); stopping the engine",
                              self->system().render(dm.reason));
    self->quit(dm.reason);
  });

  return {
      [self](status_atom) -> caf::result<std::string> {
        auto rp = self->make_response_promise<std::string>();
        self->request(self->state.traders, caf::infinite, status_atom::value)
            .then(
                [self, rp](std::string& traders) mutable {
                  rp.deliver(boost::json::serialize(
                      boost::json::object{{"name", "root_supervisor"},
                                          {"paused", self->state.paused},
                                          {"traders", boost::json::parse(traders)}}));
                },
                [rp](caf::error& e) mutable { rp.deliver(e); });
        return rp;
      },
      [self](score_atom) {
        return forward<std::vector<trader_row>>(self, self->state.traders, score_atom::value);
      },
      [self](list_atom) {
        return forward<std::vector<our_position>>(self, self->state.handles.positions,
                                                  list_atom::value);
      },
      [self](close_atom, std::int64_t id) {
        return forward<bool>(self, self->state.handles.positions, close_atom::value, id);
      },
      [self](shutdown_atom) { return shut_down(self); },
      [self](inspect_atom, const std::string& command, const std::vector<std::string>& args) {
        return answer_inspect(self, command, args);
      },
      [self](pause_atom) {
        self->state.paused = true;
        self->state.log->warn("new entries paused by the operator");
        self->send(self->state.handles.signals, pause_atom::value);
      },
      [self](resume_atom) {
        self->state.paused = false;
        self->state.log->warn("new entries resumed by the operator");
        self->send(self->state.handles.signals, resume_atom::value);
      },
  };
}

}  // namespace smartcopy
