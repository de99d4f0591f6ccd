// SPEC §4 step 8: portfolio limits and one position per token.
#include <doctest/doctest.h>

#include "strategy/portfolio_limits.hpp"
#include "strategy_test_helpers.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;
using smartcopy::strategy::test::qnan;

namespace {
book_entry held(const std::string& token, double usd, const std::string& trader = "0xa",
                side s = side::long_) {
  return {token, s, trader, usd};
}
entry_candidate open_of(const std::string& token, const std::string& trader = "0xb") {
  return {token, side::long_, trade_action::open, trader};
}
}  // namespace

TEST_CASE("SPEC §4 step 8: position count") {
  const entry_settings e;  // 5 positions, 50 % total, 15 % per token
  book b{100'000,
         {held("BTC", 5'000), held("ETH", 5'000), held("SOL", 5'000), held("HYPE", 5'000)}};
  CHECK(open_position_count(b) == 4);
  CHECK(portfolio_limits_gate(open_of("DOGE"), b, e).passed);
  b.entries.push_back(held("XRP", 5'000));
  const auto full = portfolio_limits_gate(open_of("DOGE"), b, e);
  CHECK(full.code == decision::skip_max_positions);
  // A reservation and its Add into the same token count as one position.
  book one{100'000, {held("BTC", 5'000), held("BTC", 1'000)}};
  CHECK(open_position_count(one) == 1);
}

TEST_CASE("SPEC §4 step 8: total and token exposure (strictly below the limit)") {
  const entry_settings e;
  book b{100'000, {held("BTC", 30'000), held("ETH", 19'999)}};
  CHECK(portfolio_limits_gate(open_of("SOL"), b, e).passed);  // 49 999 < 50 000
  b.entries[1].notional_usd = 20'000;                         // 50 000 is not < 50 000
  CHECK(portfolio_limits_gate(open_of("SOL"), b, e).code == decision::skip_max_exposure);

  // Token limit, reached by the same trader's Add into its own position: 15 000 is not < 15 000.
  book t{100'000, {held("BTC", 15'000, "0xa")}};
  const entry_candidate add{"BTC", side::long_, trade_action::add, "0xa"};
  CHECK(portfolio_limits_gate(add, t, e).code == decision::skip_token_exposure);
  t.entries[0].notional_usd = 14'000;
  CHECK(portfolio_limits_gate(add, t, e).passed);
  const auto h = headroom_for(t, "BTC");
  CHECK(h.total_exposure_usd == 14'000);
  CHECK(h.token_exposure_usd == 14'000);
  CHECK(headroom_for(t, "ETH").token_exposure_usd == 0);
}

TEST_CASE("SPEC §4 step 8 [decision]: one position per token except the same trader's Add") {
  const entry_settings e;
  const book b{100'000, {held("BTC", 5'000, "0xa", side::long_)}};
  CHECK(portfolio_limits_gate(open_of("BTC", "0xb"), b, e).code == decision::skip_already_in_token);
  CHECK(portfolio_limits_gate(open_of("BTC", "0xa"), b, e).code ==
        decision::skip_already_in_token);  // an Open, not an Add
  const entry_candidate other_trader_add{"BTC", side::long_, trade_action::add, "0xb"};
  CHECK(portfolio_limits_gate(other_trader_add, b, e).code == decision::skip_already_in_token);
  const entry_candidate other_side_add{"BTC", side::short_, trade_action::add, "0xa"};
  CHECK(portfolio_limits_gate(other_side_add, b, e).code == decision::skip_already_in_token);
  const entry_candidate same_add{"BTC", side::long_, trade_action::add, "0xa"};
  CHECK(portfolio_limits_gate(same_add, b, e).passed);
  // The scaling-in Add is allowed even when the position count is at the limit.
  book full{100'000,
            {held("BTC", 5'000), held("ETH", 5'000), held("SOL", 5'000), held("HYPE", 5'000),
             held("XRP", 5'000)}};
  CHECK(portfolio_limits_gate(same_add, full, e).passed);
}

TEST_CASE("SPEC §4 step 8: an unusable book is refused with a reason") {
  const entry_settings e;
  CHECK(portfolio_limits_gate(open_of("BTC"), book{0, {}}, e).code == decision::skip_max_exposure);
  CHECK(portfolio_limits_gate(open_of("BTC"), book{qnan, {}}, e).code ==
        decision::skip_max_exposure);
  const auto bad = portfolio_limits_gate(open_of("BTC"), book{100'000, {held("ETH", qnan)}}, e);
  CHECK(bad.code == decision::skip_max_exposure);
  CHECK(bad.detail.find("ETH") != std::string::npos);
}
