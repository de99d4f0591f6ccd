#include "strategy/opened_position.hpp"

#include "strategy/exits.hpp"

namespace smartcopy::strategy {

our_position opened_position(const signal& s, const entry_fill& fill, const stops_settings& stops,
                             utc_time at) {
  our_position p;
  p.token = s.token_symbol;
  p.position_side = s.position_side;
  p.entry_price = fill.avg_price;
  p.size = fill.size;
  p.remaining_size = fill.size;
  p.value_usd = fill.size * fill.avg_price;
  const auto hard = hard_stop_price(fill.avg_price, s.position_side, stops);
  const auto trail = initial_trailing_stop(fill.avg_price, s.position_side, stops);
  p.stop_price = hard ? *hard : 0;
  p.trailing_stop_price = trail ? *trail : 0;
  p.highest_price = fill.avg_price;
  p.lowest_price = fill.avg_price;
  p.opened_at = at;
  p.fees_usd = fill.fee_usd;
  p.source_trader = s.trader_address;
  if (s.id != 0) p.source_signal_id = s.id;
  p.leverage = fill.leverage;
  p.status = position_status::open;
  return p;
}

}  // namespace smartcopy::strategy
