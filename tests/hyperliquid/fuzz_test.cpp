// SPEC §11: every parser survives mutated bodies. >= 10 000 deterministic mutations of real and
// hand-written info and exchange bodies; the only acceptable failure is a parse_error.
#include <doctest/doctest.h>

#include <random>

#include <boost/json.hpp>

#include "infra/hyperliquid/exchange_types.hpp"
#include "infra/hyperliquid/info_parsers.hpp"
#include "tests/hyperliquid/shared_data.hpp"

using namespace smartcopy::hyperliquid;

namespace {

const char* const seeds[] = {
    R"({"universe":[{"name":"BTC","szDecimals":5,"maxLeverage":50},{"name":"ETH","szDecimals":4,"maxLeverage":50}]})",
    R"([{"universe":[{"name":"BTC","szDecimals":5,"maxLeverage":50}]},[{"markPx":"64193.0","midPx":null,"oraclePx":"1","funding":"0","openInterest":"1","prevDayPx":"1","dayNtlVlm":"1"}]])",
    R"({"BTC":"30135.0","ETH":"1903.95"})",
    R"({"marginSummary":{"accountValue":"1182.3","totalNtlPos":"3434.8","totalMarginUsed":"171.7"},"withdrawable":"1010.5","assetPositions":[{"type":"oneWay","position":{"coin":"BTC","szi":"-0.00785","leverage":{"type":"cross","value":20},"entryPx":"26951.0","positionValue":"211.6","unrealizedPnl":"-0.08","liquidationPx":null,"marginUsed":"10.5"}}],"time":1700000000000})",
    R"([{"coin":"INJ","side":"B","limitPx":"10.0","sz":"12.5","oid":3184595905,"timestamp":1700126022555,"origSz":"12.5","isTrigger":false,"triggerPx":"0.0","children":[{"coin":"INJ","side":"A","limitPx":"9.1","sz":"12.5","oid":1,"timestamp":1,"isTrigger":true,"triggerPx":"9.9"}],"tif":"Gtc","cloid":null}])",
    R"({"status":"order","order":{"order":{"coin":"ETH","side":"B","limitPx":"3000.0","sz":"0.5","oid":12,"timestamp":1,"origSz":"1.0","cloid":"0x000000000000000000000000000000ab"},"status":"open","statusTimestamp":5}})",
    R"([{"coin":"SUI","px":"1.3189","sz":"142.7","side":"A","time":1683245884863,"startPosition":"4623.5","dir":"Close Long","closedPnl":"-0.25","hash":"0x3d","oid":189324432,"crossed":true,"fee":"0.0","tid":5}])",
    R"([{"t":1684699200000,"T":1684702799999,"s":"kPEPE","i":"1h","o":"0.001601","c":"0.001604","h":"0.001616","l":"0.001601","v":"520665683.0","n":709}])",
    R"({"coin":"DYDX","time":1,"levels":[[{"px":"2.1","sz":"1","n":1}],[{"px":"2.2","sz":"1","n":2}]]})",
    R"({"cumVlm":"1.5","nRequestsUsed":3,"nRequestsCap":4})",
    R"({"status":"ok","response":{"type":"order","data":{"statuses":[{"resting":{"oid":77}},{"filled":{"totalSz":"0.02","avgPx":"1891.4","oid":78}},{"error":"x"},"waitingForFill"]}}})",
    R"({"status":"err","response":"L1 error: User or API Wallet 0xabc does not exist."})",
};

std::string mutate(std::string s, std::mt19937& rng) {
  static const char alphabet[] = "{}[]\",:0123456789.-eE+ ntrufalsxyz\\\x00\xff";
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < edits && !s.empty(); ++i) {
    const std::size_t pos = rng() % s.size();
    switch (rng() % 5) {
      case 0:
        s[pos] = alphabet[rng() % (sizeof alphabet - 1)];
        break;  // replace
      case 1:
        s.erase(pos, 1 + rng() % 8);
        break;  // delete
      case 2:
        s.insert(pos, 1, alphabet[rng() % (sizeof alphabet - 1)]);
        break;
      case 3:
        s.resize(pos);
        break;  // truncate
      default:
        s.insert(pos, s.substr(rng() % s.size(), rng() % 16));  // duplicate a slice
    }
  }
  return s;
}

// Runs every parser on `body`; anything other than success or parse_error escapes and fails.
void parse_everything(const std::string& body) {
  auto guard = [&](auto&& f) {
    try {
      f();
    } catch (const parse_error&) {
    }
  };
  guard([&] { (void)parse_meta(body); });
  guard([&] { (void)parse_meta_and_asset_ctxs(body); });
  guard([&] { (void)parse_all_mids(body); });
  guard([&] { (void)parse_clearinghouse_state(body, "0xabc"); });
  guard([&] { (void)parse_open_orders(body); });
  guard([&] { (void)parse_order_status_response(body); });
  guard([&] { (void)parse_historical_orders(body); });
  guard([&] { (void)parse_user_fills(body); });
  guard([&] { (void)parse_candles(body); });
  guard([&] { (void)parse_candle(body); });
  guard([&] { (void)parse_l2_book(body); });
  guard([&] { (void)parse_funding_history(body); });
  guard([&] { (void)parse_user_rate_limit(body); });
  (void)parse_exchange_response(200, body);  // never throws: unreadable = ambiguous
}

}  // namespace

TEST_CASE("SPEC §11: 12 000 mutated info/exchange bodies, zero crashes (seed 20260214)") {
  std::vector<std::string> corpus(std::begin(seeds), std::end(seeds));
  for (const char* name :
       {"clearinghouseState", "frontendOpenOrders", "historicalOrders", "candleSnapshot", "l2Book"})
    if (const auto text =
            smartcopy::test::read_shared(std::string("fixtures/hyperliquid/") + name + ".json"))
      corpus.push_back(boost::json::serialize(boost::json::parse(*text).at("response")));
  std::mt19937 rng(20260214);
  int ambiguous = 0;
  for (int i = 0; i < 12000; ++i) {
    const auto body = mutate(corpus[rng() % corpus.size()], rng);
    REQUIRE_NOTHROW(parse_everything(body));
    ambiguous += parse_exchange_response(200, body).outcome == exchange_outcome::ambiguous;
  }
  CHECK(ambiguous > 1000);  // most mutations are unreadable, and those must not read as accepted
}
