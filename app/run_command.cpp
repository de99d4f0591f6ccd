// `smartcopy run [--paper]` (SPEC §1, §8, §10): the daemon. Loads the configuration, restores
// the engine from the database (the root supervisor reconciles with the exchange), publishes
// the root for `smartcopy inspect`, and runs until SIGINT/SIGTERM: then no new entries, entries
// in flight get their outcome within --shutdown-timeout, the database and logs are flushed and
// it exits 0. A second signal exits at once (1). Exchange-side stops always stay in place.
#include <CLI/CLI.hpp>
#include <caf/io/middleman.hpp>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <future>
#include <memory>
#include <thread>

#include "actors/exchange_gateway.hpp"
#include "actors/hyperliquid_options.hpp"
#include "actors/market_data.hpp"
#include "actors/nansen_gateway.hpp"
#include "actors/root_supervisor.hpp"
#include "actors/simulated_exchange.hpp"
#include "app/commands.hpp"
#include "infra/config/config_error.hpp"
#include "infra/db/database.hpp"
#include "infra/db/positions_table.hpp"
#include "infra/db/traders_table.hpp"
#include "infra/hyperliquid/info_client.hpp"
#include "infra/log/logging.hpp"

namespace smartcopy::app {
namespace {

struct run_options {
  bool paper = false;
  int shutdown_timeout_sec = 30;
};

/// SIGINT and SIGTERM are taken by sigwait in the main thread only: blocked here, before any
/// thread starts, so every thread inherits the mask.
sigset_t termination_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

/// The signal received within `ms` milliseconds, or 0.
int wait_for_signal(const sigset_t& set, int ms) {
  const timespec timeout{ms / 1000, (ms % 1000) * 1'000'000L};
  const int sig = sigtimedwait(&set, nullptr, &timeout);
  return sig > 0 ? sig : 0;
}

void check_required(const settings& s) {
  require_nansen_key(s, "to run");
  if (s.mode != run_mode::live) return;
  if (s.hyperliquid.account_address.empty())
    throw config_error("hyperliquid.account_address", "live mode needs the trading account");
  if (s.hyperliquid.private_key.empty())
    throw config_error("hyperliquid.private_key",
                       "live mode needs a key: HYPERLIQUID_PRIVATE_KEY (environment or .env) or "
                       "hyperliquid.private_key_file");
}

/// What the database holds that the composition root needs before the actors start: the last
/// tracked set, and (paper) the realized PnL since the first paper run, so paper equity
/// survives restarts. Also applies pending migrations, so a bad database stops start-up here.
struct stored_start {
  std::vector<trader_row> traders;
  double realized_net_usd = 0;
};

stored_start read_start(const std::string& url) {
  database db(url);
  db.migrate();
  stored_start out;
  out.traders = traders_table(db.session()).all();
  for (const auto& p : positions_table(db.session()).closed())
    out.realized_net_usd += p.realized_pnl_usd - p.fees_usd;
  return out;
}

/// Live: the account's value on the exchange is our equity (and proves the API answers).
double live_equity(const settings& s) {
  hyperliquid::info_client info(hyperliquid_info_options(s));
  return info.clearinghouse_state(s.hyperliquid.account_address).account_value;
}

engine_factories live_or_paper_factories(const engine_context& ctx, double equity) {
  engine_factories f;
  const bool live = ctx.config->mode == run_mode::live;
  f.mode = live ? "live" : "paper";
  f.nansen = [ctx](caf::local_actor& parent) { return spawn_nansen_gateway(parent, ctx); };
  f.market = [ctx](caf::local_actor& parent) { return spawn_market_data(parent, ctx); };
  if (live)
    f.exchange = [ctx](caf::local_actor& parent, store_actor s, market_data_actor) {
      return spawn_exchange_gateway(parent, ctx, s);
    };
  else
    f.exchange = [ctx](caf::local_actor& parent, store_actor s, market_data_actor m) {
      return parent.spawn(simulated_exchange, ctx, s, m);
    };
  f.starting_equity_usd = equity;
  return f;
}

void publish_for_inspect(caf::actor_system& sys, const root_supervisor_actor& root,
                         const settings& s, spdlog::logger& log) {
  if (s.inspect.port == 0) return log.info("inspect endpoint disabled (inspect.port = 0)");
  const auto port = sys.middleman().publish(caf::actor_cast<inspect_actor>(root),
                                            static_cast<std::uint16_t>(s.inspect.port),
                                            s.inspect.host.c_str(), true);
  if (!port)
    throw std::runtime_error("cannot listen for inspect on " + s.inspect.host + ":" +
                             std::to_string(s.inspect.port) + ": " + sys.render(port.error()));
  log.info("inspect endpoint on {}:{}", s.inspect.host, *port);
}

/// SPEC §10: stop new entries and let entries in flight finish, within the bound. A second
/// signal meanwhile exits at once.
void shut_down(caf::actor_system& sys, const root_supervisor_actor& root, const sigset_t& set,
               int timeout_sec, spdlog::logger& log) {
  std::thread second([set] {
    int sig = 0;
    sigwait(&set, &sig);
    flush_logs();
    std::_Exit(exit_runtime);
  });
  second.detach();
  caf::scoped_actor self{sys};
  bool drained = false;
  self->request(root, std::chrono::seconds(timeout_sec), shutdown_atom::value)
      .receive([&](bool ok) { drained = ok; },
               [&](caf::error& e) { log.warn("shutdown not drained: {}", sys.render(e)); });
  if (!drained)
    log.warn("entries in flight after {} s are left to reconciliation at the next start",
             timeout_sec);
  self->send_exit(root, caf::exit_reason::user_shutdown);
}

/// The actors end within a few seconds, except a gateway blocked in a network call (retries with
/// backoff can take a minute): the process does not wait for it. Nothing is lost by that: every
/// order row is stored before its request goes out and is reconciled at the next start.
void await_actors(caf::actor_system& sys, spdlog::logger& log) {
  auto done = std::make_shared<std::promise<void>>();
  auto finished = done->get_future();
  std::thread([&sys, done] {
    sys.await_all_actors_done();
    done->set_value();
  }).detach();
  if (finished.wait_for(std::chrono::seconds(3)) == std::future_status::ready) return;
  log.warn("not waiting for actors blocked in network I/O");
  flush_logs();
  std::_Exit(exit_ok);
}

void run_daemon(const cli_context& cli, const run_options& opt) {
  // Before anything can start a thread (HTTP resolvers, logging, the actor system).
  const sigset_t signals = termination_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  loaded_config cfg = cli.load();
  if (opt.paper) cfg.values.mode = run_mode::paper;
  check_required(cfg.values);
  configure_logging(cfg.values.log);
  auto log = named_logger("daemon");
  const bool live = cfg.values.mode == run_mode::live;
  const auto stored = read_start(cfg.values.db.url);
  double equity = cfg.values.account.paper_equity_usd + stored.realized_net_usd;
  if (live) {
    equity = live_equity(cfg.values);
    log->warn("LIVE trading on {} for account {} (equity {:.2f} USD)",
              cfg.values.hyperliquid.network, cfg.values.hyperliquid.account_address, equity);
  } else {
    log->info("paper trading: equity {:.2f} USD ({:.2f} start, {:+.2f} realized)", equity,
              cfg.values.account.paper_equity_usd, stored.realized_net_usd);
  }
  cfg.values.account.paper_equity_usd = equity;

  caf::actor_system_config system_config;
  system_config.load<caf::io::middleman>();
  caf::actor_system sys{system_config};
  engine_context ctx;
  ctx.config = std::make_shared<const settings>(cfg.values);
  // The composition root reads the wall clock once; actors only see the anchored actor clock.
  ctx.anchor =
      anchor_at(sys, std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now()));
  auto root = sys.spawn(root_supervisor, ctx, live_or_paper_factories(ctx, equity), stored.traders);
  caf::scoped_actor watcher{sys};
  watcher->monitor(root);
  publish_for_inspect(sys, root, cfg.values, *log);

  bool root_failed = false;
  for (;;) {
    if (wait_for_signal(signals, 200) != 0) break;
    watcher->receive([&](caf::down_msg&) { root_failed = true; },
                     caf::after(std::chrono::seconds(0)) >> [] {});
    if (root_failed) break;
  }
  if (!root_failed) {
    log->warn("signal received: shutting down (a second signal exits at once)");
    shut_down(sys, root, signals, opt.shutdown_timeout_sec, *log);
  }
  await_actors(sys, *log);
  log->info("stopped{}", root_failed ? " after a core failure" : "");
  flush_logs();
  if (root_failed) throw std::runtime_error("the engine stopped after a core failure (see log)");
}

}  // namespace

void add_run_command(CLI::App& root, const cli_context& ctx) {
  auto opt = std::make_shared<run_options>();
  CLI::App* cmd = root.add_subcommand("run", "Run the daemon (live, or paper with --paper)");
  cmd->add_flag("--paper", opt->paper, "Simulated fills; nothing is sent to the exchange");
  cmd->add_option("--shutdown-timeout", opt->shutdown_timeout_sec,
                  "Seconds entries in flight get to finish at SIGINT/SIGTERM")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([&ctx, opt] { run_daemon(ctx, *opt); });
}

}  // namespace smartcopy::app
