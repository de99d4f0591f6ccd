#include "actors/exchange_gateway.hpp"

#include <cmath>
#include <exception>
#include <functional>
#include <sstream>

#include "actors/hyperliquid_options.hpp"
#include "actors/mailbox_probe.hpp"
#include "actors/order_ids.hpp"
#include "actors/wake_timer.hpp"
#include "infra/hyperliquid/order_builders.hpp"
#include "infra/log/logging.hpp"
#include "strategy/execution_math.hpp"
#include "strategy/simulation.hpp"

namespace smartcopy {
namespace {

namespace hl = hyperliquid;
using self_pointer = exchange_gateway_actor::stateful_pointer<exchange_gateway_state>;

/// What became of one sent order, once known.
struct send_outcome {
  // cancelled: off the book with nothing filled, without the exchange refusing it.
  enum class kind { filled, resting, refused, cancelled, unknown } what = kind::unknown;
  double size = 0;  // filled coins
  double avg_price = 0;
  double fee = 0;
  std::optional<std::int64_t> oid;
  std::string detail;
};
using outcome_handler = std::function<void(send_outcome)>;

/// The account's fills of one order: size, value-weighted price and fees.
send_outcome fills_of(exchange_gateway_state& st, const std::string& cloid) {
  send_outcome out;
  double value = 0;
  for (const auto& f : st.info->user_fills(st.account).rows) {
    if (f.base.cloid != cloid) continue;
    out.size += f.base.size;
    value += f.base.size * f.base.price;
    out.fee += f.base.fee_usd;
  }
  if (out.size > 0) {
    out.what = send_outcome::kind::filled;
    out.avg_price = value / out.size;
  }
  return out;
}

/// Loads `meta` when it is not loaded yet; returns the asset or throws with a clear message.
const hl::asset_meta& asset_of(exchange_gateway_state& st, const std::string& token) {
  if (st.universe.assets().empty()) st.universe = hl::asset_universe(st.info->meta());
  const auto* asset = st.universe.find(token);
  if (!asset) throw std::runtime_error("unknown asset " + token + " (not in meta)");
  return *asset;
}

double mark_of(exchange_gateway_state& st, const std::string& token) {
  const auto mids = st.info->all_mids();
  const auto it = mids.find(token);
  if (it == mids.end()) throw std::runtime_error("no mark for " + token + " in allMids");
  return it->second;
}

std::string describe(const order& o) {
  std::ostringstream out;
  out << to_string(o.kind) << " " << (o.is_buy ? "buy " : "sell ") << o.size << " " << o.token
      << " px " << o.price << (o.reduce_only ? " reduce-only" : "") << " cloid " << o.cloid
      << " status " << to_string(o.status);
  if (o.filled_size > 0) out << " filled " << o.filled_size << " @ " << o.avg_price;
  return out.str();
}

/// Persists `o` then runs `next(ok, why)`; the store's failure is passed on, never swallowed.
void persist(self_pointer self, const order& o, std::function<void(bool, std::string)> next) {
  self->request(self->state.store, caf::infinite, save_atom::value, o)
      .then([=](bool) { next(true, {}); },
            [=](caf::error& e) {
              const auto why = "order " + o.cloid + " not persisted: " + self->system().render(e);
              self->state.log->error("{}", why);
              next(false, why);
            });
}

void audit(self_pointer self, const engine_context& ctx, const order& o) {
  const std::string subject = o.position_id ? "position." + std::to_string(*o.position_id)
                              : o.signal_id ? "signal." + std::to_string(*o.signal_id)
                                            : "order." + o.cloid;
  self->send(self->state.store, event_atom::value, now(self, ctx.anchor),
             "order." + std::string(to_string(o.status)), subject, describe(o));
}

/// SPEC §6 step 5: polls orderStatus by cloid (spaced by the wake timer) until the exchange
/// knows the order, then reads its fills. Never re-sends.
void resolve(self_pointer self, std::string cloid, int check, outcome_handler done) {
  auto& st = self->state;
  try {
    const auto status = st.info->order_status_by_cloid(st.account, cloid);
    if (status.known) {
      send_outcome out = fills_of(st, cloid);
      out.oid = status.order.oid;
      const auto s = status.to_order_status();
      // Still on the book (a GTC, partly filled or not, or a stop): resting. Its fills so far
      // are in `out`; a GTC's TTL expiry counts them again when it cancels.
      if (s == order_status::resting || s == order_status::partially_filled ||
          s == order_status::triggered)
        out.what = send_outcome::kind::resting;
      if (out.size == 0 && (s == order_status::rejected || s == order_status::cancelled)) {
        out.what = send_outcome::kind::refused;
        out.detail = "exchange status " + status.status;
      }
      st.log->info("ambiguous order {} resolved after {} check(s): {}", cloid, check,
                   status.status);
      done(out);
      return;
    }
  } catch (const std::exception& e) {
    st.log->warn("orderStatus of {} failed (check {}): {}", cloid, check, e.what());
  }
  if (check >= st.options.max_status_checks) {
    send_outcome out;
    out.detail = "AMBIGUOUS: cloid " + cloid + " still unknown after " + std::to_string(check) +
                 " orderStatus checks; left for reconciliation, not re-sent";
    done(out);
    return;
  }
  self->request(st.timer, caf::infinite, tick_atom::value, st.options.status_check_interval)
      .then([=](bool) { resolve(self, cloid, check + 1, done); });
}

/// Sends one order whose row is already persisted; an ambiguous outcome is persisted as such
/// and resolved.
void send(self_pointer self, const engine_context& ctx, const hl::order_wire& wire, order o,
          outcome_handler done) {
  auto& st = self->state;
  const auto r = st.exchange->place_orders({wire});
  send_outcome out;
  if (r.outcome == hl::exchange_outcome::ambiguous) {
    st.log->warn("order {} ambiguous ({}), resolving by cloid", o.cloid, r.error);
    o.status = order_status::ambiguous;
    o.updated_at = now(self, ctx.anchor);
    persist(self, o, [=](bool, std::string) { resolve(self, o.cloid, 1, done); });
    return;
  }
  if (!r.accepted() || r.statuses.empty()) {
    out.what = send_outcome::kind::refused;
    out.detail = std::string("refused (") + hl::to_string(r.outcome) + "): " + r.error;
  } else {
    const auto& s = r.statuses.front();
    out.oid = s.oid;
    switch (s.type) {
      case hl::status_entry::kind::filled:
        out = fills_of(st, o.cloid);
        out.what = send_outcome::kind::filled;
        out.oid = s.oid;
        out.size = s.total_sz;
        out.avg_price = s.avg_px;
        break;
      case hl::status_entry::kind::resting:
      case hl::status_entry::kind::waiting_for_fill:
      case hl::status_entry::kind::waiting_for_trigger:
        out.what = send_outcome::kind::resting;
        break;
      case hl::status_entry::kind::error:
        out.what = send_outcome::kind::refused;
        out.detail = "rejected: " + s.error;
        break;
      default:
        out.what = send_outcome::kind::refused;
        out.detail = "unexpected status: " + s.error;
    }
  }
  done(out);
}

/// Applies an outcome to the row and persists it.
order settle(self_pointer self, const engine_context& ctx, order o, const send_outcome& out) {
  o.updated_at = now(self, ctx.anchor);
  if (out.oid) o.exchange_oid = out.oid;
  switch (out.what) {
    case send_outcome::kind::filled:
      o.status = out.size + 1e-12 >= o.size ? order_status::filled : order_status::partially_filled;
      o.filled_size = out.size;
      o.avg_price = out.avg_price;
      break;
    case send_outcome::kind::resting:
      o.status = order_status::resting;
      break;
    case send_outcome::kind::refused:
      o.status = order_status::rejected;
      break;
    case send_outcome::kind::cancelled:
      o.status = order_status::cancelled;
      break;
    case send_outcome::kind::unknown:
      o.status = order_status::ambiguous;
      break;
  }
  self->state.log->info("{}{}", describe(o), out.detail.empty() ? "" : ": " + out.detail);
  audit(self, ctx, o);
  persist(self, o, [](bool, std::string) {});
  return o;
}

order new_order(self_pointer self, const engine_context& ctx, order_kind kind,
                const std::string& token, bool is_buy, double price, double size,
                bool reduce_only) {
  order o;
  o.cloid = new_cloid(self->state.rng);
  o.kind = kind;
  o.token = token;
  o.is_buy = is_buy;
  o.price = price;
  o.size = size;
  o.reduce_only = reduce_only;
  o.created_at = o.updated_at = now(self, ctx.anchor);
  return o;
}

entry_result entry_failed(std::string detail, std::string cloid = {}) {
  entry_result r;
  r.detail = std::move(detail);
  r.cloid = std::move(cloid);
  return r;
}

// -- execute ------------------------------------------------------------------------------------

/// SPEC §6 step 2: isolated leverage before the entry (skipped when already set to that value).
void ensure_leverage(exchange_gateway_state& st, const hl::asset_meta& asset, int leverage) {
  const auto it = st.leverage_set.find(asset.asset);
  if (it != st.leverage_set.end() && it->second == leverage) return;
  const auto r = st.exchange->update_leverage(asset.asset, false, leverage);
  if (!r.accepted())
    throw std::runtime_error("updateLeverage " + std::to_string(leverage) + "x refused (" +
                             hl::to_string(r.outcome) + "): " + r.error);
  st.leverage_set[asset.asset] = leverage;
}

void finish_entry(self_pointer self, const engine_context& ctx, order o, int leverage,
                  const send_outcome& out, caf::typed_response_promise<entry_result> rp) {
  const auto row = settle(self, ctx, o, out);
  entry_result r;
  r.cloid = row.cloid;
  r.leverage = leverage;
  r.filled = row.filled_size > 0;
  r.filled_size = row.filled_size;
  r.avg_price = row.avg_price;
  r.fee_usd = out.fee;
  r.detail = out.detail.empty() ? "entry " + std::string(to_string(row.status)) : out.detail;
  rp.deliver(r);
}

/// A resting GTC entry: after limit_order_ttl_minutes it is cancelled and its fills counted.
void expire_limit(self_pointer self, const engine_context& ctx, const hl::asset_meta& asset,
                  order o, int leverage, caf::typed_response_promise<entry_result> rp) {
  const auto ttl = std::chrono::duration_cast<caf::timespan>(
      std::chrono::duration<double, std::ratio<60>>(ctx.config->entry.limit_order_ttl_minutes));
  const auto index = asset.asset;
  self->request(self->state.timer, caf::infinite, tick_atom::value, ttl).then([=](bool) mutable {
    auto& st = self->state;
    send_outcome out;
    try {
      st.exchange->cancel_by_cloid({{index, o.cloid}});
      out = fills_of(st, o.cloid);
      if (out.what != send_outcome::kind::filled) {
        out.what = send_outcome::kind::refused;
        out.detail = "limit entry expired unfilled after " +
                     std::to_string(ctx.config->entry.limit_order_ttl_minutes) + " min";
      }
    } catch (const std::exception& e) {
      out.what = send_outcome::kind::unknown;
      out.detail = std::string("cancel after TTL failed: ") + e.what();
    }
    finish_entry(self, ctx, o, leverage, out, rp);
  });
}

void execute_entry(self_pointer self, const engine_context& ctx, const entry_request& req,
                   caf::typed_response_promise<entry_result> rp) {
  auto& st = self->state;
  const auto& s = req.approved;
  const bool is_limit = s.type == order_type::limit;
  try {
    const auto& asset = asset_of(st, s.token_symbol);
    const double mark = mark_of(st, s.token_symbol);
    const auto leverage = strategy::choose_leverage(req.context.trader_leverage, ctx.config->entry,
                                                    asset.max_leverage);
    if (!leverage) {
      rp.deliver(entry_failed("leverage: " + leverage.error()));
      return;
    }
    const auto size = strategy::order_size_from_usd(s.copy_size_usd, mark, asset.sz_decimals);
    if (!size) {
      rp.deliver(entry_failed("size: " + size.error()));
      return;
    }
    if (const auto gate = strategy::min_notional_gate(*size, mark); !gate.passed) {
      rp.deliver(entry_failed(std::string(to_string(gate.code)) + ": " + gate.detail));
      return;
    }
    const double pct = s.max_slippage > 0 ? s.max_slippage
                       : is_limit         ? ctx.config->entry.limit_max_deviation_percent
                                          : ctx.config->entry.market_max_slippage_percent;
    const auto price = strategy::entry_order_price(mark, s.position_side, pct, asset.sz_decimals);
    if (!price) {
      rp.deliver(entry_failed("price: " + price.error()));
      return;
    }
    auto o = new_order(self, ctx, order_kind::entry, s.token_symbol, s.position_side == side::long_,
                       *price, *size, false);
    if (s.id > 0) o.signal_id = s.id;
    const auto wire =
        hl::make_limit_order(asset, o.is_buy, o.price, o.size,
                             is_limit ? time_in_force::gtc : time_in_force::ioc, false, o.cloid);
    const int lev = *leverage;
    persist(self, o, [=](bool ok, std::string why) mutable {
      if (!ok) {
        rp.deliver(entry_failed(why, o.cloid));
        return;
      }
      auto& st = self->state;
      try {
        ensure_leverage(st, asset, lev);
      } catch (const std::exception& e) {
        send_outcome out;
        out.what = send_outcome::kind::refused;
        out.detail = e.what();
        return finish_entry(self, ctx, o, lev, out, rp);
      }
      send(self, ctx, wire, o, [=](send_outcome out) mutable {
        if (out.what == send_outcome::kind::resting && is_limit)
          return expire_limit(self, ctx, asset, settle(self, ctx, o, out), lev, rp);
        finish_entry(self, ctx, o, lev, out, rp);
      });
    });
  } catch (const std::exception& e) {
    st.log->warn("entry of signal {} {} not sent: {}", s.id, s.token_symbol, e.what());
    rp.deliver(entry_failed(e.what()));
  }
}

// -- close --------------------------------------------------------------------------------------

struct close_progress {
  close_request req;
  double filled = 0;
  double value = 0;
  double fee = 0;
  int attempt = 0;
  std::string detail;
};

/// The signed size of `token` in our account.
double position_size(exchange_gateway_state& st, const std::string& token) {
  for (const auto& p : st.info->clearinghouse_state(st.account).positions)
    if (p.position.token == token) return p.signed_size;
  return 0;
}

/// Cancels every reduce-only trigger (our hard stops) on `asset` but the one with cloid `keep`
/// (none kept when empty); failures are logged, the stops stay for the next attempt.
void cancel_stops_except(exchange_gateway_state& st, const hl::asset_meta& asset,
                         const std::string& keep) {
  try {
    std::vector<hl::cancel_wire> cancels;
    for (const auto& o : st.info->frontend_open_orders(st.account).rows)
      if (o.coin == asset.name && o.is_trigger && o.reduce_only && o.cloid.value_or("") != keep)
        cancels.push_back({asset.asset, static_cast<std::uint64_t>(o.oid)});
    if (!cancels.empty()) st.exchange->cancel(cancels);
    st.log->info("{} stop order(s) of {} cancelled{}", cancels.size(), asset.name,
                 keep.empty() ? "" : ", keeping " + keep);
  } catch (const std::exception& e) {
    st.log->warn("stops of {} not cancelled: {}", asset.name, e.what());
  }
}

void close_step(self_pointer self, const engine_context& ctx, close_progress p,
                caf::typed_response_promise<close_result> rp) {
  auto& st = self->state;
  auto deliver = [rp, &p]() mutable {
    close_result r;
    r.filled_size = p.filled;
    r.avg_price = p.filled > 0 ? p.value / p.filled : 0;
    r.fee_usd = p.fee;
    r.complete = p.filled + 1e-9 >= p.req.size;
    r.detail = p.detail;
    rp.deliver(r);
  };
  try {
    const auto& asset = asset_of(st, p.req.token);
    // Verify against the account (SPEC §7 close_position): what is left to close.
    const double held = std::abs(position_size(st, p.req.token));
    const double wanted = std::min(p.req.size - p.filled, held);
    if (held <= 0 || wanted <= 0 || p.attempt >= st.options.max_close_attempts) {
      if (held <= 0) cancel_stops_except(st, asset, {});
      if (held <= 0 && p.filled + 1e-9 < p.req.size && p.detail.empty())
        p.detail = "the account holds no " + p.req.token + " position";
      return deliver();
    }
    ++p.attempt;
    const double mark = mark_of(st, p.req.token);
    const auto price = strategy::close_order_price(mark, p.req.position_side, asset.sz_decimals);
    if (!price) {
      p.detail = "price: " + price.error();
      return deliver();
    }
    auto o = new_order(self, ctx, p.req.kind, p.req.token, p.req.position_side == side::short_,
                       *price, wanted, true);
    if (p.req.position_id > 0) o.position_id = p.req.position_id;
    const auto wire =
        hl::make_limit_order(asset, o.is_buy, o.price, o.size, time_in_force::ioc, true, o.cloid);
    persist(self, o, [=](bool ok, std::string why) mutable {
      if (!ok) {
        p.detail = why;
        close_result r;
        r.filled_size = p.filled;
        r.avg_price = p.filled > 0 ? p.value / p.filled : 0;
        r.fee_usd = p.fee;
        r.detail = why;
        {
          rp.deliver(r);
          return;
        }
      }
      send(self, ctx, wire, o, [=](send_outcome out) mutable {
        settle(self, ctx, o, out);
        p.filled += out.size;
        p.value += out.size * out.avg_price;
        p.fee += out.fee;
        if (!out.detail.empty()) p.detail = out.detail;
        close_step(self, ctx, p, rp);  // verify, then retry the remainder if any
      });
    });
  } catch (const std::exception& e) {
    p.detail = e.what();
    st.log->warn("close of position {} {}: {}", p.req.position_id, p.req.token, e.what());
    deliver();
  }
}

// -- stop ---------------------------------------------------------------------------------------

void place_stop(self_pointer self, const engine_context& ctx, const stop_request& req,
                caf::typed_response_promise<stop_result> rp) {
  auto& st = self->state;
  try {
    const auto& asset = asset_of(st, req.token);
    auto o = new_order(self, ctx, order_kind::stop, req.token, req.position_side == side::short_,
                       req.trigger_price, req.size, true);
    if (req.position_id > 0) o.position_id = req.position_id;
    const auto wire =
        hl::make_trigger_order(asset, o.is_buy, o.price, o.size, hl::tpsl::sl, o.cloid);
    persist(self, o, [=](bool ok, std::string why) mutable {
      stop_result r;
      r.cloid = o.cloid;
      if (!ok) {
        r.detail = why;
        {
          rp.deliver(r);
          return;
        }
      }
      send(self, ctx, wire, o, [=](send_outcome out) mutable {
        settle(self, ctx, o, out);
        r.placed = out.what == send_outcome::kind::resting;
        r.detail = r.placed ? "stop at " + std::to_string(req.trigger_price) : out.detail;
        // SPEC §7.3: place new, then cancel old. One position per token, so every other
        // reduce-only trigger on the token is an older stop of this position — also one left
        // by a run that crashed before cancelling it, so a restart never leaves two.
        if (r.placed) cancel_stops_except(self->state, asset, o.cloid);
        rp.deliver(r);
      });
    });
  } catch (const std::exception& e) {
    stop_result r;
    r.detail = e.what();
    rp.deliver(r);
  }
}

// -- reconciliation (SPEC §8) ---------------------------------------------------------------

/// What became of `o`, left unresolved by a crash: asked by cloid, never re-sent. An order the
/// exchange does not know never reached it. An entry still resting lost its TTL timer with the
/// process: it is cancelled now and its fills counted. A resting stop stays.
caf::result<order> reconcile_order(self_pointer self, const engine_context& ctx, order o) {
  auto& st = self->state;
  try {
    const auto status = st.info->order_status_by_cloid(st.account, o.cloid);
    if (!status.known) {
      send_outcome never_sent;
      never_sent.what = send_outcome::kind::cancelled;
      never_sent.detail = "unknown to the exchange: it was never sent";
      return settle(self, ctx, o, never_sent);
    }
    send_outcome out = fills_of(st, o.cloid);
    out.oid = status.order.oid;
    const auto s = status.to_order_status();
    const bool resting = s == order_status::resting || s == order_status::partially_filled;
    if (resting && o.kind == order_kind::entry) {
      st.exchange->cancel_by_cloid({{asset_of(st, o.token).asset, o.cloid}});
      out = fills_of(st, o.cloid);
      out.oid = status.order.oid;
      st.log->warn("entry {} was still resting at restart: cancelled", o.cloid);
    } else if (resting || s == order_status::triggered) {
      out.what = send_outcome::kind::resting;
    }
    if (out.size == 0 && out.what != send_outcome::kind::resting) {
      // Off the book with nothing filled: refused only when the exchange says so.
      out.what =
          s == order_status::rejected ? send_outcome::kind::refused : send_outcome::kind::cancelled;
      out.detail = "exchange status " + status.status;
    }
    return settle(self, ctx, o, out);
  } catch (const std::exception& e) {
    st.log->warn("order {} not reconciled: {}", o.cloid, e.what());
    return caf::make_error(caf::sec::runtime_error,
                           "exchange: order " + o.cloid + " not reconciled: " + e.what());
  }
}

void setup(self_pointer self, const engine_context& ctx) {
  auto& st = self->state;
  const auto& hl_cfg = ctx.config->hyperliquid;
  auto info_options = hyperliquid_info_options(*ctx.config);
  info_options.http.read_timeout = st.options.read_timeout;
  info_options.http.total_timeout = st.options.total_timeout;
  st.info = std::make_unique<hl::info_client>(info_options);
  try {
    hl::exchange_options o;
    o.net = hyperliquid_network(*ctx.config);
    o.base_url = hyperliquid_base_url(*ctx.config);
    o.http = info_options.http;
    st.exchange =
        std::make_unique<hl::exchange_client>(o, hl::private_key::from_hex(hl_cfg.private_key));
    st.account =
        hl_cfg.account_address.empty() ? st.exchange->signer_address() : hl_cfg.account_address;
  } catch (const std::exception& e) {
    st.setup_error = std::string("no usable hyperliquid.private_key: ") + e.what();
    st.log->error("{}", st.setup_error);
  }
  try {
    st.universe = hl::asset_universe(st.info->meta());
    st.log->info("meta: {} assets; trading account {}", st.universe.assets().size(), st.account);
  } catch (const std::exception& e) {
    st.log->warn("meta not loaded yet (retried on the first order): {}", e.what());
  }
}

}  // namespace

exchange_gateway_actor::behavior_type exchange_gateway(self_pointer self, engine_context ctx,
                                                       store_actor store,
                                                       live_exchange_options options) {
  auto& st = self->state;
  st.store = std::move(store);
  st.options = options;
  st.log = named_logger("exchange", self->id());
  answer_mailbox_probes(self);
  st.rng.seed(std::random_device{}());
  st.timer = self->spawn<caf::linked>(wake_timer);
  setup(self, ctx);
  return {
      [=](execute_atom, const entry_request& req) -> caf::result<entry_result> {
        if (!self->state.exchange) return entry_failed(self->state.setup_error);
        auto rp = self->make_response_promise<entry_result>();
        execute_entry(self, ctx, req, rp);
        return rp;
      },
      [=](close_atom, const close_request& req) -> caf::result<close_result> {
        if (!self->state.exchange || !(req.size > 0)) {
          close_result r;
          r.detail = self->state.exchange ? "nothing to close: size " + std::to_string(req.size)
                                          : self->state.setup_error;
          return r;
        }
        auto rp = self->make_response_promise<close_result>();
        close_step(self, ctx, close_progress{req, 0, 0, 0, 0, {}}, rp);
        return rp;
      },
      [=](stop_atom, const stop_request& req) -> caf::result<stop_result> {
        if (!self->state.exchange) {
          stop_result r;
          r.detail = self->state.setup_error;
          return r;
        }
        auto rp = self->make_response_promise<stop_result>();
        place_stop(self, ctx, req, rp);
        return rp;
      },
      [=](resolve_atom, const order& o) -> caf::result<order> {
        if (!self->state.exchange)
          return caf::make_error(caf::sec::runtime_error, self->state.setup_error);
        return reconcile_order(self, ctx, o);
      },
      [=](account_atom) -> caf::result<account_snapshot> {
        auto& st = self->state;
        try {
          const auto state = st.info->clearinghouse_state(st.account);
          account_snapshot a;
          a.authoritative = true;
          a.account_value = state.account_value;
          for (const auto& p : state.positions)
            a.signed_size_by_token[p.position.token] = p.signed_size;
          for (const auto& f : st.info->user_fills(st.account).rows)
            a.recent_fills.push_back(f.base);
          return a;
        } catch (const std::exception& e) {
          st.log->warn("account state failed: {}", e.what());
          return caf::make_error(caf::sec::runtime_error,
                                 std::string("exchange: account state failed: ") + e.what());
        }
      },
  };
}

}  // namespace smartcopy
