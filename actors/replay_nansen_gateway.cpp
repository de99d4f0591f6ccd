#include "actors/replay_nansen_gateway.hpp"

#include "actors/mailbox_probe.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy {
namespace {

/// SPEC §4: the visible rows aggregated into trades, newest first; bad rows are logged.
std::vector<trade> newest_first(const std::vector<trade>& rows, spdlog::logger& log) {
  auto aggregated = aggregate_newest_first(rows);
  for (const auto& r : aggregated.rejected)
    log.warn("row {} of {} rejected: {}", r.row.key(), r.row.trader_address, r.reason);
  return std::move(aggregated.trades);
}

}  // namespace

nansen_gateway_actor::behavior_type replay_nansen_gateway(
    nansen_gateway_actor::stateful_pointer<replay_nansen_gateway_state> self, engine_context ctx,
    std::shared_ptr<const trader_dataset> data) {
  self->state.snapshots = std::make_unique<snapshot_index>(data);
  self->state.data = std::move(data);
  self->state.log = named_logger("nansen.replay", self->id());
  answer_mailbox_probes(self);
  return {
      [=](leaderboard_atom, int days) -> caf::result<std::vector<leaderboard_row>> {
        const auto& windows = self->state.data->leaderboards;
        const auto it = windows.find(days);
        if (it == windows.end()) {
          self->state.log->error("no {}-day leaderboard in the dataset", days);
          return caf::make_error(
              caf::sec::runtime_error,
              "nansen.replay: no " + std::to_string(days) + "-day leaderboard in the dataset");
        }
        return it->second;
      },
      [=](trades_atom, const std::string& address, utc_time from) {
        const auto t = now(self, ctx.anchor);
        return newest_first(self->state.data->rows_between(address, from, t), *self->state.log);
      },
      [=](positions_atom, const std::string& address) {
        return self->state.snapshots->at(address, now(self, ctx.anchor));
      },
      [=](smart_money_atom) { return self->state.data->smart_money; },
  };
}

}  // namespace smartcopy
