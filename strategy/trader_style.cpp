#include "strategy/trader_style.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

namespace smartcopy::strategy {

namespace {
// SPEC §3 style thresholds.
constexpr double hft_min_trades_per_day = 5;
constexpr double hft_max_hold_hours = 4;
constexpr double swing_min_trades_per_day = 0.3;
constexpr double swing_max_hold_hours = 336;
}  // namespace

double average_hold_hours(const std::vector<trade>& trades, utc_time now) {
  std::vector<const trade*> sorted;
  sorted.reserve(trades.size());
  for (const auto& t : trades) sorted.push_back(&t);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const trade* a, const trade* b) { return a->timestamp < b->timestamp; });
  // Closes of each (token, side) in order. Opens are visited in order and each takes the first
  // close after it not taken yet; a close skipped because it lies before the current Open can
  // never serve a later Open either, so one cursor per key replaces a quadratic search.
  std::map<std::pair<std::string, side>, std::vector<std::size_t>> closes;
  for (std::size_t i = 0; i < sorted.size(); ++i)
    if (sorted[i]->action == trade_action::close)
      closes[{sorted[i]->token, sorted[i]->position_side}].push_back(i);
  std::map<std::pair<std::string, side>, std::size_t> cursor;
  double total_hours = 0;
  int opens = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const trade& open = *sorted[i];
    if (open.action != trade_action::open) continue;
    ++opens;
    utc_time end = now;
    const std::pair<std::string, side> key{open.token, open.position_side};
    if (auto it = closes.find(key); it != closes.end()) {
      auto& next = cursor[key];
      while (next < it->second.size() && it->second[next] < i) ++next;
      if (next < it->second.size()) end = sorted[it->second[next++]]->timestamp;
    }
    total_hours += std::max(0.0, hours_between(open.timestamp, end));
  }
  return opens == 0 ? 0.0 : total_hours / opens;
}

trader_style style_for(double trades_per_day, double avg_hold_hours) {
  if (trades_per_day > hft_min_trades_per_day && avg_hold_hours < hft_max_hold_hours)
    return trader_style::hft;
  if (trades_per_day >= swing_min_trades_per_day && avg_hold_hours < swing_max_hold_hours)
    return trader_style::swing;
  return trader_style::position;
}

checked<style_profile> classify_trader_style(const std::vector<trade>& trades, utc_time now,
                                             double days_active) {
  if (auto e = require_positive("days_active", days_active); !e.empty())
    return checked<style_profile>::fail(e);
  style_profile p;
  p.trades_per_day = static_cast<double>(trades.size()) / days_active;
  p.avg_hold_hours = average_hold_hours(trades, now);
  p.style = style_for(p.trades_per_day, p.avg_hold_hours);
  return checked<style_profile>::ok(p);
}

}  // namespace smartcopy::strategy
