// The info and exchange clients end to end against fakes::fake_hyperliquid over loopback HTTPS:
// signatures are checked by recovery on the server side, orders round-trip, and the outcome
// policy of SPEC §6 step 5 (accepted / rejected / ambiguous) holds on the wire.
#include <doctest/doctest.h>

#include <atomic>

#include <boost/json.hpp>

#include "infra/hyperliquid/exchange_client.hpp"
#include "infra/hyperliquid/info_client.hpp"
#include "infra/hyperliquid/order_builders.hpp"
#include "tests/fakes/fake_hyperliquid.hpp"

using namespace smartcopy;
using namespace smartcopy::hyperliquid;
using std::chrono::milliseconds;

namespace {

const char* const agent_key = "0x0123456789012345678901234567890123456789012345678901234567890123";
const char* const other_key = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
const std::string master = "0x5e9ee1089755c3435139848e47e6635505d5a13a";

std::string cloid(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "0x%032x", n);
  return buf;
}

struct world {
  fakes::fake_hyperliquid fake;
  std::atomic<std::int64_t> clock{1'700'000'000'000};
  exchange_client exchange;
  info_client info;
  asset_universe universe;

  explicit world(network net = network::mainnet, const char* key = agent_key)
      : exchange(options(net), private_key::from_hex(key)), info(info_opts()) {
    fake.add_agent(private_key::from_hex(agent_key).address(), master);
    fake.set_account_value(master, 10'000);
    fake.set_clock([this] { return clock.load(); });
    universe = asset_universe(info.meta());
  }

  exchange_options options(network net) {
    exchange_options o;
    o.net = net;
    o.base_url = fake.base_url();
    o.http.ca_file = fake.ca_file();
    o.http.read_timeout = milliseconds(400);
    o.http.total_timeout = milliseconds(1500);
    o.now_ms = [this] { return clock.load(); };
    return o;
  }

  info_options info_opts() {
    info_options o;
    o.base_url = fake.base_url();
    o.http.ca_file = fake.ca_file();
    return o;
  }

  const asset_meta& eth() { return *universe.find("ETH"); }

  exchange_result ioc_buy_eth(double sz, const std::string& id) {
    return exchange.place_orders(
        {make_limit_order(eth(), true, 3000 * 1.005, sz, time_in_force::ioc, false, id)});
  }
};

}  // namespace

TEST_CASE(
    "SPEC §6 steps 2-4: leverage, IOC entry and reduce-only stop round-trip, signer recovered") {
  world w;
  CHECK(w.eth().asset == 1);
  const auto lev = w.exchange.update_leverage(w.eth().asset, false, 5);
  CHECK(lev.accepted());
  CHECK(w.fake.leverage(master, "ETH") == std::make_pair(5, false));

  const auto entry = w.ioc_buy_eth(0.1, cloid(1));
  REQUIRE(entry.accepted());
  REQUIRE(entry.statuses.size() == 1);
  CHECK(entry.statuses[0].type == status_entry::kind::filled);
  CHECK(entry.statuses[0].total_sz == doctest::Approx(0.1));
  CHECK(entry.statuses[0].avg_px == 3000);
  CHECK(*entry.statuses[0].cloid == cloid(1));
  // The fake rebuilt the action, recovered our agent address and booked it on the master.
  CHECK(w.fake.recovered_signers().back() == w.exchange.signer_address());
  const auto state = w.info.clearinghouse_state(master);
  REQUIRE(state.positions.size() == 1);
  CHECK(state.positions[0].position.token == "ETH");
  CHECK(state.positions[0].signed_size == doctest::Approx(0.1));
  CHECK(state.positions[0].position.entry_price == 3000);
  CHECK(state.positions[0].isolated);
  CHECK(*state.positions[0].position.leverage == 5);

  const auto stop = w.exchange.place_orders(
      {make_trigger_order(w.eth(), false, 3000 * 0.95, 0.1, tpsl::sl, cloid(2))});
  REQUIRE(stop.accepted());
  CHECK(stop.statuses[0].type == status_entry::kind::resting);
  const auto resting = w.info.frontend_open_orders(master);
  REQUIRE(resting.rows.size() == 1);
  CHECK(resting.rows[0].is_trigger);
  CHECK(*resting.rows[0].trigger_px == 2850);
  CHECK(resting.rows[0].order_type == "Stop Market");
  CHECK(resting.rows[0].reduce_only);

  w.fake.set_mark("ETH", 2860);  // above the stop: nothing happens
  CHECK(w.fake.position(master, "ETH"));
  w.fake.set_mark("ETH", 2840);  // crosses 2850: the stop fires at the mark
  CHECK_FALSE(w.fake.position(master, "ETH"));
  const auto status = w.info.order_status_by_cloid(master, cloid(2));
  CHECK(status.known);
  CHECK(status.to_order_status() == order_status::filled);
  const auto fills = w.info.user_fills(master);
  REQUIRE(fills.rows.size() == 2);
  CHECK(fills.rows[0].dir == "Close Long");  // newest first
  CHECK(fills.rows[0].base.price == 2840);
  CHECK(fills.rows[0].closed_pnl == doctest::Approx(-16.0));
  CHECK(fills.rows[0].base.cloid == cloid(2));
  CHECK(fills.rows[1].dir == "Open Long");
}

TEST_CASE("resting GTC orders cancel by oid and by cloid; a second cancel is a typed error") {
  world w;
  const auto a = w.exchange.place_orders(
      {make_limit_order(w.eth(), true, 2500, 0.1, time_in_force::gtc, false, cloid(10)),
       make_limit_order(w.eth(), true, 2400, 0.1, time_in_force::gtc, false, cloid(11))});
  REQUIRE(a.accepted());
  REQUIRE(a.statuses.size() == 2);
  CHECK(a.statuses[0].type == status_entry::kind::resting);
  CHECK(w.info.open_orders(master).rows.size() == 2);

  const auto by_oid =
      w.exchange.cancel({{w.eth().asset, static_cast<std::uint64_t>(*a.statuses[0].oid)}});
  REQUIRE(by_oid.accepted());
  CHECK(by_oid.statuses[0].type == status_entry::kind::success);
  const auto by_cloid = w.exchange.cancel_by_cloid({{w.eth().asset, cloid(11)}});
  CHECK(by_cloid.statuses[0].type == status_entry::kind::success);
  CHECK(w.info.open_orders(master).rows.empty());
  CHECK(w.info.order_status(master, *a.statuses[0].oid).to_order_status() ==
        order_status::cancelled);

  const auto again = w.exchange.cancel_by_cloid({{w.eth().asset, cloid(11)}});
  CHECK(again.accepted());
  CHECK(again.statuses[0].type == status_entry::kind::error);
  CHECK(again.statuses[0].error_type == order_error::missing_order);

  // A resting limit fills when the mark crosses it.
  const auto bid = w.exchange.place_orders(
      {make_limit_order(w.eth(), true, 2900, 0.1, time_in_force::gtc, false, cloid(12))});
  CHECK(bid.statuses[0].type == status_entry::kind::resting);
  w.fake.set_mark("ETH", 2899);
  CHECK(w.fake.position(master, "ETH")->szi == doctest::Approx(0.1));
  CHECK(w.fake.position(master, "ETH")->entry_px == 2900);
}

TEST_CASE("a duplicate cloid is rejected per order and places nothing") {
  world w;
  REQUIRE(w.ioc_buy_eth(0.1, cloid(20)).accepted());
  const auto count = w.fake.order_count();
  const auto dup = w.ioc_buy_eth(0.1, cloid(20));
  CHECK(dup.accepted());
  REQUIRE(dup.statuses.size() == 1);
  CHECK(dup.statuses[0].type == status_entry::kind::error);
  CHECK(dup.statuses[0].error_type == order_error::duplicate_cloid);
  CHECK(w.fake.order_count() == count);
  CHECK(w.fake.position(master, "ETH")->szi == doctest::Approx(0.1));
}

TEST_CASE("SPEC §6 step 5: a timed-out order is ambiguous and orderStatus by cloid resolves it") {
  world w;
  w.fake.delay_next_exchange_reply(milliseconds(1200));  // beyond the 400 ms read timeout
  const auto r = w.ioc_buy_eth(0.2, cloid(30));
  CHECK(r.outcome == exchange_outcome::ambiguous);
  CHECK(r.error_kind == exchange_error_kind::timeout);
  CHECK(r.statuses.empty());
  const auto status = w.info.order_status_by_cloid(master, cloid(30));
  REQUIRE(status.known);
  CHECK(status.to_order_status() == order_status::filled);
  CHECK(*status.order.cloid == cloid(30));
  // An order that never arrived is unknown to the exchange: safe to send again.
  CHECK_FALSE(w.info.order_status_by_cloid(master, cloid(31)).known);
}

TEST_CASE("error answers: 5xx ambiguous, 429 and err rejected, per-order errors typed") {
  world w;
  w.fake.fail_next_exchange(502, "<html>Bad Gateway</html>");
  const auto bad_gateway = w.ioc_buy_eth(0.1, cloid(40));
  CHECK(bad_gateway.outcome == exchange_outcome::ambiguous);
  CHECK(bad_gateway.http_status == 502);
  w.fake.fail_next_exchange(429, "Too many requests");
  const auto limited = w.ioc_buy_eth(0.1, cloid(41));
  CHECK(limited.outcome == exchange_outcome::rejected);
  CHECK(limited.error_kind == exchange_error_kind::rate_limited);
  CHECK(w.fake.order_count() == 0);

  const auto far = w.exchange.place_orders(
      {make_limit_order(w.eth(), true, 2000, 0.1, time_in_force::ioc, false, cloid(42))});
  CHECK(far.statuses[0].error_type == order_error::ioc_no_match);
  const auto tiny = w.ioc_buy_eth(0.001, cloid(43));  // $3 < $10
  CHECK(tiny.statuses[0].error_type == order_error::min_notional);
  const auto reduce = w.exchange.place_orders(
      {make_limit_order(w.eth(), false, 2990, 0.1, time_in_force::ioc, true, cloid(44))});
  CHECK(reduce.statuses[0].error_type == order_error::reduce_only);
  const auto huge = w.ioc_buy_eth(100, cloid(45));  // $300k at 20x on $10k
  CHECK(huge.statuses[0].error_type == order_error::margin);
  const auto lev = w.exchange.update_leverage(w.eth().asset, true, 26);  // ETH max is 25
  CHECK(lev.outcome == exchange_outcome::rejected);
  CHECK(lev.error_kind == exchange_error_kind::exchange);
}

TEST_CASE("reference §3.5: an unknown signer or the wrong network is refused by recovery") {
  world stranger(network::mainnet, other_key);
  const auto r = stranger.ioc_buy_eth(0.1, cloid(50));
  CHECK(r.outcome == exchange_outcome::rejected);
  CHECK(r.error_kind == exchange_error_kind::signature);
  CHECK(r.error.find(stranger.exchange.signer_address()) != std::string::npos);

  world testnet_signer(network::testnet);  // the fake checks mainnet ("a") signatures
  const auto t = testnet_signer.ioc_buy_eth(0.1, cloid(51));
  CHECK(t.error_kind == exchange_error_kind::signature);
  CHECK(testnet_signer.fake.recovered_signers().back() != testnet_signer.exchange.signer_address());
  CHECK(testnet_signer.fake.order_count() == 0);
}

TEST_CASE("reference §4.4: nonces strictly increase under a frozen clock; the body is canonical") {
  world w;
  REQUIRE(w.exchange.schedule_cancel(w.clock.load() + 60'000).accepted());
  CHECK(*w.fake.scheduled_cancel(master) == w.clock.load() + 60'000);
  REQUIRE(w.exchange.schedule_cancel(std::nullopt).accepted());
  CHECK_FALSE(w.fake.scheduled_cancel(master));
  const auto r = w.ioc_buy_eth(0.1, cloid(60));
  CHECK(r.nonce == static_cast<std::uint64_t>(w.clock.load()) + 2);
  const auto requests = w.fake.requests();
  const auto body = boost::json::parse(requests.back().body).as_object();
  CHECK(body.at("nonce").to_number<std::uint64_t>() == r.nonce);
  CHECK(body.at("vaultAddress").is_null());
  CHECK(body.at("expiresAfter").is_null());
  CHECK(boost::json::serialize(body.at("action").at("orders").at(0)) ==
        R"({"a":1,"b":true,"p":"3015","s":"0.1","r":false,"t":{"limit":{"tif":"Ioc"}},)"
        R"("c":")" +
            cloid(60) + R"("})");
  CHECK(body.at("signature").at("r").as_string().size() == 66);
  CHECK(requests.back().header("Content-Type") == std::string("application/json"));
}

TEST_CASE("reference §4.6: expiresAfter in the past is refused, in the future accepted") {
  world w;
  const auto order = make_limit_order(w.eth(), true, 3015, 0.1, time_in_force::ioc, false);
  const auto late = w.exchange.place_orders({order}, order_grouping::na, w.clock.load() - 1);
  CHECK(late.outcome == exchange_outcome::rejected);
  const auto timely = w.exchange.place_orders({order}, order_grouping::na, w.clock.load() + 5000);
  CHECK(timely.accepted());
  CHECK(timely.statuses[0].type == status_entry::kind::filled);
}

TEST_CASE("vault trading: the vault address is signed and the vault's book is used") {
  const std::string vault = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";
  fakes::fake_hyperliquid fake;
  fake.add_agent(private_key::from_hex(agent_key).address(), master);
  fake.set_account_value(vault, 5000);
  exchange_options o;
  o.base_url = fake.base_url();
  o.http.ca_file = fake.ca_file();
  o.vault_address = "0x1719884EB866CB12B2287399B15F7DB5E7D775EA";
  exchange_client client(o, private_key::from_hex(agent_key));
  const auto r = client.place_orders({make_limit_order({"ETH", 1, 4, 25, false, false}, false, 2985,
                                                       0.1, time_in_force::ioc, false)});
  REQUIRE(r.accepted());
  CHECK(fake.position(vault, "ETH")->szi == doctest::Approx(-0.1));
  CHECK_FALSE(fake.position(master, "ETH"));
}

TEST_CASE("info: mids, mark prices, paged candles, and clear errors") {
  world w;
  const auto mids = w.info.all_mids();
  CHECK(mids.at("BTC") == 60000);
  w.fake.set_mark("SOL", 151.5);
  const auto ctxs = w.info.meta_and_asset_ctxs();
  REQUIRE(ctxs.size() == 3);
  CHECK(ctxs[2].meta.name == "SOL");
  CHECK(ctxs[2].mark_px == 151.5);

  std::vector<candle> candles;
  const std::int64_t t0 = 1'700'000'000'000;
  for (int i = 0; i < 1200; ++i)
    candles.push_back({t0 + i * 60'000, t0 + i * 60'000 + 59'999, "BTC", "1m", 100.0 + i, 100.5 + i,
                       101.0 + i, 99.0 + i, 1.0, i});
  w.fake.set_candles(candles, 500);
  const auto before = w.fake.requests().size();
  const auto got = w.info.candle_snapshot("BTC", "1m", t0, t0 + 1199 * 60'000);
  CHECK(w.fake.requests().size() - before == 3);  // 500 + 500 + 200 (short page ends the walk)
  REQUIRE(got.rows.size() == 1200);
  CHECK(got.rows[0].open_time == t0);
  CHECK(got.rows[1199].open == 1299.0);
  for (std::size_t i = 1; i < got.rows.size(); ++i)
    REQUIRE(got.rows[i].open_time == got.rows[i - 1].open_time + 60'000);
  const auto window = w.info.candle_snapshot("BTC", "1m", t0 + 60'000 * 10, t0 + 60'000 * 19);
  CHECK(window.rows.size() == 10);

  try {
    w.info.post(boost::json::object{{"type", "noSuchRequest"}});
    FAIL("accepted an unknown request");
  } catch (const info_error& e) {
    CHECK(e.status() == 422);
    CHECK_FALSE(e.retryable());
  }
  info_options dead;
  dead.base_url = "https://127.0.0.1:1";
  dead.http.connect_timeout = milliseconds(500);
  info_client nowhere(dead);
  try {
    nowhere.all_mids();
    FAIL("reached a closed port");
  } catch (const info_error& e) {
    CHECK(e.status() == 0);
    CHECK(e.retryable());
  }
}

TEST_CASE("an exchange that cannot be reached is not_sent, not ambiguous") {
  exchange_options o;
  o.base_url = "https://127.0.0.1:1";
  o.http.connect_timeout = milliseconds(500);
  exchange_client client(o, private_key::from_hex(agent_key));
  const auto r = client.update_leverage(1, true, 3);
  CHECK(r.outcome == exchange_outcome::not_sent);
  CHECK(r.error_kind == exchange_error_kind::transport);
}
