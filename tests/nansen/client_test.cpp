// The Nansen client against the fake server: pagination, retries (429 + Retry-After, 5xx,
// timeouts), no retry on configuration errors, credits, TLS, broken answers (SPEC §2, §11).
#include <doctest/doctest.h>

#include <chrono>

#include "nansen_test_support.hpp"

using namespace smartcopy;
using namespace smartcopy::test;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

constexpr const char* trader = fakes::fake_nansen::fixture_trader;

json::object trade_row(int i) {
  char ts[40];
  std::snprintf(ts, sizeof ts, "2026-02-14T10:%02d:00.000000", i);
  return {{"action", "Open"},
          {"side", "Long"},
          {"token_symbol", "BTC"},
          {"size", 0.1},
          {"price", 100000.0},
          {"timestamp", ts},
          {"transaction_hash", "0x" + std::to_string(1000 + i)},
          {"user", trader}};
}

json::object leader_row(int i) {
  char address[43];
  std::snprintf(address, sizeof address, "0x%040d", i);
  return {{"trader_address", address},
          {"total_pnl", 1000.0 * i},
          {"roi", 1.5},
          {"account_value", 50000.0},
          {"trader_address_label", nullptr}};
}

nansen::error expect_nansen_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const nansen::error& e) {
    return e;
  }
  FAIL("no nansen::error thrown");
  return nansen::error(nansen::error_kind::transport, "unreachable");
}

const auto window = nansen::date_range::datetimes(*parse_iso8601("2026-02-14T00:00:00Z"),
                                                  *parse_iso8601("2026-02-15T00:00:00Z"));

}  // namespace

TEST_CASE("nansen: pagination walks pages until is_last_page (reference §2.4)") {
  fakes::fake_nansen fake;
  std::vector<json::object> rows;
  for (int i = 1; i <= 7; ++i) rows.push_back(leader_row(i));
  fake.set_leaderboard(rows);
  auto o = fast_options(fake);
  o.per_page = 3;
  nansen::client client(fake_settings(fake), o);
  const auto r =
      client.get_perp_leaderboard(*parse_iso8601("2026-02-07"), *parse_iso8601("2026-02-14"));
  CHECK(r.rows.size() == 7);
  CHECK(r.pages == 3);
  CHECK_FALSE(r.truncated);
  const auto bodies = fake.request_bodies("perp-leaderboard");
  REQUIRE(bodies.size() == 3);
  for (int i = 0; i < 3; ++i) {
    CHECK(bodies[static_cast<std::size_t>(i)].at("pagination").at("page").as_int64() == i + 1);
    CHECK(bodies[static_cast<std::size_t>(i)].at("pagination").at("per_page").as_int64() == 3);
  }
  CHECK(r.rows[6].total_pnl == doctest::Approx(7000.0));
}

TEST_CASE("nansen: the page cap stops paging and reports truncation") {
  fakes::fake_nansen fake;
  std::vector<json::object> rows;
  for (int i = 1; i <= 10; ++i) rows.push_back(leader_row(i));
  fake.set_leaderboard(rows);
  auto o = fast_options(fake);
  o.per_page = 2;
  o.max_pages = 2;
  nansen::client client(fake_settings(fake), o);
  const auto r =
      client.get_perp_leaderboard(*parse_iso8601("2026-02-07"), *parse_iso8601("2026-02-14"));
  CHECK(r.rows.size() == 4);
  CHECK(r.truncated);
  CHECK(fake.requests("perp-leaderboard").size() == 2);
}

TEST_CASE("nansen: a short page ends paging even without is_last_page") {
  fakes::fake_nansen fake;
  json::object page;
  page["data"] = json::array{leader_row(1)};  // 1 row < per_page 3, no pagination block
  fakes::reply r;
  r.body = json::serialize(page);
  fake.script("perp-leaderboard", r);
  auto o = fast_options(fake);
  o.per_page = 3;
  nansen::client client(fake_settings(fake), o);
  const auto res =
      client.get_perp_leaderboard(*parse_iso8601("2026-02-07"), *parse_iso8601("2026-02-14"));
  CHECK(res.rows.size() == 1);
  CHECK(fake.requests("perp-leaderboard").size() == 1);
}

TEST_CASE("nansen: trades poll newest first and stop at an already-seen trade") {
  fakes::fake_nansen fake;
  std::vector<json::object> rows;
  for (int i = 0; i < 10; ++i) rows.push_back(trade_row(i));
  fake.set_trades(trader, rows);
  auto o = fast_options(fake);
  o.per_page = 3;
  nansen::client client(fake_settings(fake), o);

  const auto all = client.get_address_perp_trades(trader, window);
  REQUIRE(all.rows.size() == 10);
  CHECK(all.pages == 4);
  CHECK(to_iso8601(all.rows.front().timestamp) == "2026-02-14T10:09:00.000Z");  // DESC
  CHECK(all.rows.front().trader_address == trader);

  nansen::trades_query q;
  q.already_seen = [](const trade& t) { return t.tx_hash == "0x1007"; };  // on page 1 (9,8,7)
  const std::size_t before = fake.requests("profiler/perp-trades").size();
  const auto fresh = client.get_address_perp_trades(trader, window, q);
  CHECK(fresh.pages == 1);
  CHECK(fresh.rows.size() == 3);
  CHECK(fake.requests("profiler/perp-trades").size() == before + 1);

  q.already_seen = nullptr;
  q.max_pages = 2;
  const auto capped = client.get_address_perp_trades(trader, window, q);
  CHECK(capped.rows.size() == 6);
  CHECK(capped.truncated);
}

TEST_CASE("nansen: 429 is retried no earlier than Retry-After (seconds)") {
  fakes::fake_nansen fake;
  fake.set_leaderboard({leader_row(1)});
  fake.script("perp-leaderboard", fakes::fake_nansen::rate_limited("1"));
  nansen::client client(fake_settings(fake), fast_options(fake));
  const auto r =
      client.get_perp_leaderboard(*parse_iso8601("2026-02-07"), *parse_iso8601("2026-02-14"));
  CHECK(r.rows.size() == 1);
  const auto reqs = fake.requests("perp-leaderboard");
  REQUIRE(reqs.size() == 2);
  CHECK(reqs[1].arrived - reqs[0].arrived >= 1000ms);
  CHECK(client.usage().retries == 1);
  CHECK(client.usage().requests == 2);
}

TEST_CASE("nansen: 429 without Retry-After backs off exponentially and then succeeds") {
  fakes::fake_nansen fake;
  fake.set_leaderboard({leader_row(1)});
  fake.script("perp-leaderboard", fakes::fake_nansen::rate_limited(), 2);
  auto o = fast_options(fake);
  o.backoff_base = 40ms;
  o.backoff_cap = 1000ms;
  nansen::client client(fake_settings(fake), o);
  client.get_perp_leaderboard(*parse_iso8601("2026-02-07"), *parse_iso8601("2026-02-14"));
  const auto reqs = fake.requests("perp-leaderboard");
  REQUIRE(reqs.size() == 3);
  CHECK(reqs[1].arrived - reqs[0].arrived >= 20ms);  // >= base/2
  CHECK(reqs[2].arrived - reqs[1].arrived >= 40ms);  // >= 2 x base / 2
}

TEST_CASE("nansen: a Retry-After beyond max_retry_after fails at once") {
  fakes::fake_nansen fake;
  fake.script("perp-leaderboard", fakes::fake_nansen::rate_limited("3600"));
  nansen::client client(fake_settings(fake), fast_options(fake));
  const auto e = expect_nansen_error([&] {
    client.get_perp_leaderboard(*parse_iso8601("2026-02-07"), *parse_iso8601("2026-02-14"));
  });
  CHECK(e.status() == 429);
  CHECK(std::string(e.what()).find("Retry-After 3600") != std::string::npos);
  CHECK(fake.requests().size() == 1);
}

TEST_CASE("nansen: 5xx and HTML error pages are retried, then success") {
  fakes::fake_nansen fake;
  fake.set_screener({json::object{{"token_symbol", "BTC"}, {"volume", 1.0}}});
  fake.script("perp-screener", fakes::fake_nansen::server_error(500));
  fake.script("perp-screener", fakes::fake_nansen::html_page(502));
  fake.script("perp-screener", fakes::fake_nansen::server_error(503));
  nansen::client client(fake_settings(fake), fast_options(fake));
  const auto r = client.get_perp_screener(window);
  CHECK(r.rows.size() == 1);
  CHECK(fake.requests("perp-screener").size() == 4);
  CHECK(client.usage().retries == 3);
}

TEST_CASE("nansen: 5xx after max_retries surfaces the status and attempts") {
  fakes::fake_nansen fake;
  fake.script("perp-screener", fakes::fake_nansen::html_page(502), 10);
  nansen::client client(fake_settings(fake), fast_options(fake));  // max_retries 3
  const auto e = expect_nansen_error([&] { client.get_perp_screener(window); });
  CHECK(e.kind() == nansen::error_kind::http_status);
  CHECK(e.status() == 502);
  CHECK(e.attempts() == 4);
  CHECK_FALSE(e.is_configuration_error());
  CHECK(e.server_message().find("Bad Gateway") != std::string::npos);
  CHECK(fake.requests("perp-screener").size() == 4);
}

TEST_CASE("nansen: 422 and 401 are not retried and carry the server's message (SPEC §11)") {
  fakes::fake_nansen fake;
  fake.script("tgm/perp-pnl-leaderboard", [] {
    fakes::reply r;
    r.status = 422;
    r.body = R"({"message":"Field 'date_from' is not recognized."})";
    return r;
  }());
  nansen::client client(fake_settings(fake), fast_options(fake));
  auto e = expect_nansen_error([&] { client.get_perp_pnl_leaderboard("BTC", window); });
  CHECK(e.status() == 422);
  CHECK(e.is_configuration_error());
  CHECK(e.server_message() == "Field 'date_from' is not recognized.");
  CHECK(fake.requests().size() == 1);

  auto settings = fake_settings(fake);
  settings.api_key = "wrong-key";
  nansen::client bad_key(settings, fast_options(fake));
  e = expect_nansen_error([&] { bad_key.get_address_perp_positions(trader); });
  CHECK(e.status() == 401);
  CHECK(e.server_message() == "Invalid API key");
  CHECK(e.code() == "unauthorized");
  CHECK(e.attempts() == 1);
  CHECK(std::string(e.what()).find("wrong-key") == std::string::npos);  // secrets never printed
  CHECK(fake.requests().size() == 2);
}

TEST_CASE("nansen: 403 and 404 are configuration errors, not retried") {
  fakes::fake_nansen fake;
  auto forbidden = fakes::reply{};
  forbidden.status = 403;
  forbidden.body = R"({"code":"insufficient_credits","message":"Insufficient credits"})";
  fake.script("smart-money/perp-trades", forbidden);
  nansen::client client(fake_settings(fake), fast_options(fake));
  auto e = expect_nansen_error([&] { client.get_smart_money_perp_trades(true); });
  CHECK(e.status() == 403);
  CHECK(e.server_message() == "Insufficient credits");
  e = expect_nansen_error([&] { client.post("perp-pnl-leaderboard", {{"token_symbol", "BTC"}}); });
  CHECK(e.status() == 404);
  CHECK(e.server_message() == "Not Found");
  CHECK(fake.requests().size() == 2);
}

TEST_CASE("nansen: timeouts are retried, then given up with a clear error") {
  fakes::fake_nansen fake;
  fakes::reply slow;
  slow.delay = 1500ms;
  slow.body = R"({"data":[]})";
  fake.script("perp-screener", slow, 10);
  auto o = fast_options(fake);
  o.timeout = 200ms;
  auto settings = fake_settings(fake);
  settings.max_retries = 2;
  nansen::client client(settings, o);
  const auto t0 = std::chrono::steady_clock::now();
  const auto e = expect_nansen_error([&] { client.get_perp_screener(window); });
  CHECK(std::chrono::steady_clock::now() - t0 < 3s);
  CHECK(e.kind() == nansen::error_kind::transport);
  CHECK(e.attempts() == 3);
  CHECK(std::string(e.what()).find("timeout") != std::string::npos);
  CHECK(std::string(e.what()).find("after 3 attempts") != std::string::npos);
  CHECK(fake.requests("perp-screener").size() == 3);
}

TEST_CASE("nansen: a slow answer then a good one succeeds on retry") {
  fakes::fake_nansen fake;
  fake.set_screener({json::object{{"token_symbol", "ETH"}}});
  fakes::reply slow;
  slow.delay = 1000ms;
  fake.script("perp-screener", slow);
  auto o = fast_options(fake);
  o.timeout = 200ms;
  nansen::client client(fake_settings(fake), o);
  CHECK(client.get_perp_screener(window).rows.size() == 1);
  CHECK(fake.requests("perp-screener").size() == 2);
}

TEST_CASE("nansen: a truncated body is retried; a 200 HTML page is a clear bad_response") {
  fakes::fake_nansen fake;
  fake.set_leaderboard({leader_row(1)});
  fakes::reply cut;
  cut.body = R"({"data":[{"trader_address":"0x0000000000000000000000000000000000000001"}]})";
  cut.truncate = true;
  fake.script("perp-leaderboard", cut);
  nansen::client client(fake_settings(fake), fast_options(fake));
  const auto from = *parse_iso8601("2026-02-07");
  const auto to = *parse_iso8601("2026-02-14");
  CHECK(client.get_perp_leaderboard(from, to).rows.size() == 1);
  CHECK(fake.requests("perp-leaderboard").size() == 2);

  auto html = fakes::fake_nansen::html_page(200);
  fake.script("perp-leaderboard", html);
  const auto e = expect_nansen_error([&] { client.get_perp_leaderboard(from, to); });
  CHECK(e.kind() == nansen::error_kind::bad_response);
  CHECK(std::string(e.what()).find("not valid JSON") != std::string::npos);
}

TEST_CASE("nansen: credit headers accumulate into counters (reference §4)") {
  fakes::fake_nansen fake;
  fake.set_leaderboard({leader_row(1)});
  fake.set_credits_remaining(100);
  nansen::client client(fake_settings(fake), fast_options(fake));
  client.get_perp_leaderboard(*parse_iso8601("2026-02-07"), *parse_iso8601("2026-02-14"));  // 5
  client.get_address_perp_positions(trader);                                                // 1
  client.get_perp_screener(window);                                                         // 1
  CHECK(client.usage().credits_used == doctest::Approx(7.0));
  CHECK(client.usage().credits_remaining == std::optional<double>(93.0));
}

TEST_CASE("nansen: TLS verification rejects the fake without its CA file") {
  fakes::fake_nansen fake;
  auto o = fast_options(fake);
  o.http.ca_file.clear();
  nansen::client client(fake_settings(fake), o);
  const auto e = expect_nansen_error([&] { client.get_address_perp_positions(trader); });
  CHECK(e.kind() == nansen::error_kind::transport);
  CHECK(e.attempts() == 1);  // a certificate problem is configuration, not retried
  CHECK(std::string(e.what()).find("tls") != std::string::npos);
  CHECK(fake.requests().empty());
}

TEST_CASE("nansen: fixtures end to end: positions, PnL leaderboard, smart money, trades") {
  fakes::fake_nansen fake;
  if (!fake.load_fixtures(nansen_fixture_dir())) return;
  auto o = fast_options(fake);
  o.per_page = 4;
  nansen::client client(fake_settings(fake), o);
  const auto snap = client.get_address_perp_positions(trader);
  CHECK(snap.snapshot.positions.size() == 3);
  CHECK(snap.snapshot.account_value == doctest::Approx(1284517.332145));
  const auto unknown =
      client.get_address_perp_positions("0x0000000000000000000000000000000000000009");
  CHECK(unknown.snapshot.positions.empty());
  const auto trades = client.get_address_perp_trades(trader, {"2026-02-07", "2026-02-15"});
  CHECK(trades.rows.size() == 7);
  CHECK(trades.pages == 2);
  CHECK(std::is_sorted(trades.rows.begin(), trades.rows.end(),
                       [](const trade& a, const trade& b) { return a.timestamp > b.timestamp; }));
  CHECK_FALSE(client.get_perp_pnl_leaderboard("BTC", window).rows.empty());
  CHECK(client.get_perp_pnl_leaderboard("DOGE", window).rows.empty());
  const auto sm = client.get_smart_money_perp_trades(true);
  CHECK(sm.stats.skipped == 0);
  CHECK(std::all_of(sm.rows.begin(), sm.rows.end(),
                    [](const auto& t) { return t.action == trade_action::open; }));
}
