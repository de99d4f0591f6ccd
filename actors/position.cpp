#include "actors/position.hpp"

#include <caf/actor_cast.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "actors/clock.hpp"
#include "actors/mailbox_probe.hpp"
#include "infra/log/logging.hpp"
#include "strategy/scale_in.hpp"
#include "strategy/simulation.hpp"

namespace smartcopy {
namespace {

using position_pointer = position_actor::stateful_pointer<position_state>;

// Sizes below this many coins are dust left by rounding: the position is gone.
constexpr double dust_size = 1e-9;

caf::timespan seconds_of(int s) {
  return std::chrono::seconds{s};
}

std::string render(position_pointer self, const caf::error& e) {
  return self->system().render(e);
}

std::string subject(const our_position& p) {
  return "position." + std::to_string(p.id);
}

std::string describe(const our_position& p) {
  return p.token + " " + std::string{to_string(p.position_side)} + " entry " +
         std::to_string(p.entry_price) + ", remaining " + std::to_string(p.remaining_size) +
         " of " + std::to_string(p.size) + ", stop " + std::to_string(p.stop_price) + ", trail " +
         std::to_string(p.trailing_stop_price) + ", from " + p.source_trader;
}

void event(position_pointer self, const engine_context& ctx, const engine_handles& handles,
           std::string kind, std::string detail) {
  self->send(handles.store, event_atom::value, now(self, ctx.anchor), std::move(kind),
             subject(self->state.pos), std::move(detail));
}

/// Every change that matters for a restart is written through the store (SPEC §8).
void persist(position_pointer self, const engine_handles& handles) {
  self->request(handles.store, caf::infinite, save_atom::value, self->state.pos)
      .then([](std::int64_t) {},
            [=](caf::error& e) {
              self->state.log->error("position row not saved: {}", render(self, e));
            });
}

/// Books a fill of `size` coins at `price` that reduced the position.
void book_exit_fill(position_state& st, double size, double price, double fee) {
  auto& p = st.pos;
  p.realized_pnl_usd += direction(p.position_side) * (price - p.entry_price) * size;
  p.fees_usd += fee;
  p.remaining_size = std::max(0.0, p.remaining_size - size);
}

/// Asks the exchange for a hard stop at `trigger` for the remaining size (placement, the size
/// following a profit tier, a ratchet). Paper/sim answer placed = false: the actor applies it.
void request_stop(position_pointer self, const engine_handles& handles, double trigger,
                  const char* why) {
  const auto& p = self->state.pos;
  stop_request req{p.id, p.token, p.position_side, p.remaining_size, trigger};
  self->request(handles.exchange, caf::infinite, stop_atom::value, req)
      .then(
          [=](const stop_result& r) {
            auto& st = self->state;
            st.stop_known = true;
            st.stop_on_exchange = r.placed;
            if (r.placed)
              st.log->info("exchange stop ({}) at {} for {} {}: {} {}", why, trigger,
                           st.pos.remaining_size, st.pos.token, r.cloid, r.detail);
            else
              st.log->info("stop ({}) at {} watched by the position itself: {}", why, trigger,
                           r.detail);
          },
          [=](caf::error& e) {
            self->state.stop_known = true;
            self->state.stop_on_exchange = false;
            self->state.log->error("stop ({}) at {} not placed, watching it here: {}", why, trigger,
                                   render(self, e));
          });
}

void answer_waiters(position_state& st, bool closed) {
  for (auto& w : st.close_waiters) w.deliver(closed);
  st.close_waiters.clear();
}

/// The row is closed: persisted first, then the book, the audit log, and the actor ends.
void finalize(position_pointer self, const engine_context& ctx, const engine_handles& handles) {
  auto& st = self->state;
  auto& p = st.pos;
  p.status = position_status::closed;
  p.closed_at = st.exit_at.value_or(now(self, ctx.anchor));
  p.reason = st.closing;
  if (st.close_filled > 0) p.exit_price = st.close_value / st.close_filled;
  p.remaining_size = 0;
  const std::string text = std::string{to_string(*p.reason)} + ": " + describe(p) + ", exit " +
                           std::to_string(p.exit_price.value_or(0)) + ", realized " +
                           std::to_string(p.realized_pnl_usd) + " USD, fees " +
                           std::to_string(p.fees_usd) + " USD";
  st.log->info("closed {}", text);
  auto finish = [=] {
    auto& s = self->state;
    self->send(handles.risk, changed_atom::value, s.pos);
    event(self, ctx, handles, "position.closed", text);
    self->send(handles.market, unsubscribe_atom::value, s.pos.token,
               caf::actor_cast<position_actor>(self));
    answer_waiters(s, true);
    self->quit();
  };
  self->request(handles.store, caf::infinite, save_atom::value, p)
      .then([=](std::int64_t) { finish(); },
            [=](caf::error& e) {
              self->state.log->error("closed row not saved: {}", render(self, e));
              finish();
            });
}

void send_close(position_pointer self, const engine_context& ctx, const engine_handles& handles);

/// SPEC §7 close_position: what did not fill is retried, in live mode after asking the
/// account what is really left (verify, never re-send blindly).
void retry_remainder(position_pointer self, const engine_context& ctx,
                     const engine_handles& handles) {
  auto& st = self->state;
  if (st.close_orders >= max_close_orders_per_attempt) {
    st.close_in_flight = false;
    st.log->error("close ({}) incomplete after {} orders, {} {} left: retrying on the next tick",
                  to_string(*st.closing), st.close_orders, st.pos.remaining_size, st.pos.token);
    answer_waiters(st, false);
    return;
  }
  if (!st.stop_on_exchange) return send_close(self, ctx, handles);
  self->request(handles.exchange, caf::infinite, account_atom::value)
      .then(
          [=](const account_snapshot& acct) {
            auto& s = self->state;
            const auto it = acct.signed_size_by_token.find(s.pos.token);
            const double held = it == acct.signed_size_by_token.end() ? 0 : std::fabs(it->second);
            s.pos.remaining_size = std::min(s.pos.remaining_size, held);
            if (s.pos.remaining_size <= dust_size) return finalize(self, ctx, handles);
            send_close(self, ctx, handles);
          },
          [=](caf::error& e) {
            self->state.close_in_flight = false;
            self->state.log->error("account unavailable to verify the close: {}", render(self, e));
          });
}

void send_close(position_pointer self, const engine_context& ctx, const engine_handles& handles) {
  auto& st = self->state;
  const auto& p = st.pos;
  st.close_in_flight = true;
  ++st.close_orders;
  close_request req{p.id,
                    p.token,
                    p.position_side,
                    p.remaining_size,
                    order_kind::close,
                    std::string{to_string(*st.closing)}};
  st.log->info("closing ({}): {} {} {}", req.reason, req.size, p.token, to_string(p.position_side));
  self->request(handles.exchange, caf::infinite, close_atom::value, req)
      .then(
          [=](const close_result& r) {
            auto& s = self->state;
            book_exit_fill(s, r.filled_size, r.avg_price, r.fee_usd);
            s.close_filled += r.filled_size;
            s.close_value += r.filled_size * r.avg_price;
            s.log->info("close fill {} at {} (fee {}), {} left: {}", r.filled_size, r.avg_price,
                        r.fee_usd, s.pos.remaining_size, r.detail);
            if (r.complete || s.pos.remaining_size <= dust_size)
              return finalize(self, ctx, handles);
            retry_remainder(self, ctx, handles);
          },
          [=](caf::error& e) {
            self->state.log->error("close order failed: {}", render(self, e));
            retry_remainder(self, ctx, handles);
          });
}

/// Decides the close; it starts once no reduce order is in flight.
void begin_close(position_pointer self, const engine_context& ctx, const engine_handles& handles,
                 close_reason reason, const std::string& why) {
  auto& st = self->state;
  if (st.closing) return;
  st.closing = reason;
  st.pos.status = position_status::closing;
  st.log->info("close decided ({}): {}; {}", to_string(reason), why, describe(st.pos));
  event(self, ctx, handles, "position.closing", std::string{to_string(reason)} + ": " + why);
  if (!st.reducing) send_close(self, ctx, handles);
}

/// SPEC §7 step 5 (paper/backtest): the hard stop fills at the stop price moved against us by
/// the simulated slippage (§9.2), without an order.
void close_at_hard_stop(position_pointer self, const engine_context& ctx,
                        const engine_handles& handles, double mark) {
  auto& st = self->state;
  auto& p = st.pos;
  st.closing = close_reason::stop_loss;
  const double size = p.remaining_size;
  const auto price = strategy::simulated_stop_fill_price(p.stop_price, p.position_side, p.token,
                                                         size * p.stop_price);
  const double exit = price ? *price : p.stop_price;
  const auto fee = strategy::taker_fee_usd(size * exit, ctx.config->simulation);
  st.log->info("hard stop {} crossed by mark {}: filled {} at {} (simulated)", p.stop_price, mark,
               size, exit);
  book_exit_fill(st, size, exit, fee ? *fee : 0);
  st.close_filled = size;
  st.close_value = size * exit;
  finalize(self, ctx, handles);
}

void send_next_reduce(position_pointer self, const engine_context& ctx,
                      const engine_handles& handles);

/// The reduces of one update are done (or one failed): the hard stop's size follows the
/// remaining size (live), the book learns the new size, and a decided close may start.
void reduces_done(position_pointer self, const engine_context& ctx, const engine_handles& handles) {
  auto& st = self->state;
  st.reducing = false;
  st.pending_tiers.clear();
  persist(self, handles);
  self->send(handles.risk, changed_atom::value, st.pos);
  if (st.stop_on_exchange && !st.closing)
    request_stop(self, handles, st.pos.stop_price, "size follows the profit tiers");
  if (st.closing) send_close(self, ctx, handles);
}

void send_next_reduce(position_pointer self, const engine_context& ctx,
                      const engine_handles& handles) {
  auto& st = self->state;
  if (st.pending_tiers.empty()) return reduces_done(self, ctx, handles);
  const auto tier = st.pending_tiers.front();
  const auto& p = st.pos;
  close_request req{p.id,
                    p.token,
                    p.position_side,
                    std::min(tier.close_size, p.remaining_size),
                    order_kind::reduce,
                    "PROFIT_TIER_" + std::to_string(tier.tier_number)};
  self->request(handles.exchange, caf::infinite, close_atom::value, req)
      .then(
          [=](const close_result& r) {
            auto& s = self->state;
            if (r.filled_size <= 0) {
              s.log->warn("{} not filled ({}): retried on a later mark", req.reason, r.detail);
              return reduces_done(self, ctx, handles);
            }
            book_exit_fill(s, r.filled_size, r.avg_price, r.fee_usd);
            s.pos.tiers_taken = tier.tier_number;
            const std::string text =
                req.reason + " at +" + std::to_string(tier.gain_percent) + " %: reduced " +
                std::to_string(r.filled_size) + " at " + std::to_string(r.avg_price) + " (fee " +
                std::to_string(r.fee_usd) + "), remaining " + std::to_string(s.pos.remaining_size);
            s.log->info("{}", text);
            event(self, ctx, handles, "position.reduced", text);
            s.pending_tiers.erase(s.pending_tiers.begin());
            send_next_reduce(self, ctx, handles);
          },
          [=](caf::error& e) {
            self->state.log->error("{} failed: {}", req.reason, render(self, e));
            reduces_done(self, ctx, handles);
          });
}

/// SPEC §7.3: live, the exchange stop follows a trail tighter than it (place new, then the
/// gateway cancels the old).
void maybe_ratchet(position_pointer self, const engine_context& ctx,
                   const engine_handles& handles) {
  auto& st = self->state;
  if (!st.stop_on_exchange) return;
  const auto t = now(self, ctx.anchor);
  const auto check =
      strategy::ratchet_decision(st.pos.position_side, st.pos.trailing_stop_price,
                                 st.pos.stop_price, st.last_ratchet_at, t, ctx.config->stops);
  if (!check.replace) return;
  st.log->info("ratchet: {}", check.detail);
  st.last_ratchet_at = t;
  st.pos.stop_price = st.pos.trailing_stop_price;
  event(self, ctx, handles, "position.stop", "ratcheted to " + std::to_string(st.pos.stop_price));
  request_stop(self, handles, st.pos.stop_price, "ratchet");
}

/// SPEC §7 step 1; returns false when the mark was unusable.
bool update_trail(position_pointer self, const engine_context& ctx, const engine_handles& handles,
                  double mark) {
  auto& st = self->state;
  auto& p = st.pos;
  const bool is_long = p.position_side == side::long_;
  const strategy::trailing_state before{is_long ? p.highest_price : p.lowest_price,
                                        p.trailing_stop_price};
  const auto after =
      strategy::update_trailing_stop(before, p.position_side, mark, ctx.config->stops);
  if (!after) {
    st.log->warn("mark {} ignored: {}", mark, after.error());
    return false;
  }
  if (after->best_price == before.best_price && after->trail_price == before.trail_price)
    return true;
  (is_long ? p.highest_price : p.lowest_price) = after->best_price;
  p.trailing_stop_price = after->trail_price;
  if (after->trail_price != before.trail_price) {
    st.log->info("trailing stop {} -> {} (best {}, mark {})", before.trail_price,
                 after->trail_price, after->best_price, mark);
    event(self, ctx, handles, "position.stop",
          "trailing " + std::to_string(before.trail_price) + " -> " +
              std::to_string(after->trail_price));
    maybe_ratchet(self, ctx, handles);
  }
  persist(self, handles);
  return true;
}

/// Whether `mark` crossed `level` in the adverse direction (the trigger rule of SPEC §7 step 2,
/// which a hard stop shares).
bool crossed(side s, double mark, double level) {
  const auto hit = strategy::trailing_stop_triggered(s, mark, level);
  return hit && *hit;
}

/// SPEC §7 steps 1-5 on one mark.
void on_mark(position_pointer self, const engine_context& ctx, const engine_handles& handles,
             double mark) {
  auto& st = self->state;
  st.last_mark = mark;
  // Until the gateway has said who watches the hard stop (live: the exchange; paper: this
  // actor) and a restored position is reconciled, no exit is decided on a mark.
  if (st.closing || !st.stop_known) return;
  if (!update_trail(self, ctx, handles, mark)) return;
  const auto& p = st.pos;
  const bool trail_hit = crossed(p.position_side, mark, p.trailing_stop_price);
  const bool stop_hit = !st.stop_on_exchange && crossed(p.position_side, mark, p.stop_price);
  // Both crossed in one jump: the tighter level was reached first.
  const bool stop_first = direction(p.position_side) * (p.stop_price - p.trailing_stop_price) >= 0;
  if (stop_hit && (!trail_hit || stop_first)) {
    if (!st.reducing) return close_at_hard_stop(self, ctx, handles, mark);
    // A reduce is in flight: the remainder is closed by order once it is done.
    return begin_close(
        self, ctx, handles, close_reason::stop_loss,
        "mark " + std::to_string(mark) + " crossed the stop " + std::to_string(p.stop_price));
  }
  if (trail_hit)
    return begin_close(
        self, ctx, handles, close_reason::trailing_stop,
        "mark " + std::to_string(mark) + " <= trail " + std::to_string(p.trailing_stop_price));
  if (strategy::time_stop_due(p.opened_at, now(self, ctx.anchor), ctx.config->stops))
    return begin_close(self, ctx, handles, close_reason::time_stop,
                       "open since " + to_iso8601(p.opened_at));
  if (st.reducing) return;
  auto fills = strategy::profit_tier_fills(p.entry_price, mark, p.position_side, p.tiers_taken,
                                           p.remaining_size, ctx.config->stops);
  if (!fills) {
    st.log->warn("profit tiers not evaluated: {}", fills.error());
    return;
  }
  if (fills->empty()) return;
  st.pending_tiers = *fills;
  st.reducing = true;
  send_next_reduce(self, ctx, handles);
}

/// SPEC §7 step 5 (live): the exchange stop filled when our account no longer holds the
/// position; the exchange's fills after our entry give the exit price, fees and time. Returns
/// false (nothing booked) while the account still holds it.
bool book_exchange_exit(position_state& st, const account_snapshot& acct) {
  const auto& p = st.pos;
  const auto it = acct.signed_size_by_token.find(p.token);
  const double held = it == acct.signed_size_by_token.end() ? 0 : it->second;
  if (held * direction(p.position_side) > dust_size) return false;
  st.closing = close_reason::stop_loss;
  const bool closing_is_buy = p.position_side == side::short_;
  for (const auto& f : acct.recent_fills) {
    if (f.token != p.token || f.is_buy != closing_is_buy || f.time < p.opened_at) continue;
    book_exit_fill(st, f.size, f.price, f.fee_usd);
    st.close_filled += f.size;
    st.close_value += f.size * f.price;
    st.exit_at = std::max(st.exit_at.value_or(f.time), f.time);
  }
  if (st.close_filled <= 0) {
    st.log->warn("exchange stop hit but no fill found: exit at the stop {}", p.stop_price);
    book_exit_fill(st, p.remaining_size, p.stop_price, 0);
    st.close_filled = 1;
    st.close_value = p.stop_price;
  }
  return true;
}

void check_exchange_stop(position_pointer self, const engine_context& ctx,
                         const engine_handles& handles) {
  self->request(handles.exchange, caf::infinite, account_atom::value)
      .then(
          [=](const account_snapshot& acct) {
            auto& st = self->state;
            if (st.closing || !book_exchange_exit(st, acct)) return;
            st.log->info("exchange stop hit: account holds no {} any more", st.pos.token);
            finalize(self, ctx, handles);
          },
          [=](caf::error& e) {
            self->state.log->warn("account unavailable for the stop check: {}", render(self, e));
          });
}

/// SPEC §8 for a position restored from its row: when the exchange's own account shows it
/// gone (its stop filled while we were down), it is closed with the exchange's fill; otherwise
/// its hard stop is (re)placed, which also removes any older duplicate.
void reconcile_then_protect(position_pointer self, const engine_context& ctx,
                            const engine_handles& handles) {
  self->request(handles.exchange, caf::infinite, account_atom::value)
      .then(
          [=](const account_snapshot& acct) {
            auto& st = self->state;
            if (acct.authoritative && !st.closing && book_exchange_exit(st, acct)) {
              st.log->warn("{} was closed on the exchange while the daemon was down",
                           describe(st.pos));
              return finalize(self, ctx, handles);
            }
            request_stop(self, handles, st.pos.stop_price, "hard stop");
          },
          [=](caf::error& e) {
            self->state.log->warn("account unavailable at restore ({}): placing the stop",
                                  render(self, e));
            request_stop(self, handles, self->state.pos.stop_price, "hard stop");
          });
}

void on_tick(position_pointer self, const engine_context& ctx, const engine_handles& handles) {
  auto& st = self->state;
  if (st.closing) {
    if (!st.close_in_flight && !st.reducing) {
      st.close_orders = 0;
      send_close(self, ctx, handles);
    }
    return;
  }
  if (strategy::time_stop_due(st.pos.opened_at, now(self, ctx.anchor), ctx.config->stops))
    return begin_close(self, ctx, handles, close_reason::time_stop,
                       "open since " + to_iso8601(st.pos.opened_at) + ", last mark " +
                           (st.last_mark ? std::to_string(*st.last_mark) : "none"));
  if (st.stop_on_exchange) check_exchange_stop(self, ctx, handles);
}

/// SPEC §7 step 6 once the trades of the last hour are known.
void judge_trader(position_pointer self, const engine_context& ctx, const engine_handles& handles,
                  const trader_snapshot& fresh, const std::vector<trade>& recent) {
  auto& st = self->state;
  if (st.closing) return;
  const auto& p = st.pos;
  const auto t = now(self, ctx.anchor);
  switch (strategy::trader_gone_decision(p.token, p.position_side, fresh, recent, t)) {
    case strategy::trader_exit::still_holds:
      return;
    case strategy::trader_exit::exited_normally:
      // Entry-only design: from now on only our own stops manage the position.
      st.trader_exited = true;
      st.log->info("trader {} closed its {} {} normally: ours stays under our stops",
                   p.source_trader, p.token, to_string(p.position_side));
      event(self, ctx, handles, "trader.exited", p.source_trader + " closed " + p.token);
      return;
    case strategy::trader_exit::liquidated: {
      const auto until = t + from_hours(ctx.config->liquidation.cooldown_days * 24);
      self->send(handles.risk, blacklist_atom::value, p.source_trader, until);
      begin_close(self, ctx, handles, close_reason::trader_liquidated,
                  "trader " + p.source_trader + " no longer holds " + p.token +
                      " and did not close it: blacklisted until " + to_iso8601(until));
      return;
    }
  }
}

void poll_trader(position_pointer self, const engine_context& ctx, const engine_handles& handles) {
  const auto trader = self->state.pos.source_trader;
  self->request(handles.nansen, caf::infinite, positions_atom::value, trader)
      .then(
          [=](const trader_snapshot& fresh) {
            const auto& p = self->state.pos;
            if (fresh.find(p.token, p.position_side)) return;
            // [decision] SPEC §7 step 6 looks for a Close in the last hour; we look back to our
            // entry when that is earlier, so a Close missed while the daemon was down (or
            // before a restart of this actor) is never mistaken for a liquidation.
            const auto since = std::min(now(self, ctx.anchor) - hours{1}, p.opened_at);
            self->request(handles.nansen, caf::infinite, trades_atom::value, trader, since)
                .then(
                    [=](const std::vector<trade>& recent) {
                      judge_trader(self, ctx, handles, fresh, recent);
                    },
                    [=](caf::error& e) {
                      self->state.log->warn("trades of {} unavailable: {}", trader,
                                            render(self, e));
                    });
          },
          [=](caf::error& e) {
            self->state.log->warn("positions of {} unavailable: {}", trader, render(self, e));
          });
}

/// SPEC §4 step 8 [decision]: the same trader's Add scales into the position (strategy/scale_in).
caf::result<our_position> scale_into(position_pointer self, const engine_context& ctx,
                                     const engine_handles& handles, const our_position& fill) {
  auto& st = self->state;
  const auto merged = strategy::scale_in(st.pos, fill, ctx.config->stops);
  if (!merged) {
    st.log->error("scale-in refused: {}", merged.error());
    return caf::make_error(caf::sec::runtime_error, merged.error());
  }
  st.pos = *merged;
  st.log->info("scaled in {} at {}: {}", fill.size, fill.entry_price, describe(st.pos));
  event(self, ctx, handles, "position.scaled_in",
        std::to_string(fill.size) + " " + st.pos.token + " at " + std::to_string(fill.entry_price));
  persist(self, handles);
  request_stop(self, handles, st.pos.stop_price, "size and entry follow the scale-in");
  return st.pos;
}

}  // namespace

position_actor::behavior_type position_worker(position_pointer self, engine_context ctx,
                                              engine_handles handles, our_position pos,
                                              bool restored) {
  auto& st = self->state;
  st.log = named_logger("position." + std::to_string(pos.id), self->id());
  answer_mailbox_probes(self);
  st.pos = std::move(pos);
  st.pos.status = position_status::open;
  st.log->info("managing {}", describe(st.pos));
  self->send(handles.market, subscribe_atom::value, st.pos.token,
             caf::actor_cast<position_actor>(self));
  if (restored)
    reconcile_then_protect(self, ctx, handles);
  else
    request_stop(self, handles, st.pos.stop_price, "hard stop");
  const auto monitor = seconds_of(ctx.config->polling.monitor_sec);
  const auto positions = seconds_of(ctx.config->polling.positions_sec);
  self->delayed_send(self, monitor, tick_atom::value);
  self->delayed_send(self, positions, poll_atom::value, positions_atom::value);
  return {
      [=](mark_atom, const std::string& token, double mark) {
        if (token == self->state.pos.token) on_mark(self, ctx, handles, mark);
      },
      [=](tick_atom) {
        self->delayed_send(self, monitor, tick_atom::value);
        on_tick(self, ctx, handles);
      },
      [=](poll_atom, positions_atom) {
        if (self->state.trader_exited) return;  // nothing left to watch on the trader's side
        self->delayed_send(self, positions, poll_atom::value, positions_atom::value);
        if (!self->state.closing) poll_trader(self, ctx, handles);
      },
      [=](open_atom, const our_position& fill) -> caf::result<our_position> {
        return scale_into(self, ctx, handles, fill);
      },
      [=](close_atom, close_reason reason) -> caf::result<bool> {
        auto rp = self->make_response_promise<bool>();
        self->state.close_waiters.push_back(rp);
        begin_close(self, ctx, handles, reason, "asked by the operator");
        return rp;
      },
      [=](list_atom) { return self->state.pos; },
  };
}

}  // namespace smartcopy
