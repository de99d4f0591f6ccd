// The fake validates requests like the real API (reference §2.2, §5), so client tests that pass
// against it would not be fooled by a wrong body.
#include <doctest/doctest.h>

#include "infra/http/https_client.hpp"
#include "nansen_test_support.hpp"

using namespace smartcopy;
using namespace smartcopy::test;

namespace {

http::response post(const fakes::fake_nansen& fake, const std::string& path,
                    const std::string& body,
                    const char* key = fakes::fake_nansen::default_api_key) {
  http::client_options o;
  o.ca_file = fake.ca_file();
  http::https_client client(o);
  http::request r;
  r.url = fake.base_url() + path;
  r.body = body;
  if (key) r.headers = {{"apiKey", key}};
  return client.send(r);
}

}  // namespace

TEST_CASE("nansen fake: unknown key, missing date, bad date or order → 422") {
  fakes::fake_nansen fake;
  auto res = post(fake, "/api/v1/perp-leaderboard",
                  R"({"date_from":"2026-01-01","date_to":"2026-01-02"})");
  CHECK(res.status == 422);
  CHECK(res.body.find("'date_from' is not recognized") != std::string::npos);
  res = post(fake, "/api/v1/perp-screener", R"({"pagination":{"page":1,"per_page":10}})");
  CHECK(res.status == 422);
  CHECK(res.body.find("\"param\":\"date\"") != std::string::npos);
  res = post(fake, "/api/v1/perp-leaderboard",
             R"({"date":{"from":"2026-01-01T00:00:00Z","to":"2026-01-02"}})");
  CHECK(res.status == 422);  // DateOnlyRange
  res = post(
      fake, "/api/v1/profiler/perp-positions",
      R"({"address":"0xd5250cc230db2c654a03023a8ed3a2b67a123f41","pagination":{"page":1,"per_page":5}})");
  CHECK(res.status == 422);  // perp-positions takes no pagination
  res = post(
      fake, "/api/v1/perp-screener",
      R"({"date":{"from":"2026-01-01","to":"2026-01-02"},"order_by":[{"field":"volume","direction":"desc"}]})");
  CHECK(res.status == 422);  // lower-case direction
  res = post(fake, "/api/v1/perp-screener", "not json");
  CHECK(res.status == 400);
}

TEST_CASE("nansen fake: wrong path → 404, missing or bad apiKey → 401") {
  fakes::fake_nansen fake;
  auto res = post(fake, "/api/v1/perp-pnl-leaderboard", R"({})");
  CHECK(res.status == 404);
  CHECK(res.body == R"({"detail":"Not Found"})");
  res = post(fake, "/api/v1/perp-screener", R"({"date":{"from":"2026-01-01"}})", nullptr);
  CHECK(res.status == 401);
  res = post(fake, "/api/v1/perp-screener", R"({"date":{"from":"2026-01-01"}})", "nope");
  CHECK(res.status == 401);
  CHECK(res.body.find("Invalid API key") != std::string::npos);
  res = post(fake, "/api/v1/perp-screener", R"({"date":{"from":"2026-01-01"}})");
  CHECK(res.status == 200);
  CHECK(res.header("X-Nansen-Credits-Used") == std::optional<std::string>("1"));
  CHECK(fake.requests().size() == 4);
}

TEST_CASE("nansen fake: trades are filtered by the date range and leaderboards by window") {
  fakes::fake_nansen fake;
  const std::string a = fakes::fake_nansen::fixture_trader;
  fake.add_trade(a, {{"timestamp", "2026-02-10T12:00:00.000000"}, {"transaction_hash", "0x1"}});
  fake.add_trade(a, {{"timestamp", "2026-02-14T23:59:59.000000"}, {"transaction_hash", "0x2"}});
  fake.add_trade(a, {{"timestamp", "2026-02-15T00:00:01.000000"}, {"transaction_hash", "0x3"}});
  auto res = post(fake, "/api/v1/profiler/perp-trades",
                  R"({"address":")" + a + R"(","date":{"from":"2026-02-11","to":"2026-02-14"}})");
  REQUIRE(res.status == 200);
  const auto v = boost::json::parse(res.body);
  REQUIRE(v.at("data").as_array().size() == 1);
  CHECK(v.at("data").at(0).at("transaction_hash") == "0x2");

  fake.set_leaderboard({{{"trader_address", "default"}}});
  fake.set_leaderboard({{{"trader_address", "seven"}}}, 7);
  res =
      post(fake, "/api/v1/perp-leaderboard", R"({"date":{"from":"2026-02-07","to":"2026-02-14"}})");
  CHECK(boost::json::parse(res.body).at("data").at(0).at("trader_address") == "seven");
  res =
      post(fake, "/api/v1/perp-leaderboard", R"({"date":{"from":"2026-01-15","to":"2026-02-14"}})");
  CHECK(boost::json::parse(res.body).at("data").at(0).at("trader_address") == "default");
}
