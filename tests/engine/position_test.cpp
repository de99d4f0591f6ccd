// SPEC §6 step 4 and §7 in a position.<id> actor under its supervisor: trailing stop, paper
// hard stop, time stop, profit tiers, the copied trader's exit or liquidation, live stops
// (size following tiers, ratchet, hit detection), operator close and supervision restarts.
// Entry 100 long, 10 coins, hard stop 95, trail 92 (defaults: 5 %, 8 %, 72 h, tiers 10/20/40 %).
#include <doctest/doctest.h>

#include <caf/send.hpp>

#include <cmath>

#include "engine/rp_fixture.hpp"
#include "infra/db/positions_table.hpp"
#include "infra/db/traders_table.hpp"

using namespace smartcopy;
using smartcopy::testing::rp_engine;

namespace {

const std::string trader = "0xaaa";

struct position_engine : rp_engine {
  std::int64_t id = 0;

  explicit position_engine(settings cfg = {}, bool live_stops = false, side s = side::long_)
      : rp_engine(std::move(cfg)) {
    exchange().place_stops = live_stops;
    trader_holds(trader, "BTC", s);
    set_mark("BTC", 100);
    our_position p;
    p.token = "BTC";
    p.position_side = s;
    p.entry_price = 100;
    p.size = 10;
    p.remaining_size = 10;
    p.value_usd = 1000;
    p.stop_price = s == side::long_ ? 95 : 105;
    p.trailing_stop_price = s == side::long_ ? 92 : 108;
    p.highest_price = 100;
    p.lowest_price = 100;
    p.opened_at = now();
    p.source_trader = trader;
    p.leverage = 3;
    p.status = position_status::open;
    id = ask<our_position>(h.positions, open_atom::value, p, std::int64_t{0}).id;
    p.id = id;
    self->send(h.risk, open_atom::value, p);
    run();
  }

  our_position row() {
    auto db = peek();
    auto r = positions_table(db.session()).find(id);
    REQUIRE(r.has_value());
    return *r;
  }

  std::size_t open_count() {
    return ask<std::vector<our_position>>(h.positions, list_atom::value).size();
  }
};

}  // namespace

TEST_CASE("position §7.1-2: 115 then 112 keep the trail at 105.8; 105 closes TRAILING_STOP") {
  position_engine e;
  e.push_mark("BTC", 115);
  CHECK(e.row().trailing_stop_price == doctest::Approx(105.8));
  CHECK(e.row().highest_price == doctest::Approx(115));
  e.push_mark("BTC", 112);
  CHECK(e.row().trailing_stop_price == doctest::Approx(105.8));
  CHECK(e.open_count() == 1);
  e.push_mark("BTC", 105);
  const auto r = e.row();
  CHECK(r.status == position_status::closed);
  REQUIRE(r.reason.has_value());
  CHECK(*r.reason == close_reason::trailing_stop);
  REQUIRE(r.exit_price.has_value());
  CHECK(*r.exit_price == doctest::Approx(105));
  // +15 % fired tier 1 (2.5 coins at 115); the rest (7.5) closed at 105: 37.5 + 37.5.
  CHECK(r.realized_pnl_usd == doctest::Approx(75));
  CHECK(r.remaining_size == doctest::Approx(0));
  CHECK(e.open_count() == 0);
  CHECK(e.ask<double>(e.h.risk, equity_atom::value) == doctest::Approx(100075));
  CHECK(e.risk().positions.empty());
  CHECK(e.market().subscribers.empty());
  REQUIRE(e.exchange().closes.size() == 2);
  CHECK(e.exchange().closes[1].kind == order_kind::close);
  CHECK(e.exchange().closes[1].reason == "TRAILING_STOP");
  CHECK(e.exchange().closes[1].size == doctest::Approx(7.5));
}

TEST_CASE("position §7.5 paper: mark through the 95 stop fills at 95 minus §9.2 slippage") {
  position_engine e;
  REQUIRE(e.exchange().stops.size() == 1);  // asked, not placed (paper)
  CHECK(e.exchange().stops[0].trigger_price == doctest::Approx(95));
  e.push_mark("BTC", 95.5);
  CHECK(e.open_count() == 1);
  e.push_mark("BTC", 94.9);
  const auto r = e.row();
  REQUIRE(r.reason.has_value());
  CHECK(*r.reason == close_reason::stop_loss);
  // BTC base 0.02 % × (1 + 950 / 100 000 × 0.5) = 0.020095 % below 95.
  REQUIRE(r.exit_price.has_value());
  CHECK(*r.exit_price == doctest::Approx(94.98091).epsilon(1e-7));
  CHECK(r.realized_pnl_usd == doctest::Approx(-50.1909).epsilon(1e-6));
  CHECK(r.fees_usd == doctest::Approx(0.427414).epsilon(1e-5));  // 0.045 % of 949.81
  CHECK(e.exchange().closes.empty());                            // simulated, no order
}

TEST_CASE("position §7.3: time stop at 72 h — 71 h no, 73 h yes (driven by the clock)") {
  position_engine e;
  e.advance(std::chrono::hours(71));
  CHECK(e.open_count() == 1);
  e.advance(std::chrono::hours(2));
  const auto r = e.row();
  REQUIRE(r.reason.has_value());
  CHECK(*r.reason == close_reason::time_stop);
  CHECK(*r.exit_price == doctest::Approx(100));
  CHECK(e.open_count() == 0);
}

TEST_CASE("position §7.4: each profit tier once, lowest first, of the remaining size") {
  position_engine e;
  e.push_mark("BTC", 110);
  CHECK(e.row().tiers_taken == 1);
  CHECK(e.row().remaining_size == doctest::Approx(7.5));
  e.push_mark("BTC", 110.5);
  CHECK(e.exchange().closes.size() == 1);  // tier 1 does not fire again
  e.push_mark("BTC", 120);
  CHECK(e.row().tiers_taken == 2);
  CHECK(e.row().remaining_size == doctest::Approx(7.5 - 2.475));
  e.push_mark("BTC", 140);
  const auto r = e.row();
  CHECK(r.tiers_taken == 3);
  CHECK(r.remaining_size == doctest::Approx(2.5125));
  REQUIRE(e.exchange().closes.size() == 3);
  CHECK(e.exchange().closes[0].reason == "PROFIT_TIER_1");
  CHECK(e.exchange().closes[1].reason == "PROFIT_TIER_2");
  CHECK(e.exchange().closes[2].reason == "PROFIT_TIER_3");
  CHECK(e.exchange().closes[2].kind == order_kind::reduce);
  CHECK(e.exchange().closes[2].size == doctest::Approx(2.5125));
  // 2.5 × 10 + 2.475 × 20 + 2.5125 × 40
  CHECK(r.realized_pnl_usd == doctest::Approx(25 + 49.5 + 100.5));
  CHECK(r.status == position_status::open);
  // The book follows the remaining notional.
  CHECK(e.risk().positions[e.id].notional_usd == doctest::Approx(251.25));
}

TEST_CASE("position §7.4: two tiers fire on one jump (+21 %)") {
  position_engine e;
  e.push_mark("BTC", 121);
  const auto r = e.row();
  CHECK(r.tiers_taken == 2);
  CHECK(r.remaining_size == doctest::Approx(5.025));
  REQUIRE(e.exchange().closes.size() == 2);
  CHECK(e.exchange().closes[0].size == doctest::Approx(2.5));
  CHECK(e.exchange().closes[1].size == doctest::Approx(2.475));
}

TEST_CASE("position §7.4-7.3 live: the stop's size follows the tiers; the stop ratchets") {
  position_engine e({}, true);
  e.exchange().account.signed_size_by_token["BTC"] = 10;  // the stop has not hit
  e.push_mark("BTC", 110);
  const auto& stops = e.exchange().stops;
  REQUIRE(stops.size() == 3);  // placed at entry, ratcheted to the trail, resized
  CHECK(stops[1].trigger_price == doctest::Approx(101.2));
  CHECK(stops[1].size == doctest::Approx(10));
  CHECK(stops[2].trigger_price == doctest::Approx(101.2));
  CHECK(stops[2].size == doctest::Approx(7.5));
  CHECK(e.row().stop_price == doctest::Approx(101.2));
  // A higher trail within 5 minutes does not ratchet again.
  e.push_mark("BTC", 112);
  CHECK(e.exchange().stops.size() == 3);
  e.advance(std::chrono::minutes(5));
  e.push_mark("BTC", 113);
  REQUIRE(e.exchange().stops.size() == 4);
  CHECK(e.exchange().stops[3].trigger_price == doctest::Approx(103.96));
  CHECK(e.row().status == position_status::open);
}

TEST_CASE("position §7.5 live: the account no longer holds it → STOP_LOSS at the exchange fill") {
  position_engine e({}, true);
  e.exchange().account.signed_size_by_token["BTC"] = 10;
  e.advance(std::chrono::seconds(30));
  CHECK(e.open_count() == 1);
  e.exchange().account.signed_size_by_token.erase("BTC");
  e.exchange().account.recent_fills.push_back({"0xstop1", "BTC", false, 94.9, 10, 0.43, e.now()});
  e.advance(std::chrono::seconds(30));
  const auto r = e.row();
  REQUIRE(r.reason.has_value());
  CHECK(*r.reason == close_reason::stop_loss);
  CHECK(*r.exit_price == doctest::Approx(94.9));
  CHECK(r.realized_pnl_usd == doctest::Approx(-51));
  CHECK(r.fees_usd == doctest::Approx(0.43));
  CHECK(e.exchange().closes.empty());
}

TEST_CASE("position §7.6: trader gone without a Close → TRADER_LIQUIDATED, blacklisted 14 days") {
  position_engine e;
  e.nansen().snapshots[trader].positions.clear();
  e.advance(std::chrono::seconds(900));
  const auto r = e.row();
  REQUIRE(r.reason.has_value());
  CHECK(*r.reason == close_reason::trader_liquidated);
  const auto until = e.now() + std::chrono::hours(24 * 14);
  REQUIRE(e.risk().blacklisted_until.count(trader) == 1);
  CHECK(e.risk().blacklisted_until[trader] == until);
  auto db = e.peek();
  const auto t = traders_table(db.session()).find(trader);
  REQUIRE(t.has_value());
  CHECK(t->blacklisted_until == until);
}

TEST_CASE("position §7.6: trader gone with a Close in the last hour → ours stays open") {
  position_engine e;
  e.nansen().snapshots[trader].positions.clear();
  trade close;
  close.trader_address = trader;
  close.token = "BTC";
  close.action = trade_action::close;
  close.position_side = side::long_;
  close.timestamp = e.now() + std::chrono::minutes(10);
  e.nansen().trades[trader].push_back(close);
  e.advance(std::chrono::seconds(900));
  CHECK(e.nansen().trades_calls == 1);
  CHECK(e.open_count() == 1);
  CHECK(e.row().status == position_status::open);
  CHECK(e.risk().blacklisted_until.empty());
}

TEST_CASE("position §7.6: Nansen down at the poll → logged, position kept, polled again") {
  position_engine e;
  e.nansen().down = true;
  e.advance(std::chrono::seconds(900));
  CHECK(e.open_count() == 1);
  e.advance(std::chrono::seconds(900));
  CHECK(e.nansen().positions_calls == 2);
}

TEST_CASE("position §7 close_position: an incomplete close retries the remainder") {
  position_engine e;
  e.exchange().close_fill_fraction = 0.4;
  CHECK(e.ask<bool>(e.h.positions, close_atom::value, e.id));
  REQUIRE(e.exchange().closes.size() == 2);
  CHECK(e.exchange().closes[0].size == doctest::Approx(10));
  CHECK(e.exchange().closes[1].size == doctest::Approx(6));
  const auto r = e.row();
  CHECK(*r.reason == close_reason::manual);
  CHECK(r.remaining_size == doctest::Approx(0));
  CHECK(e.ask<bool>(e.h.positions, close_atom::value, e.id) == false);  // gone
}

TEST_CASE("position §10: a killed position actor is restarted from its row and keeps managing") {
  position_engine e;
  e.push_mark("BTC", 115);  // trail 105.8, tier 1 taken, 7.5 left — all persisted
  auto victim = e.positions().children.at(e.id);
  caf::anon_send_exit(victim, caf::exit_reason::kill);
  e.run();
  CHECK(e.positions().restarts.restarts() == 1);
  CHECK(e.positions().children.empty());
  e.advance(std::chrono::seconds(1));  // backoff
  REQUIRE(e.positions().children.count(e.id) == 1);
  const auto restored = e.ask<std::vector<our_position>>(e.h.positions, list_atom::value);
  REQUIRE(restored.size() == 1);
  CHECK(restored[0].trailing_stop_price == doctest::Approx(105.8));
  CHECK(restored[0].tiers_taken == 1);
  CHECK(restored[0].remaining_size == doctest::Approx(7.5));
  e.push_mark("BTC", 105);
  CHECK(*e.row().reason == close_reason::trailing_stop);
  CHECK(e.exchange().closes.size() == 2);  // tier 1 not repeated after the restart
  CHECK(e.open_count() == 0);
}

TEST_CASE("position §7.1-2 short: 85 tightens the trail to 91.8; 92 closes TRAILING_STOP") {
  settings cfg;
  cfg.stops.profit_tiers.clear();
  position_engine e(cfg, false, side::short_);
  e.push_mark("BTC", 85);
  CHECK(e.row().trailing_stop_price == doctest::Approx(91.8));
  CHECK(e.row().lowest_price == doctest::Approx(85));
  e.push_mark("BTC", 88);
  CHECK(e.row().trailing_stop_price == doctest::Approx(91.8));
  e.push_mark("BTC", 92);
  const auto r = e.row();
  CHECK(*r.reason == close_reason::trailing_stop);
  CHECK(r.realized_pnl_usd == doctest::Approx(80));  // 10 × (100 − 92)
  CHECK(e.exchange().closes.at(0).position_side == side::short_);
}

TEST_CASE("position §11: an unusable mark (negative, NaN) is logged and ignored") {
  position_engine e;
  e.push_mark("BTC", -5);
  e.push_mark("BTC", std::nan(""));
  CHECK(e.open_count() == 1);
  CHECK(e.row().trailing_stop_price == doctest::Approx(92));
  CHECK(e.row().highest_price == doctest::Approx(100));
  e.push_mark("BTC", 91);  // a real mark still works afterwards (trail 92 < stop 95: stop first)
  CHECK(*e.row().reason == close_reason::stop_loss);
}
