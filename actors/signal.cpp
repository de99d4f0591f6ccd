#include "actors/signal.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "actors/clock.hpp"
#include "actors/mailbox_probe.hpp"
#include "infra/log/logging.hpp"
#include "strategy/entry_gates.hpp"
#include "strategy/execution_math.hpp"
#include "strategy/opened_position.hpp"

namespace smartcopy {
namespace {

using signal_pointer = signal_actor::stateful_pointer<signal_state>;

/// The trade the signal came from, as the step-4 gate reads it.
trade trade_of(const signal& s) {
  trade t;
  t.trader_address = s.trader_address;
  t.token = s.token_symbol;
  t.action = s.action;
  t.position_side = s.position_side;
  t.price = s.trade_price;
  t.value_usd = s.value_usd;
  t.timestamp = s.timestamp;
  return t;
}

std::string describe(const signal& s) {
  return s.trader_address + " " + s.token_symbol + " " + std::string{to_string(s.position_side)} +
         " " + std::string{to_string(s.action)} + " value " + std::to_string(s.value_usd) +
         " USD at " + std::to_string(s.trade_price) + ", traded " + to_iso8601(s.timestamp);
}

std::string render(signal_pointer self, const caf::error& e) {
  return self->system().render(e);
}

/// Records the decision (every field set so far), logs it with its context and quits.
void finish(signal_pointer self, const engine_handles& handles, decision outcome,
            std::string detail) {
  auto& st = self->state;
  st.sig.outcome = outcome;
  st.sig.reason = std::move(detail);
  const auto& s = st.sig;
  st.log->info(
      "{}: {} ({}); age {:.0f} s, mark {}, slippage {:.3f} %, size {:.2f} USD, leverage {}, "
      "order {}, max slippage {} %",
      describe(s), to_string(s.outcome), s.reason, s.age_seconds, s.mark_price, s.slippage_check,
      s.copy_size_usd, s.leverage, s.type ? to_string(*s.type) : "-", s.max_slippage);
  self->request(handles.store, caf::infinite, save_atom::value, s)
      .then([=](std::int64_t) { self->quit(); },
            [=](caf::error& e) {
              self->state.log->error("decision {} not stored: {}", to_string(outcome),
                                     render(self, e));
              self->quit();
            });
}

void release(signal_pointer self, const engine_handles& handles) {
  if (self->state.reservation_id != 0)
    self->send(handles.risk, release_atom::value, self->state.reservation_id);
}

/// The entry was not filled: the gateway's detail may start with a SKIP reason of its own
/// (SKIP_SIZE_ZERO for an order under the $10 minimum, SPEC §6 step 3).
decision unfilled_decision(const std::string& detail) {
  const auto code = parse_decision(detail.substr(0, detail.find_first_of(" :")));
  return code && *code != decision::execute ? *code : decision::skip_order_failed;
}

void on_filled(signal_pointer self, const engine_context& ctx, const engine_handles& handles,
               const entry_result& fill) {
  auto& st = self->state;
  st.sig.leverage = fill.leverage;
  auto pos = strategy::opened_position(
      st.sig, {fill.filled_size, fill.avg_price, fill.fee_usd, fill.leverage}, ctx.config->stops,
      now(self, ctx.anchor));
  if (!(pos.stop_price > 0 && pos.trailing_stop_price > 0))
    st.log->error("fill {} at {} gives no valid stops", fill.cloid, fill.avg_price);
  const std::string filled = "filled " + std::to_string(fill.filled_size) + " at " +
                             std::to_string(fill.avg_price) + " (" + fill.cloid + ")";
  const auto reservation = st.reservation_id;
  self->request(handles.positions, caf::infinite, open_atom::value, pos, reservation)
      .then(
          [=](our_position& managed) {
            // The managed position (merged when the fill scaled into one) replaces the
            // reservation in the book.
            self->send(handles.risk, opened_atom::value, reservation, managed);
            finish(self, handles, decision::execute,
                   filled + ", position " + std::to_string(managed.id));
          },
          [=](caf::error& e) {
            // The fill is real: the book must count it even without a managing actor.
            self->send(handles.risk, opened_atom::value, reservation, pos);
            self->state.log->critical("{} but the position was not opened: {}", filled,
                                      render(self, e));
            finish(self, handles, decision::execute,
                   filled + ", position NOT opened: " + render(self, e));
          });
}

void execute(signal_pointer self, const engine_context& ctx, const engine_handles& handles) {
  auto& st = self->state;
  st.sig.outcome = decision::execute;
  st.log->info("{}: approved, sending a {} entry of {:.2f} USD at leverage {}", describe(st.sig),
               st.sig.type ? to_string(*st.sig.type) : "-", st.sig.copy_size_usd, st.sig.leverage);
  self->request(handles.exchange, caf::infinite, execute_atom::value,
                entry_request{st.sig, st.context})
      .then(
          [=](const entry_result& r) {
            if (r.filled) return on_filled(self, ctx, handles, r);
            release(self, handles);
            finish(self, handles, unfilled_decision(r.detail), "entry not filled: " + r.detail);
          },
          [=](caf::error& e) {
            release(self, handles);
            finish(self, handles, decision::skip_order_failed,
                   "exchange gateway failed: " + render(self, e));
          });
}

/// SPEC §6 step 1: the approved signal is persisted before the order goes out.
void persist_then_execute(signal_pointer self, const engine_context& ctx,
                          const engine_handles& handles) {
  auto& st = self->state;
  st.sig.outcome = decision::execute;
  st.sig.reason = std::string(entry_in_flight_reason);
  self->request(handles.store, caf::infinite, save_atom::value, st.sig)
      .then([=](std::int64_t) { execute(self, ctx, handles); },
            [=](caf::error& e) {
              release(self, handles);
              finish(self, handles, decision::skip_order_failed,
                     "approved signal not persisted, entry not sent: " + render(self, e));
            });
}

void on_reserved(signal_pointer self, const engine_context& ctx, const engine_handles& handles,
                 const reservation_result& r) {
  auto& st = self->state;
  st.sig.copy_size_usd = r.size_usd;
  if (r.outcome != decision::execute) return finish(self, handles, r.outcome, r.detail);
  st.reservation_id = r.reservation_id;
  if (st.paused) {
    release(self, handles);
    return finish(self, handles, decision::skip_paused,
                  "entries are paused by the operator (approved: " + r.detail + ")");
  }
  // The gateway caps this by the asset's maxLeverage (SPEC §6 step 2) and reports the leverage
  // it used with the fill; here only our own bound applies.
  const auto lev = strategy::choose_leverage(st.context.trader_leverage, ctx.config->entry,
                                             static_cast<int>(ctx.config->entry.max_leverage));
  if (!lev) {
    release(self, handles);
    return finish(self, handles, decision::skip_order_failed, "leverage: " + lev.error());
  }
  st.sig.leverage = *lev;
  persist_then_execute(self, ctx, handles);
}

/// SPEC §4 steps 8-9, atomically at the risk guard.
void reserve(signal_pointer self, const engine_context& ctx, const engine_handles& handles) {
  const auto& s = self->state.sig;
  reservation_request req;
  req.signal_id = s.id;
  req.token = s.token_symbol;
  req.position_side = s.position_side;
  req.action = s.action;
  req.source_trader = s.trader_address;
  req.context = self->state.context;
  req.trader_roi_7d = s.trader_roi_7d;
  self->request(handles.risk, caf::infinite, reserve_atom::value, req)
      .then([=](const reservation_result& r) { on_reserved(self, ctx, handles, r); },
            [=](caf::error& e) {
              finish(self, handles, decision::skip_order_failed,
                     "risk guard unavailable: " + render(self, e));
            });
}

/// SPEC §4 step 7: the supervisor counts the tracked traders holding the token (with this
/// signal's trader, whose fresh snapshot it received just before).
void check_consensus(signal_pointer self, const engine_context& ctx,
                     const engine_handles& handles) {
  const auto& consensus = ctx.config->consensus;
  if (!consensus.enabled) return reserve(self, ctx, handles);
  const auto& s = self->state.sig;
  self->request(handles.signals, caf::infinite, consensus_atom::value, s.token_symbol,
                s.position_side)
      .then(
          [=](int holders) {
            const std::string text = std::to_string(holders) + " tracked traders hold " +
                                     self->state.sig.token_symbol + " (need " +
                                     std::to_string(consensus.min_traders) + ")";
            if (holders < consensus.min_traders)
              return finish(self, handles, decision::skip_no_consensus, text);
            self->state.log->debug("consensus: {}", text);
            reserve(self, ctx, handles);
          },
          [=](caf::error& e) {
            finish(self, handles, decision::skip_no_consensus,
                   "consensus unavailable: " + render(self, e));
          });
}

/// SPEC §4 steps 5-6 on the mark.
void on_mark(signal_pointer self, const engine_context& ctx, const engine_handles& handles,
             double mark) {
  auto& s = self->state.sig;
  const auto& entry = ctx.config->entry;
  s.mark_price = mark;
  const auto pct = strategy::slippage_percent(mark, s.trade_price);
  if (pct) s.slippage_check = *pct;
  const auto slippage = strategy::slippage_gate(mark, s.trade_price, entry);
  if (!slippage.passed) return finish(self, handles, slippage.code, slippage.detail);
  s.age_seconds = strategy::signal_age_seconds(s.timestamp, now(self, ctx.anchor), entry);
  const auto timing =
      strategy::execution_timing(s.age_seconds, *pct, s.trader_score, s.position_weight, entry);
  if (!timing.gate.passed) return finish(self, handles, timing.gate.code, timing.gate.detail);
  s.type = timing.type;
  s.max_slippage = timing.max_slippage_percent;
  self->state.log->debug("{}; {}", slippage.detail, timing.gate.detail);
  check_consensus(self, ctx, handles);
}

/// SPEC §4 step 4 on the trader's fresh positions (nullptr: they could not be fetched).
void on_positions(signal_pointer self, const engine_context& ctx, const engine_handles& handles,
                  const trader_snapshot* fresh, const std::string& why_missing) {
  const auto t = trade_of(self->state.sig);
  const auto gate = strategy::confirmation_gate(t, now(self, ctx.anchor), fresh, ctx.config->entry);
  if (!gate.passed)
    return finish(self, handles, gate.code,
                  why_missing.empty() ? gate.detail : gate.detail + " (" + why_missing + ")");
  // The freshest snapshot of a tracked trader is what step 7 counts.
  self->send(handles.signals, save_atom::value, *fresh);
  self->request(handles.market, caf::infinite, mark_atom::value, t.token)
      .then([=](double mark) { on_mark(self, ctx, handles, mark); },
            [=](caf::error& e) {
              finish(self, handles, decision::skip_slippage_exceeded,
                     "no mark price for " + t.token + ": " + render(self, e));
            });
}

void confirm(signal_pointer self, const engine_context& ctx, const engine_handles& handles) {
  self->request(handles.nansen, caf::infinite, positions_atom::value,
                self->state.sig.trader_address)
      .then([=](const trader_snapshot& fresh) { on_positions(self, ctx, handles, &fresh, {}); },
            [=](caf::error& e) {
              on_positions(self, ctx, handles, nullptr,
                           "positions unavailable: " + render(self, e));
            });
}

/// Sleeps on the actor clock until the signal is confirmable (SPEC §4 step 4).
void sleep_until_due(signal_pointer self, const engine_context& ctx) {
  const auto due = strategy::confirmation_due_at(self->state.sig.timestamp, ctx.config->entry);
  const auto delay = until(self, ctx.anchor, due);
  // A zero delay would wait for the next clock advance under the test scheduler.
  if (delay.count() == 0)
    self->send(self, tick_atom::value);
  else
    self->delayed_send(self, delay, tick_atom::value);
}

}  // namespace

signal_actor::behavior_type signal_worker(signal_pointer self, engine_context ctx,
                                          engine_handles handles, signal sig,
                                          signal_context context, bool paused) {
  auto& st = self->state;
  st.log = named_logger("signal." + std::to_string(sig.id), self->id());
  answer_mailbox_probes(self);
  st.sig = std::move(sig);
  st.context = context;
  st.paused = paused;
  st.log->info("{}: waiting until {} to confirm", describe(st.sig),
               to_iso8601(strategy::confirmation_due_at(st.sig.timestamp, ctx.config->entry)));
  sleep_until_due(self, ctx);
  return {
      [=](tick_atom) {
        const auto due =
            strategy::confirmation_due_at(self->state.sig.timestamp, ctx.config->entry);
        if (now(self, ctx.anchor) < due) return sleep_until_due(self, ctx);
        confirm(self, ctx, handles);
      },
      [=](shutdown_atom) {
        auto& st = self->state;
        if (st.sig.outcome == decision::execute) return;  // the entry is out: see it through
        release(self, handles);
        st.log->info("shutdown before execution: stays DEFERRED, resumed at the next start");
        self->quit();
      },
      [=](pause_atom) { self->state.paused = true; },
      [=](resume_atom) { self->state.paused = false; },
  };
}

}  // namespace smartcopy
