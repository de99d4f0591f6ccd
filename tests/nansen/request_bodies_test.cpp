// The six request bodies are exactly those of reference §6 / fixtures/nansen/requests, both as
// built and as received by the fake server.
#include <doctest/doctest.h>

#include "infra/nansen/request_bodies.hpp"
#include "nansen_test_support.hpp"

using namespace smartcopy;
using namespace smartcopy::test;
namespace json = boost::json;

namespace {

constexpr const char* trader = fakes::fake_nansen::fixture_trader;

json::value expected(const char* name) {
  const auto text = nansen_fixture(std::string("requests/") + name);
  REQUIRE(text.has_value());
  return json::parse(*text);
}

}  // namespace

TEST_CASE("nansen: date_range formats dates and whole-second UTC datetimes") {
  const auto d = nansen::date_range::dates(at("2026-01-15T23:59:59Z"), at("2026-02-14T00:00:01Z"));
  CHECK(d.from == "2026-01-15");
  CHECK(d.to == "2026-02-14");
  const auto t =
      nansen::date_range::datetimes(at("2026-02-13T10:00:00.900Z"), at("2026-02-14T11:58:40.226Z"));
  CHECK(t.from == "2026-02-13T10:00:00Z");  // rounded down
  CHECK(t.to == "2026-02-14T11:58:41Z");    // rounded up: the window never shrinks
}

TEST_CASE("nansen: built bodies equal the reference request fixtures") {
  if (!nansen_fixture("requests/perp-leaderboard.request.json")) return;
  const auto month = nansen::date_range::dates(at("2026-01-15"), at("2026-02-14"));
  CHECK(json::value(nansen::perp_leaderboard_body(month, 1, 100)) ==
        expected("perp-leaderboard.request.json"));
  CHECK(
      json::value(nansen::address_perp_trades_body(trader, {"2026-02-07", "2026-02-15"}, 1, 100)) ==
      expected("address-perp-trades.request.json"));
  CHECK(json::value(nansen::address_perp_positions_body(trader)) ==
        expected("address-perp-positions.request.json"));
  CHECK(json::value(nansen::perp_pnl_leaderboard_body("BTC", month, 1, 100)) ==
        expected("perp-pnl-leaderboard.request.json"));
  CHECK(json::value(nansen::smart_money_perp_trades_body(true, 1, 100)) ==
        expected("smart-money-perp-trades.request.json"));
  const auto screener =
      nansen::date_range::datetimes(at("2026-02-13T00:00:00Z"), at("2026-02-14T23:59:59Z"));
  CHECK(json::value(nansen::perp_screener_body(screener, 1, 100)) ==
        expected("perp-screener.request.json"));
}

TEST_CASE("nansen: each of the six calls sends the reference body with the apiKey header") {
  if (!nansen_fixture("requests/perp-leaderboard.request.json")) return;
  fakes::fake_nansen fake;
  REQUIRE(fake.load_fixtures(nansen_fixture_dir()));
  nansen::client client(fake_settings(fake), fast_options(fake));
  const auto month = nansen::date_range::dates(at("2026-01-15"), at("2026-02-14"));

  client.get_perp_leaderboard(at("2026-01-15T08:00:00Z"), at("2026-02-14T20:00:00Z"));
  client.get_address_perp_trades(trader, {"2026-02-07", "2026-02-15"});
  client.get_address_perp_positions(trader);
  client.get_perp_pnl_leaderboard("BTC", month);
  client.get_smart_money_perp_trades(true);
  client.get_perp_screener(
      nansen::date_range::datetimes(at("2026-02-13T00:00:00Z"), at("2026-02-14T23:59:59Z")));

  const std::pair<const char*, const char*> calls[] = {
      {"perp-leaderboard", "perp-leaderboard.request.json"},
      {"profiler/perp-trades", "address-perp-trades.request.json"},
      {"profiler/perp-positions", "address-perp-positions.request.json"},
      {"tgm/perp-pnl-leaderboard", "perp-pnl-leaderboard.request.json"},
      {"smart-money/perp-trades", "smart-money-perp-trades.request.json"},
      {"perp-screener", "perp-screener.request.json"}};
  for (const auto& [path, file] : calls) {
    CAPTURE(path);
    const auto bodies = fake.request_bodies(path);
    REQUIRE(bodies.size() == 1);  // fixtures fit one page of 100
    CHECK(bodies[0] == expected(file));
    const auto req = fake.requests(path).at(0);
    CHECK(req.method == "POST");
    CHECK(req.header("apiKey") == std::optional<std::string>(fake.api_key()));
    CHECK(req.header("content-type") == std::optional<std::string>("application/json"));
  }
}
