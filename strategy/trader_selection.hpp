#pragma once
// SPEC §3: merging the 7/30/90-day leaderboards per address, the selection filter and the
// primary/secondary tiers.
#include <string>
#include <vector>

#include "messages/settings.hpp"
#include "messages/time.hpp"
#include "messages/trader.hpp"

namespace smartcopy::strategy {

/// SPEC §3 "Merged per address": one trader_row per (lower-cased) address seen in any window,
/// with label (first non-empty, 7d → 30d → 90d), account_value (the freshest non-zero: 7d, then
/// 30d, then 90d) and roi_7d/30d/90d in percent (0 when absent from a window). Sorted by address.
/// Rows with a non-finite roi or account value count as absent from that window.
std::vector<trader_row> merge_leaderboards(const std::vector<leaderboard_row>& rows_7d,
                                           const std::vector<leaderboard_row>& rows_30d,
                                           const std::vector<leaderboard_row>& rows_90d);

struct selection_check {
  bool eligible = false;
  std::string reason;  // the first failed condition, or "eligible"
};

/// SPEC §3 selection filter, all must hold: nof_trades ≥ min_trades_required; style ≠ HFT;
/// account_value ≥ min_account_value_usd; roi_30d > 0; win_rate_min ≤ win_rate ≤ win_rate_max;
/// not blacklisted (blacklisted_until absent or not after `now`).
selection_check passes_selection_filter(const trader_row& row, const selection_settings& selection,
                                        utc_time now);

/// SPEC §3 tiers: eligible traders by score descending (ties by address): the first
/// primary_count are primary, the next secondary_count secondary, the rest untracked. A
/// non-finite score sorts last and is untracked.
std::vector<trader_row> assign_tiers(std::vector<trader_row> eligible,
                                     const selection_settings& selection);

}  // namespace smartcopy::strategy

namespace smartcopy::strategy {

/// SPEC §3, the selection filter's conditions that a merged leaderboard row already decides
/// (account value, roi_30d, blacklist): a candidate failing them cannot be selected, so its
/// 90 days of trades are not worth fetching.
bool worth_scoring(const trader_row& merged, const selection_settings& selection, utc_time now);

}  // namespace smartcopy::strategy
