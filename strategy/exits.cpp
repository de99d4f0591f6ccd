#include "strategy/exits.hpp"

#include <algorithm>
#include <cmath>

#include "strategy/describe.hpp"

namespace smartcopy::strategy {

namespace {
// SPEC §7.3: the minimum improvement that justifies replacing the exchange stop, and the
// minimum spacing between two replacements of one position's stop.
constexpr double ratchet_min_improvement_percent = 0.5;
constexpr auto ratchet_min_interval = minutes{5};

// SPEC §7 step 6: how far back a Close explains a vanished position.
constexpr auto trader_close_lookback = hours{1};

// The price `percent` away from `price` on the losing side of a position of side `s`.
double against(double price, side s, double percent) {
  return price * (1 - direction(s) * percent / 100.0);
}

checked<double> stop_at(double entry_price, side s, double percent, const char* what) {
  if (auto e = first_error(
          {require_positive("entry_price", entry_price), require_non_negative(what, percent)});
      !e.empty())
    return checked<double>::fail(e);
  return checked<double>::ok(against(entry_price, s, percent));
}
}  // namespace

checked<double> hard_stop_price(double entry_price, side s, const stops_settings& stops) {
  return stop_at(entry_price, s, stops.stop_loss_percent, "stop_loss_percent");
}

checked<double> initial_trailing_stop(double entry_price, side s, const stops_settings& stops) {
  return stop_at(entry_price, s, stops.trailing_stop_percent, "trailing_stop_percent");
}

checked<trailing_state> update_trailing_stop(const trailing_state& state, side s, double mark,
                                             const stops_settings& stops) {
  if (auto e = first_error({require_positive("mark", mark),
                            require_positive("best_price", state.best_price),
                            require_positive("trail_price", state.trail_price)});
      !e.empty())
    return checked<trailing_state>::fail(e);
  trailing_state next = state;
  const double candidate = against(mark, s, stops.trailing_stop_percent);
  if (s == side::long_ && mark > state.best_price) {
    next.best_price = mark;
    next.trail_price = std::max(state.trail_price, candidate);
  } else if (s == side::short_ && mark < state.best_price) {
    next.best_price = mark;
    next.trail_price = std::min(state.trail_price, candidate);
  }
  return checked<trailing_state>::ok(next);
}

checked<bool> trailing_stop_triggered(side s, double mark, double trail_price) {
  if (auto e = first_error(
          {require_positive("mark", mark), require_positive("trail_price", trail_price)});
      !e.empty())
    return checked<bool>::fail(e);
  return checked<bool>::ok(s == side::long_ ? mark <= trail_price : mark >= trail_price);
}

bool time_stop_due(utc_time opened_at, utc_time now, const stops_settings& stops) {
  return hours_between(opened_at, now) >= stops.max_position_duration_hours;
}

checked<double> unrealized_percent(double entry_price, double mark, side s) {
  if (auto e = first_error(
          {require_positive("entry_price", entry_price), require_positive("mark", mark)});
      !e.empty())
    return checked<double>::fail(e);
  // (mark − entry) × 100 / entry rather than (mark / entry − 1) × 100: the latter makes 100 → 80
  // a 19.999999999999996 % gain, and a 20 % tier would not fire.
  return checked<double>::ok(direction(s) * (mark - entry_price) * 100.0 / entry_price);
}

checked<std::vector<tier_fill>> profit_tier_fills(double entry_price, double mark, side s,
                                                  int tiers_taken, double remaining_size,
                                                  const stops_settings& stops) {
  using result = checked<std::vector<tier_fill>>;
  const auto gain = unrealized_percent(entry_price, mark, s);
  if (!gain) return result::fail(gain.error());
  if (auto e = require_non_negative("remaining_size", remaining_size); !e.empty())
    return result::fail(e);
  if (tiers_taken < 0) return result::fail("tiers_taken must be >= 0");
  auto tiers = stops.profit_tiers;
  for (const auto& t : tiers)
    if (!std::isfinite(t.gain_percent) || t.gain_percent <= 0 || !std::isfinite(t.fraction) ||
        t.fraction <= 0 || t.fraction > 1)
      return result::fail("profit tier [" + describe_number(t.gain_percent) + ", " +
                          describe_number(t.fraction) +
                          "] needs a positive gain and a fraction in (0, 1]");
  std::stable_sort(tiers.begin(), tiers.end(), [](const profit_tier& a, const profit_tier& b) {
    return a.gain_percent < b.gain_percent;
  });
  std::vector<tier_fill> fills;
  double remaining = remaining_size;
  for (std::size_t i = static_cast<std::size_t>(tiers_taken); i < tiers.size(); ++i) {
    if (*gain < tiers[i].gain_percent) break;
    const double close = remaining * tiers[i].fraction;
    remaining -= close;
    fills.push_back(
        {static_cast<int>(i) + 1, tiers[i].gain_percent, tiers[i].fraction, close, remaining});
  }
  return result::ok(fills);
}

trader_exit trader_gone_decision(const std::string& token, side s, const trader_snapshot& fresh,
                                 const std::vector<trade>& recent_trades, utc_time now) {
  if (fresh.find(token, s)) return trader_exit::still_holds;
  const utc_time since = now - trader_close_lookback;
  for (const auto& t : recent_trades)
    if (t.action == trade_action::close && t.token == token && t.position_side == s &&
        t.timestamp >= since && t.timestamp <= now)
      return trader_exit::exited_normally;
  return trader_exit::liquidated;
}

ratchet_check ratchet_decision(side s, double trail_price, double exchange_stop_price,
                               std::optional<utc_time> last_ratchet_at, utc_time now,
                               const stops_settings& stops) {
  if (!stops.ratchet_exchange_stop) return {false, "ratcheting disabled"};
  if (auto e = first_error({require_positive("trail_price", trail_price),
                            require_positive("exchange_stop_price", exchange_stop_price)});
      !e.empty())
    return {false, e};
  // Positive when the trail is tighter (closer to the market) than the exchange stop.
  const double improvement =
      direction(s) * (trail_price - exchange_stop_price) * 100.0 / exchange_stop_price;
  const std::string text = "trail " + describe_number(trail_price, 6) + " vs exchange stop " +
                           describe_number(exchange_stop_price, 6) + " (" +
                           describe_number(improvement, 3) + " %)";
  if (!(improvement > ratchet_min_improvement_percent))
    return {false, text + ": not tighter by more than 0.5 %"};
  if (last_ratchet_at && now - *last_ratchet_at < ratchet_min_interval)
    return {false, text + ": last ratchet less than 5 min ago"};
  return {true, text};
}

}  // namespace smartcopy::strategy
