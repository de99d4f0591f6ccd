#pragma once
// The engine slice of the risk/signal/position tests on the deterministic scheduler: the real
// store on a temp SQLite file, the real risk guard and supervisors, and test doubles for the
// Nansen gateway, market data and exchange gateway (tests/engine/rp_doubles.hpp).
#include <string>
#include <utility>

#include "actors/position_supervisor.hpp"
#include "actors/risk_guard.hpp"
#include "actors/signal_supervisor.hpp"
#include "actors/store.hpp"
#include "engine/rp_doubles.hpp"
#include "infra/db/database.hpp"
#include "support/deterministic_system.hpp"
#include "support/temp_dir.hpp"

namespace smartcopy::testing {

struct rp_engine : deterministic_system {
  temp_dir dir;
  std::string url = "sqlite:" + dir.file("rp.db");
  engine_handles h;

  explicit rp_engine(settings cfg = {}, double equity_usd = 100000)
      : deterministic_system(std::move(cfg)) {
    // Position and signal actors keep timers armed; the test ends without draining them.
    sys.await_actors_before_shutdown(false);
    h.store = sys.spawn(store, context, url);
    h.nansen = sys.spawn(fake_nansen);
    h.market = sys.spawn(fake_market);
    h.exchange = sys.spawn(fake_exchange);
    h.risk = sys.spawn(risk_guard, context, h.store, equity_usd);
    h.positions = sys.spawn(position_supervisor, context, h, restart_policy{});
    h.signals = sys.spawn(signal_supervisor, context, h, restart_policy{});
    run();
  }

  fake_nansen_state& nansen() { return state_of<fake_nansen_state>(h.nansen); }
  fake_market_state& market() { return state_of<fake_market_state>(h.market); }
  fake_exchange_state& exchange() { return state_of<fake_exchange_state>(h.exchange); }
  risk_guard_state& risk() { return state_of<risk_guard_state>(h.risk); }
  position_supervisor_state& positions() {
    return state_of<position_supervisor_state>(h.positions);
  }
  signal_supervisor_state& signals() { return state_of<signal_supervisor_state>(h.signals); }

  /// The mark both market data and the exchange see.
  void set_mark(const std::string& token, double price) {
    market().marks[token] = price;
    exchange().marks[token] = price;
  }

  /// A mark update pushed to the token's subscribed positions, run to idle.
  void push_mark(const std::string& token, double price) {
    set_mark(token, price);
    self->send(h.market, tick_atom::value);
    run();
  }

  /// `address` holds `token` on `s` (in the Nansen double's fresh positions).
  void trader_holds(const std::string& address, const std::string& token, side s = side::long_) {
    auto& snap = nansen().snapshots[address];
    snap.address = address;
    snap.account_value = 500000;
    trader_position p;
    p.address = address;
    p.token = token;
    p.position_side = s;
    p.size = 1000;
    p.position_value_usd = 100000;
    snap.positions.push_back(p);
  }

  /// A second connection to the store's file, to check what it wrote.
  database peek() { return database(url); }
};

}  // namespace smartcopy::testing
