// `smartcopy backtest --data DIR [--out DIR]` (SPEC §1, §9): the same actors as live, on CAF's
// deterministic scheduler with a simulated clock, fed by a §9.1 dataset; writes report.json and
// prints a summary. Same data and configuration → byte-identical report.json.
#include <CLI/CLI.hpp>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "actors/dataset_replay.hpp"
#include "actors/replay_market_data.hpp"
#include "actors/replay_nansen_gateway.hpp"
#include "actors/root_supervisor.hpp"
#include "actors/simulated_exchange.hpp"
#include "actors/simulated_time.hpp"
#include "app/commands.hpp"
#include "infra/db/database.hpp"
#include "infra/db/positions_table.hpp"
#include "infra/db/signals_table.hpp"
#include "infra/log/logging.hpp"
#include "strategy/metrics.hpp"

namespace smartcopy::app {
namespace {

namespace fs = std::filesystem;

struct backtest_options {
  std::string data_dir;
  std::string out_dir = "backtest-out";
};

engine_factories replay_factories(const engine_context& ctx, const dataset& data, double equity) {
  engine_factories f;
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

// The last price of `p`'s token in the data (SPEC §9.3: "else at the end").
double end_price(const dataset& data, const our_position& p) {
  if (const auto it = data.candles.find(p.token); it != data.candles.end() && !it->second.empty())
    return it->second.back().close;
  return p.exit_price.value_or(p.entry_price);
}

double trader_exit_price(const dataset& data, const our_position& p) {
  static const std::vector<trade> none;
  const auto it = data.trades.find(p.source_trader);
  return strategy::trader_exit_price(it == data.trades.end() ? none : it->second, p.token,
                                     p.position_side, p.opened_at, end_price(data, p));
}

boost::json::value optional_number(const std::optional<double>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object report_of(const strategy::metrics& m,
                              const std::map<std::string, int>& by_decision,
                              const std::vector<strategy::equity_point>& curve, int still_open) {
  boost::json::object exits, decisions, traders, tokens;
  for (const auto& [k, v] : m.exits_by_reason) exits[k] = v;
  for (const auto& [k, v] : by_decision) decisions[k] = v;
  for (const auto& [k, v] : m.by_trader)
    traders[k] = {{"trades", v.trades}, {"winners", v.winners}, {"pnl_usd", v.pnl_usd}};
  for (const auto& [k, v] : m.by_token)
    tokens[k] = {{"trades", v.trades}, {"winners", v.winners}, {"pnl_usd", v.pnl_usd}};
  boost::json::array equity;
  for (const auto& p : curve) equity.push_back({to_iso8601(p.time), p.equity_usd});
  return {{"start_equity_usd", m.start_equity_usd},
          {"end_equity_usd", m.end_equity_usd},
          {"total_return_percent", m.total_return_percent},
          {"cagr_percent", optional_number(m.cagr_percent)},
          {"max_drawdown",
           {{"percent", m.max_drawdown.percent},
            {"start", to_iso8601(m.max_drawdown.peak_at)},
            {"end", to_iso8601(m.max_drawdown.trough_at)}}},
          {"sharpe", optional_number(m.sharpe)},
          {"sortino", optional_number(m.sortino)},
          {"calmar", optional_number(m.calmar)},
          {"trades", m.trades},
          {"winners", m.winners},
          {"losers", m.losers},
          {"still_open", still_open},
          {"win_rate", optional_number(m.win_rate)},
          {"profit_factor", optional_number(m.profit_factor)},
          {"expectancy_usd", optional_number(m.expectancy_usd)},
          {"average_duration_hours", optional_number(m.average_duration_hours)},
          {"exits_by_reason", std::move(exits)},
          {"signals_by_decision", std::move(decisions)},
          {"by_trader", std::move(traders)},
          {"by_token", std::move(tokens)},
          {"our_pnl_usd", m.our_pnl_usd},
          {"trader_exit_pnl_usd", m.trader_exit_pnl_usd},
          {"equity_curve", std::move(equity)}};
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
  auto root = sys.spawn(root_supervisor, ctx, replay_factories(ctx, data, equity),
                        std::vector<trader_row>{});
  run_until(sched, ctx.anchor, data.manifest.end);
  caf::anon_send_exit(root, caf::exit_reason::user_shutdown);
  sched.run();
  flush_logs();

  database db(cfg.values.db.url);
  std::vector<strategy::closed_trade> trades;
  std::vector<strategy::equity_point> curve{{data.manifest.start, equity}};
  double running = equity;
  for (const auto& p : positions_table(db.session()).closed()) {
    const double net = p.realized_pnl_usd - p.fees_usd;
    trades.push_back({p.id, p.token, p.position_side, p.source_trader, p.opened_at, *p.closed_at,
                      p.entry_price, p.size, net, p.fees_usd,
                      p.reason.value_or(close_reason::end_of_data), trader_exit_price(data, p)});
    running += net;
    curve.push_back({*p.closed_at, running});
  }
  std::sort(curve.begin(), curve.end(),
            [](const auto& a, const auto& b) { return a.time < b.time; });
  curve.push_back({data.manifest.end, running});
  std::vector<decision> decisions;
  for (const auto& s : signals_table(db.session()).recent(1'000'000))
    decisions.push_back(s.outcome);
  const int still_open = static_cast<int>(positions_table(db.session()).unclosed().size());
  const auto m = strategy::compute_metrics(trades, curve);
  if (!m) throw std::runtime_error("cannot compute the report: " + m.error());
  const auto report = report_of(*m, strategy::count_by_decision(decisions), curve, still_open);
  const fs::path report_path = fs::path(opt.out_dir) / "report.json";
  std::ofstream(report_path) << boost::json::serialize(report) << "\n";

  std::printf("backtest %s → %s\n", to_iso8601(data.manifest.start).c_str(),
              to_iso8601(data.manifest.end).c_str());
  std::printf("  equity %.2f → %.2f USD (%+.2f %%), max drawdown %.2f %%\n", m->start_equity_usd,
              m->end_equity_usd, m->total_return_percent, m->max_drawdown.percent);
  std::printf("  trades %d (%d winners, %d losers), %d still open; signals %zu\n", m->trades,
              m->winners, m->losers, still_open, decisions.size());
  std::printf("  our PnL %.2f USD vs %.2f USD exiting with the traders\n", m->our_pnl_usd,
              m->trader_exit_pnl_usd);
  std::printf("  report: %s\n", report_path.string().c_str());
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
