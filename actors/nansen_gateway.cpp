#include "actors/nansen_gateway.hpp"

#include <algorithm>
#include <exception>

#include "actors/mailbox_probe.hpp"
#include "actors/trader_dataset.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy {
namespace {

using self_pointer = nansen_gateway_actor::stateful_pointer<nansen_gateway_state>;

/// Runs one Nansen call; a failure becomes a logged caf::error with the client's message.
template <class F>
auto call(self_pointer self, const std::string& what, F body) -> caf::result<decltype(body())> {
  try {
    return body();
  } catch (const std::exception& e) {
    self->state.log->error("{} failed: {}", what, e.what());
    return caf::make_error(caf::sec::runtime_error, what + " failed: " + e.what());
  }
}

void log_skipped(spdlog::logger& log, const std::string& what, const nansen::parse_stats& stats) {
  for (const auto& [reason, n] : stats.skip_reasons)
    log.warn("{}: {} row(s) skipped: {}", what, n, reason);
}

}  // namespace

nansen_gateway_actor::behavior_type nansen_gateway(self_pointer self, engine_context ctx) {
  self->state.log = named_logger("nansen", self->id());
  answer_mailbox_probes(self);
  self->state.client =
      std::make_unique<nansen::client>(ctx.config->nansen, ctx.config->http.ca_file);
  return {
      [=](leaderboard_atom, int days) {
        const std::string what = "leaderboard " + std::to_string(days) + "d";
        return call(self, what, [&] {
          const auto to = now(self, ctx.anchor);
          auto res = self->state.client->get_perp_leaderboard(to - hours(24 * days), to);
          log_skipped(*self->state.log, what, res.stats);
          self->state.log->info("{}: {} rows in {} page(s){}", what, res.rows.size(), res.pages,
                                res.truncated ? " (truncated by the page cap)" : "");
          return std::move(res.rows);
        });
      },
      [=](trades_atom, const std::string& address, utc_time from) {
        const std::string what = "trades of " + address;
        return call(self, what, [&] {
          const auto range = nansen::date_range::datetimes(from, now(self, ctx.anchor));
          auto res = self->state.client->get_address_perp_trades(address, range);
          log_skipped(*self->state.log, what, res.stats);
          auto aggregated = aggregate_newest_first(res.rows);
          for (const auto& r : aggregated.rejected)
            self->state.log->warn("{}: row {} rejected: {}", what, r.row.key(), r.reason);
          self->state.log->debug("{} since {}: {} rows, {} trades", what, range.from,
                                 res.rows.size(), aggregated.trades.size());
          return std::move(aggregated.trades);
        });
      },
      [=](positions_atom, const std::string& address) {
        const std::string what = "positions of " + address;
        return call(self, what, [&] {
          auto res = self->state.client->get_address_perp_positions(address);
          log_skipped(*self->state.log, what, res.stats);
          if (res.snapshot.address.empty()) res.snapshot.address = address;
          res.snapshot.taken_at = now(self, ctx.anchor);
          return std::move(res.snapshot);
        });
      },
      [=](smart_money_atom) {
        return call(self, "smart-money feed", [&] {
          auto res = self->state.client->get_smart_money_perp_trades(false);
          log_skipped(*self->state.log, "smart-money feed", res.stats);
          std::vector<std::string> addresses;
          for (const auto& t : res.rows)
            if (std::find(addresses.begin(), addresses.end(), t.trader_address) == addresses.end())
              addresses.push_back(t.trader_address);
          return addresses;
        });
      },
  };
}

}  // namespace smartcopy
