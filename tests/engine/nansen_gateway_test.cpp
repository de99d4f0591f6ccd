// SPEC §9.1/§9.2: the replay Nansen gateway answers from a dataset as of the actor clock's now;
// SPEC §4: trades are aggregated and newest first. The live gateway is tested against
// fake_nansen over real sockets further below.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "actors/nansen_gateway.hpp"
#include "actors/replay_nansen_gateway.hpp"
#include "engine/gw_test_support.hpp"
#include "fakes/fake_nansen.hpp"

using namespace smartcopy;

namespace {

const utc_time t0 = *parse_iso8601("2026-02-14T12:00:00Z");  // the fixture's start
const std::string trader = "0xd5250cc230db2c654a03023a8ed3a2b67a123f41";

struct replay_fixture {
  testing::deterministic_system t;
  std::shared_ptr<trader_dataset> data = std::make_shared<trader_dataset>();
  nansen_gateway_actor spawn() {
    return t.sys.spawn(replay_nansen_gateway, t.context,
                       std::shared_ptr<const trader_dataset>(data));
  }
  std::vector<trade> trades(const nansen_gateway_actor& g, utc_time from) {
    return t.ask<std::vector<trade>>(g, trades_atom::value, trader, from);
  }
  trader_snapshot positions(const nansen_gateway_actor& g) {
    return t.ask<trader_snapshot>(g, positions_atom::value, trader);
  }
};

}  // namespace

TEST_CASE("replay nansen §9.2: a trade becomes visible once its time is reached") {
  replay_fixture f;
  f.data->add_trade(
      trade_row(trader, "BTC", trade_action::open, side::long_, 1, 98000, t0 - hours(1)));
  f.data->add_trade(
      trade_row(trader, "ETH", trade_action::open, side::short_, 10, 2500, t0 + minutes(10)));
  auto g = f.spawn();
  auto visible = f.trades(g, t0 - hours(2));
  REQUIRE(visible.size() == 1);
  CHECK(visible[0].token == "BTC");

  f.t.advance(minutes(10));
  visible = f.trades(g, t0 - hours(2));
  REQUIRE(visible.size() == 2);
  CHECK(visible[0].token == "ETH");  // newest first
  CHECK(visible[1].token == "BTC");
  // `from` bounds the answer from below.
  CHECK(f.trades(g, t0 - minutes(30)).size() == 1);
}

TEST_CASE("replay nansen §4: rows of one transaction aggregate into one trade") {
  replay_fixture f;
  const auto at = t0 - minutes(5);
  f.data->add_trade(
      trade_row(trader, "BTC", trade_action::open, side::long_, 0.5, 100000, at, 0, "0xtx1"));
  f.data->add_trade(
      trade_row(trader, "BTC", trade_action::open, side::long_, 1.5, 100400, at, 0.5, "0xtx1"));
  auto trades = f.trades(f.spawn(), t0 - hours(1));
  REQUIRE(trades.size() == 1);
  CHECK(trades[0].size == doctest::Approx(2.0));
  CHECK(trades[0].value_usd == doctest::Approx(50000 + 150600));
  CHECK(trades[0].price == doctest::Approx(200600.0 / 2.0));  // value-weighted: 100300
  CHECK(trades[0].key() == "0xtx1:BTC:Open:Long");
}

TEST_CASE("replay nansen §9.1: positions are rebuilt from start_position ± size") {
  replay_fixture f;
  f.data->add_trade(
      trade_row(trader, "BTC", trade_action::open, side::long_, 2, 100000, t0 - hours(2), 0));
  f.data->add_trade(
      trade_row(trader, "ETH", trade_action::open, side::short_, 10, 2500, t0 - hours(1), 0));
  f.data->add_trade(
      trade_row(trader, "BTC", trade_action::reduce, side::long_, 0.5, 104000, t0 + minutes(5), 2));
  f.data->add_trade(
      trade_row(trader, "ETH", trade_action::close, side::short_, 10, 2400, t0 + minutes(10), -10));
  f.data->set_account_value(trader, 800000);
  auto g = f.spawn();

  auto snap = f.positions(g);
  CHECK(snap.account_value == doctest::Approx(800000));
  CHECK(snap.taken_at == t0);
  REQUIRE(snap.positions.size() == 2);
  const auto* btc = snap.find("BTC", side::long_);
  REQUIRE(btc);
  CHECK(btc->size == doctest::Approx(2));
  CHECK(btc->position_value_usd == doctest::Approx(200000));
  const auto* eth = snap.find("ETH", side::short_);
  REQUIRE(eth);
  CHECK(eth->size == doctest::Approx(10));
  CHECK(eth->position_value_usd == doctest::Approx(25000));

  f.t.advance(minutes(5));  // the Reduce: 2 − 0.5 = 1.5 BTC valued at the reduce price
  snap = f.positions(g);
  CHECK(snap.find("BTC", side::long_)->size == doctest::Approx(1.5));
  CHECK(snap.find("BTC", side::long_)->position_value_usd == doctest::Approx(156000));

  f.t.advance(minutes(5));  // the Close: −10 + 10 = 0, so no ETH position
  snap = f.positions(g);
  CHECK(snap.find("ETH", side::short_) == nullptr);
  CHECK(snap.positions.size() == 1);
}

TEST_CASE("replay nansen §9.1: account value falls back to the leaderboard") {
  replay_fixture f;
  f.data->add_leaderboard_row(7, leaderboard_entry(trader, 12.5, 0));
  f.data->add_leaderboard_row(30, leaderboard_entry(trader, 40, 650000));
  auto g = f.spawn();
  CHECK(f.positions(g).account_value == doctest::Approx(650000));
  const auto unknown = f.t.ask<trader_snapshot>(g, positions_atom::value, std::string("0xnone"));
  CHECK(unknown.account_value == 0);
  CHECK(unknown.positions.empty());
  CHECK(f.t.ask<std::vector<trade>>(g, trades_atom::value, std::string("0xnone"), t0 - hours(1))
            .empty());
}

TEST_CASE("replay nansen §3: leaderboard per window and smart-money feed; a missing window errs") {
  replay_fixture f;
  f.data->add_leaderboard_row(30, leaderboard_entry(trader, 40, 650000, 180000));
  f.data->add_leaderboard_row(30, leaderboard_entry("0xBBB", 25, 300000, 60000));
  f.data->add_smart_money("0xCCC");
  auto g = f.spawn();
  const auto rows = f.t.ask<std::vector<leaderboard_row>>(g, leaderboard_atom::value, 30);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].trader_address == "0xbbb");  // addresses are lower-cased
  CHECK(rows[1].roi == doctest::Approx(25));
  CHECK(f.t.ask<std::vector<std::string>>(g, smart_money_atom::value) ==
        std::vector<std::string>{"0xccc"});
  const auto err =
      testing::ask_error<std::vector<leaderboard_row>>(f.t, g, leaderboard_atom::value, 7);
  CHECK(err.find("no 7-day leaderboard") != std::string::npos);
}

// -- live gateway against fake_nansen (real sockets, TLS with the fake's CA) ------------------

namespace {

namespace json = boost::json;

settings live_settings(const fakes::fake_nansen& fake, std::string key) {
  settings s;
  s.nansen.base_url = fake.base_url();
  s.nansen.api_key = std::move(key);
  s.nansen.requests_per_second = 0;  // no client-side limit in tests
  s.nansen.requests_per_minute = 0;
  s.nansen.timeout_sec = 5;
  s.nansen.max_retries = 0;
  s.http.ca_file = fake.ca_file();
  return s;
}

struct live_fixture {
  fakes::fake_nansen fake;
  testing::deterministic_system t;
  nansen_gateway_actor g;
  explicit live_fixture(std::string key = fakes::fake_nansen::default_api_key)
      : t(live_settings(fake, std::move(key))) {
    g = spawn_nansen_gateway(t.sys, t.context);  // not detached under the test scheduler
  }
  ~live_fixture() { testing::stop_all(t, g); }
};

json::object nansen_trade(const char* ts, const char* tx, double size, double price,
                          const char* action = "Open") {
  return {{"action", action},       {"side", "Long"}, {"token_symbol", "BTC"},
          {"size", size},           {"price", price}, {"timestamp", ts},
          {"transaction_hash", tx}, {"user", trader}, {"start_position", 0.0}};
}

}  // namespace

TEST_CASE("live nansen §3: leaderboard window of N days ending now, date-only") {
  live_fixture f;
  f.fake.set_leaderboard({{{"trader_address", trader},
                           {"total_pnl", 180000.0},
                           {"roi", 40.0},
                           {"account_value", 650000.0},
                           {"trader_address_label", "Fund"}}});
  const auto rows = f.t.ask<std::vector<leaderboard_row>>(f.g, leaderboard_atom::value, 7);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].trader_address == trader);
  CHECK(rows[0].roi == doctest::Approx(40));
  CHECK(rows[0].account_value == doctest::Approx(650000));
  const auto bodies = f.fake.request_bodies("perp-leaderboard");
  REQUIRE(bodies.size() == 1);
  const auto& date = bodies[0].at("date").as_object();
  CHECK(date.at("from").as_string() == "2026-02-07");
  CHECK(date.at("to").as_string() == "2026-02-14");
}

TEST_CASE("live nansen §4: trades since `from` (full datetime), aggregated, newest first") {
  live_fixture f;
  f.fake.set_trades(trader, {nansen_trade("2026-02-14T11:10:00", "0xa", 0.5, 100000),
                             nansen_trade("2026-02-14T11:10:00", "0xa", 1.5, 100400),
                             nansen_trade("2026-02-14T11:40:00", "0xb", 1.0, 101000, "Add")});
  const auto trades = f.t.ask<std::vector<trade>>(f.g, trades_atom::value, trader,
                                                  *parse_iso8601("2026-02-14T11:00:00Z"));
  REQUIRE(trades.size() == 2);
  CHECK(trades[0].key() == "0xb:BTC:Add:Long");  // newest first
  CHECK(trades[1].key() == "0xa:BTC:Open:Long");
  CHECK(trades[1].size == doctest::Approx(2.0));
  CHECK(trades[1].price == doctest::Approx(100300));  // (50 000 + 150 600) / 2
  const auto bodies = f.fake.request_bodies("profiler/perp-trades");
  REQUIRE(bodies.size() == 1);
  const auto& date = bodies[0].at("date").as_object();
  CHECK(date.at("from").as_string() == "2026-02-14T11:00:00Z");
  CHECK(date.at("to").as_string() == "2026-02-14T12:00:00Z");
}

TEST_CASE("live nansen §4 step 3: positions snapshot with the account value") {
  live_fixture f;
  json::object position{{"token_symbol", "BTC"},          {"size", "1.75000"},
                        {"position_value_usd", "173460"}, {"entry_price_usd", "97233"},
                        {"leverage_value", 10},           {"unrealized_pnl_usd", "3302.25"}};
  json::object data{{"asset_positions", json::array{json::object{{"position", position}}}},
                    {"margin_summary_account_value_usd", "1284517.33"}};
  f.fake.set_positions(trader, data);
  const auto snap = f.t.ask<trader_snapshot>(f.g, positions_atom::value, trader);
  CHECK(snap.address == trader);
  CHECK(snap.account_value == doctest::Approx(1284517.33));
  CHECK(snap.taken_at == *parse_iso8601("2026-02-14T12:00:00Z"));
  const auto* btc = snap.find("BTC", side::long_);
  REQUIRE(btc);
  CHECK(btc->size == doctest::Approx(1.75));
  CHECK(btc->position_value_usd == doctest::Approx(173460));
  CHECK(btc->leverage == doctest::Approx(10));
}

TEST_CASE("live nansen §3: smart-money feed gives distinct addresses") {
  live_fixture f;
  auto row = [](const char* address, const char* tx) {
    return json::object{{"trader_address", address}, {"trader_address_label", "Fund"},
                        {"token_symbol", "HYPE"},    {"side", "Long"},
                        {"action", "Open"},          {"token_amount", 2500.0},
                        {"price_usd", 38.412},       {"value_usd", 96030.0},
                        {"type", "Market"},          {"block_timestamp", "2026-02-14T11:58:40"},
                        {"transaction_hash", tx}};
  };
  const std::string a = "0x9ea2779ff9dc55abca22b7395b25e41923c52b34";
  const std::string b = "0x335faa16f371f10eac3fe1683f7c77b3ad4b828e";
  f.fake.set_smart_money_trades(
      {row(a.c_str(), "0x1"), row(b.c_str(), "0x2"), row(a.c_str(), "0x3")});
  CHECK(f.t.ask<std::vector<std::string>>(f.g, smart_money_atom::value) ==
        std::vector<std::string>{a, b});
}

TEST_CASE("live nansen §11: 401 (bad key) is a clear error without the key") {
  live_fixture f("wrong-secret-key");
  const auto err =
      testing::ask_error<trader_snapshot>(f.t, f.g, positions_atom::value, std::string(trader));
  CHECK(err.find("positions of " + trader + " failed") != std::string::npos);
  CHECK(err.find("HTTP 401") != std::string::npos);
  CHECK(err.find("Invalid API key") != std::string::npos);
  CHECK(err.find("wrong-secret-key") == std::string::npos);
  // The gateway is still there.
  f.fake.set_leaderboard({});
  CHECK(testing::ask_error<std::vector<leaderboard_row>>(f.t, f.g, leaderboard_atom::value, 30)
            .find("HTTP 401") != std::string::npos);
}

TEST_CASE("live nansen §11: 422 carries the server's message") {
  live_fixture f;
  fakes::reply r;
  r.status = 422;
  r.body = R"({"message":"Field 'date.from' is not a date"})";
  f.fake.script("profiler/perp-trades", r);
  const auto err = testing::ask_error<std::vector<trade>>(f.t, f.g, trades_atom::value,
                                                          std::string(trader), t0 - hours(1));
  CHECK(err.find("HTTP 422") != std::string::npos);
  CHECK(err.find("is not a date") != std::string::npos);
  CHECK(f.fake.requests("profiler/perp-trades").size() == 1);  // configuration errors: no retry
}
