// SPEC §6 (execution) with the simulated fills of §9.2: the paper/sim exchange gateway over the
// real store (temp SQLite) and the replay market data. The live gateway is tested against
// fake_hyperliquid further below.
#include <doctest/doctest.h>
#include <soci/soci.h>

#include <cctype>

#include "actors/exchange_gateway.hpp"
#include "actors/replay_market_data.hpp"
#include "actors/simulated_exchange.hpp"
#include "actors/store.hpp"
#include "engine/gw_test_support.hpp"
#include "fakes/fake_hyperliquid.hpp"
#include "infra/db/database.hpp"
#include "infra/db/orders_table.hpp"
#include "infra/hyperliquid/signer.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;

namespace {

const utc_time t0 = *parse_iso8601("2026-02-14T12:00:00Z");
constexpr double taker_fee = 0.045 / 100;  // simulation.taker_fee_percent default

struct sim_fixture {
  temp_dir dir;
  std::string url = "sqlite:" + dir.file("sim.db");
  testing::deterministic_system t;
  std::shared_ptr<price_path> path = std::make_shared<price_path>();
  store_actor st = t.sys.spawn(store, t.context, url);
  market_data_actor market;
  exchange_gateway_actor ex;

  sim_fixture() {
    path->add("BTC", t0, 100000)
        .add("BTC", t0 + hours(1), 110000)
        .add("ETH", t0, 2500)
        .add("SOL", t0, 153.37)
        .add("HYPE", t0, 30);
    market = t.sys.spawn(replay_market_data, t.context, std::shared_ptr<const price_path>(path));
    ex = t.sys.spawn(simulated_exchange, t.context, st, market);
    t.run();
  }
  ~sim_fixture() { testing::stop_all(t, ex, market, st); }

  /// The entry of a signal persisted first (orders.signal_id is a foreign key, SPEC §8).
  entry_result execute(entry_request req) {
    req.approved.id = t.ask<std::int64_t>(st, save_atom::value, req.approved);
    return t.ask<entry_result>(ex, execute_atom::value, req);
  }
  /// A position row to close (orders.position_id is a foreign key).
  std::int64_t position_id(const std::string& token) {
    our_position p;
    p.token = token;
    p.status = position_status::open;
    p.opened_at = t0;
    return t.ask<std::int64_t>(st, save_atom::value, p);
  }
  std::optional<order> order_row(const std::string& cloid) {
    database db(url);
    return orders_table(db.session()).find(cloid);
  }
  int order_count() {
    database db(url);
    int n = 0;
    db.session() << "SELECT COUNT(*) FROM orders", soci::into(n);
    return n;
  }
};

entry_request entry(const std::string& token, side s, double usd, order_type type,
                    std::optional<double> trader_leverage = std::nullopt) {
  entry_request req;
  req.approved.token_symbol = token;
  req.approved.position_side = s;
  req.approved.copy_size_usd = usd;
  req.approved.type = type;
  req.approved.outcome = decision::execute;
  req.context.trader_leverage = trader_leverage;
  return req;
}

bool is_cloid(const std::string& c) {
  if (c.size() != 34 || c.rfind("0x", 0) != 0) return false;
  for (std::size_t i = 2; i < c.size(); ++i)
    if (!std::isxdigit(static_cast<unsigned char>(c[i])) || std::isupper(c[i])) return false;
  return true;
}

}  // namespace

TEST_CASE("sim exchange §6/§9.2: a market long fills at mark + slippage, row persisted") {
  sim_fixture f;
  const auto r = f.execute(entry("BTC", side::long_, 10000, order_type::market, 10.0));
  REQUIRE(r.filled);
  CHECK(is_cloid(r.cloid));
  CHECK(r.leverage == 5);                        // min(round(10), max_leverage 5, BTC 40)
  CHECK(r.filled_size == doctest::Approx(0.1));  // 10 000 / 100 000
  const double slip = 0.02 * (1 + 10000.0 / 100000 * 0.5);  // BTC base 0.02 % → 0.021 %
  const double px = 100000 * (1 + slip / 100);              // 100 021
  CHECK(r.avg_price == doctest::Approx(px));
  CHECK(r.fee_usd == doctest::Approx(0.1 * px * taker_fee));  // ≈ 4.50

  const auto row = f.order_row(r.cloid);
  REQUIRE(row);
  CHECK(row->status == order_status::filled);
  CHECK(row->kind == order_kind::entry);
  CHECK(row->signal_id.value_or(0) > 0);
  CHECK(row->is_buy);
  CHECK(row->price == doctest::Approx(100500));  // IOC limit at mark × 1.005
  CHECK(row->size == doctest::Approx(0.1));
  CHECK(row->avg_price == doctest::Approx(px));

  const auto acct = f.t.ask<account_snapshot>(f.ex, account_atom::value);
  CHECK(acct.signed_size_by_token.at("BTC") == doctest::Approx(0.1));
  CHECK(acct.account_value == doctest::Approx(100000 - 0.1 * px * taker_fee));
  REQUIRE(acct.recent_fills.size() == 1);
  CHECK(acct.recent_fills[0].cloid == r.cloid);
}

TEST_CASE("sim exchange §6 step 2-3: a short at default leverage, sell below mark") {
  sim_fixture f;
  const auto r = f.execute(entry("ETH", side::short_, 5000, order_type::market));
  REQUIRE(r.filled);
  CHECK(r.leverage == 3);  // trader leverage unknown → default_leverage 3
  CHECK(r.filled_size == doctest::Approx(2));
  const double slip = 0.03 * (1 + 5000.0 / 100000 * 0.5);
  CHECK(r.avg_price == doctest::Approx(2500 * (1 - slip / 100)));  // 2499.23
  CHECK_FALSE(f.order_row(r.cloid)->is_buy);
  CHECK(f.t.ask<account_snapshot>(f.ex, account_atom::value).signed_size_by_token.at("ETH") ==
        doctest::Approx(-2));
}

TEST_CASE("sim exchange §6 step 3: size is rounded down to szDecimals (SOL: 2)") {
  sim_fixture f;
  const auto r = f.execute(entry("SOL", side::long_, 1000, order_type::market));
  REQUIRE(r.filled);
  CHECK(r.filled_size == doctest::Approx(6.52));  // 1000 / 153.37 = 6.5201…
}

TEST_CASE("sim exchange §6 step 3: under $10 notional is not sent (SKIP_SIZE_ZERO)") {
  sim_fixture f;
  const auto r = f.execute(entry("BTC", side::long_, 5, order_type::market));
  CHECK_FALSE(r.filled);
  CHECK(r.detail.rfind("SKIP_SIZE_ZERO", 0) == 0);
  CHECK(r.cloid.empty());
  CHECK(f.order_count() == 0);
}

TEST_CASE("sim exchange §6: a limit entry fills at once, capped at its limit price") {
  sim_fixture f;
  // Small: slippage 0.15 × 1.015 = 0.15225 % is inside the 0.3 % limit.
  auto r = f.execute(entry("HYPE", side::long_, 3000, order_type::limit));
  REQUIRE(r.filled);
  CHECK(r.filled_size == doctest::Approx(100));
  CHECK(r.avg_price == doctest::Approx(30 * (1 + 0.15 * 1.015 / 100)));
  CHECK(f.order_row(r.cloid)->price == doctest::Approx(30.09));  // GTC at mark × 1.003
  // Large: slippage 0.15 × (1 + 300 000 / 200 000) = 0.375 % > 0.3 % → filled at the limit.
  r = f.execute(entry("HYPE", side::long_, 300000, order_type::limit));
  REQUIRE(r.filled);
  CHECK(r.avg_price == doctest::Approx(30.09));
}

TEST_CASE("sim exchange §6: a market IOC whose simulated fill passes its limit is not filled") {
  sim_fixture f;
  // slippage 0.15 × (1 + 600 000 / 200 000) = 0.6 % > the IOC's 0.5 %.
  const auto r = f.execute(entry("HYPE", side::long_, 600000, order_type::market));
  CHECK_FALSE(r.filled);
  CHECK(r.detail.find("IOC not filled") != std::string::npos);
  const auto row = f.order_row(r.cloid);
  REQUIRE(row);  // it was persisted before the (simulated) send
  CHECK(row->status == order_status::cancelled);
  CHECK(f.t.ask<account_snapshot>(f.ex, account_atom::value).recent_fills.empty());
}

TEST_CASE("sim exchange §11: no mark for the token → not filled, nothing persisted") {
  sim_fixture f;
  const auto r = f.execute(entry("DOGE", side::long_, 1000, order_type::market));
  CHECK_FALSE(r.filled);
  CHECK(r.detail.find("no mark for DOGE") != std::string::npos);
  CHECK(f.order_count() == 0);
  close_request c{f.position_id("DOGE"), "DOGE", side::long_, 100, order_kind::close, "MANUAL"};
  const auto cr = f.t.ask<close_result>(f.ex, close_atom::value, c);
  CHECK(cr.filled_size == 0);
  CHECK_FALSE(cr.complete);
  CHECK(cr.detail.find("no mark for DOGE") != std::string::npos);
}

TEST_CASE("sim exchange §7 close_position: fills at mark − slippage and realizes PnL") {
  sim_fixture f;
  const auto e = f.execute(entry("BTC", side::long_, 10000, order_type::market));
  REQUIRE(e.filled);
  f.t.advance(hours(1));  // BTC 110 000
  const auto pos = f.position_id("BTC");
  close_request c{pos, "BTC", side::long_, 0.1, order_kind::close, "TRAILING_STOP"};
  const auto r = f.t.ask<close_result>(f.ex, close_atom::value, c);
  CHECK(r.complete);
  CHECK(r.filled_size == doctest::Approx(0.1));
  const double px = 110000 * (1 - 0.02 * (1 + 11000.0 / 100000 * 0.5) / 100);  // 109 976.79
  CHECK(r.avg_price == doctest::Approx(px));
  CHECK(r.fee_usd == doctest::Approx(0.1 * px * taker_fee));

  const auto acct = f.t.ask<account_snapshot>(f.ex, account_atom::value);
  CHECK(acct.signed_size_by_token.at("BTC") == doctest::Approx(0));
  const double realized = (px - e.avg_price) * 0.1;  // ≈ 995.58
  CHECK(acct.account_value == doctest::Approx(100000 + realized - e.fee_usd - r.fee_usd));
  REQUIRE(acct.recent_fills.size() == 2);
  const auto row = f.order_row(acct.recent_fills[1].cloid);
  REQUIRE(row);
  CHECK(row->kind == order_kind::close);
  CHECK(row->reduce_only);
  CHECK_FALSE(row->is_buy);
  CHECK(row->position_id == pos);
  CHECK(row->price == doctest::Approx(108900));  // IOC at mark × 0.99
  CHECK(row->status == order_status::filled);
}

TEST_CASE("sim exchange §7: a close of nothing is refused without an order") {
  sim_fixture f;
  close_request c{7, "BTC", side::long_, 0, order_kind::reduce, "PROFIT_TIER_1"};
  const auto r = f.t.ask<close_result>(f.ex, close_atom::value, c);
  CHECK_FALSE(r.complete);
  CHECK(r.detail.find("nothing to close") != std::string::npos);
  CHECK(f.order_count() == 0);
}

TEST_CASE("sim exchange §6 paper: stops are not placed; the position applies them") {
  sim_fixture f;
  stop_request s{7, "BTC", side::long_, 0.1, 95000};
  const auto r = f.t.ask<stop_result>(f.ex, stop_atom::value, s);
  CHECK_FALSE(r.placed);
  CHECK(r.cloid.empty());
  CHECK(r.detail.find("position actor") != std::string::npos);
}

TEST_CASE("sim exchange §6 step 1: a store failure means the order is never sent") {
  temp_dir dir;
  const auto garbage = dir.write("garbage.db", std::string(4096, 'x'));
  testing::deterministic_system t;
  auto st = t.sys.spawn(store, t.context, "sqlite:" + garbage);
  auto path = std::make_shared<price_path>();
  path->add("BTC", t0, 100000);
  auto market = t.sys.spawn(replay_market_data, t.context, std::shared_ptr<const price_path>(path));
  auto ex = t.sys.spawn(simulated_exchange, t.context, st, market);
  const auto r = t.ask<entry_result>(ex, execute_atom::value,
                                     entry("BTC", side::long_, 10000, order_type::market));
  CHECK_FALSE(r.filled);
  CHECK(r.detail.find("order not persisted") != std::string::npos);
  CHECK(t.ask<account_snapshot>(ex, account_atom::value).recent_fills.empty());
  testing::stop_all(t, ex, market, st);
}

TEST_CASE("sim exchange §6 step 1: cloids are fresh and repeatable under a fixed anchor") {
  sim_fixture a;
  sim_fixture b;
  const auto ra = a.execute(entry("ETH", side::long_, 5000, order_type::market));
  const auto ra2 = a.execute(entry("ETH", side::long_, 5000, order_type::market));
  const auto rb = b.execute(entry("ETH", side::long_, 5000, order_type::market));
  CHECK(ra.cloid != ra2.cloid);
  CHECK(ra.cloid == rb.cloid);  // same anchor, same seed: a backtest replays identically
}

// -- live gateway against fake_hyperliquid (real sockets, signatures recovered by the fake) ---

namespace {

const char* const agent_key = "0x0123456789012345678901234567890123456789012345678901234567890123";
const std::string master = "0x5e9ee1089755c3435139848e47e6635505d5a13a";

settings live_exchange_settings(const fakes::fake_hyperliquid& fake, const std::string& key) {
  settings s;
  s.mode = run_mode::live;
  s.hyperliquid.base_url = fake.base_url();
  s.hyperliquid.private_key = key;
  s.hyperliquid.account_address = master;
  s.http.ca_file = fake.ca_file();
  return s;
}

live_exchange_options fast_live_options() {
  live_exchange_options o;
  o.read_timeout = std::chrono::milliseconds(400);  // the fake's late reply comes after 1200 ms
  o.total_timeout = std::chrono::milliseconds(1500);
  o.max_status_checks = 3;
  return o;
}

struct live_fixture {
  temp_dir dir;
  std::string url = "sqlite:" + dir.file("live.db");
  fakes::fake_hyperliquid fake;
  testing::deterministic_system t;
  store_actor st;
  exchange_gateway_actor ex;

  explicit live_fixture(const std::string& key = agent_key) : t(live_exchange_settings(fake, key)) {
    fake.add_agent(hyperliquid::private_key::from_hex(agent_key).address(), master);
    fake.set_account_value(master, 10000);
    st = t.sys.spawn(store, t.context, url);
    ex = spawn_exchange_gateway(t.sys, t.context, st, fast_live_options());
    t.run();
  }
  ~live_fixture() { testing::stop_all(t, ex, st); }

  entry_result execute(entry_request req) {
    req.approved.id = t.ask<std::int64_t>(st, save_atom::value, req.approved);
    return t.ask<entry_result>(ex, execute_atom::value, req);
  }
  std::int64_t position_id(const std::string& token) {
    our_position p;
    p.token = token;
    p.status = position_status::open;
    p.opened_at = t0;
    return t.ask<std::int64_t>(st, save_atom::value, p);
  }
  std::optional<order> order_row(const std::string& cloid) {
    database db(url);
    return orders_table(db.session()).find(cloid);
  }
};

}  // namespace

TEST_CASE("live exchange §6: isolated leverage, IOC entry, reduce-only stop, then a close") {
  live_fixture f;
  // ETH mark 3000 on the fake; $300 → 0.1 ETH (szDecimals 4); trader leverage 4.4 → 4x.
  const auto e = f.execute(entry("ETH", side::long_, 300, order_type::market, 4.4));
  REQUIRE(e.filled);
  CHECK(e.leverage == 4);
  CHECK(f.fake.leverage(master, "ETH") == std::make_pair(4, false));  // isolated (§6 step 2)
  CHECK(e.filled_size == doctest::Approx(0.1));
  CHECK(e.avg_price == doctest::Approx(3000));
  CHECK(e.fee_usd == doctest::Approx(300 * taker_fee));
  const auto sent = f.fake.order_by_cloid(master, e.cloid);
  REQUIRE(sent);
  CHECK(sent->tif == "Ioc");
  CHECK(sent->limit_px == doctest::Approx(3015));  // mark × 1.005
  auto row = f.order_row(e.cloid);
  REQUIRE(row);
  CHECK(row->status == order_status::filled);
  CHECK(row->exchange_oid == sent->oid);

  const auto pos = f.position_id("ETH");
  const auto s = f.t.ask<stop_result>(f.ex, stop_atom::value,
                                      stop_request{pos, "ETH", side::long_, 0.1, 2850});
  REQUIRE(s.placed);
  const auto stop = f.fake.order_by_cloid(master, s.cloid);
  REQUIRE(stop);
  CHECK(stop->is_trigger);
  CHECK(stop->tpsl == "sl");
  CHECK(stop->reduce_only);
  CHECK_FALSE(stop->is_buy);
  CHECK(stop->trigger_px == doctest::Approx(2850));
  CHECK(f.order_row(s.cloid)->status == order_status::resting);

  const auto acct = f.t.ask<account_snapshot>(f.ex, account_atom::value);
  CHECK(acct.signed_size_by_token.at("ETH") == doctest::Approx(0.1));
  CHECK(acct.recent_fills.size() == 1);

  // SPEC §7.3 ratchet: a tighter stop replaces the old one (placed first, then the old cancelled).
  const auto s2 = f.t.ask<stop_result>(f.ex, stop_atom::value,
                                       stop_request{pos, "ETH", side::long_, 0.1, 2900});
  REQUIRE(s2.placed);
  CHECK(f.fake.order_by_cloid(master, s.cloid)->status == "canceled");
  CHECK(f.fake.order_by_cloid(master, s2.cloid)->trigger_px == doctest::Approx(2900));

  f.fake.set_mark("ETH", 3100);
  const auto c = f.t.ask<close_result>(
      f.ex, close_atom::value,
      close_request{pos, "ETH", side::long_, 0.1, order_kind::close, "MANUAL"});
  CHECK(c.complete);
  CHECK(c.filled_size == doctest::Approx(0.1));
  CHECK(c.avg_price == doctest::Approx(3100));
  CHECK_FALSE(f.fake.position(master, "ETH"));
  CHECK(f.fake.order_by_cloid(master, s2.cloid)->status == "canceled");  // its stop is gone
}

TEST_CASE("live exchange §6 step 5: a timed-out entry is resolved by cloid, never re-sent") {
  live_fixture f;
  REQUIRE(f.execute(entry("ETH", side::long_, 300, order_type::market)).filled);  // sets 3x
  const auto orders_before = f.fake.order_count();
  f.fake.delay_next_exchange_reply(std::chrono::milliseconds(1200));
  const auto e = f.execute(entry("ETH", side::long_, 300, order_type::market));
  CHECK(e.filled);
  CHECK(e.filled_size == doctest::Approx(0.1));
  CHECK(f.fake.order_count() == orders_before + 1);  // exactly one order: no blind re-send
  CHECK(f.fake.position(master, "ETH")->szi == doctest::Approx(0.2));
  const auto row = f.order_row(e.cloid);
  REQUIRE(row);
  CHECK(row->status == order_status::filled);
}

TEST_CASE("live exchange §11: a rejected entry is not filled and its row says rejected") {
  live_fixture f;
  // $300 000 of ETH at 3x on a $10 000 account: the exchange refuses it for margin.
  const auto e = f.execute(entry("ETH", side::long_, 300000, order_type::market));
  CHECK_FALSE(e.filled);
  CHECK(e.detail.find("rejected") != std::string::npos);
  const auto row = f.order_row(e.cloid);
  REQUIRE(row);
  CHECK(row->status == order_status::rejected);
  CHECK_FALSE(f.fake.position(master, "ETH"));
}

TEST_CASE("live exchange §6 step 3: under $10, unknown asset, nothing to close") {
  live_fixture f;
  auto e = f.execute(entry("ETH", side::long_, 5, order_type::market));
  CHECK_FALSE(e.filled);
  CHECK(e.detail.rfind("SKIP_SIZE_ZERO", 0) == 0);
  e = f.execute(entry("NOPE", side::long_, 500, order_type::market));
  CHECK_FALSE(e.filled);
  CHECK(e.detail.find("unknown asset NOPE") != std::string::npos);
  CHECK(f.fake.order_count() == 0);
  const auto c = f.t.ask<close_result>(
      f.ex, close_atom::value,
      close_request{f.position_id("SOL"), "SOL", side::long_, 5, order_kind::close, "MANUAL"});
  CHECK_FALSE(c.complete);
  CHECK(c.detail.find("holds no SOL position") != std::string::npos);
}

TEST_CASE("live exchange §11: a malformed private key refuses orders without printing it") {
  live_fixture f("0xnot-a-key-secret");
  const auto e = f.execute(entry("ETH", side::long_, 300, order_type::market));
  CHECK_FALSE(e.filled);
  CHECK(e.detail.find("no usable hyperliquid.private_key") != std::string::npos);
  CHECK(e.detail.find("not-a-key-secret") == std::string::npos);
  CHECK(f.fake.order_count() == 0);
}

TEST_CASE("live exchange §8: resolve by cloid — never sent, filled unrecorded, resting stop") {
  live_fixture f;
  const auto e = f.execute(entry("ETH", side::long_, 300, order_type::market));
  REQUIRE(e.filled);
  CHECK(f.t.ask<account_snapshot>(f.ex, account_atom::value).authoritative);
  const auto orders_before = f.fake.order_count();

  // A row stored before a crash whose order never reached the exchange.
  order lost = *f.order_row(e.cloid);
  lost.cloid = "0x0000000000000000000000000000dead";
  lost.status = order_status::pending;
  lost.filled_size = lost.avg_price = 0;
  const auto never = f.t.ask<order>(f.ex, resolve_atom::value, lost);
  CHECK(never.status == order_status::cancelled);
  CHECK(f.order_row(lost.cloid)->status == order_status::cancelled);

  // The filled entry, as a crash left it (pending in the row): the exchange's fill is taken.
  order unrecorded = *f.order_row(e.cloid);
  unrecorded.status = order_status::pending;
  unrecorded.filled_size = unrecorded.avg_price = 0;
  const auto filled = f.t.ask<order>(f.ex, resolve_atom::value, unrecorded);
  CHECK(filled.status == order_status::filled);
  CHECK(filled.filled_size == doctest::Approx(0.1));
  CHECK(filled.avg_price == doctest::Approx(3000));

  // A resting stop stays on the book.
  const auto pos = f.position_id("ETH");
  const auto s = f.t.ask<stop_result>(f.ex, stop_atom::value,
                                      stop_request{pos, "ETH", side::long_, 0.1, 2850});
  REQUIRE(s.placed);
  auto stop_row = *f.order_row(s.cloid);
  stop_row.status = order_status::ambiguous;
  CHECK(f.t.ask<order>(f.ex, resolve_atom::value, stop_row).status == order_status::resting);
  CHECK(f.fake.order_by_cloid(master, s.cloid)->status == "open");
  CHECK(f.fake.order_count() == orders_before + 1);  // only the stop: resolving sends nothing
}
