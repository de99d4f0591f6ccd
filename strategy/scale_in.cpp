#include "strategy/scale_in.hpp"

#include <algorithm>

#include "strategy/exits.hpp"

namespace smartcopy::strategy {

checked<our_position> scale_in(const our_position& held, const our_position& fill,
                               const stops_settings& stops) {
  if (fill.token != held.token || fill.position_side != held.position_side)
    return checked<our_position>::fail(
        "an Add of " + fill.token + " " + std::string(to_string(fill.position_side)) +
        " cannot scale into " + held.token + " " + std::string(to_string(held.position_side)));
  if (const auto bad = first_error({require_positive("fill size", fill.size),
                                    require_positive("fill price", fill.entry_price),
                                    require_non_negative("held size", held.remaining_size)});
      !bad.empty())
    return checked<our_position>::fail(bad);
  our_position p = held;
  const double total = held.remaining_size + fill.size;
  p.entry_price = (held.entry_price * held.remaining_size + fill.entry_price * fill.size) / total;
  p.size += fill.size;
  p.remaining_size = total;
  p.value_usd += fill.value_usd;
  p.fees_usd += fill.fees_usd;
  const auto stop = hard_stop_price(p.entry_price, p.position_side, stops);
  const auto trail = initial_trailing_stop(p.entry_price, p.position_side, stops);
  if (!stop || !trail) return checked<our_position>::fail(stop ? trail.error() : stop.error());
  p.stop_price = *stop;
  p.trailing_stop_price = p.position_side == side::long_
                              ? std::max(held.trailing_stop_price, *trail)
                              : std::min(held.trailing_stop_price, *trail);
  return checked<our_position>::ok(p);
}

}  // namespace smartcopy::strategy
