// SPEC §4 steps 4-9 in a signal.<id> actor: it sleeps on the simulated clock until trade time
// + 15 min, confirms with fresh positions, checks slippage, timing and consensus, reserves at
// the risk guard and executes; every outcome is stored in `signals` with its fields.
#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "engine/rp_fixture.hpp"
#include "infra/db/signals_table.hpp"

using namespace smartcopy;
using smartcopy::testing::rp_engine;

namespace {

const std::string trader = "0xaaa";

/// A BTC Long Open at 100 USD by 0xaaa, traded `ago` before the test's start (12:00 UTC).
signal btc_signal(rp_engine& e, std::chrono::minutes ago = std::chrono::minutes(0)) {
  signal s;
  s.trader_address = trader;
  s.token_symbol = "BTC";
  s.position_side = side::long_;
  s.action = trade_action::open;
  s.value_usd = 60000;
  s.position_weight = 0.2;
  s.timestamp = e.now() - ago;
  s.trade_price = 100;
  s.trader_score = 0.6;
  s.trader_roi_7d = 15;
  s.outcome = decision::deferred;
  s.trade_key = "0xtx:BTC:Open:Long";
  s.created_at = e.now();
  s.id = e.ask<std::int64_t>(e.h.store, save_atom::value, s);
  return s;
}

/// Sizes to 10 000 USD (20 % of a 500 000 account, ROI tier 1.0).
signal_context sizing() {
  signal_context c;
  c.trader_account_value = 500000;
  c.trader_position_value = 100000;
  return c;
}

void start(rp_engine& e, const signal& s) {
  e.self->send(e.h.signals, signal_atom::value, s, sizing());
  e.run();
}

signal stored(rp_engine& e, std::int64_t id) {
  auto db = e.peek();
  auto row = signals_table(db.session()).find(id);
  REQUIRE(row.has_value());
  return *row;
}

/// Runs a signal traded 15 min ago (due now) against the current doubles.
signal decide_now(rp_engine& e, std::chrono::minutes ago = std::chrono::minutes(15)) {
  const auto s = btc_signal(e, ago);
  start(e, s);
  return stored(e, s.id);
}

}  // namespace

TEST_CASE("signal §4.4-9: deferred until trade time + 15 min, then EXECUTE with every field") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.5);
  const auto s = btc_signal(e);
  start(e, s);
  CHECK(e.signals().children.size() == 1);
  e.advance(std::chrono::minutes(14));
  CHECK(e.nansen().positions_calls == 0);  // still asleep
  CHECK(stored(e, s.id).outcome == decision::deferred);
  e.advance(std::chrono::minutes(1));
  CHECK(e.nansen().positions_calls == 1);
  const auto row = stored(e, s.id);
  CHECK(row.outcome == decision::execute);
  CHECK(row.age_seconds == doctest::Approx(0));
  CHECK(row.mark_price == doctest::Approx(100.5));
  CHECK(row.slippage_check == doctest::Approx(0.5));
  CHECK(row.copy_size_usd == doctest::Approx(10000));
  CHECK(row.leverage == doctest::Approx(3));  // default_leverage: the trader's is unknown
  REQUIRE(row.type.has_value());
  CHECK(*row.type == order_type::market);
  CHECK(row.max_slippage == doctest::Approx(0.5));
  CHECK(row.reason.find("filled") != std::string::npos);
  // The fill opened a position with stops from the fill price, and the book counts it.
  const auto open = e.ask<std::vector<our_position>>(e.h.positions, list_atom::value);
  REQUIRE(open.size() == 1);
  CHECK(open[0].entry_price == doctest::Approx(100.5));
  CHECK(open[0].stop_price == doctest::Approx(95.475));
  CHECK(open[0].trailing_stop_price == doctest::Approx(92.46));
  CHECK(open[0].highest_price == doctest::Approx(100.5));
  CHECK(open[0].source_trader == trader);
  CHECK(open[0].source_signal_id == s.id);
  CHECK(open[0].leverage == doctest::Approx(3));
  CHECK(e.risk().reservations.empty());
  REQUIRE(e.risk().positions.count(open[0].id) == 1);
  CHECK(e.risk().positions[open[0].id].notional_usd == doctest::Approx(10000));
  CHECK(e.signals().children.empty());  // the actor quit normally
}

TEST_CASE("signal §4.4: the trader closed during the delay → SKIP_REVERSED_AFTER_DELAY") {
  rp_engine e;
  e.trader_holds(trader, "ETH");  // not BTC any more
  e.set_mark("BTC", 100.5);
  const auto row = decide_now(e);
  CHECK(row.outcome == decision::skip_reversed_after_delay);
  CHECK(e.exchange().entries.empty());
}

TEST_CASE("signal §11: Nansen down at the check → SKIP_REVERSED_AFTER_DELAY with the cause") {
  rp_engine e;
  e.nansen().down = true;
  e.set_mark("BTC", 100.5);
  const auto row = decide_now(e);
  CHECK(row.outcome == decision::skip_reversed_after_delay);
  CHECK(row.reason.find("positions unavailable") != std::string::npos);
  CHECK(row.reason.find("HTTP 503") != std::string::npos);
}

TEST_CASE("signal §4.5: mark 103 vs trade 100 (3 % > 2 %) → SKIP_SLIPPAGE_EXCEEDED") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 103);
  const auto row = decide_now(e);
  CHECK(row.outcome == decision::skip_slippage_exceeded);
  CHECK(row.slippage_check == doctest::Approx(3));
  CHECK(row.mark_price == doctest::Approx(103));
}

TEST_CASE("signal §11: no mark for the token → SKIP_SLIPPAGE_EXCEEDED naming the cause") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  const auto row = decide_now(e);
  CHECK(row.outcome == decision::skip_slippage_exceeded);
  CHECK(row.reason.find("no mark price for BTC") != std::string::npos);
}

TEST_CASE("signal §4.6: 5 min after confirmation with 0.5 % slippage → SKIP_STALE_HIGH_SLIPPAGE") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.5);
  const auto row = decide_now(e, std::chrono::minutes(20));
  CHECK(row.outcome == decision::skip_stale_high_slippage);
  CHECK(row.age_seconds == doctest::Approx(300));
}

TEST_CASE("signal §4.6: 5 min after confirmation with 0.1 % slippage → limit") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.1);
  const auto row = decide_now(e, std::chrono::minutes(20));
  CHECK(row.outcome == decision::execute);
  REQUIRE(row.type.has_value());
  CHECK(*row.type == order_type::limit);
  CHECK(row.max_slippage == doctest::Approx(0.3));
}

TEST_CASE("signal §4.6: 15 min after confirmation, score 0.6 → SKIP_TOO_OLD") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.1);
  const auto row = decide_now(e, std::chrono::minutes(30));
  CHECK(row.outcome == decision::skip_too_old);
  CHECK(row.age_seconds == doctest::Approx(900));
}

TEST_CASE("signal §4.6 [decision]: timing_reference = trade measures from the trade") {
  settings cfg;
  cfg.entry.timing = timing_reference::trade;
  rp_engine e(cfg);
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.1);
  const auto row = decide_now(e);  // at the due time: 900 s after the trade
  CHECK(row.outcome == decision::skip_too_old);
  CHECK(row.age_seconds == doctest::Approx(900));
}

TEST_CASE("signal §4.7: consensus of 2 tracked traders") {
  settings cfg;
  cfg.consensus.enabled = true;
  cfg.consensus.min_traders = 2;
  rp_engine e(cfg);
  std::vector<trader_row> tracked(2);
  tracked[0].address = trader;
  tracked[1].address = "0xbbb";
  e.self->send(e.h.signals, tracked_atom::value, tracked);
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.5);
  trader_snapshot other;
  other.address = "0xbbb";
  e.self->send(e.h.signals, save_atom::value, other);  // holds nothing
  e.run();
  CHECK(decide_now(e).outcome == decision::skip_no_consensus);
  other.positions.push_back(e.nansen().snapshots[trader].positions[0]);
  other.positions[0].address = "0xbbb";
  e.self->send(e.h.signals, save_atom::value, other);
  e.run();
  CHECK(e.ask<int>(e.h.signals, consensus_atom::value, std::string{"BTC"}, side::long_) == 2);
  CHECK(decide_now(e).outcome == decision::execute);
}

TEST_CASE("signal §4.8: a reason of the risk guard is relayed (SKIP_ALREADY_IN_TOKEN)") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.5);
  our_position held;
  held.id = 9;
  held.token = "BTC";
  held.entry_price = 100;
  held.remaining_size = 50;
  held.source_trader = "0xccc";
  e.self->send(e.h.risk, open_atom::value, held);
  const auto row = decide_now(e);
  CHECK(row.outcome == decision::skip_already_in_token);
  CHECK(row.reason.find("0xccc") != std::string::npos);
  CHECK(e.exchange().entries.empty());
}

TEST_CASE("signal §10: paused → SKIP_PAUSED and the reservation released; resume executes") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.5);
  e.self->send(e.h.signals, pause_atom::value);
  const auto s = btc_signal(e);
  start(e, s);
  e.self->send(e.h.signals, resume_atom::value);  // forwarded to the sleeping signal
  e.self->send(e.h.signals, pause_atom::value);
  e.advance(std::chrono::minutes(15));
  const auto row = stored(e, s.id);
  CHECK(row.outcome == decision::skip_paused);
  CHECK(row.copy_size_usd == doctest::Approx(10000));
  CHECK(e.risk().reservations.empty());
  CHECK(e.exchange().entries.empty());
  e.self->send(e.h.signals, resume_atom::value);
  e.run();
  CHECK(decide_now(e).outcome == decision::execute);
}

TEST_CASE("signal §6: the entry is rejected → SKIP_ORDER_FAILED, reservation released") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.5);
  e.exchange().fill_entries = false;
  const auto row = decide_now(e);
  CHECK(row.outcome == decision::skip_order_failed);
  CHECK(row.reason.find("Order could not immediately match") != std::string::npos);
  CHECK(e.exchange().entries.size() == 1);
  CHECK(e.risk().reservations.empty());
  CHECK(e.ask<std::vector<our_position>>(e.h.positions, list_atom::value).empty());
}

TEST_CASE("signal §6.3: the gateway's SKIP_SIZE_ZERO (under $10 notional) is relayed") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.5);
  e.exchange().fill_entries = false;
  e.exchange().reject_detail = "SKIP_SIZE_ZERO: 0.00009 BTC is under 10 USD notional";
  CHECK(decide_now(e).outcome == decision::skip_size_zero);
  CHECK(e.risk().reservations.empty());
}

TEST_CASE("signal §10: a killed signal actor is restarted from its signal and finishes") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.5);
  const auto s = btc_signal(e);
  start(e, s);
  auto victim = e.signals().children.at(s.id).handle;
  caf::anon_send_exit(victim, caf::exit_reason::kill);
  e.run();
  CHECK(e.signals().restarts.restarts() == 1);
  e.advance(std::chrono::seconds(1));  // backoff, then the new actor sleeps until due
  REQUIRE(e.signals().children.count(s.id) == 1);
  CHECK(e.signals().children.at(s.id).handle != victim);
  e.advance(std::chrono::minutes(15));
  CHECK(stored(e, s.id).outcome == decision::execute);
  CHECK(e.exchange().entries.size() == 1);
}

TEST_CASE("signal §10 + §8: a signal that failed with its entry in flight is never sent again") {
  rp_engine e;
  e.trader_holds(trader, "BTC");
  e.set_mark("BTC", 100.5);
  auto s = btc_signal(e);
  start(e, s);
  auto victim = e.signals().children.at(s.id).handle;
  // The row as execute() leaves it, with the entry's order row filled on the exchange: the
  // process of the actor died before the fill came back to it.
  s.outcome = decision::execute;
  s.reason = std::string(entry_in_flight_reason);
  s.leverage = 3;
  e.ask<std::int64_t>(e.h.store, save_atom::value, s);
  order o;
  o.cloid = "0x000000000000000000000000000000c3";
  o.signal_id = s.id;
  o.token = "BTC";
  o.size = o.filled_size = 10;
  o.price = 101;
  o.avg_price = 100.6;
  o.status = order_status::filled;
  o.created_at = o.updated_at = e.now();
  CHECK(e.ask<bool>(e.h.store, save_atom::value, o));
  caf::anon_send_exit(victim, caf::exit_reason::kill);
  e.run();
  e.advance(std::chrono::minutes(16));  // backoff and past the due time
  CHECK(e.exchange().entries.empty());  // never re-sent
  const auto row = stored(e, s.id);
  CHECK(row.outcome == decision::execute);
  CHECK(row.reason.find("recovered at restart") != std::string::npos);
  REQUIRE(e.positions().children.size() == 1);
  CHECK(e.signals().children.count(s.id) == 0);
}
