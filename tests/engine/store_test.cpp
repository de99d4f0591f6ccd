// SPEC §8: the store actor is the only database holder; every handler round-trips through a
// temp SQLite file, and database failures become caf::errors while the store keeps serving.
#include <doctest/doctest.h>
#include <soci/soci.h>

#include "actors/store.hpp"
#include "engine/gw_test_support.hpp"
#include "infra/db/database.hpp"
#include "infra/db/events_table.hpp"
#include "infra/db/orders_table.hpp"
#include "infra/db/trader_positions_table.hpp"
#include "infra/db/traders_table.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;

namespace {

const utc_time t0 = *parse_iso8601("2026-02-14T12:00:00Z");

struct store_fixture {
  temp_dir dir;
  std::string url = "sqlite:" + dir.file("store.db");
  testing::deterministic_system t;
  store_actor st = t.sys.spawn(store, t.context, url);

  /// A second connection to the same file, to check what the store wrote.
  database peek() { return database(url); }
};

signal open_signal(const std::string& key, utc_time at) {
  signal s;
  s.trader_address = "0xaaa";
  s.token_symbol = "BTC";
  s.position_side = side::long_;
  s.action = trade_action::open;
  s.value_usd = 60000;
  s.timestamp = at;
  s.trade_key = key;
  s.outcome = decision::deferred;
  s.created_at = at;
  s.due_at = at + minutes(15);
  return s;
}

order entry_order(const std::string& cloid) {
  order o;
  o.cloid = cloid;
  o.kind = order_kind::entry;
  o.token = "ETH";
  o.is_buy = true;
  o.price = 2500;
  o.size = 4;
  o.status = order_status::pending;
  o.created_at = t0;
  o.updated_at = t0;
  return o;
}

}  // namespace

TEST_CASE("store §4: record is once per trade key, then 0") {
  store_fixture f;
  const auto s = open_signal("0xtx1:BTC:Open:Long", t0);
  const auto id = f.t.ask<std::int64_t>(f.st, record_atom::value, s, t0);
  CHECK(id > 0);
  CHECK(f.t.ask<std::int64_t>(f.st, record_atom::value, s, t0 + seconds(5)) == 0);
  // The first evaluation is deferred, so it is restored at start.
  const auto state = f.t.ask<persisted_state>(f.st, load_atom::value);
  REQUIRE(state.deferred_signals.size() == 1);
  CHECK(state.deferred_signals[0].id == id);
}

TEST_CASE("store §8: save(signal) inserts with id 0 and rewrites otherwise") {
  store_fixture f;
  auto s = open_signal("0xtx2:BTC:Open:Long", t0);
  s.id = f.t.ask<std::int64_t>(f.st, save_atom::value, s);
  REQUIRE(s.id > 0);
  s.outcome = decision::execute;
  s.copy_size_usd = 7500;
  CHECK(f.t.ask<std::int64_t>(f.st, save_atom::value, s) == s.id);
  // Executed: no longer deferred; a second insert gets a new id.
  CHECK(f.t.ask<persisted_state>(f.st, load_atom::value).deferred_signals.empty());
  auto other = open_signal("0xtx3:BTC:Open:Long", t0);
  CHECK(f.t.ask<std::int64_t>(f.st, save_atom::value, other) == s.id + 1);
}

TEST_CASE("store §8: save(our_position) inserts then updates; closed ones are not restored") {
  store_fixture f;
  our_position p;
  p.token = "SOL";
  p.entry_price = 150;
  p.size = 20;
  p.remaining_size = 20;
  p.value_usd = 3000;
  p.opened_at = t0;
  p.status = position_status::open;
  p.id = f.t.ask<std::int64_t>(f.st, save_atom::value, p);
  REQUIRE(p.id > 0);
  auto restored = f.t.ask<persisted_state>(f.st, load_atom::value).open_positions;
  REQUIRE(restored.size() == 1);
  CHECK(restored[0].remaining_size == doctest::Approx(20));

  p.remaining_size = 15;
  CHECK(f.t.ask<std::int64_t>(f.st, save_atom::value, p) == p.id);
  CHECK(f.t.ask<persisted_state>(f.st, load_atom::value).open_positions[0].remaining_size ==
        doctest::Approx(15));

  p.status = position_status::closed;
  p.closed_at = t0 + hours(2);
  p.exit_price = 160;
  p.reason = close_reason::trailing_stop;
  CHECK(f.t.ask<std::int64_t>(f.st, save_atom::value, p) == p.id);
  CHECK(f.t.ask<persisted_state>(f.st, load_atom::value).open_positions.empty());
}

TEST_CASE("store §6: save(order) inserts, then updates by cloid; only open orders restore") {
  store_fixture f;
  auto o = entry_order("0x000102030405060708090a0b0c0d0e0f");
  CHECK(f.t.ask<bool>(f.st, save_atom::value, o));
  auto unresolved = f.t.ask<persisted_state>(f.st, load_atom::value).unresolved_orders;
  REQUIRE(unresolved.size() == 1);
  CHECK(unresolved[0].status == order_status::pending);

  o.status = order_status::filled;
  o.filled_size = 4;
  o.avg_price = 2501.25;
  CHECK(f.t.ask<bool>(f.st, save_atom::value, o));  // same cloid: an update, not a duplicate
  CHECK(f.t.ask<persisted_state>(f.st, load_atom::value).unresolved_orders.empty());
  auto db = f.peek();
  const auto row = orders_table(db.session()).find(o.cloid);
  REQUIRE(row);
  CHECK(row->status == order_status::filled);
  CHECK(row->avg_price == doctest::Approx(2501.25));
}

TEST_CASE("store §3: a scoring pass upserts traders; blacklist persists, even for a new address") {
  store_fixture f;
  trader_row a;
  a.address = "0xaaa";
  a.score = 0.9;
  a.tier = trader_tier::primary;
  a.roi_7d = 12;
  trader_row b = a;
  b.address = "0xbbb";
  b.score = 0.4;
  b.tier = trader_tier::secondary;
  CHECK(f.t.ask<bool>(f.st, save_atom::value, std::vector<trader_row>{a, b}));
  a.score = 0.95;
  CHECK(f.t.ask<bool>(f.st, save_atom::value, std::vector<trader_row>{a}));
  auto traders = f.t.ask<persisted_state>(f.st, load_atom::value).traders;
  REQUIRE(traders.size() == 2);
  CHECK(traders[0].address == "0xaaa");
  CHECK(traders[0].score == doctest::Approx(0.95));

  const auto until = t0 + hours(24 * 14);  // liquidation.cooldown_days = 14 (SPEC §7 step 6)
  CHECK(f.t.ask<bool>(f.st, blacklist_atom::value, std::string("0xbbb"), until));
  CHECK(f.t.ask<bool>(f.st, blacklist_atom::value, std::string("0xccc"), until));
  auto db = f.peek();
  traders_table table(db.session());
  CHECK(table.find("0xbbb")->blacklisted_until == until);
  const auto unknown = table.find("0xccc");
  REQUIRE(unknown);
  CHECK(unknown->tier == trader_tier::untracked);
  CHECK(unknown->blacklisted_until == until);
}

TEST_CASE("store §8: save(trader_snapshot) replaces the trader's positions") {
  store_fixture f;
  trader_snapshot snap;
  snap.address = "0xaaa";
  snap.account_value = 500000;
  snap.taken_at = t0;
  snap.positions.push_back({"0xaaa", "BTC", side::long_, 1.5, 150000, 98000, 5.0, 0, t0});
  snap.positions.push_back({"0xaaa", "ETH", side::short_, 10, 25000, 2500, std::nullopt, 0, t0});
  CHECK(f.t.ask<bool>(f.st, save_atom::value, snap));
  snap.positions.pop_back();
  CHECK(f.t.ask<bool>(f.st, save_atom::value, snap));
  auto db = f.peek();
  const auto rows = trader_positions_table(db.session()).of("0xaaa");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].token == "BTC");
  CHECK(rows[0].size == doctest::Approx(1.5));
}

TEST_CASE("store §4 step 1: opens = the trader's Open signals on token/side since a time") {
  store_fixture f;
  auto old_open = open_signal("0xt1:BTC:Open:Long", t0 - hours(3));
  auto recent_open = open_signal("0xt2:BTC:Open:Long", t0 - hours(1));
  recent_open.outcome = decision::skip_no_consensus;  // any decision counts: the trader opened
  auto add = open_signal("0xt3:BTC:Add:Long", t0 - minutes(30));
  add.action = trade_action::add;
  auto short_open = open_signal("0xt4:BTC:Open:Short", t0 - minutes(20));
  short_open.position_side = side::short_;
  auto other_trader = open_signal("0xt5:BTC:Open:Long", t0 - minutes(10));
  other_trader.trader_address = "0xbbb";
  for (const auto& s : {old_open, recent_open, add, short_open, other_trader})
    REQUIRE(f.t.ask<std::int64_t>(f.st, record_atom::value, s, t0) > 0);

  const auto opens = f.t.ask<std::vector<signal>>(f.st, opens_atom::value, std::string("0xaaa"),
                                                  std::string("BTC"), side::long_, t0 - hours(2));
  REQUIRE(opens.size() == 1);
  CHECK(opens[0].trade_key == "0xt2:BTC:Open:Long");
  CHECK(f.t.ask<std::vector<signal>>(f.st, opens_atom::value, std::string("0xaaa"),
                                     std::string("BTC"), side::long_, t0 - hours(4))
            .size() == 2);
}

TEST_CASE("store §8: events are appended to the audit log") {
  store_fixture f;
  f.t.self->send(f.st, event_atom::value, t0, std::string("order.sent"), std::string("position.7"),
                 std::string("{\"cloid\":\"0x01\"}"));
  f.t.run();
  auto db = f.peek();
  const auto events = events_table(db.session()).recent(10);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == "order.sent");
  CHECK(events[0].subject == "position.7");
  CHECK(events[0].at == t0);
}

TEST_CASE("store §11: a file that is not a database gives clear errors, no crash") {
  temp_dir dir;
  const auto path = dir.write("garbage.db", std::string(4096, 'x'));
  testing::deterministic_system t;
  auto st = t.sys.spawn(store, t.context, "sqlite:" + path);
  const auto err = testing::ask_error<persisted_state>(t, st, load_atom::value);
  CHECK(err.find("store: load state: database unavailable") != std::string::npos);
  // Still alive and answering.
  CHECK(testing::ask_error<bool>(t, st, save_atom::value, entry_order("0x01")).find("save order") !=
        std::string::npos);
}

TEST_CASE("store §11: an SQL failure fails that request only; the store keeps serving") {
  temp_dir dir;
  const std::string url = "sqlite:" + dir.file("broken.db");
  {
    // A migrated database whose orders table has gone missing behind the store's back.
    database db(url);
    db.migrate();
    db.session() << "DROP TABLE orders";
  }
  testing::deterministic_system t;
  auto st = t.sys.spawn(store, t.context, url);
  const auto err = testing::ask_error<bool>(t, st, save_atom::value, entry_order("0xdeadbeef"));
  CHECK(err.find("store: save order failed") != std::string::npos);
  CHECK(err.find("orders") != std::string::npos);  // SQLite names the missing table
  const auto id = t.ask<std::int64_t>(st, save_atom::value, open_signal("0xk:BTC:Open:Long", t0));
  CHECK(id > 0);
}
