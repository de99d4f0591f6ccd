// `smartcopy score` (SPEC §1, §3): one scoring pass against Nansen — leaderboards, each
// candidate's trades and positions, scores, selection and tiers — printed as a ranked table and
// written to the `traders` table.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "actors/nansen_gateway.hpp"
#include "actors/scorer.hpp"
#include "actors/store.hpp"
#include "app/commands.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy::app {
namespace {

void print_table(const std::vector<trader_row>& rows) {
  std::printf("%-4s %-42s %-9s %-8s %8s %6s %6s %8s %8s %8s %14s\n", "rank", "address", "tier",
              "style", "score", "closes", "win%", "roi7d%", "roi30d%", "roi90d%", "account_usd");
  int rank = 0;
  for (const auto& r : rows)
    std::printf("%-4d %-42s %-9s %-8s %8.4f %6d %6.1f %8.2f %8.2f %8.2f %14.2f\n", ++rank,
                r.address.c_str(), std::string(to_string(r.tier)).c_str(),
                std::string(to_string(r.style)).c_str(), r.score, r.nof_trades, r.win_rate * 100,
                r.roi_7d, r.roi_30d, r.roi_90d, r.account_value);
  if (rows.empty()) std::printf("(no candidate passed the pre-filter)\n");
}

void run_score(const cli_context& cli) {
  const loaded_config cfg = cli.load();
  require_nansen_key(cfg.values, "for scoring");
  configure_logging(cfg.values.log);
  caf::actor_system_config system_config;
  caf::actor_system sys{system_config};
  engine_context ctx;
  ctx.config = std::make_shared<const settings>(cfg.values);
  // The composition root reads the wall clock once; actors only see the anchored actor clock.
  ctx.anchor =
      anchor_at(sys, std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now()));
  auto db = sys.spawn<caf::detached>(store, ctx, cfg.values.db.url);
  auto nansen = spawn_nansen_gateway(sys, ctx);
  auto pass = sys.spawn(scorer, ctx, nansen, db);
  caf::scoped_actor self{sys};
  std::string failure;
  self->request(pass, caf::infinite, score_atom::value)
      .receive([](std::vector<trader_row>& rows) { print_table(rows); },
               [&](caf::error& e) { failure = sys.render(e); });
  for (const caf::actor_addr& a : {pass.address(), nansen.address(), db.address()})
    self->send_exit(a, caf::exit_reason::user_shutdown);
  flush_logs();
  if (!failure.empty()) throw std::runtime_error("scoring failed: " + failure);
}

}  // namespace

void add_score_command(CLI::App& root, const cli_context& ctx) {
  root.add_subcommand("score",
                      "One scoring pass: leaderboard → scores → tiers; prints the "
                      "ranked traders and writes the traders table")
      ->callback([&ctx] { run_score(ctx); });
}

}  // namespace smartcopy::app
