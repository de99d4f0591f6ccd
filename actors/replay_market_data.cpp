#include "actors/replay_market_data.hpp"

#include <algorithm>

#include "actors/mailbox_probe.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy {
namespace {

using self_pointer = market_data_actor::stateful_pointer<replay_market_data_state>;

/// Arms the self-tick for the next price change after now, unless it is armed already.
void schedule_next(self_pointer self, const engine_context& ctx) {
  auto& st = self->state;
  const auto next = st.path.next_change_after(now(self, ctx.anchor));
  if (!next || st.wake_at == next) return;
  st.wake_at = next;
  self->delayed_send(self, until(self, ctx.anchor, *next), tick_atom::value);
}

/// Pushes every price change since the last push, in order: when the clock jumped over several
/// points (a coarse advance, or the four points of one candle, SPEC §9.2) a position still sees
/// each of them, so no stop level is skipped.
void push_changes(self_pointer self, const engine_context& ctx) {
  auto& st = self->state;
  const auto t = now(self, ctx.anchor);
  for (const auto& [token, subs] : st.subscribers.by_token()) {
    if (subs.empty()) continue;
    st.path.for_points_between(token, st.pushed_until, t, [&](const price_point& point) {
      if (st.log->should_log(spdlog::level::debug))  // the time text is costly at this rate
        st.log->debug("{} mark {} at {} to {} subscriber(s)", token, point.price,
                      to_iso8601(point.at), subs.size());
      for (const auto& s : subs) self->send(s, mark_atom::value, token, point.price);
    });
  }
  st.pushed_until = t;
}

}  // namespace

market_data_actor::behavior_type replay_market_data(self_pointer self, engine_context ctx,
                                                    std::shared_ptr<const price_path> path) {
  auto& st = self->state;
  st.path = price_path_reader(std::move(path));
  st.log = named_logger("market.replay", self->id());
  answer_mailbox_probes(self);
  st.pushed_until = now(self, ctx.anchor);
  self->set_down_handler([=](const caf::down_msg& dm) { self->state.subscribers.drop(dm.source); });
  schedule_next(self, ctx);
  return {
      [=](subscribe_atom, const std::string& token, const position_actor& who) {
        if (self->state.subscribers.add(token, who)) self->monitor(who);
      },
      [=](unsubscribe_atom, const std::string& token, const position_actor& who) {
        self->state.subscribers.remove(token, who.address());
      },
      [=](mark_atom, const std::string& token) -> caf::result<double> {
        const auto t = now(self, ctx.anchor);
        if (const auto price = self->state.path.path().price_at(token, t)) return *price;
        self->state.log->warn("no mark for {} at {}", token, to_iso8601(t));
        return caf::make_error(caf::sec::runtime_error,
                               "market.replay: no mark for " + token + " at " + to_iso8601(t));
      },
      [=](tick_atom) {
        if (self->state.wake_at && *self->state.wake_at <= now(self, ctx.anchor))
          self->state.wake_at.reset();
        push_changes(self, ctx);
        schedule_next(self, ctx);
      },
  };
}

}  // namespace smartcopy
