#include "actors/dataset_replay.hpp"

#include "strategy/simulation.hpp"

namespace smartcopy {

std::shared_ptr<const trader_dataset> replay_traders(const dataset& data) {
  auto out = std::make_shared<trader_dataset>();
  for (const auto& [days, rows] : data.leaderboards)
    for (const auto& row : rows) out->add_leaderboard_row(days, row);
  for (const auto& [address, rows] : data.trades)
    for (const auto& row : rows) out->add_trade(row);
  for (const auto& address : data.smart_money) out->add_smart_money(address);
  return out;
}

std::shared_ptr<const price_path> replay_prices(const dataset& data, side pessimistic_for,
                                                int* skipped) {
  auto out = std::make_shared<price_path>();
  int bad = 0;
  std::vector<price_point> points;
  for (const auto& [token, candles] : data.candles) {
    points.clear();
    points.reserve(4 * candles.size());
    for (const auto& c : candles) {
      const auto path =
          strategy::candle_price_path(c.open, c.high, c.low, c.close, pessimistic_for);
      if (!path || c.close_time <= c.open_time) {
        ++bad;
        continue;
      }
      const std::int64_t third = (c.close_time - c.open_time) / 3;
      const std::int64_t at[4] = {c.open_time, c.open_time + third, c.open_time + 2 * third,
                                  c.close_time};
      for (int i = 0; i < 4; ++i) points.push_back({utc_from_ms(at[i]), (*path)[i]});
    }
    if (!points.empty()) out->add(token, points);
  }
  if (skipped) *skipped = bad;
  return out;
}

}  // namespace smartcopy
