// SPEC §3: leaderboard merge, selection filter, tiers.
#include <doctest/doctest.h>

#include "strategy/trader_selection.hpp"
#include "strategy_test_helpers.hpp"

using namespace smartcopy;
using namespace smartcopy::strategy;
using smartcopy::strategy::test::at_hours;
using smartcopy::strategy::test::qnan;

namespace {
leaderboard_row lb(const std::string& address, double roi, double account, std::string label = {}) {
  leaderboard_row r;
  r.trader_address = address;
  r.roi = roi;
  r.account_value = account;
  r.label = std::move(label);
  return r;
}

trader_row eligible_row() {
  trader_row r;
  r.address = "0xa";
  r.nof_trades = 50;
  r.style = trader_style::swing;
  r.account_value = 50'000;
  r.roi_30d = 0.01;
  r.win_rate = 0.5;
  return r;
}

trader_row scored(const std::string& address, double score) {
  trader_row r;
  r.address = address;
  r.score = score;
  return r;
}
}  // namespace

TEST_CASE("SPEC §3: merge the 7/30/90-day leaderboards per address") {
  const std::vector<leaderboard_row> d7{lb("0xAA", 5, 100'000, "Fund"), lb("0xbb", 2, 0)};
  const std::vector<leaderboard_row> d30{lb("0xaa", 20, 95'000), lb("0xbb", 10, 60'000),
                                         lb("0xcc", 3, 70'000, "Smart Trader"),
                                         lb("0xcc", 99, 1, "dup")};
  const std::vector<leaderboard_row> d90{lb("0xaa", 60, 90'000), lb("0xdd", qnan, 10)};
  const auto merged = merge_leaderboards(d7, d30, d90);
  REQUIRE(merged.size() == 4);
  const auto& a = merged[0];
  CHECK(a.address == "0xaa");  // lower-cased and merged with "0xAA"
  CHECK(a.label == "Fund");
  CHECK(a.account_value == 100'000);  // 7d first
  CHECK(a.roi_7d == 5);
  CHECK(a.roi_30d == 20);
  CHECK(a.roi_90d == 60);
  const auto& b = merged[1];
  CHECK(b.account_value == 60'000);  // 7d had 0: the next non-zero
  CHECK(b.roi_90d == 0);             // absent from the 90-day window
  const auto& c = merged[2];
  CHECK(c.roi_7d == 0);
  CHECK(c.roi_30d == 3);  // the duplicate row of the same window is ignored
  CHECK(c.label == "Smart Trader");
  const auto& d = merged[3];
  CHECK(d.roi_90d == 0);  // NaN roi counts as absent
  CHECK(merge_leaderboards({}, {}, {}).empty());
}

TEST_CASE("SPEC §3: selection filter") {
  const selection_settings sel;
  const auto now = at_hours(0);
  CHECK(passes_selection_filter(eligible_row(), sel, now).eligible);

  auto r = eligible_row();
  r.nof_trades = 49;
  CHECK_FALSE(passes_selection_filter(r, sel, now).eligible);
  r = eligible_row();
  r.style = trader_style::hft;
  CHECK(passes_selection_filter(r, sel, now).reason == "style HFT");
  r = eligible_row();
  r.account_value = 49'999.99;
  CHECK_FALSE(passes_selection_filter(r, sel, now).eligible);
  r.account_value = qnan;
  CHECK_FALSE(passes_selection_filter(r, sel, now).eligible);
  r = eligible_row();
  r.roi_30d = 0;
  CHECK_FALSE(passes_selection_filter(r, sel, now).eligible);
  for (double w : {0.35, 0.85}) {  // the window's ends are inside
    r = eligible_row();
    r.win_rate = w;
    CHECK(passes_selection_filter(r, sel, now).eligible);
  }
  for (double w : {0.3499, 0.8501, qnan}) {
    r = eligible_row();
    r.win_rate = w;
    CHECK_FALSE(passes_selection_filter(r, sel, now).eligible);
  }
  r = eligible_row();
  r.blacklisted_until = at_hours(1);
  CHECK(passes_selection_filter(r, sel, now).reason.find("blacklisted") == 0);
  r.blacklisted_until = at_hours(-1);
  CHECK(passes_selection_filter(r, sel, now).eligible);
}

TEST_CASE("SPEC §3: tiers by score, ties by address") {
  selection_settings sel;
  sel.primary_count = 2;
  sel.secondary_count = 1;
  const auto tiers = assign_tiers({scored("0xd", 0.1), scored("0xb", 0.9), scored("0xe", qnan),
                                   scored("0xc", 0.5), scored("0xa", 0.9)},
                                  sel);
  REQUIRE(tiers.size() == 5);
  CHECK(tiers[0].address == "0xa");
  CHECK(tiers[0].tier == trader_tier::primary);
  CHECK(tiers[1].address == "0xb");
  CHECK(tiers[1].tier == trader_tier::primary);
  CHECK(tiers[2].address == "0xc");
  CHECK(tiers[2].tier == trader_tier::secondary);
  CHECK(tiers[3].address == "0xd");
  CHECK(tiers[3].tier == trader_tier::untracked);
  CHECK(tiers[4].address == "0xe");  // NaN score last, untracked
  CHECK(tiers[4].tier == trader_tier::untracked);
  CHECK(assign_tiers({}, sel).empty());
}

TEST_CASE("SPEC §3: worth_scoring pre-filters on what the leaderboard row already decides") {
  selection_settings sel;
  const utc_time now = *parse_iso8601("2026-02-14T12:00:00Z");
  trader_row r;
  r.address = "0xaaa";
  r.account_value = 50000;  // exactly the minimum passes
  r.roi_30d = 0.1;
  CHECK(worth_scoring(r, sel, now));
  r.account_value = 49999.99;
  CHECK_FALSE(worth_scoring(r, sel, now));
  r.account_value = 60000;
  r.roi_30d = 0;  // roi_30d must be > 0
  CHECK_FALSE(worth_scoring(r, sel, now));
  r.roi_30d = 3;
  r.blacklisted_until = now + hours(1);
  CHECK_FALSE(worth_scoring(r, sel, now));
  r.blacklisted_until = now - hours(1);  // expired blacklist
  CHECK(worth_scoring(r, sel, now));
}
