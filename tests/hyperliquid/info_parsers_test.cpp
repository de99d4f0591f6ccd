// Info parsers on hand-written bodies: the newer schemas, HIP-3 names, orderStatus and the
// bad-input rules of SPEC §11 (clear parse_error, a bad list row skipped with its reason).
#include <doctest/doctest.h>

#include "infra/hyperliquid/info_parsers.hpp"

using namespace smartcopy;
using namespace smartcopy::hyperliquid;

TEST_CASE("meta: newer fields, delisted slots keep their index, HIP-3 names") {
  const auto metas = parse_meta(
      R"({"universe":[{"name":"BTC","szDecimals":5,"maxLeverage":40,"marginTableId":56},)"
      R"({"name":"MATIC","szDecimals":1,"maxLeverage":20,"isDelisted":true,"onlyIsolated":true},)"
      R"({"name":"xyz:TSLA","szDecimals":3,"maxLeverage":10,"marginMode":"strictIsolated"}],)"
      R"("marginTables":[],"collateralToken":0})");
  REQUIRE(metas.size() == 3);
  CHECK(metas[1].is_delisted);
  CHECK(metas[1].only_isolated);
  CHECK(metas[2].asset == 2);
  CHECK(metas[2].name == "xyz:TSLA");
  CHECK(metas[2].only_isolated);
  CHECK_THROWS_AS(parse_meta(R"({"universe":[{"name":"BTC","szDecimals":"5","maxLeverage":40}]})"),
                  parse_error);
}

TEST_CASE("metaAndAssetCtxs: mark prices zipped with the universe") {
  const auto ctxs = parse_meta_and_asset_ctxs(
      R"([{"universe":[{"name":"BTC","szDecimals":5,"maxLeverage":40},)"
      R"({"name":"ETH","szDecimals":4,"maxLeverage":25}]},)"
      R"([{"markPx":"64193.0","midPx":"64192.5","oraclePx":"64200.1","funding":"0.0000125",)"
      R"("openInterest":"100.5","prevDayPx":"63000.0","dayNtlVlm":"1.5e9","premium":null,)"
      R"("impactPxs":null,"dayBaseVlm":"1"},)"
      R"({"markPx":"3150.1","midPx":null,"oraclePx":"3150.0","funding":"0","openInterest":"1",)"
      R"("prevDayPx":"3000","dayNtlVlm":"0"}]])");
  REQUIRE(ctxs.size() == 2);
  CHECK(ctxs[0].meta.name == "BTC");
  CHECK(ctxs[0].mark_px == 64193.0);
  CHECK(*ctxs[0].mid_px == 64192.5);
  CHECK(ctxs[0].day_ntl_vlm == 1.5e9);
  CHECK(ctxs[1].meta.asset == 1);
  CHECK(ctxs[1].mark_px == doctest::Approx(3150.1));
  CHECK_FALSE(ctxs[1].mid_px);
  CHECK_THROWS_AS(parse_meta_and_asset_ctxs(R"([{"universe":[]}])"), parse_error);
}

TEST_CASE("clearinghouseState: new schema with isolated leverage and time") {
  const auto s = parse_clearinghouse_state(
      R"({"marginSummary":{"accountValue":"1000.5","totalNtlPos":"500","totalRawUsd":"1",)"
      R"("totalMarginUsed":"100"},"crossMarginSummary":{"accountValue":"1000.5"},)"
      R"("crossMaintenanceMarginUsed":"1","withdrawable":"900",)"
      R"("assetPositions":[{"type":"oneWay","position":{"coin":"xyz:TSLA","szi":"2.5",)"
      R"("leverage":{"type":"isolated","value":5,"rawUsd":"-10"},"entryPx":"200",)"
      R"("positionValue":"500","unrealizedPnl":"1.5","returnOnEquity":"0.01",)"
      R"("liquidationPx":"150","marginUsed":"100","maxLeverage":10,)"
      R"("cumFunding":{"allTime":"0","sinceOpen":"0","sinceChange":"0"}}}],"time":1700000000000})",
      "0xabc");
  REQUIRE(s.positions.size() == 1);
  CHECK(s.positions[0].position.token == "xyz:TSLA");
  CHECK(s.positions[0].isolated);
  CHECK(*s.positions[0].position.leverage == 5);
  CHECK(to_ms(s.time) == 1700000000000);
  CHECK(to_ms(s.positions[0].position.last_seen_at) == 1700000000000);
  // A malformed position fails the whole answer: a silently dropped one would read as closed.
  CHECK_THROWS_AS(
      parse_clearinghouse_state(R"({"marginSummary":{"accountValue":"1"},"assetPositions":)"
                                R"([{"position":{"coin":"BTC","szi":"abc"}}]})",
                                "0xabc"),
      parse_error);
}

TEST_CASE("orderStatus by oid/cloid: known order, unknownOid, partial fill") {
  const auto r = parse_order_status_response(
      R"({"status":"order","order":{"order":{"coin":"ETH","side":"B","limitPx":"3000.0",)"
      R"("sz":"0.5","oid":12,"timestamp":1,"origSz":"1.0","cloid":"0x000000000000000000000000000000AB",)"
      R"("isTrigger":false,"triggerPx":"0.0","children":[],"orderType":"Limit","tif":"Gtc",)"
      R"("reduceOnly":false,"isPositionTpsl":false,"triggerCondition":"N/A"},)"
      R"("status":"open","statusTimestamp":5}})");
  CHECK(r.known);
  CHECK(*r.order.cloid == "0x000000000000000000000000000000ab");
  CHECK(r.to_order_status() == order_status::partially_filled);
  CHECK_FALSE(parse_order_status_response(R"({"status":"unknownOid"})").known);
  CHECK_THROWS_AS(parse_order_status_response(R"({"status":"maybe"})"), parse_error);
  order_status_result s;
  s.status = "filled";
  CHECK(s.to_order_status() == order_status::filled);
  s.status = "triggered";
  CHECK(s.to_order_status() == order_status::triggered);
  s.status = "perpMarginRejected";
  CHECK(s.to_order_status() == order_status::rejected);
  s.status = "reduceOnlyCanceled";
  CHECK(s.to_order_status() == order_status::cancelled);
}

TEST_CASE("userFills: new schema with tid, cloid, feeToken and liquidation") {
  const auto r = parse_user_fills(
      R"([{"coin":"BTC","px":"64000.5","sz":"0.01","side":"B","time":5,"startPosition":"-0.01",)"
      R"("dir":"Short > Long","closedPnl":"-1.2","hash":"0x1","oid":9,"crossed":false,"fee":"0.28",)"
      R"("feeToken":"USDC","tid":77,"cloid":"0x0000000000000000000000000000000a",)"
      R"("liquidation":{"liquidatedUser":"0x2","markPx":"64000","method":"market"}},)"
      R"({"coin":"BTC","px":"NaN","sz":"0.01","side":"B","time":5,"oid":1},)"
      R"({"coin":"BTC","px":"1","sz":"0.01","side":"X","time":5,"oid":1},)"
      R"(7])");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.skipped.size() == 3);
  CHECK(r.skipped[0].find("userFills[1]") == 0);
  const auto& f = r.rows[0];
  CHECK(*f.tid == 77);
  CHECK(f.base.cloid == "0x0000000000000000000000000000000a");
  CHECK(f.base.fee_usd == doctest::Approx(0.28));
  CHECK(f.liquidation);
  CHECK(f.start_position == doctest::Approx(-0.01));
}

TEST_CASE("SPEC §11: HTML pages, truncated bodies and wrong shapes are parse errors") {
  CHECK_THROWS_AS(parse_all_mids("<html>502 Bad Gateway</html>"), parse_error);
  CHECK_THROWS_AS(parse_candles(R"([{"t":1,"T":2,)"), parse_error);
  CHECK_THROWS_AS(parse_user_fills(R"({"not":"a list"})"), parse_error);
  CHECK_THROWS_AS(parse_clearinghouse_state("[]", "0x1"), parse_error);
  CHECK_THROWS_AS(parse_user_rate_limit(R"({"cumVlm":"1"})"), parse_error);
  const auto mids = parse_all_mids(R"({"BTC":"1","ETH":"inf","SOL":"-1","X":{},"Y":"2.5"})");
  CHECK(mids.size() == 2);
  CHECK(mids.at("Y") == 2.5);
  try {
    parse_meta(R"({"universe":[{"szDecimals":1,"maxLeverage":3}]})");
    FAIL("accepted a nameless asset");
  } catch (const parse_error& e) {
    CHECK(std::string(e.what()).find("'name'") != std::string::npos);
  }
}
