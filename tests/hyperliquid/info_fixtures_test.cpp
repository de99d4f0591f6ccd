// Info parsers over every recorded response of ../shared/fixtures/hyperliquid (reference §2),
// with concrete values asserted. Skips when ../shared is absent.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "infra/hyperliquid/info_parsers.hpp"
#include "tests/hyperliquid/shared_data.hpp"

using namespace smartcopy;
using namespace smartcopy::hyperliquid;

namespace {

// The "response" member of a fixture file, re-serialized as the body the server sent.
std::optional<std::string> fixture(const std::string& name) {
  const auto text = test::read_shared("fixtures/hyperliquid/" + name + ".json");
  if (!text) return std::nullopt;
  return boost::json::serialize(boost::json::parse(*text).at("response"));
}

}  // namespace

TEST_CASE("meta: asset index = position in the universe (reference §2.2)") {
  const auto body = fixture("meta");
  if (!body) return;
  const asset_universe u(parse_meta(*body));
  REQUIRE(u.assets().size() == 28);
  CHECK(u.find("BTC")->asset == 0);
  CHECK(u.find("BTC")->sz_decimals == 5);
  CHECK(u.find("ETH")->asset == 1);
  CHECK(u.find("kPEPE")->asset == 15);
  CHECK(u.find("kPEPE")->sz_decimals == 0);
  CHECK(u.find("APT")->asset == 27);
  CHECK(u.find("APT")->max_leverage == 50);
  CHECK(u.find("DOGE") != nullptr);
  CHECK(u.find("NOPE") == nullptr);
  // A builder dex (HIP-3) keeps its own names and offsets the index (reference §2.2).
  const asset_universe dex(parse_meta(*body, 110000));
  CHECK(dex.find("ETH")->asset == 110001);
}

TEST_CASE("allMids: coin -> mid as numbers") {
  const auto body = fixture("allMids");
  if (!body) return;
  const auto mids = parse_all_mids(*body);
  CHECK(mids.size() == 28);
  CHECK(mids.at("BTC") == 30135.0);
  CHECK(mids.at("kPEPE") == doctest::Approx(0.001565));
  CHECK(mids.at("ETH") == doctest::Approx(1903.95));
}

TEST_CASE("clearinghouseState: positions, account value, withdrawable (old schema)") {
  const auto body = fixture("clearinghouseState");
  if (!body) return;
  const auto s = parse_clearinghouse_state(*body, "0x5E9EE1089755C3435139848E47E6635505D5A13A");
  CHECK(s.address == "0x5e9ee1089755c3435139848e47e6635505d5a13a");
  CHECK(s.account_value == doctest::Approx(1182.312496));
  CHECK(s.withdrawable == doctest::Approx(1010.57173));
  CHECK(s.total_margin_used == doctest::Approx(171.740766));
  REQUIRE(s.positions.size() == 12);
  const auto& btc = s.positions[0];
  CHECK(btc.position.token == "BTC");
  CHECK(btc.signed_size == doctest::Approx(-0.00785));
  CHECK(btc.position.position_side == side::short_);
  CHECK(btc.position.size == doctest::Approx(0.00785));
  CHECK(btc.position.entry_price == 26951.0);
  CHECK(btc.position.position_value_usd == doctest::Approx(211.64542));
  CHECK(btc.position.unrealized_pnl_usd == doctest::Approx(-0.08007));
  CHECK(*btc.position.leverage == 20);
  CHECK_FALSE(btc.isolated);
  CHECK(*btc.liquidation_px == doctest::Approx(173198.69592357));
  CHECK_FALSE(s.positions[1].liquidation_px);  // ETH: "liquidationPx": null
  CHECK(s.positions[1].position.position_side == side::long_);
  const auto snap = s.to_snapshot();
  CHECK(snap.account_value == doctest::Approx(1182.312496));
  REQUIRE(snap.find("ARB", side::long_));
  CHECK(snap.find("ARB", side::long_)->size == doctest::Approx(246.5));
  CHECK(snap.find("ARB", side::short_) == nullptr);
}

TEST_CASE("openOrders (minimal rows) and frontendOpenOrders (triggers and children)") {
  if (const auto body = fixture("openOrders")) {
    const auto r = parse_open_orders(*body);
    CHECK(r.skipped.empty());
    REQUIRE(r.rows.size() == 196);
    CHECK(r.rows[1].coin == "ARB");
    CHECK_FALSE(r.rows[1].is_buy);
    CHECK(r.rows[1].limit_px == doctest::Approx(1.1795));
    CHECK(r.rows[1].sz == doctest::Approx(173.7));
    CHECK(r.rows[1].orig_sz == doctest::Approx(173.7));
    CHECK(r.rows[1].oid == 62269969);
    CHECK(to_ms(r.rows[1].timestamp) == 1679940216844);
    CHECK_FALSE(r.rows[1].cloid);
  }
  if (const auto body = fixture("frontendOpenOrders")) {
    const auto r = parse_open_orders(*body);
    REQUIRE(r.rows.size() == 3);
    const auto& tp = r.rows[0];
    CHECK(tp.is_trigger);
    CHECK(tp.order_type == "Take Profit Market");
    CHECK(*tp.trigger_px == doctest::Approx(10.004));
    CHECK(tp.reduce_only);
    CHECK_FALSE(tp.tif);
    const auto& parent = r.rows[2];
    CHECK_FALSE(parent.is_trigger);
    CHECK(*parent.tif == "Gtc");
    CHECK_FALSE(parent.trigger_px);  // "0.0" on a non-trigger means none
    REQUIRE(parent.children.size() == 2);
    CHECK(parent.children[0].order_type == "Stop Market");
    CHECK(*parent.children[0].trigger_px == doctest::Approx(9.995));
  }
}

TEST_CASE("historicalOrders: statuses map onto the domain's order_status") {
  const auto body = fixture("historicalOrders");
  if (!body) return;
  const auto r = parse_historical_orders(*body);
  REQUIRE(r.rows.size() == 5);
  CHECK(r.rows[0].order.oid == 141682155424);
  CHECK(r.rows[0].status == "iocCancelRejected");
  CHECK(r.rows[0].to_order_status() == order_status::rejected);
  CHECK(r.rows[4].status == "canceled");
  CHECK(r.rows[4].to_order_status() == order_status::cancelled);
  CHECK(*r.rows[4].order.tif == "Alo");
  CHECK(to_ms(r.rows[4].status_time) == 1755863118217);
}

TEST_CASE("userFills and userFillsByTime: 500 rows of the 2023 schema (no tid)") {
  for (const char* name : {"userFills", "userFillsByTime"}) {
    const auto body = fixture(name);
    if (!body) return;
    CAPTURE(name);
    const auto r = parse_user_fills(*body);
    CHECK(r.skipped.empty());
    REQUIRE(r.rows.size() == 500);
    const auto& f = r.rows[0];
    CHECK(f.base.token == "SUI");
    CHECK_FALSE(f.base.is_buy);
    CHECK(f.base.price == doctest::Approx(1.3189));
    CHECK(f.base.size == doctest::Approx(142.7));
    CHECK(f.start_position == doctest::Approx(4623.5));
    CHECK(f.closed_pnl == doctest::Approx(-0.25686));
    CHECK(f.dir == "Close Long");
    CHECK(f.oid == 189324432);
    CHECK_FALSE(f.tid);
    CHECK(to_ms(f.base.time) == 1683245884863);
    CHECK(r.rows[100].start_position == doctest::Approx(-1034.8));
    int flips = 0;
    for (const auto& x : r.rows) flips += x.dir == "Long > Short" || x.dir == "Short > Long";
    CHECK(flips == 22);
  }
}

TEST_CASE("candleSnapshot and the single-candle parser (SPEC §9.1)") {
  const auto body = fixture("candleSnapshot");
  if (!body) return;
  const auto r = parse_candles(*body);
  REQUIRE(r.rows.size() == 24);
  const auto& c = r.rows[0];
  CHECK(c.open_time == 1684699200000);
  CHECK(c.close_time == 1684702799999);
  CHECK(c.coin == "kPEPE");
  CHECK(c.interval == "1h");
  CHECK(c.open == doctest::Approx(0.001601));
  CHECK(c.close == doctest::Approx(0.001604));
  CHECK(c.high == doctest::Approx(0.001616));
  CHECK(c.low == doctest::Approx(0.001601));
  CHECK(c.volume == doctest::Approx(520665683.0));
  CHECK(c.trades == 709);
  CHECK(r.rows[23].open_time == 1684782000000);
  const auto line = parse_candle(
      R"({"t":1,"T":2,"s":"BTC","i":"1m","o":"10","c":"11","h":"12","l":"9","v":"3.5","n":4})");
  CHECK(line.high == 12);
  CHECK(line.volume == 3.5);
  CHECK_THROWS_AS(parse_candle(R"({"t":1,"T":2,"s":"BTC","i":"1m","o":"10"})"), parse_error);
  CHECK_THROWS_AS(
      parse_candle(R"({"t":1,"T":2,"s":"BTC","i":"1m","o":"10","c":"11","h":"8","l":"9","v":"1"})"),
      parse_error);
}

TEST_CASE("l2Book, fundingHistory and userRateLimit") {
  if (const auto body = fixture("l2Book")) {
    const auto b = parse_l2_book(*body);
    REQUIRE(b);
    CHECK(b->coin == "DYDX");
    CHECK(to_ms(b->time) == 1689630203930);
    REQUIRE(b->bids.size() == 20);
    REQUIRE(b->asks.size() == 20);
    CHECK(b->bids[0].px == doctest::Approx(2.111));
    CHECK(b->asks[0].px == doctest::Approx(2.1124));
    CHECK(b->asks[0].n == 2);
  }
  CHECK_FALSE(parse_l2_book("null"));
  if (const auto body = fixture("fundingHistory")) {
    const auto r = parse_funding_history(*body);
    REQUIRE(r.rows.size() == 34);
    CHECK(r.rows[0].rate == doctest::Approx(-0.00061334));
    CHECK(to_ms(r.rows[33].time) == 1684800000022);
  }
  if (const auto body = fixture("userRateLimit")) {
    const auto l = parse_user_rate_limit(*body);
    CHECK(l.n_requests_used == 36589831368);
    CHECK(l.n_requests_cap == 170043731737);
    CHECK(l.cum_vlm == doctest::Approx(170043721737.45));
  }
}
