#include "strategy/simulation.hpp"

#include <algorithm>
#include <map>

namespace smartcopy::strategy {

namespace {
// SPEC §9.2 slippage model.
constexpr double default_base_slippage_percent = 0.15;
constexpr double size_reference_usd = 100000;
constexpr double size_impact = 0.5;
}  // namespace

double base_slippage_percent(const std::string& token) {
  static const std::map<std::string, double> by_token{{"BTC", 0.02}, {"ETH", 0.03}, {"SOL", 0.08}};
  const auto it = by_token.find(token);
  return it == by_token.end() ? default_base_slippage_percent : it->second;
}

checked<double> simulated_slippage_percent(const std::string& token, double size_usd) {
  if (auto e = require_non_negative("size_usd", size_usd); !e.empty())
    return checked<double>::fail(e);
  return checked<double>::ok(base_slippage_percent(token) *
                             (1 + size_usd / size_reference_usd * size_impact));
}

checked<double> simulated_fill_price(double mark, bool is_buy, double slippage_percent) {
  if (auto e = first_error({require_positive("mark", mark),
                            require_non_negative("slippage_percent", slippage_percent)});
      !e.empty())
    return checked<double>::fail(e);
  if (!is_buy && slippage_percent >= 100)
    return checked<double>::fail("slippage_percent must be < 100 for a sell");
  return checked<double>::ok(mark * (1 + (is_buy ? 1 : -1) * slippage_percent / 100.0));
}

checked<double> taker_fee_usd(double notional_usd, const simulation_settings& simulation) {
  if (auto e =
          first_error({require_non_negative("notional_usd", notional_usd),
                       require_non_negative("taker_fee_percent", simulation.taker_fee_percent)});
      !e.empty())
    return checked<double>::fail(e);
  return checked<double>::ok(notional_usd * simulation.taker_fee_percent / 100.0);
}

checked<double> simulated_stop_fill_price(double stop_price, side position_side,
                                          const std::string& token, double size_usd) {
  const auto slippage = simulated_slippage_percent(token, size_usd);
  if (!slippage) return slippage;
  return simulated_fill_price(stop_price, position_side == side::short_, *slippage);
}

checked<std::array<double, 4>> candle_price_path(double open, double high, double low, double close,
                                                 side position_side) {
  using result = checked<std::array<double, 4>>;
  if (auto e = first_error({require_positive("open", open), require_positive("high", high),
                            require_positive("low", low), require_positive("close", close)});
      !e.empty())
    return result::fail(e);
  if (high < std::max(open, close) || low > std::min(open, close))
    return result::fail("candle high/low do not bound its open and close");
  if (position_side == side::long_) return result::ok({open, low, high, close});
  return result::ok({open, high, low, close});
}

}  // namespace smartcopy::strategy
