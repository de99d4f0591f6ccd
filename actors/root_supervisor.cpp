#include "actors/root_supervisor.hpp"

#include <boost/json.hpp>

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

// SPEC §8: what the database knows comes back under management — open positions (in the book
// and under their actors) and blacklists. Reconciliation with the exchange and deferred signals
// are the daemon's start-up work (issue 7).
void restore(self_ptr self) {
  const auto h = self->state.handles;
  self->request(h.store, caf::infinite, load_atom::value)
      .then(
          [self, h](persisted_state& state) {
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
            if (!state.open_positions.empty())
              self->state.log->info("restored {} open position(s)", state.open_positions.size());
          },
          [self](caf::error& e) {
            self->state.log->critical("cannot load the database: {}", self->system().render(e));
            self->quit(e);
          });
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
  st.log = named_logger("root_supervisor");
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
  restore(self);
  st.log->info("engine started in {} mode at {}",
               ctx.config->mode == run_mode::live ? "live" : "paper/simulated",
               to_iso8601(now(self, ctx.anchor)));

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
