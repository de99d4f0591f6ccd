// The seed's scenarios 10.7 (integration) and 10.6 (liquidation) through the whole engine: the
// root supervisor with the replay Nansen gateway, replay market data and the simulated
// exchange, on the deterministic scheduler. Every step is checked in the database.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "actors/trader_supervisor.hpp"
#include "infra/db/database.hpp"
#include "infra/db/orders_table.hpp"
#include "infra/db/positions_table.hpp"
#include "infra/db/signals_table.hpp"
#include "infra/db/traders_table.hpp"
#include "whole_engine.hpp"

using namespace smartcopy;
using smartcopy::testing::deterministic_system;

using smartcopy::testing::copied;
using smartcopy::testing::whole_engine;

TEST_CASE(
    "seed 10.7: scored trader's Open BTC → deferred → executed → trail follows → "
    "TRAILING_STOP") {
  whole_engine e;
  const utc_time t = e.d.now();
  e.add_copied_trader(15);
  // Open BTC Long $60k at weight 0.15 of a $400k account.
  e.add_btc_open(t + minutes(2));
  e.prices->add("BTC", t, 100000)
      .add("BTC", t + minutes(15), 100500)  // at confirmation: 0.5 % slippage
      .add("BTC", t + hours(2), 110000)
      .add("BTC", t + hours(3), 115000)   // best: trail 105 800
      .add("BTC", t + hours(4), 112000)   // reversal: trail stays 105 800
      .add("BTC", t + hours(5), 105000);  // ≤ trail → TRAILING_STOP
  e.start();
  e.d.advance_to(t + hours(6));

  database db("sqlite:" + e.db_path);
  const auto primaries = traders_table(db.session()).by_tier(trader_tier::primary);
  REQUIRE(primaries.size() == 1);
  CHECK(primaries[0].address == copied);

  signal btc;
  for (const auto& s : signals_table(db.session()).recent(100))
    if (s.token_symbol == "BTC") btc = s;
  REQUIRE(btc.id > 0);
  CHECK(btc.outcome == decision::execute);
  CHECK(btc.position_weight == doctest::Approx(0.15));
  CHECK(btc.slippage_check == doctest::Approx(0.5));
  CHECK(btc.type == order_type::market);
  // SPEC §5: 100k × (60k / 400k) × 0.5 × 1.0 (roi_7d 15 > 10) = 7 500 (under both caps).
  CHECK(btc.copy_size_usd == doctest::Approx(7500));

  const auto closed = positions_table(db.session()).closed();
  REQUIRE(closed.size() == 1);
  const auto& pos = closed[0];
  CHECK(pos.token == "BTC");
  CHECK(pos.source_signal_id == btc.id);
  CHECK(pos.entry_price == doctest::Approx(100500).epsilon(0.002));
  CHECK(pos.highest_price == doctest::Approx(115000));
  CHECK(pos.trailing_stop_price == doctest::Approx(105800));
  CHECK(pos.reason == close_reason::trailing_stop);
  CHECK(pos.tiers_taken == 1);  // +14 % at 115 000 fired the 10 % tier once
  CHECK(*pos.exit_price < 105800);
  CHECK(pos.realized_pnl_usd > 0);

  const auto orders = orders_table(db.session()).of_position(pos.id);
  int entries = 0, reduces = 0, closes = 0;
  for (const auto& o : orders) {
    entries += o.kind == order_kind::entry;
    reduces += o.kind == order_kind::reduce;
    closes += o.kind == order_kind::close;
  }
  CHECK(reduces == 1);
  CHECK(closes == 1);
  CHECK(entries <= 1);  // the entry row may predate the position id
}

TEST_CASE(
    "seed 10.6: trader liquidated → ours closed TRADER_LIQUIDATED and trader blacklisted "
    "14 days; trader's normal Close → ours stays open") {
  whole_engine e;
  const utc_time t = e.d.now();
  e.add_copied_trader(15);
  e.add_btc_open(t + minutes(2));
  e.prices->add("BTC", t, 100000).add("SOL", t, 150);
  // Position still present at the first checks; at +2 h it disappears through a liquidation.
  e.data->add_trade(trade_row(copied, "BTC", trade_action::liquidation, side::long_, 0.6, 90000,
                              t + hours(2), 0.6));
  e.start();
  e.d.advance_to(t + hours(1));
  {
    database db("sqlite:" + e.db_path);
    const auto open = positions_table(db.session()).unclosed();
    REQUIRE(open.size() == 1);  // present → ours stays open
  }
  e.d.advance_to(t + hours(3));
  database db("sqlite:" + e.db_path);
  const auto closed = positions_table(db.session()).closed();
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].reason == close_reason::trader_liquidated);
  const auto trader = traders_table(db.session()).find(copied);
  REQUIRE(trader);
  REQUIRE(trader->blacklisted_until);
  CHECK(hours_between(t + hours(2), *trader->blacklisted_until) ==
        doctest::Approx(14 * 24).epsilon(0.01));
}

TEST_CASE("seed 10.6: the copied trader's normal Close leaves ours open under our own stops") {
  whole_engine e;
  const utc_time t = e.d.now();
  e.add_copied_trader(15);
  e.add_btc_open(t + minutes(2));
  e.data->add_trade(
      trade_row(copied, "BTC", trade_action::close, side::long_, 0.6, 101000, t + hours(2), 0.6));
  e.prices->add("BTC", t, 100000);
  e.start();
  e.d.advance_to(t + hours(4));
  database db("sqlite:" + e.db_path);
  const auto open = positions_table(db.session()).unclosed();
  REQUIRE(open.size() == 1);
  CHECK(open[0].status == position_status::open);
  CHECK(positions_table(db.session()).closed().empty());
  CHECK_FALSE(traders_table(db.session()).find(copied)->blacklisted_until);
}

TEST_CASE(
    "SPEC §10: a killed trader actor is restarted while its copied position keeps being "
    "managed; the restart shows in the root's status") {
  whole_engine e;
  const utc_time t = e.d.now();
  e.add_copied_trader(15);
  e.add_btc_open(t + minutes(2));
  e.prices->add("BTC", t, 100000)
      .add("BTC", t + minutes(15), 100500)
      .add("BTC", t + hours(3), 90000);  // through the 5 % hard stop
  e.start();
  e.d.advance_to(t + hours(1));
  auto& root_state = smartcopy::testing::state_of<root_supervisor_state>(e.root);
  auto& traders = smartcopy::testing::state_of<trader_supervisor_state>(root_state.traders);
  REQUIRE(traders.children.count(copied) == 1);
  e.d.self->send_exit(traders.children.at(copied), caf::exit_reason::kill);
  e.d.run();
  e.d.advance_to(t + hours(4));

  CHECK(traders.children.count(copied) == 1);  // back after its backoff
  const auto status = boost::json::parse(e.d.ask<std::string>(e.root, status_atom::value));
  CHECK(status.at("traders").at("restarts").as_int64() == 1);
  database db("sqlite:" + e.db_path);
  const auto closed = positions_table(db.session()).closed();
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].reason == close_reason::stop_loss);
}

TEST_CASE(
    "SPEC §4 step 8: the same trader's Add scales into our position instead of a second "
    "one, within the token's headroom") {
  whole_engine e;
  const utc_time t = e.d.now();
  e.add_copied_trader(15);
  e.add_btc_open(t + minutes(2));
  e.data->add_trade(
      trade_row(copied, "BTC", trade_action::add, side::long_, 0.6, 100000, t + minutes(62), 0.6));
  e.prices->add("BTC", t, 100000);
  e.start();
  e.d.advance_to(t + hours(2));

  database db("sqlite:" + e.db_path);
  int executed = 0;
  for (const auto& s : signals_table(db.session()).recent(100))
    if (s.token_symbol == "BTC" && s.outcome == decision::execute) ++executed;
  CHECK(executed == 2);
  const auto open = positions_table(db.session()).unclosed();
  REQUIRE(open.size() == 1);
  // Open: 7 500 USD. Add: 100k × (120k / 400k) × 0.5 = 15 000, clipped to the token headroom
  // of 0.15 × 100k − 7 500 = 7 500 (SPEC §4 step 9).
  CHECK(open[0].value_usd == doctest::Approx(15000).epsilon(0.01));
  CHECK(open[0].size == doctest::Approx(0.15).epsilon(0.01));
  CHECK(open[0].remaining_size == doctest::Approx(open[0].size));
  CHECK(open[0].stop_price == doctest::Approx(open[0].entry_price * 0.95));
}

TEST_CASE("SPEC §8: an open position in the database is managed again after a start") {
  whole_engine e;
  const utc_time t = e.d.now();
  {
    database db("sqlite:" + e.db_path);
    db.migrate();
    our_position p;
    p.token = "SOL";
    p.position_side = side::short_;
    p.entry_price = 200;
    p.size = p.remaining_size = 10;
    p.value_usd = 2000;
    p.stop_price = 210;  // 5 % above a short's entry
    p.trailing_stop_price = 216;
    p.highest_price = p.lowest_price = 200;
    p.opened_at = t - hours(5);
    p.source_trader = copied;
    p.status = position_status::open;
    positions_table(db.session()).insert(p);
  }
  // The copied trader still holds its SOL short, so only our hard stop can end ours.
  e.data->add_trade(
      trade_row(copied, "SOL", trade_action::open, side::short_, 500, 200, t - hours(5)));
  e.prices->add("SOL", t, 199).add("SOL", t + minutes(30), 211);  // through the hard stop
  e.start();
  e.d.advance_to(t + hours(1));
  database db("sqlite:" + e.db_path);
  const auto closed = positions_table(db.session()).closed();
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].reason == close_reason::stop_loss);
  CHECK(*closed[0].exit_price >= 210);  // a short's stop fills at or above its price
  CHECK(positions_table(db.session()).unclosed().empty());
}
