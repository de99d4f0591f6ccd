// SPEC §1 (`data fetch`: resumable, rate-limited, progress bar) and §9.1 (the dataset directory):
// the real binary records a dataset from the fake Nansen and the fake Hyperliquid over HTTPS.
#include <doctest/doctest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "fakes/fake_hyperliquid.hpp"
#include "fakes/fake_nansen.hpp"
#include "infra/dataset/dataset_dir.hpp"
#include "infra/hyperliquid/info_parsers.hpp"
#include "infra/nansen/trades_parser.hpp"
#include "support/run_binary.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;
namespace fs = std::filesystem;
namespace bj = boost::json;

namespace {

const utc_time start = *parse_iso8601("2025-03-01T00:00:00Z");
const utc_time end = *parse_iso8601("2025-03-03T00:00:00Z");  // --to 2025-03-02, whole day
constexpr std::int64_t quarter_ms = 15 * 60'000;
constexpr std::size_t candles_per_token = 2 * 96;  // two days of 15m candles
constexpr std::size_t page_limit = 50;

const std::string trader_a = "0x" + std::string(40, 'a');  // best 90-day ROI of the eligible
const std::string trader_b = "0x" + std::string(40, 'b');
const std::string trader_c = "0x" + std::string(40, 'c');  // third: left out by --traders 2
const std::string trader_d = "0x" + std::string(40, 'd');  // best ROI, account too small

std::string naive(utc_time t) {
  auto s = to_iso8601(t);
  s.pop_back();  // Nansen's timestamps carry no zone
  return s;
}

bj::object leaderboard_row(const std::string& address, double roi, double account) {
  return {{"trader_address", address},
          {"trader_address_label", nullptr},
          {"total_pnl", roi * 1000},
          {"roi", roi},
          {"account_value", account}};
}

struct fill_of {
  const char* token;
  const char* action;
  double price;
  double closed_pnl;
};

bj::object nansen_fill(const std::string& address, const fill_of& f, utc_time at, int n) {
  const bool opens = std::string(f.action) == "Open";
  return {{"action", f.action},
          {"side", "Long"},
          {"token_symbol", f.token},
          {"size", 1.0},
          {"price", f.price},
          {"value_usd", f.price},
          {"start_position", opens ? 0.0 : 1.0},
          {"closed_pnl", f.closed_pnl},
          {"fee_usd", 0.05},
          {"fee_token_symbol", "USDC"},
          {"crossed", true},
          {"oid", 1000 + n},
          {"block_number", 5000 + n},
          {"timestamp", naive(at)},
          {"transaction_hash", "0x" + std::string(60, 'e') + std::to_string(1000 + n)},
          {"user", address}};
}

/// 15m candles of `coin` from `from` to the end; prices follow the candle's index so a value
/// read back identifies its candle.
std::vector<hyperliquid::candle> candles_of(const std::string& coin, double base, utc_time from) {
  std::vector<hyperliquid::candle> out;
  for (std::int64_t t = to_ms(from), k = 0; t < to_ms(end); t += quarter_ms, ++k) {
    const double p = base + static_cast<double>(k);
    out.push_back({t, t + quarter_ms - 1, coin, "15m", p, p + 0.5, p + 1, p - 1, 10.0 + k, k});
  }
  return out;
}

/// The fakes with a leaderboard of four traders, their trades and candles of five tokens.
struct apis {
  fakes::fake_nansen nansen;
  fakes::fake_hyperliquid hyperliquid;

  apis() {
    nansen.set_leaderboard(
        {leaderboard_row(trader_a, 30, 200'000), leaderboard_row(trader_b, 20, 100'000),
         leaderboard_row(trader_c, 10, 80'000), leaderboard_row(trader_d, 50, 10'000)});
    // A: 60 round trips of history (two pages of 100 fills), two of three closes winning, so
    // A passes the selection filter (SPEC §3); a fill older than the 90 days; BTC and ETH
    // opened inside the window at the candles' prices.
    std::vector<bj::object> a;
    for (int i = 0; i < 120; ++i) {
      const double pnl = i % 2 == 0 ? 0 : (i / 2) % 3 == 2 ? -300 : 600;
      a.push_back(nansen_fill(trader_a, {"BTC", i % 2 ? "Close" : "Open", 60'000, pnl},
                              start - hours(24 * 80) + hours(12 * i), i));
    }
    a.push_back(nansen_fill(trader_a, {"AVAX", "Open", 20, 0}, start - hours(24 * 100), 200));
    a.push_back(nansen_fill(trader_a, {"BTC", "Open", 60'004, 0}, start + hours(1), 201));
    a.push_back(nansen_fill(trader_a, {"BTC", "Close", 60'036, 32}, start + hours(9), 202));
    a.push_back(nansen_fill(trader_a, {"ETH", "Open", 3'120, 0}, start + hours(30), 203));
    nansen.set_trades(trader_a, a);
    // B: DOGE only in the history (no candles needed), SOL inside the window.
    nansen.set_trades(trader_b,
                      {nansen_fill(trader_b, {"DOGE", "Open", 0.1, 0}, start - hours(24 * 30), 300),
                       nansen_fill(trader_b, {"SOL", "Open", 150, 0}, start + hours(2), 301),
                       nansen_fill(trader_b, {"SOL", "Close", 151, 1}, start + hours(20), 302)});
    nansen.set_trades(trader_c,
                      {nansen_fill(trader_c, {"XRP", "Open", 0.5, 0}, start + hours(3), 400)});
    std::vector<hyperliquid::candle> all;
    for (const auto& [coin, base, from] :
         {std::tuple{"BTC", 60'000.0, start}, std::tuple{"ETH", 3'000.0, start},
          // SOL's history starts a day late, like a token listed (or pruned) mid-range.
          std::tuple{"SOL", 150.0, start + hours(24)}, std::tuple{"DOGE", 0.1, start},
          std::tuple{"XRP", 0.5, start}}) {
      auto c = candles_of(coin, base, from);
      all.insert(all.end(), c.begin(), c.end());
    }
    hyperliquid.set_candles(all, page_limit);
  }

  std::string args(const std::string& out, const std::string& extra = "--traders 2") const {
    return "data fetch --from 2025-03-01 --to 2025-03-02 --interval 15m --out " + out + " " +
           extra + " --set nansen.base_url=" + nansen.base_url() +
           " --set hyperliquid.base_url=" + hyperliquid.base_url() +
           " --set http.ca_file=" + nansen.ca_file() +
           " --set nansen.requests_per_minute=60000 --set nansen.max_retries=0";
  }
  std::string env() const { return "NANSEN_API_KEY=" + nansen.api_key(); }

  /// perp-trades requests for `address`.
  std::size_t trades_requests(const std::string& address) const {
    std::size_t n = 0;
    for (const auto& body : nansen.request_bodies("profiler/perp-trades"))
      if (body.as_object().at("address").as_string() == address) ++n;
    return n;
  }
  std::size_t candle_requests(const std::string& coin = "") const {
    std::size_t n = 0;
    for (const auto& r : hyperliquid.requests()) {
      const auto body = bj::parse(r.body).as_object();
      if (body.at("type").as_string() != "candleSnapshot") continue;
      if (coin.empty() || body.at("req").as_object().at("coin").as_string() == coin) ++n;
    }
    return n;
  }
};

std::size_t pages(std::size_t rows, std::size_t per_page) {
  return (rows + per_page - 1) / per_page;
}

/// Every file below `dir` whose name marks it unfinished, or the staging area.
std::vector<std::string> leftovers(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name == ".fetch" || name.find(".tmp") != std::string::npos) out.push_back(name);
  }
  return out;
}

}  // namespace

TEST_CASE("data fetch records a §9.1 dataset that read_dataset and backtest read (SPEC §1, §9.1)") {
  apis api;
  temp_dir dir;
  const std::string out = dir.file("data");
  const auto r = run_smartcopy(api.args(out), api.env(), dir.path.string());
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find(api.nansen.api_key()) == std::string::npos);
  CHECK(r.output.find("data fetch: " + out + " complete") != std::string::npos);
  CHECK(leftovers(out).empty());

  const dataset data = read_dataset(out);
  CHECK(data.manifest.start == start);
  CHECK(data.manifest.end == end);
  CHECK(data.manifest.interval == "15m");
  CHECK(data.manifest.source == "nansen+hyperliquid traders=2");
  CHECK(data.manifest.equity_usd == 100'000);  // account.paper_equity_usd
  for (int days : {7, 30, 90}) CHECK(data.leaderboards.at(days).size() == 4);

  // Windows end the day before the start: nothing of the replayed period leaks into scoring.
  const auto boards = api.nansen.request_bodies("perp-leaderboard");
  REQUIRE(boards.size() == 3);
  CHECK(boards[0].at("date").at("from").as_string() == "2025-02-22");
  CHECK(boards[0].at("date").at("to").as_string() == "2025-02-28");
  CHECK(boards[2].at("date").at("from").as_string() == "2024-12-01");

  // The top two eligible by 90-day ROI: A and B (D's account is below the minimum, C third).
  REQUIRE(data.trades.size() == 2);
  const auto& a = data.trades.at(trader_a);
  CHECK(a.size() == 123);  // 120 history + 3 in the window; the 100-day-old fill is outside
  CHECK(a.front().timestamp == start - hours(24 * 80));
  CHECK(data.trades.at(trader_b).size() == 3);
  CHECK(api.trades_requests(trader_a) == pages(123, 100));  // Nansen paged too
  CHECK(api.trades_requests(trader_c) == 0);
  const auto trade_date = api.nansen.request_bodies("profiler/perp-trades")[0].at("date");
  CHECK(trade_date.at("from").as_string() == "2024-12-01T00:00:00Z");  // 90 days of history
  CHECK(trade_date.at("to").as_string() == "2025-03-03T00:00:00Z");

  // Candles of the tokens traded inside the window, paged 50 at a time.
  REQUIRE(data.candles.size() == 3);
  const auto& btc = data.candles.at("BTC");
  REQUIRE(btc.size() == candles_per_token);
  CHECK(btc.front().open_time == to_ms(start));
  CHECK(btc.back().open_time == to_ms(end) - quarter_ms);
  CHECK(btc[137].open == 60'137);
  CHECK(btc[137].close == 60'137.5);
  CHECK(btc[137].volume == 147);
  CHECK(data.candles.at("ETH").size() == candles_per_token);
  const auto& sol = data.candles.at("SOL");
  CHECK(sol.size() == candles_per_token / 2);
  CHECK(sol.front().open_time == to_ms(start + hours(24)));
  CHECK(r.output.find("candles of SOL cover 96 of 192 15m intervals") != std::string::npos);
  CHECK(candles_per_token > page_limit);
  CHECK(api.candle_requests("BTC") == pages(candles_per_token, page_limit));
  CHECK(api.candle_requests("SOL") == pages(candles_per_token / 2, page_limit));
  CHECK(api.candle_requests() ==
        2 * pages(candles_per_token, page_limit) + pages(candles_per_token / 2, page_limit));

  const auto bt = run_smartcopy(
      "backtest --data " + out + " --out " + dir.file("report") + " --set log.level=warn", "",
      dir.path.string());
  INFO(bt.output);
  CHECK(bt.exit_code == 0);
  // A, scored from the fetched leaderboards and history, is tracked: its opens become signals.
  std::ifstream report(dir.path / "report" / "report.json");
  const std::string report_text{std::istreambuf_iterator<char>(report), {}};
  CHECK(bj::parse(report_text).at("signals").to_number<int>() >= 1);
}

TEST_CASE("a failed data fetch keeps only complete files; the rerun fetches only what is missing") {
  apis api;
  temp_dir dir;
  const std::string out = dir.file("data");
  // Nansen refuses the key on B's trades: A's trades are done, B's and every candle are not.
  fakes::reply refused;
  refused.status = 401;
  refused.body = R"({"code":"unauthorized","message":"Invalid API key"})";
  api.nansen.script_address(trader_b, refused);
  auto r = run_smartcopy(api.args(out), api.env(), dir.path.string());
  {
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("nansen.api_key") != std::string::npos);
    CHECK(r.output.find("run the same command again to resume") != std::string::npos);
    CHECK(r.output.find(api.nansen.api_key()) == std::string::npos);
  }
  for (const char* f : {"leaderboard/7d.json", "leaderboard/30d.json", "leaderboard/90d.json"})
    CHECK(fs::exists(fs::path(out) / f));
  CHECK(!fs::exists(fs::path(out) / "manifest.json"));
  CHECK(!fs::exists(fs::path(out) / "trades" / (trader_b + ".jsonl")));
  CHECK(fs::is_empty(fs::path(out) / "candles"));
  std::ifstream a_file(fs::path(out) / "trades" / (trader_a + ".jsonl"));
  std::size_t a_rows = 0;
  for (std::string line, reason; std::getline(a_file, line); ++a_rows)
    CHECK(nansen::parse_trade_row(line, reason));
  CHECK(a_rows == 123);  // whole
  // An unfinished directory is not a dataset.
  const auto early =
      run_smartcopy("backtest --data " + out + " --out " + dir.file("bt"), "", dir.path.string());
  CHECK(early.exit_code == 1);
  CHECK(early.output.find("manifest.json") != std::string::npos);

  r = run_smartcopy(api.args(out), api.env(), dir.path.string());
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("resuming the unfinished fetch") != std::string::npos);
  CHECK(r.output.find("leaderboards: 3 of 3 already complete") != std::string::npos);
  CHECK(r.output.find("trades files: 1 of 2 already complete") != std::string::npos);
  CHECK(api.nansen.requests("perp-leaderboard").size() == 3);  // not asked again
  CHECK(api.trades_requests(trader_a) == pages(123, 100));     // not asked again
  CHECK(api.trades_requests(trader_b) == 2);                   // the 401, then the answer
  const dataset data = read_dataset(out);
  CHECK(data.trades.at(trader_a).size() == 123);
  CHECK(data.trades.at(trader_b).size() == 3);
  CHECK(data.candles.size() == 3);
  CHECK(leftovers(out).empty());

  // Complete: a third run requests nothing.
  const auto nansen_before = api.nansen.requests().size();
  const auto candles_before = api.candle_requests();
  r = run_smartcopy(api.args(out), api.env(), dir.path.string());
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("already holds this complete dataset") != std::string::npos);
  CHECK(api.nansen.requests().size() == nansen_before);
  CHECK(api.candle_requests() == candles_before);

  // Another fetch into the same directory is a usage error that touches nothing.
  r = run_smartcopy(api.args(out, "--traders 3"), api.env(), dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("--out") != std::string::npos);
  CHECK(r.output.find("traders=2") != std::string::npos);
  CHECK(read_dataset(out).manifest.source == "nansen+hyperliquid traders=2");
  CHECK(api.nansen.requests().size() == nansen_before);
}

TEST_CASE("a failure inside a candle file leaves no half file; the rerun skips finished tokens") {
  apis api;
  temp_dir dir;
  const std::string out = dir.file("data");
  const std::size_t btc_pages = pages(candles_per_token, page_limit);
  // BTC's pages all come, then ETH's first page, then Hyperliquid refuses for good (a 400 is
  // not retried, which keeps the test fast).
  api.hyperliquid.fail_candles_after(btc_pages + 1, 400);
  auto r = run_smartcopy(api.args(out), api.env(), dir.path.string());
  {
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("info HTTP 400") != std::string::npos);
  }
  CHECK(api.candle_requests("ETH") == 2);  // one page written to the staged file, then refused
  std::ifstream btc(fs::path(out) / "candles" / "BTC.jsonl");
  std::size_t btc_lines = 0;
  for (std::string line; std::getline(btc, line);) ++btc_lines;
  CHECK(btc_lines == candles_per_token);
  CHECK(!fs::exists(fs::path(out) / "candles" / "ETH.jsonl"));
  CHECK(!fs::exists(fs::path(out) / "manifest.json"));

  r = run_smartcopy(api.args(out), api.env(), dir.path.string());
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("candle files: 1 of 3 already complete") != std::string::npos);
  CHECK(api.candle_requests("BTC") == btc_pages);  // not asked again
  CHECK(api.candle_requests("ETH") == 2 + pages(candles_per_token, page_limit));
  const dataset data = read_dataset(out);
  CHECK(data.candles.at("BTC").size() == candles_per_token);
  CHECK(data.candles.at("ETH").size() == candles_per_token);
  CHECK(data.candles.at("ETH")[191].close == 3'191.5);
  CHECK(leftovers(out).empty());
}

TEST_CASE("real Hyperliquid 15m BTC candles survive the fetch unchanged (SPEC §9.1)") {
  std::ifstream in(
      std::string(SMARTCOPY_SHARED_DIR) +
      "/data/real/SimSimButDifferent__hyperliquid-candle-logger__data_BTC-PERP-15m.json");
  if (!in) return;  // the real data is optional
  const auto real = hyperliquid::parse_candles(
      std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()});
  REQUIRE(real.rows.size() == 5002);  // 2024-12-04 03:45 → 2025-01-25 06:00, every 15 minutes
  apis api;
  api.hyperliquid.set_candles(real.rows, 1000);
  const utc_time from = *parse_iso8601("2024-12-05T00:00:00Z");
  api.nansen.set_trades(trader_a,
                        {nansen_fill(trader_a, {"BTC", "Open", 97'000, 0}, from + hours(5), 1)});
  temp_dir dir;
  const std::string out = dir.file("data");
  const std::string args = "data fetch --from 2024-12-05 --to 2025-01-24 --interval 15m --out " +
                           out + " --traders 1 --set nansen.base_url=" + api.nansen.base_url() +
                           " --set hyperliquid.base_url=" + api.hyperliquid.base_url() +
                           " --set http.ca_file=" + api.nansen.ca_file();
  const auto r = run_smartcopy(args, api.env(), dir.path.string());
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto fetched = read_dataset(out);
  const auto& btc = fetched.candles.at("BTC");
  REQUIRE(btc.size() == 51 * 96);  // the whole days inside the real series
  CHECK(api.candle_requests("BTC") == pages(51 * 96, 1000));
  std::size_t equal = 0;
  for (const auto& c : btc) {
    const auto same = std::find_if(real.rows.begin(), real.rows.end(),
                                   [&](const auto& x) { return x.open_time == c.open_time; });
    if (same != real.rows.end() && same->open == c.open && same->close == c.close &&
        same->high == c.high && same->low == c.low && same->volume == c.volume &&
        same->trades == c.trades && same->close_time == c.close_time)
      ++equal;
  }
  CHECK(equal == btc.size());
  CHECK(btc.front().open_time == to_ms(from));
}

TEST_CASE("--smart-money records the feed's distinct addresses in smart_money.json (SPEC §9.1)") {
  apis api;
  std::vector<bj::object> feed;
  for (const auto& [address, token] :
       {std::pair{trader_c, "HYPE"}, std::pair{trader_d, "BTC"}, std::pair{trader_c, "ETH"}})
    feed.push_back({{"trader_address", address},
                    {"trader_address_label", "Smart HL Perps Trader"},
                    {"token_symbol", token},
                    {"side", "Long"},
                    {"action", "Open"},
                    {"token_amount", 1.0},
                    {"price_usd", 10.0},
                    {"value_usd", 10.0},
                    {"type", "Market"},
                    {"block_timestamp", "2025-03-04T11:58:40"},
                    {"transaction_hash", "0x" + std::string(64, '1')}});
  api.nansen.set_smart_money_trades(feed);
  temp_dir dir;
  const std::string out = dir.file("data");
  const auto r =
      run_smartcopy(api.args(out, "--traders 1 --smart-money"), api.env(), dir.path.string());
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const dataset data = read_dataset(out);
  CHECK(data.smart_money == std::vector<std::string>{trader_c, trader_d});
  CHECK(data.manifest.source == "nansen+hyperliquid traders=1 smart_money");
  CHECK(data.trades.size() == 1);
  CHECK(api.nansen.requests("smart-money/perp-trades").size() == 1);
}

TEST_CASE("data fetch refuses a non-empty directory that holds no fetch (SPEC §1)") {
  apis api;
  temp_dir dir;
  fs::create_directories(dir.path / "data");
  dir.write("data/notes.txt", "mine");
  const auto r = run_smartcopy(api.args(dir.file("data")), api.env(), dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("is not empty and holds no data fetch") != std::string::npos);
  CHECK(api.nansen.requests().empty());
  CHECK(fs::directory_iterator(dir.path / "data")->path().filename() == "notes.txt");
  const auto file =
      run_smartcopy(api.args(dir.file("data/notes.txt")), api.env(), dir.path.string());
  CHECK(file.exit_code == 2);
  CHECK(file.output.find("is not a directory") != std::string::npos);
}

TEST_CASE("data fetch: bad arguments exit 2 naming the option; a refused key exits 1 (SPEC §1)") {
  temp_dir dir;
  const std::string out = " --out " + dir.file("data");
  auto r = run_smartcopy("data fetch --from 2025-02-30 --to 2025-03-02" + out, "NANSEN_API_KEY=k",
                         dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("--from") != std::string::npos);
  r = run_smartcopy("data fetch --from 2025-03-01 --to 03/02/2025" + out, "NANSEN_API_KEY=k",
                    dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("--to") != std::string::npos);
  r = run_smartcopy("data fetch --from 2025-03-02 --to 2025-03-01" + out, "NANSEN_API_KEY=k",
                    dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("--to: 2025-03-01 is before --from 2025-03-02") != std::string::npos);
  r = run_smartcopy("data fetch --from 2025-03-01 --to 2999-01-01" + out, "NANSEN_API_KEY=k",
                    dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("is not over yet") != std::string::npos);
  r = run_smartcopy("data fetch --from 2025-03-01 --to 2025-03-02 --interval 2m" + out,
                    "NANSEN_API_KEY=k", dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("--interval") != std::string::npos);
  r = run_smartcopy("data fetch --from 2025-03-01 --to 2025-03-02" + out, "", dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("nansen.api_key") != std::string::npos);
  CHECK(!fs::exists(dir.path / "data"));

  apis api;
  const std::string wrong_key = "wrong-key-5f3a";
  r = run_smartcopy(api.args(dir.file("data")), "NANSEN_API_KEY=" + wrong_key, dir.path.string());
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("nansen.api_key") != std::string::npos);
  CHECK(r.output.find("HTTP 401") != std::string::npos);
  CHECK(r.output.find(wrong_key) == std::string::npos);
}
