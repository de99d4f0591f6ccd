#include "actors/simulated_exchange.hpp"

#include <cmath>
#include <sstream>

#include "actors/asset_defaults.hpp"
#include "actors/mailbox_probe.hpp"
#include "actors/order_ids.hpp"
#include "infra/log/logging.hpp"
#include "strategy/execution_math.hpp"
#include "strategy/simulation.hpp"

namespace smartcopy {
namespace {

using self_pointer = exchange_gateway_actor::stateful_pointer<simulated_exchange_state>;
using entry_promise = caf::typed_response_promise<entry_result>;
using close_promise = caf::typed_response_promise<close_result>;

entry_result entry_not_filled(std::string detail, std::string cloid = {}) {
  entry_result r;
  r.cloid = std::move(cloid);
  r.detail = std::move(detail);
  return r;
}

close_result close_not_filled(std::string detail) {
  close_result r;
  r.detail = std::move(detail);
  return r;
}

/// The entry order of SPEC §6 steps 2-3, before any fill.
struct entry_plan {
  int leverage = 1;
  int sz_decimals = 2;
  double size = 0;  // coins
  double limit_price = 0;
  bool is_buy = true;
};

/// The percent through mark the entry may go: the signal's own, else the config's per type.
double entry_slippage_percent(const signal& s, const entry_settings& entry) {
  if (s.max_slippage > 0) return s.max_slippage;
  return s.type == order_type::limit ? entry.limit_max_deviation_percent
                                     : entry.market_max_slippage_percent;
}

/// SPEC §6 steps 2-3; a failure is the not-filled detail (SKIP_SIZE_ZERO for the $10 minimum).
strategy::checked<entry_plan> plan_entry(const entry_request& req, double mark,
                                         const settings& config) {
  using result = strategy::checked<entry_plan>;
  const auto& s = req.approved;
  entry_plan plan;
  plan.sz_decimals = default_sz_decimals(s.token_symbol);
  plan.is_buy = s.position_side == side::long_;
  const auto leverage = strategy::choose_leverage(req.context.trader_leverage, config.entry,
                                                  default_max_leverage(s.token_symbol));
  if (!leverage) return result::fail("leverage: " + leverage.error());
  plan.leverage = *leverage;
  const auto size = strategy::order_size_from_usd(s.copy_size_usd, mark, plan.sz_decimals);
  if (!size) return result::fail("size: " + size.error());
  plan.size = *size;
  if (const auto gate = strategy::min_notional_gate(plan.size, mark); !gate.passed)
    return result::fail(std::string(to_string(gate.code)) + ": " + gate.detail);
  const auto price = strategy::entry_order_price(
      mark, s.position_side, entry_slippage_percent(s, config.entry), plan.sz_decimals);
  if (!price) return result::fail("price: " + price.error());
  plan.limit_price = *price;
  return result::ok(plan);
}

/// SPEC §9.2: mark moved against us by the size-dependent slippage.
strategy::checked<double> simulated_price(const std::string& token, double mark, double size,
                                          bool is_buy) {
  const auto slip = strategy::simulated_slippage_percent(token, size * mark);
  if (!slip) return strategy::checked<double>::fail(slip.error());
  return strategy::simulated_fill_price(mark, is_buy, *slip);
}

/// SPEC §9.2: the taker fee of a filled order (its inputs are a positive size and price here).
double fee_of(const order& o, const settings& config) {
  const auto fee = strategy::taker_fee_usd(o.filled_size * o.avg_price, config.simulation);
  return fee ? *fee : 0.0;
}

/// Applies a fill to the holding; returns the PnL it realizes (the part that reduces).
double apply_fill(sim_holding& h, bool is_buy, double size, double price) {
  const double delta = is_buy ? size : -size;
  double realized = 0;
  if (h.signed_size != 0 && (h.signed_size > 0) != (delta > 0)) {
    const double closed = std::min(std::abs(delta), std::abs(h.signed_size));
    realized = (price - h.avg_entry) * closed * (h.signed_size > 0 ? 1 : -1);
  } else if (h.signed_size + delta != 0) {
    h.avg_entry =
        (h.avg_entry * std::abs(h.signed_size) + price * size) / (std::abs(h.signed_size) + size);
  }
  h.signed_size += delta;
  if (std::abs(h.signed_size) < 1e-12) h = sim_holding{};
  return realized;
}

void record_fill(self_pointer self, const order& o, double fee, utc_time at) {
  auto& st = self->state;
  fill f{o.cloid, o.token, o.is_buy, o.avg_price, o.filled_size, fee, at};
  st.realized_pnl += apply_fill(st.holdings[o.token], o.is_buy, o.filled_size, o.avg_price);
  st.fees += fee;
  st.recent_fills.push_back(f);
  if (st.recent_fills.size() > simulated_exchange_state::max_recent_fills)
    st.recent_fills.pop_front();
}

std::string describe(const order& o) {
  std::ostringstream out;
  out << to_string(o.kind) << " " << (o.is_buy ? "buy " : "sell ") << o.size << " " << o.token
      << " limit " << o.price << " cloid " << o.cloid << " status " << to_string(o.status);
  if (o.filled_size > 0) out << " filled " << o.filled_size << " @ " << o.avg_price;
  return out.str();
}

std::string subject_of(const order& o) {
  if (o.position_id) return "position." + std::to_string(*o.position_id);
  if (o.signal_id) return "signal." + std::to_string(*o.signal_id);
  return "order." + o.cloid;
}

/// Persists the order row, then calls `next` (SPEC §6 step 1: before the action that depends
/// on it). A store failure goes to `failed` with the store's message.
template <class Next, class Failed>
void persist_then(self_pointer self, const order& o, Next next, Failed failed) {
  self->request(self->state.store, caf::infinite, save_atom::value, o)
      .then([=](bool) mutable { next(); },
            [=](caf::error& e) mutable {
              self->state.log->error("order {} not persisted: {}", o.cloid,
                                     self->system().render(e));
              failed("order not persisted: " + self->system().render(e));
            });
}

void audit(self_pointer self, const engine_context& ctx, const std::string& kind, const order& o) {
  self->send(self->state.store, event_atom::value, now(self, ctx.anchor), kind, subject_of(o),
             describe(o));
}

void simulate_entry(self_pointer self, const engine_context& ctx, const entry_request& req,
                    const entry_plan& plan, double mark, order o, entry_promise rp) {
  const auto& token = req.approved.token_symbol;
  const auto price = simulated_price(token, mark, plan.size, plan.is_buy);
  if (!price) {
    rp.deliver(entry_not_filled("fill price: " + price.error(), o.cloid));
    return;
  }
  const bool beyond_limit = plan.is_buy ? *price > plan.limit_price : *price < plan.limit_price;
  const bool is_limit = req.approved.type == order_type::limit;
  const auto at = now(self, ctx.anchor);
  o.updated_at = at;
  entry_result r;
  r.cloid = o.cloid;
  r.leverage = plan.leverage;
  if (beyond_limit && !is_limit) {
    o.status = order_status::cancelled;
    r.detail = "IOC not filled: simulated fill " + std::to_string(*price) + " beyond limit " +
               std::to_string(plan.limit_price);
  } else {
    o.status = order_status::filled;
    o.filled_size = plan.size;
    o.avg_price = beyond_limit ? plan.limit_price : *price;
    r.filled = true;
    r.filled_size = o.filled_size;
    r.avg_price = o.avg_price;
    r.fee_usd = fee_of(o, *ctx.config);
    r.detail = "paper fill at mark " + std::to_string(mark) + ", leverage " +
               std::to_string(plan.leverage) + "x";
    record_fill(self, o, r.fee_usd, at);
  }
  self->state.log->info("entry {} (signal {}): {}", describe(o), req.approved.id, r.detail);
  audit(self, ctx, r.filled ? "order.filled" : "order.cancelled", o);
  persist_then(
      self, o, [=]() mutable { rp.deliver(r); },
      [=](const std::string& why) mutable {
        // The simulated fill happened; the row could not be updated. Report the fill (our book
        // has it) and say the row is stale, so the caller's position still gets created.
        auto stale = r;
        stale.detail += "; " + why;
        rp.deliver(stale);
      });
}

void place_entry(self_pointer self, const engine_context& ctx, const entry_request& req,
                 double mark, entry_promise rp) {
  const auto plan = plan_entry(req, mark, *ctx.config);
  if (!plan) {
    self->state.log->info("entry of signal {} {} not sent: {}", req.approved.id,
                          req.approved.token_symbol, plan.error());
    rp.deliver(entry_not_filled(plan.error()));
    return;
  }
  order o;
  o.cloid = new_cloid(self->state.rng);
  if (req.approved.id > 0) o.signal_id = req.approved.id;
  o.kind = order_kind::entry;
  o.token = req.approved.token_symbol;
  o.is_buy = plan->is_buy;
  o.price = plan->limit_price;
  o.size = plan->size;
  o.status = order_status::pending;
  o.created_at = o.updated_at = now(self, ctx.anchor);
  persist_then(
      self, o, [=]() mutable { simulate_entry(self, ctx, req, *plan, mark, o, rp); },
      [=](const std::string& why) mutable { rp.deliver(entry_not_filled(why, o.cloid)); });
}

void place_close(self_pointer self, const engine_context& ctx, const close_request& req,
                 double mark, close_promise rp) {
  const int szd = default_sz_decimals(req.token);
  const auto limit = strategy::close_order_price(mark, req.position_side, szd);
  if (!limit) {
    rp.deliver(close_not_filled("price: " + limit.error()));
    return;
  }
  order o;
  o.cloid = new_cloid(self->state.rng);
  if (req.position_id > 0) o.position_id = req.position_id;
  o.kind = req.kind;
  o.token = req.token;
  o.is_buy = req.position_side == side::short_;  // buying back a short
  o.price = *limit;
  o.size = req.size;
  o.reduce_only = true;
  o.status = order_status::pending;
  o.created_at = o.updated_at = now(self, ctx.anchor);
  persist_then(
      self, o,
      [=]() mutable {
        const auto price = simulated_price(req.token, mark, req.size, o.is_buy);
        if (!price) {
          rp.deliver(close_not_filled("fill price: " + price.error()));
          return;
        }
        const auto at = now(self, ctx.anchor);
        o.status = order_status::filled;
        o.filled_size = req.size;
        o.avg_price = *price;
        o.updated_at = at;
        close_result r;
        r.filled_size = o.filled_size;
        r.avg_price = o.avg_price;
        r.fee_usd = fee_of(o, *ctx.config);
        r.complete = true;
        r.detail = "paper " + req.reason + " fill at mark " + std::to_string(mark);
        record_fill(self, o, r.fee_usd, at);
        self->state.log->info("{} {}: {}", req.reason, describe(o), r.detail);
        audit(self, ctx, "order.filled", o);
        persist_then(
            self, o, [=]() mutable { rp.deliver(r); },
            [=](const std::string& why) mutable {
              auto stale = r;
              stale.detail += "; " + why;
              rp.deliver(stale);
            });
      },
      [=](const std::string& why) mutable { rp.deliver(close_not_filled(why)); });
}

}  // namespace

exchange_gateway_actor::behavior_type simulated_exchange(self_pointer self, engine_context ctx,
                                                         store_actor store,
                                                         market_data_actor market) {
  auto& st = self->state;
  st.store = std::move(store);
  st.market = std::move(market);
  st.rng.seed(static_cast<std::uint64_t>(to_ms(ctx.anchor.utc)));
  st.starting_equity = ctx.config->account.paper_equity_usd;
  st.log = named_logger("exchange.sim", self->id());
  answer_mailbox_probes(self);
  return {
      [=](execute_atom, const entry_request& req) -> caf::result<entry_result> {
        auto rp = self->make_response_promise<entry_result>();
        const auto token = req.approved.token_symbol;
        self->request(self->state.market, caf::infinite, mark_atom::value, token)
            .then([=](double mark) mutable { place_entry(self, ctx, req, mark, rp); },
                  [=](caf::error& e) mutable {
                    const auto why = "no mark for " + token + ": " + self->system().render(e);
                    self->state.log->warn("entry of signal {} not sent: {}", req.approved.id, why);
                    rp.deliver(entry_not_filled(why));
                  });
        return rp;
      },
      [=](close_atom, const close_request& req) -> caf::result<close_result> {
        if (!(req.size > 0) || !std::isfinite(req.size))
          return close_not_filled("nothing to close: size " + std::to_string(req.size));
        auto rp = self->make_response_promise<close_result>();
        self->request(self->state.market, caf::infinite, mark_atom::value, req.token)
            .then([=](double mark) mutable { place_close(self, ctx, req, mark, rp); },
                  [=](caf::error& e) mutable {
                    const auto why = "no mark for " + req.token + ": " + self->system().render(e);
                    self->state.log->warn("close of position {} not sent: {}", req.position_id,
                                          why);
                    rp.deliver(close_not_filled(why));
                  });
        return rp;
      },
      [=](stop_atom, const stop_request& req) {
        stop_result r;
        r.detail = "paper/sim: the position actor applies its stop itself (SPEC §6 paper mode)";
        self->state.log->debug("stop of position {} at {} left to the position actor",
                               req.position_id, req.trigger_price);
        return r;
      },
      [=](resolve_atom, order o) {
        // The simulator's book lives in memory: an order it had not settled (and stored) when
        // the process ended did not happen.
        if (!is_open(o.status)) return o;
        o.status = order_status::cancelled;
        o.updated_at = now(self, ctx.anchor);
        self->state.log->warn("order {} lost with the paper simulator at a restart: cancelled",
                              o.cloid);
        persist_then(
            self, o, [] {}, [](const std::string&) {});
        audit(self, ctx, "order.cancelled", o);
        return o;
      },
      [=](account_atom) {
        const auto& s = self->state;
        account_snapshot a;
        a.account_value = s.starting_equity + s.realized_pnl - s.fees;
        for (const auto& [token, h] : s.holdings) a.signed_size_by_token[token] = h.signed_size;
        a.recent_fills.assign(s.recent_fills.begin(), s.recent_fills.end());
        return a;
      },
  };
}

}  // namespace smartcopy
