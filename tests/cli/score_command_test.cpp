// SPEC §1, §3: `smartcopy score` runs one scoring pass against (a fake) Nansen over HTTPS and
// prints the ranked table; the traders table is written.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "fakes/fake_nansen.hpp"
#include "infra/db/database.hpp"
#include "infra/db/traders_table.hpp"
#include "support/run_binary.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;

namespace {

std::string naive(utc_time t) {
  auto s = to_iso8601(t);
  s.pop_back();  // Nansen's timestamps carry no zone
  return s;
}

boost::json::object trade_json(const std::string& address, const char* action, double start,
                               double pnl, utc_time at, int n) {
  return {{"action", action},
          {"side", "Long"},
          {"token_symbol", "BTC"},
          {"size", 1.0},
          {"price", 100000.0},
          {"value_usd", 100000.0},
          {"start_position", start},
          {"closed_pnl", pnl},
          {"fee_usd", 45.0},
          {"fee_token_symbol", "USDC"},
          {"crossed", true},
          {"oid", 1000 + n},
          {"block_number", 5000 + n},
          {"timestamp", naive(at)},
          {"transaction_hash", "0x" + std::string(60, 'a') + std::to_string(1000 + n)},
          {"user", address}};
}

}  // namespace

TEST_CASE("smartcopy score ranks the fake leaderboard's traders and stores them") {
  fakes::fake_nansen nansen;
  const std::string good = "0x1111111111111111111111111111111111111111";
  const std::string poor = "0x2222222222222222222222222222222222222222";
  nansen.set_leaderboard({
      {{"trader_address", good},
       {"trader_address_label", "Fund One"},
       {"total_pnl", 90000.0},
       {"roi", 18.0},
       {"account_value", 600000.0}},
      {{"trader_address", poor},
       {"trader_address_label", nullptr},
       {"total_pnl", 100.0},
       {"roi", 1.0},
       {"account_value", 90000.0}},
  });
  const utc_time now = std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
  std::vector<boost::json::object> good_trades;
  for (int i = 0; i < 60; ++i) {  // 60 round trips over 80 days: 40 winners, 20 losers
    const utc_time open = now - hours(24 * 85) + hours(32 * i);
    good_trades.push_back(trade_json(good, "Open", 0, 0, open, 2 * i));
    good_trades.push_back(
        trade_json(good, "Close", 1, i % 3 == 2 ? -400.0 : 900.0, open + hours(20), 2 * i + 1));
  }
  nansen.set_trades(good, good_trades);
  nansen.set_trades(poor, {trade_json(poor, "Open", 0, 0, now - hours(30), 1)});

  temp_dir dir;
  const std::string db = dir.file("score.db");
  const auto r = run_smartcopy("score --set nansen.base_url=" + nansen.base_url() +
                                   " --set http.ca_file=" + nansen.ca_file() +
                                   " --set db.url=sqlite:" + db + " --set log.level=warn",
                               "NANSEN_API_KEY=" + nansen.api_key(), dir.path.string());
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto good_line = r.output.find(good);
  const auto poor_line = r.output.find(poor);
  REQUIRE(good_line != std::string::npos);
  REQUIRE(poor_line != std::string::npos);
  CHECK(good_line < poor_line);  // ranked: the eligible trader first
  CHECK(r.output.find(nansen.api_key()) == std::string::npos);

  database store("sqlite:" + db);
  traders_table traders(store.session());
  const auto best = traders.find(good);
  REQUIRE(best);
  CHECK(best->tier == trader_tier::primary);
  CHECK(best->nof_trades == 60);
  CHECK(best->win_rate == doctest::Approx(40.0 / 60));
  CHECK(best->label == "Fund One");
  CHECK(traders.find(poor)->tier == trader_tier::untracked);  // 0 closes < 50
}

TEST_CASE("smartcopy score without a Nansen key is a configuration error naming the key") {
  temp_dir dir;
  const auto r = run_smartcopy("score", "", dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("nansen.api_key") != std::string::npos);
}
