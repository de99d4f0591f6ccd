#include "strategy/trader_selection.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "strategy/describe.hpp"

namespace smartcopy::strategy {

namespace {
std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

enum class window { d7, d30, d90 };

void merge_window(std::map<std::string, trader_row>& out, const std::vector<leaderboard_row>& rows,
                  window w) {
  std::set<std::string> seen;  // a window listing an address twice (page overlap) keeps the first
  for (const auto& r : rows) {
    if (r.trader_address.empty() || !seen.insert(lower(r.trader_address)).second) continue;
    auto& t = out[lower(r.trader_address)];
    t.address = lower(r.trader_address);
    if (t.label.empty()) t.label = r.label;
    if (t.account_value == 0 && std::isfinite(r.account_value) && r.account_value > 0)
      t.account_value = r.account_value;
    if (!std::isfinite(r.roi)) continue;
    (w == window::d7 ? t.roi_7d : w == window::d30 ? t.roi_30d : t.roi_90d) = r.roi;
  }
}

double sort_key(const trader_row& r) {
  return std::isfinite(r.score) ? r.score : -std::numeric_limits<double>::infinity();
}
}  // namespace

std::vector<trader_row> merge_leaderboards(const std::vector<leaderboard_row>& rows_7d,
                                           const std::vector<leaderboard_row>& rows_30d,
                                           const std::vector<leaderboard_row>& rows_90d) {
  std::map<std::string, trader_row> merged;
  merge_window(merged, rows_7d, window::d7);
  merge_window(merged, rows_30d, window::d30);
  merge_window(merged, rows_90d, window::d90);
  std::vector<trader_row> out;
  out.reserve(merged.size());
  for (auto& [address, row] : merged) out.push_back(std::move(row));
  return out;
}

selection_check passes_selection_filter(const trader_row& row, const selection_settings& selection,
                                        utc_time now) {
  if (row.nof_trades < selection.min_trades_required)
    return {false, std::to_string(row.nof_trades) + " closes < " +
                       std::to_string(selection.min_trades_required)};
  if (row.style == trader_style::hft) return {false, "style HFT"};
  if (!(row.account_value >= selection.min_account_value_usd))
    return {false, "account value " + describe_number(row.account_value) + " < " +
                       describe_number(selection.min_account_value_usd)};
  if (!(row.roi_30d > 0)) return {false, "roi_30d " + describe_number(row.roi_30d) + " <= 0"};
  if (!(row.win_rate >= selection.win_rate_min && row.win_rate <= selection.win_rate_max))
    return {false, "win rate " + describe_number(row.win_rate, 4) + " outside [" +
                       describe_number(selection.win_rate_min, 4) + ", " +
                       describe_number(selection.win_rate_max, 4) + "]"};
  if (row.blacklisted_until && *row.blacklisted_until > now)
    return {false, "blacklisted until " + to_iso8601(*row.blacklisted_until)};
  return {true, "eligible"};
}

std::vector<trader_row> assign_tiers(std::vector<trader_row> eligible,
                                     const selection_settings& selection) {
  std::sort(eligible.begin(), eligible.end(), [](const trader_row& a, const trader_row& b) {
    const double ka = sort_key(a), kb = sort_key(b);
    if (ka != kb) return ka > kb;
    return a.address < b.address;
  });
  const auto primary = static_cast<std::size_t>(std::max(0, selection.primary_count));
  const auto secondary = static_cast<std::size_t>(std::max(0, selection.secondary_count));
  for (std::size_t i = 0; i < eligible.size(); ++i) {
    auto& t = eligible[i];
    if (!std::isfinite(t.score))
      t.tier = trader_tier::untracked;
    else if (i < primary)
      t.tier = trader_tier::primary;
    else if (i < primary + secondary)
      t.tier = trader_tier::secondary;
    else
      t.tier = trader_tier::untracked;
  }
  return eligible;
}

}  // namespace smartcopy::strategy

namespace smartcopy::strategy {

bool worth_scoring(const trader_row& merged, const selection_settings& selection, utc_time now) {
  const bool blacklisted = merged.blacklisted_until && *merged.blacklisted_until > now;
  return merged.account_value >= selection.min_account_value_usd && merged.roi_30d > 0 &&
         !blacklisted;
}

}  // namespace smartcopy::strategy
