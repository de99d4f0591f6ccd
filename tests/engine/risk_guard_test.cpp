// SPEC §4 steps 8-9 at the risk guard: portfolio limits over positions and reservations,
// sizing within the headroom, atomic reservations, release/expiry, PnL into equity, and the
// liquidation blacklist (§7 step 6). Defaults: equity 100 000, max 5 positions, total exposure
// 50 %, per token 15 %, single position 10 % — so a full-size entry is 10 000 USD.
#include <doctest/doctest.h>

#include <caf/scoped_actor.hpp>

#include "engine/rp_fixture.hpp"
#include "infra/db/traders_table.hpp"

using namespace smartcopy;
using smartcopy::testing::rp_engine;

namespace {

our_position book_position(std::int64_t id, const std::string& token, const std::string& trader,
                           double notional_usd) {
  our_position p;
  p.id = id;
  p.token = token;
  p.position_side = side::long_;
  p.entry_price = 100;
  p.size = notional_usd / 100;
  p.remaining_size = p.size;
  p.value_usd = notional_usd;
  p.source_trader = trader;
  p.status = position_status::open;
  return p;
}

/// A request sized to 10 000 USD: the trader put 20 % of 500 000 into it, ROI 15 (tier 1.0).
reservation_request request_for(const std::string& token, const std::string& trader,
                                trade_action action = trade_action::open) {
  reservation_request r;
  r.signal_id = 1;
  r.token = token;
  r.position_side = side::long_;
  r.action = action;
  r.source_trader = trader;
  r.context.trader_account_value = 500000;
  r.context.trader_position_value = 100000;
  r.trader_roi_7d = 15;
  return r;
}

reservation_result reserve(rp_engine& e, const reservation_request& r) {
  return e.ask<reservation_result>(e.h.risk, reserve_atom::value, r);
}

void restore(rp_engine& e, const our_position& p) {
  e.self->send(e.h.risk, open_atom::value, p);
  e.run();
}

}  // namespace

TEST_CASE("risk §4.9: a free book reserves the full copy size") {
  rp_engine e;
  const auto r = reserve(e, request_for("BTC", "0xaaa"));
  CHECK(r.outcome == decision::execute);
  CHECK(r.size_usd == doctest::Approx(10000));
  CHECK(r.reservation_id > 0);
  CHECK(r.equity_usd == doctest::Approx(100000));
  CHECK(e.risk().reservations.size() == 1);
}

TEST_CASE("risk §4.8: max_total_positions counts distinct tokens") {
  rp_engine e;
  const char* tokens[] = {"BTC", "ETH", "SOL", "HYPE", "DOGE"};
  for (int i = 0; i < 5; ++i) restore(e, book_position(i + 1, tokens[i], "0xaaa", 1000));
  const auto r = reserve(e, request_for("AVAX", "0xbbb"));
  CHECK(r.outcome == decision::skip_max_positions);
  CHECK(r.detail.find("5 positions open") != std::string::npos);
}

TEST_CASE("risk §4.8: total exposure at 50 % of equity refuses a new token") {
  rp_engine e;
  const char* tokens[] = {"BTC", "ETH", "SOL", "HYPE"};
  for (int i = 0; i < 4; ++i) restore(e, book_position(i + 1, tokens[i], "0xaaa", 12500));
  CHECK(reserve(e, request_for("AVAX", "0xbbb")).outcome == decision::skip_max_exposure);
}

TEST_CASE("risk §4.8: one position per token; the same trader's Add scales in") {
  rp_engine e;
  restore(e, book_position(1, "BTC", "0xaaa", 5000));
  const auto other = reserve(e, request_for("BTC", "0xbbb"));
  CHECK(other.outcome == decision::skip_already_in_token);
  const auto own_open = reserve(e, request_for("BTC", "0xaaa"));
  CHECK(own_open.outcome == decision::skip_already_in_token);
  const auto add = reserve(e, request_for("BTC", "0xaaa", trade_action::add));
  CHECK(add.outcome == decision::execute);
  CHECK(add.size_usd == doctest::Approx(10000));  // token headroom 15 000 − 5 000
}

TEST_CASE("risk §4.8-9: token exposure limit, and an Add clipped to the token headroom") {
  rp_engine e;
  restore(e, book_position(1, "BTC", "0xaaa", 15000));
  CHECK(reserve(e, request_for("BTC", "0xaaa", trade_action::add)).outcome ==
        decision::skip_token_exposure);
  rp_engine f;
  restore(f, book_position(1, "BTC", "0xaaa", 14000));
  const auto r = reserve(f, request_for("BTC", "0xaaa", trade_action::add));
  CHECK(r.outcome == decision::execute);
  CHECK(r.size_usd == doctest::Approx(1000));
}

TEST_CASE("risk §4.9: size clipped to the total headroom; below min_position_usd is zero") {
  rp_engine e;
  restore(e, book_position(1, "BTC", "0xaaa", 15000));
  restore(e, book_position(2, "ETH", "0xaaa", 15000));
  restore(e, book_position(3, "SOL", "0xaaa", 15000));
  const auto r = reserve(e, request_for("HYPE", "0xbbb"));
  CHECK(r.outcome == decision::execute);
  CHECK(r.size_usd == doctest::Approx(5000));
  // 49 950 committed: 50 USD of headroom is under the 100 USD minimum.
  rp_engine f;
  restore(f, book_position(1, "BTC", "0xaaa", 15000));
  restore(f, book_position(2, "ETH", "0xaaa", 15000));
  restore(f, book_position(3, "SOL", "0xaaa", 15000));
  restore(f, book_position(4, "DOGE", "0xaaa", 4950));
  const auto tiny = reserve(f, request_for("AVAX", "0xbbb"));
  CHECK(tiny.outcome == decision::skip_size_zero);
  CHECK(tiny.detail.find("below min_position_usd") != std::string::npos);
}

TEST_CASE("risk §4.8: two signals racing for the last exposure headroom, exactly one passes") {
  rp_engine e;
  restore(e, book_position(1, "BTC", "0xaaa", 15000));
  restore(e, book_position(2, "ETH", "0xaaa", 15000));
  restore(e, book_position(3, "SOL", "0xaaa", 11000));  // 9 000 USD of headroom left
  // Both requests are in the guard's mailbox before it handles either.
  auto first =
      e.self->request(e.h.risk, caf::infinite, reserve_atom::value, request_for("HYPE", "0xbbb"));
  auto second =
      e.self->request(e.h.risk, caf::infinite, reserve_atom::value, request_for("AVAX", "0xccc"));
  e.run();
  std::vector<reservation_result> results;
  for (auto* h : {&first, &second})
    h->receive([&](reservation_result& r) { results.push_back(r); },
               [&](caf::error& err) { FAIL(e.sys.render(err)); });
  REQUIRE(results.size() == 2);
  const int passed =
      (results[0].outcome == decision::execute) + (results[1].outcome == decision::execute);
  CHECK(passed == 1);
  CHECK(results[0].outcome == decision::execute);
  CHECK(results[0].size_usd == doctest::Approx(9000));
  CHECK(results[1].outcome == decision::skip_max_exposure);
}

TEST_CASE("risk §4.8: release and expiry (limit TTL 5 min + 2 min margin) free the headroom") {
  rp_engine e;
  restore(e, book_position(1, "BTC", "0xaaa", 15000));
  restore(e, book_position(2, "ETH", "0xaaa", 15000));
  restore(e, book_position(3, "SOL", "0xaaa", 11000));
  const auto held = reserve(e, request_for("HYPE", "0xbbb"));
  REQUIRE(held.outcome == decision::execute);
  CHECK(reserve(e, request_for("AVAX", "0xccc")).outcome == decision::skip_max_exposure);
  e.self->send(e.h.risk, release_atom::value, held.reservation_id);
  e.run();
  const auto again = reserve(e, request_for("AVAX", "0xccc"));
  CHECK(again.outcome == decision::execute);
  // Nobody resolves this one: it expires after 7 minutes, not before.
  e.advance(std::chrono::minutes(6));
  CHECK(reserve(e, request_for("DOGE", "0xddd")).outcome == decision::skip_max_exposure);
  e.advance(std::chrono::minutes(1));
  CHECK(e.risk().reservations.empty());
  CHECK(reserve(e, request_for("DOGE", "0xddd")).outcome == decision::execute);
}

TEST_CASE("risk §4.8: opened replaces the reservation by the position's actual notional") {
  rp_engine e;
  const auto r = reserve(e, request_for("BTC", "0xaaa"));
  REQUIRE(r.outcome == decision::execute);
  auto pos = book_position(7, "BTC", "0xaaa", 9500);  // filled for less than reserved
  e.self->send(e.h.risk, opened_atom::value, r.reservation_id, pos);
  e.run();
  CHECK(e.risk().reservations.empty());
  REQUIRE(e.risk().positions.count(7) == 1);
  CHECK(e.risk().positions[7].notional_usd == doctest::Approx(9500));
  // The expiry of the resolved reservation later changes nothing.
  e.advance(std::chrono::minutes(8));
  CHECK(e.risk().positions.count(7) == 1);
}

TEST_CASE(
    "risk §7: realized PnL net of fees moves equity (tiers as they fill, the rest at close)") {
  rp_engine e;
  auto pos = book_position(3, "ETH", "0xaaa", 10000);
  restore(e, pos);
  pos.remaining_size = 75;  // a 25 % tier filled at +10 %
  pos.realized_pnl_usd = 250;
  pos.fees_usd = 5;
  e.self->send(e.h.risk, changed_atom::value, pos);
  e.run();
  CHECK(e.ask<double>(e.h.risk, equity_atom::value) == doctest::Approx(100245));
  CHECK(e.risk().positions[3].notional_usd == doctest::Approx(7500));
  pos.status = position_status::closed;
  pos.reason = close_reason::trailing_stop;
  pos.remaining_size = 0;
  pos.realized_pnl_usd = 1000;
  pos.fees_usd = 12;
  e.self->send(e.h.risk, changed_atom::value, pos);
  e.run();
  CHECK(e.ask<double>(e.h.risk, equity_atom::value) == doctest::Approx(100988));
  CHECK(e.risk().positions.empty());
  // The freed exposure and the larger equity size the next entry.
  CHECK(reserve(e, request_for("ETH", "0xbbb")).size_usd == doctest::Approx(10098.8));
}

TEST_CASE("risk §7.6: a blacklisted trader is refused until the cooldown ends, and persisted") {
  rp_engine e;
  const auto until = e.now() + std::chrono::hours(24 * 14);
  e.self->send(e.h.risk, blacklist_atom::value, std::string{"0xaaa"}, until);
  e.run();
  const auto r = reserve(e, request_for("BTC", "0xaaa"));
  CHECK(r.outcome == decision::skip_blacklisted);
  CHECK(r.detail.find("until 2026-02-28T12:00:00.000Z") != std::string::npos);
  CHECK(reserve(e, request_for("BTC", "0xbbb")).outcome == decision::execute);
  auto db = e.peek();
  const auto row = traders_table(db.session()).find("0xaaa");
  REQUIRE(row.has_value());
  REQUIRE(row->blacklisted_until.has_value());
  CHECK(*row->blacklisted_until == until);
  e.advance_to(until + std::chrono::seconds(1));
  CHECK(reserve(e, request_for("ETH", "0xaaa")).outcome == decision::execute);
}

TEST_CASE("risk §11: bad sizing input is a clear SKIP_SIZE_ZERO, never a crash") {
  rp_engine e;
  auto r = request_for("BTC", "0xaaa");
  r.context.trader_position_value = -5;
  const auto out = reserve(e, r);
  CHECK(out.outcome == decision::skip_size_zero);
  CHECK(out.detail.find("trader_position_value") != std::string::npos);
  CHECK(e.risk().reservations.empty());
}
