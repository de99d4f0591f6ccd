// Fuzz-style robustness (SPEC §11: bad input never crashes): every parser gets >= 10 000
// mutated fixture bodies from a fixed-seed PRNG; each must return rows or throw nansen::error.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <random>

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

// Mutations that matter for JSON: flip/insert/delete bytes, truncate, splice, and swap values
// for tokens of the wrong type.
std::string mutate(std::string s, std::mt19937_64& rng) {
  static const char* tokens[] = {"null",
                                 "\"\"",
                                 "\"x\"",
                                 "-1",
                                 "1e400",
                                 "\"NaN\"",
                                 "[]",
                                 "{}",
                                 "true",
                                 "\"-0.0\"",
                                 "\"1.25e-05\"",
                                 "\"2026-13-45T99:99:99\"",
                                 "18446744073709551616",
                                 "\"\\u0000\""};
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const std::size_t pos = rng() % s.size();
    switch (rng() % 6) {
      case 0:
        s[pos] = static_cast<char>(rng() % 256);
        break;
      case 1:
        s.erase(pos, 1 + rng() % 8);
        break;
      case 2:
        s.insert(pos, 1, "{}[]\":,0-e."[rng() % 11]);
        break;
      case 3:
        s.resize(pos);
        break;
      case 4: {
        const std::size_t from = rng() % s.size();
        s.insert(pos, s.substr(from, rng() % 64));
        break;
      }
      default: {
        // Replace the value after a ':' with a token of another type.
        const auto colon = s.find(':', pos);
        if (colon == std::string::npos) break;
        const auto end = s.find_first_of(",}", colon);
        if (end == std::string::npos) break;
        s.replace(colon + 1, end - colon - 1, tokens[rng() % std::size(tokens)]);
      }
    }
  }
  return s;
}

struct target {
  const char* fixture;
  std::function<std::size_t(std::string_view)> parse;  // rows kept
};

}  // namespace

TEST_CASE("nansen: 10 000 mutated bodies per parser, zero crashes") {
  const std::vector<target> targets = {
      {"address-perp-trades.json",
       [](std::string_view b) { return nansen::parse_trades_page(b).rows.size(); }},
      {"perp-leaderboard-extended-fields.json",
       [](std::string_view b) { return nansen::parse_leaderboard_page(b).rows.size(); }},
      {"address-perp-positions.json",
       [](std::string_view b) {
         return nansen::parse_positions(b, "0x1", utc_time{}).snapshot.positions.size();
       }},
      {"perp-pnl-leaderboard.json",
       [](std::string_view b) { return nansen::parse_pnl_leaderboard_page(b).rows.size(); }},
      {"smart-money-perp-trades.json",
       [](std::string_view b) { return nansen::parse_smart_money_trades_page(b).rows.size(); }},
      {"perp-screener-smart-money.json",
       [](std::string_view b) { return nansen::parse_screener_page(b).rows.size(); }},
  };
  std::mt19937_64 rng(20260214);
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& t : targets) {
    const auto original = nansen_fixture(t.fixture);
    if (!original) return;
    CAPTURE(t.fixture);
    std::size_t rows = 0, errors = 0, cases = 0;
    for (int i = 0; i < 10'000; ++i) {
      const std::string body = mutate(*original, rng);
      ++cases;
      try {
        rows += t.parse(body);
      } catch (const nansen::error& e) {
        CHECK(e.kind() == nansen::error_kind::bad_response);
        ++errors;
      }
    }
    CHECK(cases == 10'000);
    CHECK(errors > 0);  // mutations really broke bodies...
    CHECK(rows > 0);    // ...and many still parsed to rows
  }
  // Every parser once more on the same mutations of one JSON Lines row.
  std::string why;
  const std::string row =
      R"({"action":"Open","side":"Long","token_symbol":"BTC","size":"0.5","price":99000.5,"timestamp":"2026-02-14T11:00:00.123456","transaction_hash":"0xab","oid":302037090738,"user":"0xd5250cc230db2c654a03023a8ed3a2b67a123f41"})";
  std::size_t kept = 0;
  for (int i = 0; i < 10'000; ++i) kept += nansen::parse_trade_row(mutate(row, rng), why) ? 1 : 0;
  CHECK(kept > 0);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(15));
}
