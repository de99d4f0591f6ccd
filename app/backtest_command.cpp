// `smartcopy backtest --data DIR [--out DIR]` (SPEC §1, §9): the same actors as live, on CAF's
// deterministic scheduler with a simulated clock, fed by a §9.1 dataset; writes report.json and
// report.html (§9.3) and prints a summary, with a progress bar on a terminal. Same data and
// configuration → byte-identical report.json and report.html.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "actors/dataset_replay.hpp"
#include "actors/replay_market_data.hpp"
#include "actors/replay_nansen_gateway.hpp"
#include "actors/root_supervisor.hpp"
#include "actors/simulated_exchange.hpp"
#include "actors/simulated_time.hpp"
#include "app/backtest_report_results.hpp"
#include "app/commands.hpp"
#include "app/report_html.hpp"
#include "app/report_json.hpp"
#include "infra/console/progress_bar.hpp"
#include "infra/db/database.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy::app {
namespace {

namespace fs = std::filesystem;

struct backtest_options {
  std::string data_dir;
  std::string out_dir = "backtest-out";
};

engine_factories replay_factories(const engine_context& ctx, const dataset& data, double equity) {
  engine_factories f;
  f.mode = "backtest";
  auto traders = replay_traders(data);
  auto prices = replay_prices(data, side::long_);
  f.nansen = [ctx, traders](caf::local_actor& parent) {
    return parent.spawn<caf::monitored>(replay_nansen_gateway, ctx, traders);
  };
  f.market = [ctx, prices](caf::local_actor& parent) {
    return parent.spawn<caf::monitored>(replay_market_data, ctx, prices);
  };
  f.exchange = [ctx](caf::local_actor& parent, store_actor s, market_data_actor m) {
    return parent.spawn<caf::monitored>(simulated_exchange, ctx, s, m);
  };
  f.starting_equity_usd = equity;
  return f;
}

/// Drives the simulated clock from the start to the end of the data in steps, so a terminal
/// shows how far the replay got (SPEC §1). Timers fire at their own instants whatever the
/// steps: run_until stops at each of them, so the steps do not change the result.
void replay(caf::scheduler::test_coordinator& sched, const time_anchor& anchor,
            const dataset_manifest& m) {
  constexpr int steps = 200;
  const auto span = m.end - m.start;
  // Counted in simulated hours: "120/336" reads as how much of the data has been replayed.
  const std::uint64_t total =
      std::max<std::int64_t>(1, std::chrono::duration_cast<hours>(span).count());
  progress_bar bar("backtest", total);
  for (int k = 1; k <= steps; ++k) {
    const utc_time until = m.start + span * k / steps;
    run_until(sched, anchor, until);
    bar.set_note(to_iso8601(until).substr(0, 16));
    bar.update(total * k / steps);
  }
  bar.finish();
}

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

void print_summary(const backtest_results& r, const fs::path& out_dir) {
  const auto& m = r.metrics;
  std::printf("backtest %s → %s\n", to_iso8601(r.start).c_str(), to_iso8601(r.end).c_str());
  std::printf("  equity %.2f → %.2f USD (%+.2f %%), max drawdown %.2f %%\n", m.start_equity_usd,
              m.end_equity_usd, m.total_return_percent, m.max_drawdown.percent);
  std::printf("  trades %d (%d winners, %d losers), %zu still open; signals %zu\n", m.trades,
              m.winners, m.losers, r.open.size(), r.signals);
  if (!r.open.empty())
    std::printf(
        "  open positions marked at the last close: unrealized %+.2f USD (realized end "
        "equity %.2f USD)\n",
        r.unrealized_pnl_usd, r.realized_end_equity_usd);
  std::printf("  our PnL %.2f USD vs %.2f USD exiting with the traders\n", m.our_pnl_usd,
              m.trader_exit_pnl_usd);
  std::printf("  report: %s\n", (out_dir / "report.json").string().c_str());
  std::printf("  report: %s\n", (out_dir / "report.html").string().c_str());
}

void run_backtest(const cli_context& cli, const backtest_options& opt) {
  loaded_config cfg = cli.load();
  const dataset data = read_dataset(opt.data_dir);
  fs::create_directories(opt.out_dir);
  const fs::path db_path = fs::path(opt.out_dir) / "backtest.db";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path.string() + suffix);
  cfg.values.db.url = "sqlite:" + db_path.string();
  const double equity =
      data.manifest.equity_usd > 0 ? data.manifest.equity_usd : cfg.values.account.paper_equity_usd;
  cfg.values.account.paper_equity_usd = equity;
  configure_logging(cfg.values.log);

  caf::actor_system_config system_config;
  system_config.set("scheduler.policy", caf::atom("testing"));
  caf::actor_system sys{system_config};
  sys.await_actors_before_shutdown(false);
  auto& sched = dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  engine_context ctx;
  ctx.config = std::make_shared<const settings>(cfg.values);
  ctx.anchor = anchor_at(sys, data.manifest.start);
  ctx.detach_blocking = false;
  ctx.durable_writes = false;  // OUT/backtest.db is rebuilt on every run
  auto root = sys.spawn(root_supervisor, ctx, replay_factories(ctx, data, equity),
                        std::vector<trader_row>{});
  replay(sched, ctx.anchor, data.manifest);
  caf::anon_send_exit(root, caf::exit_reason::user_shutdown);
  sched.run();
  flush_logs();

  database db(cfg.values.db.url);
  const backtest_results results = read_backtest_results(data, equity, db);
  const boost::json::object report = report_json(results);
  write_text(fs::path(opt.out_dir) / "report.json", boost::json::serialize(report) + "\n");
  write_text(fs::path(opt.out_dir) / "report.html", report_html(report));
  print_summary(results, opt.out_dir);
}

}  // namespace

void add_backtest_command(CLI::App& root, const cli_context& ctx) {
  auto opt = std::make_shared<backtest_options>();
  CLI::App* cmd = root.add_subcommand("backtest", "Replay a dataset through the engine");
  cmd->add_option("--data", opt->data_dir, "Dataset directory (SPEC §9.1)")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--out", opt->out_dir, "Report directory")->capture_default_str();
  cmd->callback([&ctx, opt] { run_backtest(ctx, *opt); });
}

}  // namespace smartcopy::app
