#include "actors/market_data.hpp"

#include <algorithm>
#include <exception>

#include "actors/hyperliquid_options.hpp"
#include "actors/mailbox_probe.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy {
namespace {

using self_pointer = market_data_actor::stateful_pointer<market_data_state>;

/// Refreshes the marks; returns the failure text, empty on success.
std::string poll(self_pointer self) {
  auto& st = self->state;
  try {
    auto mids = st.info->all_mids();
    for (auto& [token, price] : mids) st.marks[token] = price;
    st.log->debug("allMids: {} marks", mids.size());
    return {};
  } catch (const std::exception& e) {
    st.log->warn("allMids failed, keeping {} old marks: {}", st.marks.size(), e.what());
    return e.what();
  }
}

void push_marks(self_pointer self) {
  const auto& st = self->state;
  for (const auto& [token, subs] : st.subscribers.by_token()) {
    const auto it = st.marks.find(token);
    if (it == st.marks.end()) continue;
    for (const auto& s : subs) self->send(s, mark_atom::value, token, it->second);
  }
}

}  // namespace

market_data_actor::behavior_type market_data(self_pointer self, engine_context ctx) {
  self->state.log = named_logger("market", self->id());
  answer_mailbox_probes(self);
  self->state.info =
      std::make_unique<hyperliquid::info_client>(hyperliquid_info_options(*ctx.config));
  self->set_down_handler([=](const caf::down_msg& dm) { self->state.subscribers.drop(dm.source); });
  const auto period = std::chrono::seconds(std::max(1, ctx.config->polling.monitor_sec));
  self->send(self, tick_atom::value);  // first poll at once, then every monitor_sec
  return {
      [=](subscribe_atom, const std::string& token, const position_actor& who) {
        if (self->state.subscribers.add(token, who)) self->monitor(who);
      },
      [=](unsubscribe_atom, const std::string& token, const position_actor& who) {
        self->state.subscribers.remove(token, who.address());
      },
      [=](mark_atom, const std::string& token) -> caf::result<double> {
        auto& st = self->state;
        std::string failure;
        if (!st.marks.count(token)) failure = poll(self);
        if (const auto it = st.marks.find(token); it != st.marks.end()) return it->second;
        const auto why = "no mark for " + token + (failure.empty() ? "" : ": " + failure);
        st.log->warn("{}", why);
        return caf::make_error(caf::sec::runtime_error, "market: " + why);
      },
      [=](tick_atom) {
        // Only the actor's own tick re-arms, so an extra tick never doubles the polling.
        if (self->current_sender() == self->ctrl())
          self->delayed_send(self, period, tick_atom::value);
        if (poll(self).empty()) push_marks(self);
      },
  };
}

}  // namespace smartcopy
