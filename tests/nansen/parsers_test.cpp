// Mapping of Nansen bodies to domain types (reference §6, SPEC §11): fixture values, numbers as
// strings, null labels, missing fields → skipped rows with reasons, bad bodies → clear errors.
#include <doctest/doctest.h>

#include <cmath>

#include "infra/nansen/errors.hpp"
#include "infra/nansen/leaderboard_parser.hpp"
#include "infra/nansen/pnl_leaderboard_parser.hpp"
#include "infra/nansen/positions_parser.hpp"
#include "infra/nansen/screener_parser.hpp"
#include "infra/nansen/smart_money_parser.hpp"
#include "infra/nansen/trades_parser.hpp"
#include "nansen_test_support.hpp"

using namespace smartcopy;
using namespace smartcopy::test;

namespace {

template <class F>
std::string bad_response_message(F&& f) {
  try {
    f();
  } catch (const nansen::error& e) {
    CHECK(e.kind() == nansen::error_kind::bad_response);
    return e.what();
  }
  FAIL("no nansen::error thrown");
  return {};
}

}  // namespace

TEST_CASE("nansen: trades fixture maps to trades (naive timestamps are UTC)") {
  const auto body = nansen_fixture("address-perp-trades.json");
  if (!body) return;
  const auto page = nansen::parse_trades_page(*body);
  REQUIRE(page.rows.size() == 4);
  CHECK(page.stats.skipped == 0);
  CHECK(page.pagination.is_last_page == std::optional<bool>(false));
  CHECK(page.pagination.raw_rows == 4);
  const trade& t = page.rows[0];
  CHECK(t.token == "HYPE");
  CHECK(t.action == trade_action::open);
  CHECK(t.position_side == side::long_);
  CHECK(t.size == doctest::Approx(2500.0));
  CHECK(t.price == doctest::Approx(38.412));
  CHECK(t.value_usd == doctest::Approx(96030.0));
  CHECK(t.fee_usd == doctest::Approx(43.2135));
  CHECK(t.oid == 302037090738);
  CHECK(to_iso8601(t.timestamp) == "2026-02-14T11:58:40.226Z");
  CHECK(t.trader_address == fakes::fake_nansen::fixture_trader);
  CHECK(page.rows[1].start_position == doctest::Approx(-30.0));
  CHECK(page.rows[1].closed_pnl == doctest::Approx(2246.0));
}

TEST_CASE("nansen: a trade row accepts numeric strings and skips bad rows with reasons") {
  const std::string body = R"({"data":[
    {"action":"Open","side":"Short","token_symbol":"ETH","size":"2.5","price":"3000.5",
     "timestamp":"2026-02-14T06:30:02","transaction_hash":"0xab","oid":"77","user":"0xD5250CC230DB2C654A03023A8ED3A2B67A123F41"},
    {"action":"Flip","side":"Long","token_symbol":"BTC","size":1,"price":1,"timestamp":"2026-02-14T00:00:00","transaction_hash":"0x1"},
    {"action":"Open","side":"Long","token_symbol":"BTC","size":1,"price":"NaN","timestamp":"2026-02-14T00:00:00","transaction_hash":"0x1"},
    {"action":"Open","side":"Long","token_symbol":"BTC","size":1,"price":2,"timestamp":"yesterday","transaction_hash":"0x1"},
    {"action":"Open","side":"Long","token_symbol":"BTC","size":-1,"price":2,"timestamp":"2026-02-14T00:00:00","transaction_hash":"0x1"},
    {"action":"Open","side":"Up","token_symbol":"BTC","size":1,"price":2,"timestamp":"2026-02-14T00:00:00","transaction_hash":"0x1"},
    {"side":"Long","token_symbol":"BTC","size":1,"price":2,"timestamp":"2026-02-14T00:00:00","transaction_hash":"0x1"},
    {"action":"Open","side":"Long","token_symbol":null,"size":1,"price":2,"timestamp":"2026-02-14T00:00:00","transaction_hash":"0x1"},
    {"action":"Open","side":"Long","token_symbol":"BTC","size":1,"price":2,"timestamp":"2026-02-14T00:00:00"},
    42],
    "pagination":{"page":1,"per_page":100,"is_last_page":true}})";
  const auto page = nansen::parse_trades_page(body);
  REQUIRE(page.rows.size() == 1);
  CHECK(page.rows[0].size == doctest::Approx(2.5));
  CHECK(page.rows[0].price == doctest::Approx(3000.5));
  CHECK(page.rows[0].value_usd == doctest::Approx(7501.25));  // price × size when absent
  CHECK(page.rows[0].oid == 77);
  CHECK(page.rows[0].trader_address == "0xd5250cc230db2c654a03023a8ed3a2b67a123f41");
  CHECK(page.stats.parsed == 1);
  CHECK(page.stats.skipped == 9);
  CHECK(page.stats.skip_reasons.at("unknown action") == 1);
  CHECK(page.stats.skip_reasons.at("missing or non-positive price") == 1);
  CHECK(page.stats.skip_reasons.at("missing or unparsable timestamp") == 1);
  CHECK(page.stats.skip_reasons.at("missing or negative size") == 1);
  CHECK(page.stats.skip_reasons.at("missing or unknown side") == 1);
  CHECK(page.stats.skip_reasons.at("missing action") == 1);
  CHECK(page.stats.skip_reasons.at("missing token_symbol") == 1);
  CHECK(page.stats.skip_reasons.at("missing transaction_hash") == 1);
  CHECK(page.stats.skip_reasons.at("row is not an object") == 1);
}

TEST_CASE("nansen: parse_trade_row works on one JSON Lines row (SPEC §9.1 backtest data)") {
  std::string why;
  const auto t = nansen::parse_trade_row(
      R"({"action":"Close","side":"Long","token_symbol":"BTC","size":0.5,"price":99000,)"
      R"("timestamp":"2026-02-14T11:00:00.5","transaction_hash":"0x9"})",
      why);
  REQUIRE(t.has_value());
  CHECK(t->action == trade_action::close);
  CHECK(to_iso8601(t->timestamp) == "2026-02-14T11:00:00.500Z");
  CHECK_FALSE(nansen::parse_trade_row(std::string_view(R"({"action":)"), why).has_value());
  CHECK(why == "row is not valid JSON");
  CHECK_FALSE(nansen::parse_trade_row(std::string_view("[1,2]"), why).has_value());
  CHECK(why == "row is not an object");
}

TEST_CASE("nansen: bad bodies are clear errors: HTML, truncated, wrong envelope") {
  CHECK(bad_response_message([] {
          nansen::parse_trades_page("<html><body>502 Bad Gateway</body></html>");
        }).find("not valid JSON") != std::string::npos);
  CHECK(bad_response_message([] {
          nansen::parse_leaderboard_page(R"({"data":[{"trader_address":"0x)");
        }).find("perp-leaderboard") != std::string::npos);
  CHECK(bad_response_message([] {
          nansen::parse_screener_page(R"({"rows":[]})");
        }).find("`data` is missing") != std::string::npos);
  CHECK(bad_response_message([] {
          nansen::parse_smart_money_trades_page("[1]");
        }).find("not a JSON object") != std::string::npos);
  CHECK(bad_response_message([] {
          nansen::parse_positions(R"({"data":[]})", "0x1", utc_time{});
        }).find("not an object") != std::string::npos);
  CHECK(bad_response_message([] {
          nansen::parse_positions(R"({"data":{"margin_summary_account_value_usd":"1"}})", "0x1",
                                  utc_time{});
        }).find("asset_positions") != std::string::npos);
  CHECK(bad_response_message([] {
          nansen::parse_pnl_leaderboard_page("");
        }).find("not valid JSON") != std::string::npos);
}

TEST_CASE("nansen: positions fixture: strings to doubles, signed size to side, account value") {
  const auto body = nansen_fixture("address-perp-positions.json");
  if (!body) return;
  const auto r = nansen::parse_positions(*body, "0xabc", utc_time{});
  CHECK(r.stats.skipped == 0);
  CHECK(r.snapshot.address == "0xabc");
  CHECK(r.snapshot.account_value == doctest::Approx(1284517.332145));
  REQUIRE(r.snapshot.positions.size() == 3);
  const auto* btc = r.snapshot.find("BTC", side::long_);
  REQUIRE(btc != nullptr);
  CHECK(btc->size == doctest::Approx(1.75));
  CHECK(btc->entry_price == doctest::Approx(97233.0));
  CHECK(btc->leverage == std::optional<double>(10.0));
  CHECK(btc->position_value_usd == doctest::Approx(173460.0));
  const auto* sol = r.snapshot.find("SOL", side::short_);
  REQUIRE(sol != nullptr);
  CHECK(sol->size == doctest::Approx(800.0));  // "-800.00" → short 800
  CHECK(sol->position_value_usd == doctest::Approx(149760.0));
  CHECK(sol->last_seen_at == r.snapshot.taken_at);
  CHECK(r.snapshot.taken_at != utc_time{});  // from data.timestamp (epoch ms)

  const auto empty = nansen_fixture("address-perp-positions-empty.json");
  REQUIRE(empty.has_value());
  const auto e = nansen::parse_positions(*empty, "0xabc", utc_time{});
  CHECK(e.snapshot.positions.empty());
  CHECK(e.snapshot.account_value == doctest::Approx(2510.440021));
  CHECK(to_ms(e.snapshot.taken_at) == 1771070762017);
}

TEST_CASE("nansen: positions: bad items skipped, account value fallback, missing time = now") {
  const auto r = nansen::parse_positions(
      R"({"data":{"cross_margin_summary_account_value_usd":"500.5","asset_positions":[
          {"position":{"token_symbol":"BTC","size":"0","position_value_usd":"0"}},
          {"position":{"token_symbol":"ETH","size":"abc"}},
          {"position_type":"oneWay"},
          {"position":{"token_symbol":"ETH","size":-2,"position_value_usd":"-6000",
                       "liquidation_price_usd":null,"leverage_value":"x"}}]}})",
      "0xabc", utc_from_ms(123));
  CHECK(r.snapshot.account_value == doctest::Approx(500.5));
  CHECK(to_ms(r.snapshot.taken_at) == 123);
  REQUIRE(r.snapshot.positions.size() == 1);
  CHECK(r.snapshot.positions[0].position_side == side::short_);
  CHECK(r.snapshot.positions[0].position_value_usd == doctest::Approx(6000.0));
  CHECK_FALSE(r.snapshot.positions[0].leverage.has_value());
  CHECK(r.stats.skip_reasons.at("zero size") == 1);
  CHECK(r.stats.skip_reasons.at("missing or non-numeric size") == 1);
  CHECK(r.stats.skip_reasons.at("asset_positions item without a position object") == 1);

  const auto none = nansen::parse_positions(R"({"data":{"asset_positions":[]}})", "0x1", {});
  CHECK(none.snapshot.account_value == 0);
  CHECK(none.stats.skip_reasons.at("missing account value") == 1);
}

TEST_CASE("nansen: leaderboard fixtures: null and empty labels, extended fields") {
  const auto p1 = nansen_fixture("perp-leaderboard.json");
  const auto p2 = nansen_fixture("perp-leaderboard-page2.json");
  const auto ext = nansen_fixture("perp-leaderboard-extended-fields.json");
  if (!p1 || !p2 || !ext) return;
  const auto a = nansen::parse_leaderboard_page(*p1);
  CHECK(a.rows.size() == 5);
  CHECK(a.stats.skipped == 0);
  CHECK(a.rows[2].trader_address == fakes::fake_nansen::fixture_trader);
  CHECK(a.rows[2].account_value == doctest::Approx(1284517.33));
  CHECK(a.rows[2].roi == doctest::Approx(4.52));
  CHECK(a.rows[0].label == "Smart HL Perps Trader");
  const auto nulls = std::count_if(a.rows.begin(), a.rows.end(),
                                   [](const leaderboard_row& r) { return r.label.empty(); });
  CHECK(nulls == 1);  // the null label
  const auto b = nansen::parse_leaderboard_page(*p2);
  CHECK(b.rows.size() == 3);
  CHECK(b.pagination.is_last_page == std::optional<bool>(true));
  const auto c = nansen::parse_leaderboard_page(*ext);
  REQUIRE_FALSE(c.rows.empty());
  CHECK_FALSE(c.rows[0].top_positions.empty());
  CHECK(c.rows[0].top_positions[0].size > 0);
}

TEST_CASE("nansen: leaderboard rows need an address, total_pnl and roi") {
  const auto page = nansen::parse_leaderboard_page(R"({"data":[
    {"trader_address":"0x9ea2779ff9dc55abca22b7395b25e41923c52b34","total_pnl":"12.5","roi":1,
     "account_value":null,"trader_address_label":null},
    {"trader_address":"0xnothex","total_pnl":1,"roi":1},
    {"trader_address":"0x9ea2779ff9dc55abca22b7395b25e41923c52b34","roi":1},
    {"trader_address":"0x9ea2779ff9dc55abca22b7395b25e41923c52b34","total_pnl":1,"roi":{}}]})");
  REQUIRE(page.rows.size() == 1);
  CHECK(page.rows[0].total_pnl == doctest::Approx(12.5));
  CHECK(page.rows[0].account_value == 0);
  CHECK(page.rows[0].label.empty());
  CHECK(page.stats.skip_reasons.at("missing or malformed trader_address") == 1);
  CHECK(page.stats.skip_reasons.at("missing total_pnl") == 1);
  CHECK(page.stats.skip_reasons.at("missing roi") == 1);
  CHECK_FALSE(page.pagination.is_last_page.has_value());
}

TEST_CASE("nansen: PnL leaderboard fixture keeps the net short's negative values") {
  const auto body = nansen_fixture("perp-pnl-leaderboard.json");
  if (!body) return;
  const auto page = nansen::parse_pnl_leaderboard_page(*body);
  CHECK(page.stats.skipped == 0);
  REQUIRE_FALSE(page.rows.empty());
  CHECK(page.rows[0].pnl_usd_total == doctest::Approx(546410.85));
  CHECK(page.rows[0].nof_trades == 214);
  CHECK(page.rows[0].still_holding_balance_ratio == doctest::Approx(0.75));
  const auto shorts = std::count_if(page.rows.begin(), page.rows.end(),
                                    [](const auto& r) { return r.holding_amount < 0; });
  CHECK(shorts == 1);
}

TEST_CASE("nansen: smart-money trades accept the short and the long action forms") {
  const auto body = nansen_fixture("smart-money-perp-trades.json");
  if (body) {
    const auto page = nansen::parse_smart_money_trades_page(*body);
    CHECK(page.stats.skipped == 0);
    REQUIRE_FALSE(page.rows.empty());
    CHECK(page.rows[0].action == trade_action::open);
    CHECK(page.rows[0].token_amount == doctest::Approx(2500.0));
    CHECK(to_iso8601(page.rows[0].block_timestamp) == "2026-02-14T11:58:40.000Z");
    CHECK(page.rows[0].label == "Token Millionaire");
  }
  const auto page = nansen::parse_smart_money_trades_page(R"({"data":[
    {"trader_address":"0x9ea2779ff9dc55abca22b7395b25e41923c52b34","token_symbol":"BTC",
     "action":"Sell - Close Long","token_amount":"1.5","price_usd":100000,
     "block_timestamp":"2026-02-14 11:51:03","transaction_hash":"0x1","trader_address_label":null},
    {"trader_address":"0x9ea2779ff9dc55abca22b7395b25e41923c52b34","token_symbol":"BTC",
     "action":"Reduce","side":"Short","token_amount":1,"price_usd":100000,
     "block_timestamp":"2026-02-14T11:51:03Z","transaction_hash":"0x2","type":"MARKET"},
    {"trader_address":"0x9ea2779ff9dc55abca22b7395b25e41923c52b34","token_symbol":"BTC",
     "action":"Hold","side":"Short","token_amount":1,"price_usd":1,
     "block_timestamp":"2026-02-14T11:51:03Z","transaction_hash":"0x3"},
    {"trader_address":"0x9ea2779ff9dc55abca22b7395b25e41923c52b34","token_symbol":"BTC",
     "action":"Open","side":"Short","token_amount":1,"price_usd":1,
     "block_timestamp":"text","transaction_hash":"0x4"}]})");
  REQUIRE(page.rows.size() == 2);
  CHECK(page.rows[0].action == trade_action::close);
  CHECK(page.rows[0].position_side == side::long_);  // from "... Close Long"
  CHECK(page.rows[0].value_usd == doctest::Approx(150000.0));
  CHECK(page.rows[1].action == trade_action::reduce);
  CHECK(page.rows[1].order_type == "MARKET");
  CHECK(page.stats.skip_reasons.at("unknown action") == 1);
  CHECK(page.stats.skip_reasons.at("missing or unparsable block_timestamp") == 1);
}

TEST_CASE("nansen: screener parses both column sets and exponent numbers") {
  const auto all = nansen_fixture("perp-screener.json");
  const auto sm = nansen_fixture("perp-screener-smart-money.json");
  if (!all || !sm) return;
  const auto a = nansen::parse_screener_page(*all);
  REQUIRE_FALSE(a.rows.empty());
  CHECK(a.rows[0].token == "HYPE");
  CHECK(a.rows[0].funding == std::optional<double>(1.25e-05));
  CHECK_FALSE(a.rows[0].is_smart_money_row());
  CHECK(std::any_of(a.rows.begin(), a.rows.end(),
                    [](const auto& r) { return r.token == "xyz:NVDA"; }));
  const auto s = nansen::parse_screener_page(*sm);
  REQUIRE_FALSE(s.rows.empty());
  CHECK(s.rows[0].is_smart_money_row());
  CHECK(s.rows[0].current_smart_money_position_shorts_usd == std::optional<double>(-281003550.0));
  CHECK(s.rows[0].smart_money_longs_count == std::optional<double>(41));
  CHECK_FALSE(s.rows[0].volume.has_value());
}

TEST_CASE("nansen: error bodies give the server's message") {
  CHECK(
      nansen::parse_error_body(R"({"code":"unauthorized","message":"Invalid API key"})").message ==
      "Invalid API key");
  CHECK(nansen::parse_error_body(R"({"code":"unauthorized","message":"x"})").code ==
        "unauthorized");
  CHECK(nansen::parse_error_body(R"({"detail":"Not Found"})").message == "Not Found");
  CHECK(
      nansen::parse_error_body(R"({"detail":[{"loc":["body"],"msg":"field required"}]})").message ==
      "field required");
  CHECK(nansen::parse_error_body(R"({"error":{"message":"Insufficient credits"}})").message ==
        "Insufficient credits");
  CHECK(nansen::parse_error_body(R"({"message":"{'message': 'Bad key', 'code': 401}"})").message ==
        "Bad key");
  CHECK(nansen::parse_error_body("<html>oops</html>").message ==
        "non-JSON body: <html>oops</html>");
  CHECK(nansen::parse_error_body("").message == "(empty body)");
}
