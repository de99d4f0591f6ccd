#include "actors/trader.hpp"

#include <algorithm>

#include "actors/mailbox_probe.hpp"
#include "infra/log/logging.hpp"
#include "strategy/entry_gates.hpp"
#include "strategy/trade_aggregation.hpp"

namespace smartcopy {
namespace {

using self_ptr = trader_actor::stateful_pointer<trader_state>;

// SPEC §4: the first poll looks one hour back, later ones overlap the last by ten minutes.
constexpr auto first_poll_lookback = hours(1);
constexpr auto poll_overlap = minutes(10);

void process_next(self_ptr self, const engine_context& ctx, const engine_handles& h);

// Steps 1-3 with the Open time of an Add already looked up; the signal records the outcome.
signal evaluate(self_ptr self, const engine_context& ctx, const trade& t,
                std::optional<utc_time> open_time, signal_context& context) {
  const auto& cfg = *ctx.config;
  const auto& st = self->state;
  signal s;
  s.trader_address = st.row.address;
  s.token_symbol = t.token;
  s.position_side = t.position_side;
  s.action = t.action;
  s.value_usd = t.value_usd;
  s.timestamp = t.timestamp;
  s.trade_price = t.price;
  s.trader_score = st.row.score;
  s.trader_roi_7d = st.row.roi_7d;
  s.trade_key = t.key();
  s.created_at = now(self, ctx.anchor);
  s.due_at = strategy::confirmation_due_at(t.timestamp, cfg.entry);

  const trader_snapshot* snapshot = st.snapshot ? &*st.snapshot : nullptr;
  const auto account = strategy::account_value_for_weight(
      snapshot ? std::optional<double>(snapshot->account_value) : std::nullopt,
      st.row.account_value);
  // A snapshot taken before the trade does not show the position after it: rebuild it then.
  const bool snapshot_after_trade = snapshot && snapshot->taken_at >= t.timestamp;
  const auto position_value =
      strategy::position_value_after_trade(t, snapshot_after_trade ? snapshot : nullptr);
  context.trader_account_value = account.value_or(0);
  context.trader_position_value = position_value ? *position_value : 0;
  if (snapshot)
    if (const auto* p = snapshot->find(t.token, t.position_side))
      context.trader_leverage = p->leverage;
  if (account && position_value && *account > 0) s.position_weight = *position_value / *account;

  strategy::gate_result gate = strategy::action_filter(t, open_time, cfg.filters);
  if (gate.passed) gate = strategy::minimum_size_gate(t, cfg.filters);
  if (gate.passed)
    gate = strategy::weight_gate(position_value ? *position_value : 0, t.value_usd, account,
                                 cfg.filters);
  s.outcome = gate.passed ? decision::deferred : gate.code;
  s.reason = gate.detail;
  return s;
}

void record(self_ptr self, const engine_context& ctx, const engine_handles& h, const trade& t,
            std::optional<utc_time> open_time) {
  signal_context context;
  signal s = evaluate(self, ctx, t, open_time, context);
  s.sizing = context;
  self->request(h.store, caf::infinite, record_atom::value, s, now(self, ctx.anchor))
      .then(
          [self, ctx, h, s, context](std::int64_t id) mutable {
            if (id == 0) {
              self->state.log->debug("trade {} already evaluated before a restart", s.trade_key);
            } else {
              s.id = id;
              self->state.log->info(
                  "signal {} {} {} {} value_usd={:.2f} weight={:.4f} decision={} ({})", id,
                  to_string(s.action), s.token_symbol, to_string(s.position_side), s.value_usd,
                  s.position_weight, to_string(s.outcome), s.reason);
              if (s.outcome == decision::deferred)
                self->send(h.signals, signal_atom::value, s, context);
            }
            process_next(self, ctx, h);
          },
          [self, ctx, h, s](caf::error& e) {
            // Not recorded, so not seen: the next poll offers the trade again.
            self->state.seen_keys.erase(s.trade_key);
            self->state.log->error("could not record trade {}: {}", s.trade_key,
                                   self->system().render(e));
            process_next(self, ctx, h);
          });
}

// Step 1 needs the Open of an Add: in this run's history, else among the stored signals.
void process_next(self_ptr self, const engine_context& ctx, const engine_handles& h) {
  auto& st = self->state;
  if (st.pending.empty()) {
    st.evaluating = false;
    return;
  }
  st.evaluating = true;
  const trade t = st.pending.front();
  st.pending.pop_front();
  if (t.action != trade_action::add) return record(self, ctx, h, t, std::nullopt);
  if (auto open = strategy::find_open_for_add(t, st.history)) return record(self, ctx, h, t, open);
  const auto since = t.timestamp - from_hours(ctx.config->filters.add_max_age_hours) - hours(1);
  self->request(h.store, caf::infinite, opens_atom::value, st.row.address, t.token, t.position_side,
                since)
      .then(
          [self, ctx, h, t](std::vector<signal>& opens) {
            std::optional<utc_time> open;
            for (const auto& s : opens)
              if (s.timestamp <= t.timestamp) open = s.timestamp;
            record(self, ctx, h, t, open);
          },
          [self, ctx, h, t](caf::error&) { record(self, ctx, h, t, std::nullopt); });
}

void accept_trades(self_ptr self, const engine_context& ctx, const engine_handles& h,
                   std::vector<trade>& polled) {
  auto& st = self->state;
  auto aggregated = strategy::aggregate_trades(polled);
  for (const auto& rejected : aggregated.rejected)
    st.log->warn("trade row skipped: {}", rejected.reason);
  auto& trades = aggregated.trades;
  std::sort(trades.begin(), trades.end(),
            [](const trade& a, const trade& b) { return a.timestamp < b.timestamp; });
  for (auto& t : trades) {
    t.trader_address = st.row.address;
    if (!st.seen_keys.insert(t.key()).second) continue;
    st.history.push_back(t);
    st.pending.push_back(t);
  }
  // The Add look-up never needs trades older than add_max_age_hours (plus the overlap).
  const auto horizon =
      now(self, ctx.anchor) - from_hours(ctx.config->filters.add_max_age_hours) - hours(2);
  st.history.erase(std::remove_if(st.history.begin(), st.history.end(),
                                  [&](const trade& t) { return t.timestamp < horizon; }),
                   st.history.end());
  if (!st.evaluating) process_next(self, ctx, h);
}

void poll_trades(self_ptr self, const engine_context& ctx, const engine_handles& h) {
  auto& st = self->state;
  const utc_time started = now(self, ctx.anchor);
  const utc_time from = st.last_poll ? *st.last_poll - poll_overlap : started - first_poll_lookback;
  self->request(h.nansen, caf::infinite, trades_atom::value, st.row.address, from)
      .then(
          [self, ctx, h, started](std::vector<trade>& trades) {
            self->state.last_poll = started;
            self->state.log->debug("polled {} trades", trades.size());
            accept_trades(self, ctx, h, trades);
          },
          [self](caf::error& e) {
            self->state.log->warn("trades poll failed, retrying next cycle: {}",
                                  self->system().render(e));
          });
  self->delayed_send(self, seconds(ctx.config->polling.address_trades_sec), poll_atom::value,
                     trades_atom::value);
}

void poll_positions(self_ptr self, const engine_context& ctx, const engine_handles& h) {
  self->request(h.nansen, caf::infinite, positions_atom::value, self->state.row.address)
      .then(
          [self, h](trader_snapshot& snapshot) {
            self->state.snapshot = snapshot;
            self->send(h.signals, save_atom::value, snapshot);
            self->request(h.store, caf::infinite, save_atom::value, snapshot)
                .then([](bool) {},
                      [self](caf::error& e) {
                        self->state.log->warn("snapshot not stored: {}", self->system().render(e));
                      });
          },
          [self](caf::error& e) {
            self->state.log->warn("positions poll failed, retrying next cycle: {}",
                                  self->system().render(e));
          });
  self->delayed_send(self, seconds(ctx.config->polling.positions_sec), poll_atom::value,
                     positions_atom::value);
}

}  // namespace

trader_actor::behavior_type trader(self_ptr self, engine_context ctx, trader_row row,
                                   engine_handles handles) {
  auto& st = self->state;
  st.log = named_logger("trader." + row.address, self->id());
  answer_mailbox_probes(self);
  st.row = std::move(row);
  st.log->info("tracking trader {} tier={} score={:.4f}", st.row.address, to_string(st.row.tier),
               st.row.score);
  // Positions first, so the first trades are weighed against a fresh account value.
  self->send(self, poll_atom::value, positions_atom::value);
  if (st.row.tier == trader_tier::primary) self->send(self, poll_atom::value, trades_atom::value);
  return {
      [self, ctx, handles](poll_atom, trades_atom) { poll_trades(self, ctx, handles); },
      [self, ctx, handles](poll_atom, positions_atom) { poll_positions(self, ctx, handles); },
      [self](list_atom) {
        return self->state.snapshot.value_or(trader_snapshot{self->state.row.address, 0, {}, {}});
      },
  };
}

}  // namespace smartcopy
