// SPEC §8 restart recovery through the whole engine on the deterministic scheduler: a deferred
// signal in the database resumes at its due time (once); entries in flight at a crash are
// resolved from their order rows (a fill becomes its position, an order the exchange never
// saw or no order at all is SKIP_ORDER_FAILED); SPEC §10 shutdown leaves waiting signals
// DEFERRED for the next start.
#include <doctest/doctest.h>

#include "infra/db/database.hpp"
#include "infra/db/orders_table.hpp"
#include "infra/db/positions_table.hpp"
#include "infra/db/signals_table.hpp"
#include "whole_engine.hpp"

using namespace smartcopy;
using smartcopy::testing::copied;
using smartcopy::testing::whole_engine;

namespace {

/// The copied trader's Open BTC Long of $60k at `traded`, as the trader actor recorded it
/// before the crash (with its seen_trades key and sizing context).
signal stored_signal(const trade& t, decision outcome, const std::string& reason) {
  signal s;
  s.trader_address = t.trader_address;
  s.token_symbol = t.token;
  s.position_side = t.position_side;
  s.action = t.action;
  s.value_usd = t.value_usd;
  s.position_weight = 0.15;
  s.timestamp = t.timestamp;
  s.trade_price = t.price;
  s.trader_score = 0.9;
  s.trader_roi_7d = 15;
  s.outcome = outcome;
  s.reason = reason;
  s.trade_key = t.key();
  s.created_at = t.timestamp;
  s.due_at = t.timestamp + minutes(15);
  s.sizing = {400'000, 60'000, std::nullopt};
  return s;
}

std::int64_t record(const std::string& db_path, const signal& s) {
  database db("sqlite:" + db_path);
  db.migrate();
  return *signals_table(db.session()).record_new_trade(s, s.timestamp);
}

}  // namespace

TEST_CASE("SPEC §8: a deferred signal resumes at its due time after a restart, once") {
  whole_engine e;
  const utc_time t = e.d.now();
  e.add_copied_trader(15);
  const auto btc =
      trade_row(copied, "BTC", trade_action::open, side::long_, 0.6, 100000, t - minutes(5));
  e.data->add_trade(btc);
  e.prices->add("BTC", t - hours(1), 100000).add("BTC", t + minutes(9), 100300);
  const auto id = record(e.db_path, stored_signal(btc, decision::deferred, "waiting"));
  e.start();

  e.d.advance_to(t + minutes(9) + seconds(50));  // 10 s before the due time
  database db("sqlite:" + e.db_path);
  CHECK(positions_table(db.session()).unclosed().empty());
  CHECK(signals_table(db.session()).find(id)->outcome == decision::deferred);

  e.d.advance_to(t + minutes(11));
  const auto open = positions_table(db.session()).unclosed();
  REQUIRE(open.size() == 1);
  CHECK(open[0].source_signal_id == id);
  CHECK(open[0].opened_at >= btc.timestamp + minutes(15));
  const auto sig = *signals_table(db.session()).find(id);
  CHECK(sig.outcome == decision::execute);
  // SPEC §5 from the restored sizing context: 100k × (60k / 400k) × 0.5 × 1.0 = 7 500.
  CHECK(sig.copy_size_usd == doctest::Approx(7500));
  CHECK(signals_table(db.session()).recent(10).size() == 1);  // the re-polled trade is seen
}

TEST_CASE("SPEC §8: entries in flight at a crash are resolved from their order rows") {
  whole_engine e;
  const utc_time t = e.d.now();
  e.prices->add("BTC", t - hours(1), 100000);
  const auto trade_of = [&](const char* token) {
    return trade_row(copied, token, trade_action::open, side::long_, 1, 100, t - minutes(20));
  };
  const std::string in_flight(entry_in_flight_reason);
  auto filled = stored_signal(trade_of("BTC"), decision::execute, in_flight);
  filled.leverage = 3;
  const auto filled_id = record(e.db_path, filled);
  const auto pending_id =
      record(e.db_path, stored_signal(trade_of("ETH"), decision::execute, in_flight));
  const auto unsent_id =
      record(e.db_path, stored_signal(trade_of("SOL"), decision::execute, in_flight));
  {
    database db("sqlite:" + e.db_path);
    order o;
    o.kind = order_kind::entry;
    o.created_at = o.updated_at = t - minutes(5);
    o.cloid = "0x000000000000000000000000000000a1";
    o.signal_id = filled_id;
    o.token = "BTC";
    o.price = 100500;
    o.size = 0.075;
    o.status = order_status::filled;  // the gateway stored the fill, then the process died
    o.filled_size = 0.075;
    o.avg_price = 100020;
    orders_table(db.session()).insert(o);
    o.cloid = "0x000000000000000000000000000000b2";
    o.signal_id = pending_id;
    o.token = "ETH";
    o.status = order_status::pending;  // stored, maybe never sent
    o.filled_size = 0;
    o.avg_price = 0;
    orders_table(db.session()).insert(o);
  }
  e.start();
  e.d.advance_to(t + minutes(1));

  database db("sqlite:" + e.db_path);
  const auto open = positions_table(db.session()).unclosed();
  REQUIRE(open.size() == 1);
  CHECK(open[0].token == "BTC");
  CHECK(open[0].source_signal_id == filled_id);
  CHECK(open[0].entry_price == doctest::Approx(100020));
  CHECK(open[0].size == doctest::Approx(0.075));
  CHECK(open[0].stop_price == doctest::Approx(100020 * 0.95));
  CHECK(open[0].leverage == doctest::Approx(3));
  const auto recovered = *signals_table(db.session()).find(filled_id);
  CHECK(recovered.outcome == decision::execute);
  CHECK(recovered.reason.find("recovered at restart") != std::string::npos);

  // The paper simulator never settled the pending order: it did not happen.
  CHECK(orders_table(db.session()).find("0x000000000000000000000000000000b2")->status ==
        order_status::cancelled);
  CHECK(signals_table(db.session()).find(pending_id)->outcome == decision::skip_order_failed);
  const auto unsent = *signals_table(db.session()).find(unsent_id);
  CHECK(unsent.outcome == decision::skip_order_failed);
  CHECK(unsent.reason.find("no order row") != std::string::npos);
  CHECK(signals_table(db.session()).in_flight().empty());
}

TEST_CASE("SPEC §10: shutdown stops a waiting signal where it is; it stays DEFERRED") {
  whole_engine e;
  const utc_time t = e.d.now();
  e.add_copied_trader(15);
  const auto btc =
      trade_row(copied, "BTC", trade_action::open, side::long_, 0.6, 100000, t - minutes(5));
  e.data->add_trade(btc);
  e.prices->add("BTC", t - hours(1), 100000);
  const auto id = record(e.db_path, stored_signal(btc, decision::deferred, "waiting"));
  e.start();
  e.d.advance_to(t + minutes(2));
  CHECK(e.d.ask<bool>(e.root, shutdown_atom::value));
  e.d.advance_to(t + minutes(20));  // past the due time: nothing evaluates it any more
  database db("sqlite:" + e.db_path);
  CHECK(signals_table(db.session()).find(id)->outcome == decision::deferred);
  CHECK(positions_table(db.session()).unclosed().empty());
  const auto status = boost::json::parse(e.d.ask<std::string>(
      e.root, inspect_atom::value, std::string("status"), std::vector<std::string>{}));
  CHECK(status.at("shutting_down").as_bool());
}
