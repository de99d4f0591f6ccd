// SPEC §7 (marks pushed to positions) and §9.2 (the replayed price path): the replay market data
// reaches each price change with a timer on the simulated clock.
#include <doctest/doctest.h>

#include "actors/market_data.hpp"
#include "actors/replay_market_data.hpp"
#include "engine/gw_test_support.hpp"
#include "fakes/fake_hyperliquid.hpp"

using namespace smartcopy;

namespace {

const utc_time t0 = *parse_iso8601("2026-02-14T12:00:00Z");

struct market_fixture {
  testing::deterministic_system t;
  std::shared_ptr<price_path> path = std::make_shared<price_path>();
  std::vector<market_data_actor> spawned;
  ~market_fixture() {
    for (const auto& m : spawned) testing::stop_all(t, m);
  }
  market_data_actor spawn() {
    auto m = t.sys.spawn(replay_market_data, t.context, std::shared_ptr<const price_path>(path));
    t.run();  // initialize at t0 (the test scheduler runs an actor's start lazily)
    spawned.push_back(m);
    return m;
  }
  std::pair<position_actor, std::shared_ptr<testing::received_marks>> recorder() {
    auto marks = std::make_shared<testing::received_marks>();
    return {t.sys.spawn(testing::mark_recorder, marks), marks};
  }
  double mark(const market_data_actor& m, const std::string& token) {
    return t.ask<double>(m, mark_atom::value, token);
  }
};

}  // namespace

TEST_CASE("replay market §9.2: mark is the latest price at or before now") {
  market_fixture f;
  f.path->add("BTC", t0 - minutes(1), 100000).add("BTC", t0 + minutes(2), 101500);
  auto m = f.spawn();
  CHECK(f.mark(m, "BTC") == doctest::Approx(100000));
  f.t.advance(minutes(1));
  CHECK(f.mark(m, "BTC") == doctest::Approx(100000));
  f.t.advance(minutes(1));
  CHECK(f.mark(m, "BTC") == doctest::Approx(101500));
}

TEST_CASE("replay market §11: no mark for a token yet, or an unknown token, is an error") {
  market_fixture f;
  f.path->add("ETH", t0 + minutes(5), 2500);
  auto m = f.spawn();
  CHECK(testing::ask_error<double>(f.t, m, mark_atom::value, std::string("ETH"))
            .find("no mark for ETH at 2026-02-14T12:00:00.000Z") != std::string::npos);
  CHECK(testing::ask_error<double>(f.t, m, mark_atom::value, std::string("DOGE"))
            .find("no mark for DOGE") != std::string::npos);
  f.t.advance(minutes(5));
  CHECK(f.mark(m, "ETH") == doctest::Approx(2500));
}

TEST_CASE("replay market §7: each change is pushed to the token's subscribers only") {
  market_fixture f;
  f.path->add("BTC", t0, 100000)
      .add("BTC", t0 + minutes(1), 101000)
      .add("ETH", t0 + minutes(2), 2600)
      .add("BTC", t0 + minutes(3), 99000);
  auto m = f.spawn();
  auto [btc_pos, btc_marks] = f.recorder();
  auto [eth_pos, eth_marks] = f.recorder();
  f.t.self->send(m, subscribe_atom::value, std::string("BTC"), btc_pos);
  f.t.self->send(m, subscribe_atom::value, std::string("ETH"), eth_pos);
  f.t.run();
  CHECK(btc_marks->empty());  // nothing changed since the subscription

  f.t.advance(minutes(1));
  REQUIRE(btc_marks->size() == 1);
  CHECK(btc_marks->at(0) == std::make_pair(std::string("BTC"), 101000.0));
  f.t.advance_to(t0 + minutes(3));
  REQUIRE(btc_marks->size() == 2);
  CHECK(btc_marks->at(1).second == doctest::Approx(99000));
  REQUIRE(eth_marks->size() == 1);
  CHECK(eth_marks->at(0) == std::make_pair(std::string("ETH"), 2600.0));
}

TEST_CASE("replay market §7: an unsubscribed position gets no more marks") {
  market_fixture f;
  f.path->add("SOL", t0 + minutes(1), 150).add("SOL", t0 + minutes(2), 155);
  auto m = f.spawn();
  auto [pos, marks] = f.recorder();
  f.t.self->send(m, subscribe_atom::value, std::string("SOL"), pos);
  f.t.self->send(m, subscribe_atom::value, std::string("SOL"), pos);  // twice: one entry
  f.t.advance(minutes(1));
  CHECK(marks->size() == 1);
  f.t.self->send(m, unsubscribe_atom::value, std::string("SOL"), pos);
  f.t.advance(minutes(1));
  CHECK(marks->size() == 1);
}

TEST_CASE("replay market: a terminated subscriber is dropped") {
  market_fixture f;
  f.path->add("HYPE", t0 + minutes(1), 30);
  auto m = f.spawn();
  auto [pos, marks] = f.recorder();
  f.t.self->send(m, subscribe_atom::value, std::string("HYPE"), pos);
  f.t.run();
  CHECK(testing::state_of<replay_market_data_state>(m).subscribers.by_token().at("HYPE").size() ==
        1);
  f.t.self->send_exit(pos, caf::exit_reason::user_shutdown);
  f.t.run();
  CHECK(testing::state_of<replay_market_data_state>(m).subscribers.by_token().at("HYPE").empty());
  f.t.advance(minutes(1));  // nothing to push to; no crash
  CHECK(f.mark(m, "HYPE") == doctest::Approx(30));
}

TEST_CASE("replay market §9.2: a clock jump over several points pushes each, in order") {
  market_fixture f;
  f.path->add("BTC", t0 + minutes(1), 100000)
      .add("BTC", t0 + minutes(1) + seconds(15), 98000)   // adverse extreme of a candle
      .add("BTC", t0 + minutes(1) + seconds(30), 103000)  // favourable extreme
      .add("BTC", t0 + minutes(1) + seconds(45), 101000);
  auto m = f.spawn();
  auto [pos, marks] = f.recorder();
  f.t.self->send(m, subscribe_atom::value, std::string("BTC"), pos);
  f.t.run();
  f.t.advance(minutes(5));
  REQUIRE(marks->size() == 4);
  CHECK(marks->at(0).second == doctest::Approx(100000));
  CHECK(marks->at(1).second == doctest::Approx(98000));
  CHECK(marks->at(2).second == doctest::Approx(103000));
  CHECK(marks->at(3).second == doctest::Approx(101000));
}

TEST_CASE("replay market: an extra tick neither duplicates pushes nor timers") {
  market_fixture f;
  f.path->add("BTC", t0 + minutes(1), 101000).add("BTC", t0 + minutes(2), 102000);
  auto m = f.spawn();
  auto [pos, marks] = f.recorder();
  f.t.self->send(m, subscribe_atom::value, std::string("BTC"), pos);
  f.t.self->send(m, tick_atom::value);
  f.t.self->send(m, tick_atom::value);
  f.t.run();
  CHECK(marks->empty());
  f.t.advance(minutes(2));
  REQUIRE(marks->size() == 2);
  CHECK(marks->at(1).second == doctest::Approx(102000));
  CHECK(f.t.sched.has_pending_timeout() == false);  // the path is over: no timer left
}

// -- live market data against fake_hyperliquid (real sockets) ---------------------------------

namespace {

settings live_market_settings(const std::string& base_url, const std::string& ca_file) {
  settings s;
  s.hyperliquid.base_url = base_url;
  s.http.ca_file = ca_file;
  s.polling.monitor_sec = 30;
  return s;
}

struct live_market_fixture {
  fakes::fake_hyperliquid fake;
  testing::deterministic_system t{live_market_settings(fake.base_url(), fake.ca_file())};
  market_data_actor m = spawn_market_data(t.sys, t.context);
  live_market_fixture() { t.run(); }  // the first poll
  ~live_market_fixture() { testing::stop_all(t, m); }
  std::size_t all_mids_requests() {
    std::size_t n = 0;
    for (const auto& r : fake.requests())
      if (r.body.find("allMids") != std::string::npos) ++n;
    return n;
  }
};

}  // namespace

TEST_CASE("live market §4 step 5: mark is Hyperliquid's mid from allMids") {
  live_market_fixture f;
  CHECK(f.t.ask<double>(f.m, mark_atom::value, std::string("BTC")) == doctest::Approx(60000));
  f.fake.add_asset("HYPE", 2, 10, 31.5);  // not yet polled: asked for, polled once
  CHECK(f.t.ask<double>(f.m, mark_atom::value, std::string("HYPE")) == doctest::Approx(31.5));
  const auto err = testing::ask_error<double>(f.t, f.m, mark_atom::value, std::string("NOPE"));
  CHECK(err.find("no mark for NOPE") != std::string::npos);
}

TEST_CASE("live market §7: every monitor_sec poll pushes marks to subscribers") {
  live_market_fixture f;
  auto marks = std::make_shared<testing::received_marks>();
  auto pos = f.t.sys.spawn(testing::mark_recorder, marks);
  f.t.self->send(f.m, subscribe_atom::value, std::string("ETH"), pos);
  f.t.run();
  const auto polls = f.all_mids_requests();
  f.fake.set_mark("ETH", 3100);
  f.t.advance(std::chrono::seconds(30));
  REQUIRE(marks->size() == 1);
  CHECK(marks->at(0) == std::make_pair(std::string("ETH"), 3100.0));
  f.fake.set_mark("ETH", 3050);
  f.t.advance(std::chrono::seconds(30));
  REQUIRE(marks->size() == 2);
  CHECK(marks->at(1).second == doctest::Approx(3050));
  CHECK(f.all_mids_requests() == polls + 2);  // one poll per period

  // An extra tick polls once more but does not start a second timer chain.
  f.t.self->send(f.m, tick_atom::value);
  f.t.run();
  f.t.advance(std::chrono::seconds(30));
  CHECK(f.all_mids_requests() == polls + 4);

  // Unsubscribed: later polls push nothing more.
  f.t.self->send(f.m, unsubscribe_atom::value, std::string("ETH"), pos);
  f.t.advance(std::chrono::seconds(30));
  CHECK(marks->size() == 4);
  testing::stop_all(f.t, pos);
}

TEST_CASE("live market §11: an unreachable API gives a clear error, no crash") {
  testing::deterministic_system t{live_market_settings("https://127.0.0.1:1", "")};
  auto m = spawn_market_data(t.sys, t.context);
  const auto err = testing::ask_error<double>(t, m, mark_atom::value, std::string("BTC"));
  CHECK(err.find("no mark for BTC: ") != std::string::npos);
  testing::stop_all(t, m);
}
