// SPEC §9.1: the dataset directory round-trips through the live parsers; bad lines are skipped
// and counted; a missing manifest is a clear error.
#include <doctest/doctest.h>

#include <fstream>
#include <stdexcept>

#include "dataset_test_support.hpp"
#include "infra/dataset/dataset_dir.hpp"

using namespace smartcopy;
namespace fs = std::filesystem;

namespace {

const std::string alice = "0x1111111111111111111111111111111111111111";

dataset hand_made() {
  dataset d;
  d.manifest = {*parse_iso8601("2026-01-01T00:00:00Z"), *parse_iso8601("2026-01-31T00:00:00Z"),
                25'000, "15m", "test"};
  leaderboard_row lb;
  lb.trader_address = alice;
  lb.label = "Smart HL Perps Trader";
  lb.total_pnl = 12'345.5;
  lb.roi = 12.3455;
  lb.account_value = 100'000;
  d.leaderboards[30].push_back(lb);
  trade t;
  t.trader_address = alice;
  t.token = "BTC";
  t.action = trade_action::close;
  t.position_side = side::short_;
  t.size = 0.5;
  t.price = 101'234.5;
  t.value_usd = 50'617.25;
  t.start_position = -0.5;
  t.closed_pnl = -617.25;
  t.fee_usd = 22.7777625;
  t.timestamp = *parse_iso8601("2026-01-02T03:04:05");
  t.tx_hash = "0xabc123";
  t.oid = 40'000'000'123;
  d.trades[alice].push_back(t);
  hyperliquid::candle c;
  c.open_time = 1'767'225'600'000;
  c.close_time = c.open_time + 899'999;
  c.coin = "BTC";
  c.interval = "15m";
  c.open = 101'000;
  c.high = 101'500.5;
  c.low = 100'900;
  c.close = 101'234.5;
  c.volume = 12.3456;
  c.trades = 321;
  d.candles["BTC"].push_back(c);
  d.smart_money.push_back(alice);
  return d;
}

void append_line(const fs::path& file, const std::string& line) {
  std::ofstream out(file, std::ios::app);
  out << line << '\n';
}

}  // namespace

TEST_CASE("SPEC 9.1: write then read keeps manifest, leaderboard, trade and candle values") {
  temp_dir dir("roundtrip");
  write_dataset(hand_made(), dir.path);
  CHECK(fs::exists(dir.path / "leaderboard" / "7d.json"));
  CHECK(fs::exists(dir.path / "trades" / (alice + ".jsonl")));
  CHECK(read_file(dir.path / "candles" / "BTC.jsonl").find("\"h\":\"101500.5\"") !=
        std::string::npos);  // prices as strings

  nansen::parse_stats stats;
  const dataset d = read_dataset(dir.path, &stats);
  CHECK(stats.skipped == 0);
  CHECK(to_iso8601(d.manifest.start) == "2026-01-01T00:00:00.000Z");
  CHECK(to_iso8601(d.manifest.end) == "2026-01-31T00:00:00.000Z");
  CHECK(d.manifest.equity_usd == 25'000);
  CHECK(d.manifest.interval == "15m");
  CHECK(d.manifest.source == "test");

  REQUIRE(d.leaderboards.at(30).size() == 1);
  CHECK(d.leaderboards.at(7).empty());
  const auto& lb = d.leaderboards.at(30)[0];
  CHECK(lb.trader_address == alice);
  CHECK(lb.label == "Smart HL Perps Trader");
  CHECK(lb.total_pnl == 12'345.5);
  CHECK(lb.roi == doctest::Approx(12.3455));
  CHECK(lb.account_value == 100'000);

  REQUIRE(d.trades.at(alice).size() == 1);
  const trade& t = d.trades.at(alice)[0];
  CHECK(t.trader_address == alice);
  CHECK(t.token == "BTC");
  CHECK(t.action == trade_action::close);
  CHECK(t.position_side == side::short_);
  CHECK(t.size == 0.5);
  CHECK(t.price == 101'234.5);
  CHECK(t.value_usd == 50'617.25);
  CHECK(t.start_position == -0.5);
  CHECK(t.closed_pnl == -617.25);
  CHECK(t.fee_usd == 22.7777625);
  CHECK(to_iso8601(t.timestamp) == "2026-01-02T03:04:05.000Z");
  CHECK(t.tx_hash == "0xabc123");
  CHECK(t.oid == 40'000'000'123);

  REQUIRE(d.candles.at("BTC").size() == 1);
  const auto& c = d.candles.at("BTC")[0];
  CHECK(c.open_time == 1'767'225'600'000);
  CHECK(c.close_time == 1'767'226'499'999);
  CHECK(c.open == 101'000);
  CHECK(c.high == 101'500.5);
  CHECK(c.low == 100'900);
  CHECK(c.close == 101'234.5);
  CHECK(c.volume == 12.3456);
  CHECK(c.trades == 321);
  CHECK(d.smart_money == std::vector<std::string>{alice});
}

TEST_CASE("SPEC 9.1/11: a corrupt trades or candles line is skipped and counted") {
  temp_dir dir("corrupt");
  write_dataset(hand_made(), dir.path);
  const fs::path trades = dir.path / "trades" / (alice + ".jsonl");
  append_line(trades, "{not json");
  append_line(trades,
              R"({"action":"Open","side":"Long","token_symbol":"ETH","size":1,)"
              R"("timestamp":"2026-01-03T00:00:00","transaction_hash":"0xdef"})");  // no price
  append_line(dir.path / "candles" / "BTC.jsonl",
              R"({"t":1,"T":2,"s":"BTC","i":"15m","o":"5","c":"5","h":"4","l":"6","v":"1","n":1})");
  nansen::parse_stats stats;
  const dataset d = read_dataset(dir.path, &stats);
  CHECK(stats.skipped == 3);
  CHECK(stats.skip_reasons.at("trades: row is not valid JSON") == 1);
  CHECK(stats.skip_reasons.at("trades: missing or non-positive price") == 1);
  CHECK(d.trades.at(alice).size() == 1);  // the good row survives
  CHECK(d.candles.at("BTC").size() == 1);
}

TEST_CASE("SPEC 9.1: CRLF and blank lines, a last line without newline; every file's skips") {
  temp_dir dir("lines");
  dataset d = hand_made();
  const std::string bob = "0x2222222222222222222222222222222222222222";
  for (int i = 0; i < 40; ++i) {  // many files, so several are read at once
    const std::string who = bob.substr(0, 40) + std::to_string(i % 10) + std::to_string(i / 10);
    trade t = d.trades[alice][0];
    t.trader_address = who;
    t.tx_hash = "0x" + std::to_string(i);
    d.trades[who] = {t, t};
  }
  write_dataset(d, dir.path);
  for (const auto& [who, rows] : d.trades)
    append_line(dir.path / "trades" / (who + ".jsonl"), "[]");
  const fs::path candles = dir.path / "candles" / "BTC.jsonl";
  std::string text = read_file(candles);
  text.pop_back();  // no final newline
  std::ofstream(candles, std::ios::binary) << "\r\n\n" << text << "\r";
  nansen::parse_stats stats;
  const dataset back = read_dataset(dir.path, &stats);
  CHECK(stats.skipped == d.trades.size());    // one "[]" per trades file
  CHECK(stats.parsed == 1 + 2 * 40 + 1 + 1);  // trades rows, the candle, the leaderboard row
  REQUIRE(back.trades.size() == d.trades.size());
  for (const auto& [who, rows] : d.trades) {
    REQUIRE(back.trades.at(who).size() == rows.size());
    CHECK(back.trades.at(who)[0].tx_hash == rows[0].tx_hash);
    CHECK(back.trades.at(who)[0].trader_address == who);
  }
  REQUIRE(back.candles.at("BTC").size() == 1);
  CHECK(back.candles.at("BTC")[0].close == 101'234.5);
}

TEST_CASE("SPEC 9.1: a candles file of several MB reads back whole, lines cut by no buffer") {
  temp_dir dir("big");
  dataset d = hand_made();
  auto& candles = d.candles["BTC"];
  const hyperliquid::candle first = candles[0];
  for (int i = 1; i < 30'000; ++i) {  // ~4 MB: lines straddle the reader's 1 MB blocks
    hyperliquid::candle c = first;
    c.open_time += i * 900'000LL;
    c.close_time += i * 900'000LL;
    c.close = first.close + i * 0.5;
    c.high = c.close + 100;  // the parser checks low <= open, close <= high
    c.trades = i;
    candles.push_back(c);
  }
  write_dataset(d, dir.path);
  REQUIRE(fs::file_size(dir.path / "candles" / "BTC.jsonl") > 3'000'000);
  nansen::parse_stats stats;
  const dataset back = read_dataset(dir.path, &stats);
  CHECK(stats.skipped == 0);
  const auto& read = back.candles.at("BTC");
  REQUIRE(read.size() == candles.size());
  std::size_t same = 0;
  for (std::size_t i = 0; i < read.size(); ++i)
    same += read[i].open_time == candles[i].open_time && read[i].close == candles[i].close &&
            read[i].trades == candles[i].trades && read[i].volume == candles[i].volume;
  CHECK(same == candles.size());
}

TEST_CASE("SPEC 9.1: a missing manifest or directory is a clear error naming it") {
  temp_dir dir("nomanifest");
  write_dataset(hand_made(), dir.path);
  fs::remove(dir.path / "manifest.json");
  CHECK_THROWS_WITH_AS(read_dataset(dir.path), doctest::Contains("manifest.json"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(read_dataset(dir.path / "absent"), doctest::Contains("absent"),
                       std::runtime_error);
  append_line(dir.path / "manifest.json", R"({"start":"yesterday","end":"2026-01-02"})");
  CHECK_THROWS_WITH_AS(read_dataset(dir.path), doctest::Contains("bad start"), std::runtime_error);
}

TEST_CASE("SPEC 9.1: trades in any order are read back in time order") {
  temp_dir dir("order");
  dataset d = hand_made();
  trade early = d.trades[alice][0];
  early.timestamp = *parse_iso8601("2026-01-01T00:00:01");
  early.tx_hash = "0xearly";
  d.trades[alice].push_back(early);  // written after the later row
  write_dataset(d, dir.path);
  const dataset back = read_dataset(dir.path);
  REQUIRE(back.trades.at(alice).size() == 2);
  CHECK(back.trades.at(alice)[0].tx_hash == "0xearly");
  CHECK(back.trades.at(alice)[1].tx_hash == "0xabc123");
}

TEST_CASE("candle intervals of SPEC 9.1") {
  CHECK(interval_ms("1m") == 60'000);
  CHECK(interval_ms("15m") == 900'000);
  CHECK(interval_ms("1h") == 3'600'000);
  CHECK_THROWS_AS(interval_ms("2m"), std::invalid_argument);
}
