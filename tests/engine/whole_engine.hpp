#pragma once
// The whole engine on the deterministic scheduler for scenario tests: the root supervisor with
// the replay Nansen gateway, replay market data and the simulated exchange, over a database in
// a temporary directory.
#include <boost/json.hpp>

#include "actors/replay_market_data.hpp"
#include "actors/replay_nansen_gateway.hpp"
#include "actors/root_supervisor.hpp"
#include "actors/simulated_exchange.hpp"
#include "actors/trader_dataset.hpp"
#include "rp_doubles.hpp"
#include "support/deterministic_system.hpp"
#include "support/temp_dir.hpp"

namespace smartcopy::testing {

inline const std::string copied = "0xc0c0000000000000000000000000000000000007";

struct whole_engine {
  temp_dir dir;
  std::string db_path = dir.file("engine.db");
  deterministic_system d;
  std::shared_ptr<trader_dataset> data = std::make_shared<trader_dataset>();
  std::shared_ptr<price_path> prices = std::make_shared<price_path>();
  root_supervisor_actor root;

  explicit whole_engine(settings cfg = {}) : d(with_db(std::move(cfg), db_path)) {}

  static settings with_db(settings cfg, const std::string& db) {
    cfg.db.url = "sqlite:" + db;
    return cfg;
  }

  // A trader the scorer selects: 60 ETH round trips in the last 90 days (40 winners), $400k.
  void add_copied_trader(double roi_7d) {
    const utc_time now = d.now();
    for (int i = 0; i < 60; ++i) {
      const utc_time open_at = now - hours(24 * 89) + hours(34 * i);
      data->add_trade(trade_row(copied, "ETH", trade_action::open, side::long_, 10, 3000, open_at));
      trade close = trade_row(copied, "ETH", trade_action::close, side::long_, 10, 3000,
                              open_at + hours(20), 10);
      close.closed_pnl = i % 3 == 2 ? -300 : 600;
      data->add_trade(close);
    }
    data->set_account_value(copied, 400000);
    for (int w : {7, 30, 90})
      data->add_leaderboard_row(w, leaderboard_entry(copied, w == 7 ? roi_7d : 30, 400000));
  }

  // The copied trader's Open BTC Long of $60k (weight 0.15 of $400k) at `at`.
  void add_btc_open(utc_time at) {
    data->add_trade(trade_row(copied, "BTC", trade_action::open, side::long_, 0.6, 100000, at));
  }

  void start() {
    engine_factories f;
    auto ds = std::shared_ptr<const trader_dataset>(data);
    auto path = std::shared_ptr<const price_path>(prices);
    const auto ctx = d.context;
    f.nansen = [ctx, ds](caf::local_actor& parent) {
      return parent.spawn<caf::monitored>(replay_nansen_gateway, ctx, ds);
    };
    f.market = [ctx, path](caf::local_actor& parent) {
      return parent.spawn<caf::monitored>(replay_market_data, ctx, path);
    };
    f.exchange = [ctx](caf::local_actor& parent, store_actor s, market_data_actor m) {
      return parent.spawn<caf::monitored>(simulated_exchange, ctx, s, m);
    };
    f.starting_equity_usd = d.context.config->account.paper_equity_usd;
    root = d.sys.spawn(root_supervisor, d.context, f, std::vector<trader_row>{});
    d.run();
  }

  ~whole_engine() {
    d.self->send_exit(root, caf::exit_reason::user_shutdown);
    d.run();
  }
};

}  // namespace smartcopy::testing
