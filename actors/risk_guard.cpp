#include "actors/risk_guard.hpp"

#include <chrono>
#include <utility>

#include "actors/clock.hpp"
#include "actors/mailbox_probe.hpp"
#include "infra/log/logging.hpp"
#include "strategy/sizing.hpp"

namespace smartcopy {
namespace {

using guard_pointer = risk_guard_actor::stateful_pointer<risk_guard_state>;

/// What an open position weighs in the book: its remaining size at its entry price.
strategy::book_entry book_entry_of(const our_position& pos) {
  return {pos.token, pos.position_side, pos.source_trader, pos.remaining_size * pos.entry_price};
}

double net_realized(const our_position& pos) {
  return pos.realized_pnl_usd - pos.fees_usd;
}

/// Adds the part of `pos`'s net realized PnL not yet in equity.
void credit_pnl(risk_guard_state& st, const our_position& pos) {
  auto& credited = st.credited_pnl[pos.id];
  const double delta = net_realized(pos) - credited;
  if (delta == 0) return;
  st.equity_usd += delta;
  credited = net_realized(pos);
  st.log->info("position {} realized {:+.2f} USD net of fees, equity {:.2f} USD", pos.id, delta,
               st.equity_usd);
}

/// SKIP_BLACKLISTED while the source trader's cooldown runs (SPEC §7 step 6).
std::optional<reservation_result> refuse_blacklisted(const risk_guard_state& st,
                                                     const reservation_request& req, utc_time now) {
  const auto it = st.blacklisted_until.find(req.source_trader);
  if (it == st.blacklisted_until.end() || it->second <= now) return std::nullopt;
  reservation_result out;
  out.outcome = decision::skip_blacklisted;
  out.detail = req.source_trader + " is blacklisted until " + to_iso8601(it->second);
  out.equity_usd = st.equity_usd;
  return out;
}

reservation_result reserve(guard_pointer self, const engine_context& ctx,
                           const reservation_request& req) {
  auto& st = self->state;
  const auto& entry = ctx.config->entry;
  if (auto refused = refuse_blacklisted(st, req, now(self, ctx.anchor))) return *refused;
  reservation_result out;
  out.equity_usd = st.equity_usd;
  const auto b = st.current_book();
  const auto limits = strategy::portfolio_limits_gate(
      {req.token, req.position_side, req.action, req.source_trader}, b, entry);
  if (!limits.passed) {
    out.outcome = limits.code;
    out.detail = limits.detail;
    return out;
  }
  const auto sized = strategy::size_entry(
      req.context.trader_position_value, req.context.trader_account_value, req.trader_roi_7d,
      req.context.trader_leverage, strategy::headroom_for(b, req.token), entry);
  if (!sized.gate.passed) {
    out.outcome = sized.gate.code;
    out.detail = sized.gate.detail;
    return out;
  }
  const auto id = st.next_reservation_id++;
  st.reservations[id] = {req.token, req.position_side, req.source_trader, sized.size_usd};
  const auto ttl = std::chrono::duration_cast<caf::timespan>(
      std::chrono::duration<double, std::ratio<60>>(entry.limit_order_ttl_minutes));
  self->delayed_send(self, ttl + reservation_expiry_margin, expire_atom::value, id);
  out.outcome = decision::execute;
  out.detail = limits.detail + "; " + sized.gate.detail;
  out.size_usd = sized.size_usd;
  out.reservation_id = id;
  return out;
}

}  // namespace

strategy::book risk_guard_state::current_book() const {
  strategy::book b;
  b.equity_usd = equity_usd;
  for (const auto& [id, e] : positions) b.entries.push_back(e);
  for (const auto& [id, e] : reservations) b.entries.push_back(e);
  return b;
}

risk_guard_actor::behavior_type risk_guard(guard_pointer self, engine_context ctx,
                                           store_actor store, double starting_equity_usd) {
  auto& st = self->state;
  st.log = named_logger("risk_guard", self->id());
  answer_mailbox_probes(self);
  st.equity_usd = starting_equity_usd;
  st.log->info("book opened with equity {:.2f} USD", starting_equity_usd);
  return {
      [=](reserve_atom, const reservation_request& req) {
        auto out = reserve(self, ctx, req);
        self->state.log->info(
            "signal {} {} {} {} from {}: {} {} (size {:.2f} USD, reservation {}, equity {:.2f})",
            req.signal_id, req.token, to_string(req.position_side), to_string(req.action),
            req.source_trader, to_string(out.outcome), out.detail, out.size_usd, out.reservation_id,
            out.equity_usd);
        return out;
      },
      [=](release_atom, std::int64_t reservation) {
        if (self->state.reservations.erase(reservation))
          self->state.log->info("reservation {} released", reservation);
      },
      [=](expire_atom, std::int64_t reservation) {
        if (self->state.reservations.erase(reservation))
          self->state.log->warn("reservation {} expired unresolved: its headroom is free again",
                                reservation);
      },
      [=](opened_atom, std::int64_t reservation, const our_position& pos) {
        auto& s = self->state;
        s.reservations.erase(reservation);
        s.positions[pos.id] = book_entry_of(pos);
        credit_pnl(s, pos);
        s.log->info("reservation {} became position {}: {} {} {:.2f} USD", reservation, pos.id,
                    pos.token, to_string(pos.position_side), s.positions[pos.id].notional_usd);
      },
      [=](changed_atom, const our_position& pos) {
        auto& s = self->state;
        credit_pnl(s, pos);
        if (pos.status == position_status::closed) {
          s.positions.erase(pos.id);
          s.credited_pnl.erase(pos.id);
          s.log->info("position {} closed ({}), equity {:.2f} USD", pos.id,
                      pos.reason ? to_string(*pos.reason) : "?", s.equity_usd);
          return;
        }
        s.positions[pos.id] = book_entry_of(pos);
        s.log->info("position {} now {:.2f} USD", pos.id, s.positions[pos.id].notional_usd);
      },
      [=](open_atom, const our_position& pos) {
        auto& s = self->state;
        s.positions[pos.id] = book_entry_of(pos);
        // Restored: the starting equity already reflects what this position realized.
        s.credited_pnl[pos.id] = net_realized(pos);
        s.log->info("position {} restored: {} {} {:.2f} USD", pos.id, pos.token,
                    to_string(pos.position_side), s.positions[pos.id].notional_usd);
      },
      [=](blacklist_atom, const std::string& address, utc_time until) {
        self->state.blacklisted_until[address] = until;
        self->state.log->warn("trader {} blacklisted until {}", address, to_iso8601(until));
        self->request(store, caf::infinite, blacklist_atom::value, address, until)
            .then([](bool) {},
                  [=](caf::error& e) {
                    self->state.log->error("blacklist of {} not persisted: {}", address,
                                           self->system().render(e));
                  });
      },
      [=](equity_atom) { return self->state.equity_usd; },
  };
}

}  // namespace smartcopy
