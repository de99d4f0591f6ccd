#include "strategy/entry_gates.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "strategy/describe.hpp"

namespace smartcopy::strategy {

namespace {
// SPEC §4 step 6 thresholds (fixed by the SPEC, not configurable).
constexpr double market_age_limit_seconds = 2 * 60;
constexpr double limit_age_limit_seconds = 10 * 60;
constexpr double old_signal_min_score = 0.8;
constexpr double old_signal_min_position_weight = 0.25;

milliseconds minutes_to_ms(double minutes) {
  return milliseconds{static_cast<std::int64_t>(std::llround(minutes * 60'000.0))};
}
}  // namespace

// ---- Step 1 --------------------------------------------------------------------------------

std::optional<utc_time> find_open_for_add(const trade& add, const std::vector<trade>& history) {
  std::optional<utc_time> latest;
  for (const auto& t : history) {
    if (t.action != trade_action::open || t.trader_address != add.trader_address ||
        t.token != add.token || t.position_side != add.position_side || t.timestamp > add.timestamp)
      continue;
    if (!latest || t.timestamp > *latest) latest = t.timestamp;
  }
  return latest;
}

gate_result action_filter(const trade& t, std::optional<utc_time> open_time,
                          const filters_settings& filters) {
  switch (t.action) {
    case trade_action::open:
      return gate_result::pass("Open");
    case trade_action::add: {
      if (!open_time || *open_time > t.timestamp)
        return gate_result::fail(decision::skip_add_no_open,
                                 "Add without an earlier Open of the same token and side");
      const double age_h = hours_between(*open_time, t.timestamp);
      if (!(age_h <= filters.add_max_age_hours))
        return gate_result::fail(decision::skip_add_too_old,
                                 "Add " + describe_number(age_h) + " h after its Open (max " +
                                     describe_number(filters.add_max_age_hours) + " h)");
      return gate_result::pass("Add " + describe_number(age_h) + " h after its Open");
    }
    default:
      return gate_result::fail(decision::skip_action_type,
                               std::string{to_string(t.action)} + " is not an entry");
  }
}

// ---- Step 2 --------------------------------------------------------------------------------

std::optional<double> min_trade_value_for(const std::string& token,
                                          const filters_settings& filters) {
  if (auto it = filters.min_trade_value_usd.find(token); it != filters.min_trade_value_usd.end())
    return it->second;
  if (auto it = filters.min_trade_value_usd.find("_default");
      it != filters.min_trade_value_usd.end())
    return it->second;
  return std::nullopt;
}

gate_result minimum_size_gate(const trade& t, const filters_settings& filters) {
  const auto minimum = min_trade_value_for(t.token, filters);
  if (!minimum)  // fail closed: a config without a threshold must not let everything through
    return gate_result::fail(decision::skip_size_too_small,
                             "no min_trade_value_usd for " + t.token + " and no _default");
  if (auto e = require_non_negative("value_usd", t.value_usd); !e.empty())
    return gate_result::fail(decision::skip_size_too_small, e);
  const std::string text = t.token + " trade " + describe_number(t.value_usd) + " USD vs minimum " +
                           describe_number(*minimum);
  if (t.value_usd >= *minimum) return gate_result::pass(text);
  return gate_result::fail(decision::skip_size_too_small, text);
}

// ---- Step 3 --------------------------------------------------------------------------------

std::optional<double> account_value_for_weight(std::optional<double> snapshot_account_value,
                                               double leaderboard_account_value) {
  if (snapshot_account_value && std::isfinite(*snapshot_account_value) &&
      *snapshot_account_value > 0)
    return snapshot_account_value;
  if (std::isfinite(leaderboard_account_value) && leaderboard_account_value > 0)
    return leaderboard_account_value;
  return std::nullopt;
}

checked<double> position_value_after_trade(const trade& t, const trader_snapshot* snapshot) {
  if (snapshot)
    if (const auto* p = snapshot->find(t.token, t.position_side)) {
      if (auto e = require_finite("position_value_usd", p->position_value_usd); !e.empty())
        return checked<double>::fail(e);
      return checked<double>::ok(std::fabs(p->position_value_usd));
    }
  if (auto e = first_error({require_finite("start_position", t.start_position),
                            require_non_negative("size", t.size),
                            require_non_negative("price", t.price)});
      !e.empty())
    return checked<double>::fail(e);
  return checked<double>::ok((std::fabs(t.start_position) + t.size) * t.price);
}

checked<double> position_weight(double position_value_usd, double account_value) {
  if (auto e = first_error({require_non_negative("position_value_usd", position_value_usd),
                            require_positive("account_value", account_value)});
      !e.empty())
    return checked<double>::fail(e);
  return checked<double>::ok(position_value_usd / account_value);
}

gate_result weight_gate(double position_value_usd, double trade_value_usd,
                        std::optional<double> account_value, const filters_settings& filters) {
  if (!account_value)
    return gate_result::fail(decision::skip_low_weight, "trader account value unknown");
  const auto weight = position_weight(position_value_usd, *account_value);
  if (!weight) return gate_result::fail(decision::skip_low_weight, weight.error());
  if (!(*weight >= filters.min_position_weight))
    return gate_result::fail(decision::skip_low_weight,
                             "position weight " + describe_number(*weight, 4) + " < " +
                                 describe_number(filters.min_position_weight, 4));
  const auto trade_weight = position_weight(trade_value_usd, *account_value);
  if (!trade_weight) return gate_result::fail(decision::skip_low_confidence, trade_weight.error());
  if (!(*trade_weight >= filters.min_trade_weight))
    return gate_result::fail(decision::skip_low_confidence,
                             "trade weight " + describe_number(*trade_weight, 4) + " < " +
                                 describe_number(filters.min_trade_weight, 4));
  return gate_result::pass("position weight " + describe_number(*weight, 4) + ", trade weight " +
                           describe_number(*trade_weight, 4));
}

// ---- Step 4 --------------------------------------------------------------------------------

utc_time confirmation_due_at(utc_time trade_time, const entry_settings& entry) {
  return trade_time + minutes_to_ms(entry.copy_delay_minutes);
}

gate_result confirmation_gate(const trade& t, utc_time now, const trader_snapshot* fresh,
                              const entry_settings& entry) {
  const utc_time due = confirmation_due_at(t.timestamp, entry);
  if (now < due) return gate_result::fail(decision::deferred, "confirmable at " + to_iso8601(due));
  if (!fresh || !fresh->find(t.token, t.position_side))
    return gate_result::fail(decision::skip_reversed_after_delay,
                             "trader no longer holds " + t.token + " " +
                                 std::string{to_string(t.position_side)} + " after the delay");
  return gate_result::pass("trader still holds " + t.token);
}

// ---- Step 5 --------------------------------------------------------------------------------

checked<double> slippage_percent(double mark, double trade_price) {
  if (auto e = first_error(
          {require_positive("mark", mark), require_positive("trade_price", trade_price)});
      !e.empty())
    return checked<double>::fail(e);
  // × 100 before the division keeps round cases exact (100 → 102 is 2.0, not 2.0000000004).
  return checked<double>::ok(std::fabs(mark - trade_price) * 100.0 / trade_price);
}

gate_result slippage_gate(double mark, double trade_price, const entry_settings& entry) {
  const auto pct = slippage_percent(mark, trade_price);
  if (!pct) return gate_result::fail(decision::skip_slippage_exceeded, pct.error());
  const std::string text = "slippage " + describe_number(*pct, 3) + " % (max " +
                           describe_number(entry.max_price_slippage_percent, 3) + " %)";
  if (*pct <= entry.max_price_slippage_percent) return gate_result::pass(text);
  return gate_result::fail(decision::skip_slippage_exceeded, text);
}

// ---- Step 6 --------------------------------------------------------------------------------

double signal_age_seconds(utc_time trade_time, utc_time now, const entry_settings& entry) {
  const utc_time reference = entry.timing == timing_reference::confirmation
                                 ? confirmation_due_at(trade_time, entry)
                                 : trade_time;
  return std::max(0.0, static_cast<double>((now - reference).count()) / 1000.0);
}

timing_decision execution_timing(double age_seconds, double slippage_pct, double trader_score,
                                 double position_weight, const entry_settings& entry) {
  if (auto e = first_error({require_non_negative("age_seconds", age_seconds),
                            require_non_negative("slippage_pct", slippage_pct),
                            require_finite("trader_score", trader_score),
                            require_non_negative("position_weight", position_weight)});
      !e.empty())
    return {gate_result::fail(decision::skip_too_old, e), std::nullopt, 0};
  const std::string age = "age " + describe_number(age_seconds, 0) + " s";
  if (age_seconds < market_age_limit_seconds)
    return {gate_result::pass(age + ": market"), order_type::market,
            entry.market_max_slippage_percent};
  if (age_seconds < limit_age_limit_seconds) {
    if (slippage_pct < entry.limit_max_deviation_percent)
      return {gate_result::pass(age + ": limit"), order_type::limit,
              entry.limit_max_deviation_percent};
    return {gate_result::fail(decision::skip_stale_high_slippage,
                              age + ", slippage " + describe_number(slippage_pct, 3) + " % >= " +
                                  describe_number(entry.limit_max_deviation_percent, 3) + " %"),
            std::nullopt, 0};
  }
  if (trader_score > old_signal_min_score && position_weight > old_signal_min_position_weight)
    return {gate_result::pass(age + ": limit (strong trader, heavy position)"), order_type::limit,
            entry.limit_max_deviation_percent};
  return {gate_result::fail(decision::skip_too_old,
                            age + ", score " + describe_number(trader_score, 3) + ", weight " +
                                describe_number(position_weight, 3)),
          std::nullopt, 0};
}

// ---- Step 7 --------------------------------------------------------------------------------

gate_result consensus_gate(const std::string& token, side s, const std::string& source_trader,
                           const std::vector<trader_snapshot>& tracked_snapshots,
                           const consensus_settings& consensus) {
  if (!consensus.enabled) return gate_result::pass("consensus disabled");
  std::set<std::string> holders{source_trader};
  for (const auto& snap : tracked_snapshots)
    if (snap.find(token, s)) holders.insert(snap.address);
  const std::string text = std::to_string(holders.size()) + " tracked traders hold " + token + " " +
                           std::string{to_string(s)} + " (need " +
                           std::to_string(consensus.min_traders) + ")";
  if (static_cast<int>(holders.size()) >= consensus.min_traders) return gate_result::pass(text);
  return gate_result::fail(decision::skip_no_consensus, text);
}

}  // namespace smartcopy::strategy
