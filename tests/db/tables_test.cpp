// SPEC §8: a round trip through every repository function.
#include <doctest/doctest.h>
#include <soci/soci.h>

#include "infra/db/database.hpp"
#include "infra/db/events_table.hpp"
#include "infra/db/orders_table.hpp"
#include "infra/db/positions_table.hpp"
#include "infra/db/seen_trades_table.hpp"
#include "infra/db/signals_table.hpp"
#include "infra/db/trader_positions_table.hpp"
#include "infra/db/traders_table.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;

namespace {

struct fresh_db {
  temp_dir dir;
  database db{"sqlite:" + dir.file("t.db")};
  fresh_db() { db.migrate(); }
};

const utc_time t0 = *parse_iso8601("2026-02-14T11:58:40.226Z");

signal sample_signal() {
  signal s;
  s.trader_address = "0xd5250cc230db2c654a03023a8ed3a2b67a123f41";
  s.token_symbol = "BTC";
  s.position_side = side::long_;
  s.action = trade_action::open;
  s.value_usd = 60000;
  s.position_weight = 0.15;
  s.timestamp = t0;
  s.trade_price = 98215.5;
  s.trader_score = 0.72;
  s.trader_roi_7d = 15;
  s.outcome = decision::deferred;
  s.trade_key = "0xabc:BTC:Open:Long";
  s.due_at = t0 + minutes(15);
  s.created_at = t0 + seconds(30);
  return s;
}

}  // namespace

TEST_CASE("traders: upsert, find, by tier, all, blacklist") {
  fresh_db f;
  traders_table traders(f.db.session());
  trader_row a;
  a.address = "0xaaa";
  a.label = "Fund A";
  a.score = 0.9;
  a.style = trader_style::swing;
  a.tier = trader_tier::primary;
  a.roi_7d = 5;
  a.roi_30d = 20;
  a.roi_90d = 60;
  a.account_value = 250000;
  a.nof_trades = 80;
  a.win_rate = 0.55;
  a.last_scored_at = t0;
  trader_row b = a;
  b.address = "0xbbb";
  b.score = 0.5;
  b.tier = trader_tier::secondary;
  traders.upsert(a);
  traders.upsert(b);
  a.score = 0.95;
  traders.upsert(a);  // an update, not a second row
  const auto found = traders.find("0xaaa");
  REQUIRE(found);
  CHECK(found->score == doctest::Approx(0.95));
  CHECK(found->label == "Fund A");
  CHECK(found->style == trader_style::swing);
  CHECK(found->nof_trades == 80);
  CHECK(to_iso8601(*found->last_scored_at) == to_iso8601(t0));
  CHECK_FALSE(found->blacklisted_until);
  CHECK(traders.by_tier(trader_tier::primary).size() == 1);
  CHECK(traders.by_tier(trader_tier::secondary).at(0).address == "0xbbb");
  CHECK(traders.all().size() == 2);
  CHECK(traders.all().front().address == "0xaaa");
  traders.set_blacklisted_until("0xbbb", t0 + hours(24 * 14));
  CHECK(*traders.find("0xbbb")->blacklisted_until == t0 + hours(24 * 14));
  CHECK_FALSE(traders.find("0xccc"));
}

TEST_CASE("trader_positions: a snapshot replaces the previous one atomically") {
  fresh_db f;
  trader_positions_table table(f.db.session());
  trader_snapshot snap{"0xaaa", 500000, {}, t0};
  snap.positions.push_back({"0xaaa", "BTC", side::long_, 1.75, 173460, 97233, 10.0, 3302, t0});
  snap.positions.push_back(
      {"0xaaa", "SOL", side::short_, 800, 149760, 201.35, std::nullopt, 0, t0});
  table.replace(snap);
  auto stored = table.of("0xaaa");
  REQUIRE(stored.size() == 2);
  CHECK(stored[0].token == "BTC");
  CHECK(stored[0].leverage == 10.0);
  CHECK(stored[1].position_side == side::short_);
  CHECK_FALSE(stored[1].leverage);
  snap.positions.pop_back();
  table.replace(snap);
  CHECK(table.of("0xaaa").size() == 1);
  CHECK(table.of("0xzzz").empty());
}

TEST_CASE("signals: a new trade and its seen key are recorded together, once") {
  fresh_db f;
  signals_table signals(f.db.session());
  seen_trades_table seen(f.db.session());
  const signal s = sample_signal();
  const auto id = signals.record_new_trade(s, t0);
  REQUIRE(id);
  CHECK(seen.contains(s.trade_key));
  CHECK_FALSE(signals.record_new_trade(s, t0));  // the same trade again: nothing written
  CHECK(signals.recent(10).size() == 1);

  auto stored = signals.find(*id);
  REQUIRE(stored);
  CHECK(stored->trader_address == s.trader_address);
  CHECK(stored->value_usd == 60000);
  CHECK(stored->due_at == s.due_at);
  CHECK_FALSE(stored->type);
  CHECK(signals.deferred().size() == 1);

  stored->outcome = decision::execute;
  stored->type = order_type::market;
  stored->copy_size_usd = 10000;
  stored->slippage_check = 0.4;
  stored->mark_price = 98608.4;
  stored->reason = "all gates passed";
  signals.update(*stored);
  const auto updated = signals.find(*id);
  CHECK(updated->outcome == decision::execute);
  CHECK(updated->type == order_type::market);
  CHECK(updated->copy_size_usd == 10000);
  CHECK(updated->mark_price == doctest::Approx(98608.4));
  CHECK(signals.deferred().empty());
  CHECK(signals.of_trader(s.trader_address, "BTC", side::long_, t0 - hours(2), t0).size() == 1);
  CHECK(signals.of_trader(s.trader_address, "BTC", side::short_, t0 - hours(2), t0).empty());
  CHECK(signals.insert(sample_signal()) == *id + 1);
}

TEST_CASE("seen_trades: insert reports whether the key is new") {
  fresh_db f;
  seen_trades_table seen(f.db.session());
  CHECK_FALSE(seen.contains("k"));
  CHECK(seen.insert("k", t0));
  CHECK_FALSE(seen.insert("k", t0));
  CHECK(seen.contains("k"));
}

TEST_CASE("our_positions and orders round trip; a cloid is never reused") {
  fresh_db f;
  const auto signal_id = signals_table(f.db.session()).insert(sample_signal());
  positions_table positions(f.db.session());
  our_position p;
  p.token = "BTC";
  p.position_side = side::long_;
  p.entry_price = 100;
  p.size = 2;
  p.remaining_size = 2;
  p.value_usd = 200;
  p.stop_price = 95;
  p.trailing_stop_price = 92;
  p.highest_price = 100;
  p.lowest_price = 100;
  p.opened_at = t0;
  p.source_trader = "0xaaa";
  p.source_signal_id = signal_id;
  p.leverage = 3;
  p.status = position_status::open;
  p.id = positions.insert(p);
  CHECK(positions.unclosed().size() == 1);

  orders_table orders(f.db.session());
  order o;
  o.cloid = "0x0123456789abcdef0123456789abcdef";
  o.signal_id = signal_id;
  o.kind = order_kind::stop;
  o.token = "BTC";
  o.is_buy = false;
  o.price = 95;
  o.size = 2;
  o.reduce_only = true;
  o.created_at = o.updated_at = t0;
  orders.insert(o);
  CHECK_THROWS(orders.insert(o));
  CHECK(orders.unresolved().size() == 1);
  o.position_id = p.id;
  o.status = order_status::resting;
  o.exchange_oid = 302037090738;
  o.updated_at = t0 + seconds(1);
  orders.update(o);
  auto stored = orders.find(o.cloid);
  REQUIRE(stored);
  CHECK(stored->exchange_oid == 302037090738);
  CHECK(stored->reduce_only);
  CHECK_FALSE(stored->is_buy);
  CHECK(stored->kind == order_kind::stop);
  CHECK(orders.of_position(p.id).size() == 1);
  o.status = order_status::cancelled;
  orders.update(o);
  CHECK(orders.unresolved().empty());

  p.trailing_stop_price = 105.8;
  p.highest_price = 115;
  p.tiers_taken = 1;
  p.remaining_size = 1.5;
  p.status = position_status::closed;
  p.closed_at = t0 + hours(30);
  p.exit_price = 105.8;
  p.realized_pnl_usd = 9.2;
  p.fees_usd = 0.19;
  p.reason = close_reason::trailing_stop;
  positions.update(p);
  const auto closed = positions.find(p.id);
  REQUIRE(closed);
  CHECK(closed->reason == close_reason::trailing_stop);
  CHECK(*closed->exit_price == doctest::Approx(105.8));
  CHECK(closed->tiers_taken == 1);
  CHECK(closed->source_signal_id == signal_id);
  CHECK(closed->leverage == 3);
  CHECK(positions.unclosed().empty());
  CHECK(positions.closed().size() == 1);
}

TEST_CASE("events are append-only") {
  fresh_db f;
  events_table events(f.db.session());
  const auto first = events.append({0, t0, "order.sent", "position.1", "{\"cloid\":\"0x1\"}"});
  events.append({0, t0 + seconds(1), "position.closed", "position.1", "TRAILING_STOP"});
  const auto recent = events.recent(10);
  REQUIRE(recent.size() == 2);
  CHECK(recent[0].kind == "position.closed");
  CHECK(recent[1].id == first);
  CHECK_THROWS(f.db.session() << "UPDATE events SET kind = 'x'");
  CHECK_THROWS(f.db.session() << "DELETE FROM events");
  CHECK(events.recent(10).size() == 2);
}
