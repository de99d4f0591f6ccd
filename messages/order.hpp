#pragma once
// Orders we send and fills we receive (SPEC §6), and the `orders` row of SPEC §8.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "messages/side.hpp"
#include "messages/time.hpp"

namespace smartcopy {

enum class order_kind { entry, stop, close, reduce };

constexpr std::string_view to_string(order_kind k) {
  switch (k) {
    case order_kind::entry:
      return "entry";
    case order_kind::stop:
      return "stop";
    case order_kind::close:
      return "close";
    case order_kind::reduce:
      break;
  }
  return "reduce";
}

inline std::optional<order_kind> parse_order_kind(std::string_view t) {
  for (auto k : {order_kind::entry, order_kind::stop, order_kind::close, order_kind::reduce})
    if (t == to_string(k)) return k;
  return std::nullopt;
}

/// pending: persisted, not yet sent; ambiguous: sent, outcome unknown (SPEC §6 step 5).
enum class order_status {
  pending,
  ambiguous,
  resting,
  filled,
  partially_filled,
  cancelled,
  rejected,
  triggered
};

constexpr std::string_view to_string(order_status s) {
  switch (s) {
    case order_status::pending:
      return "pending";
    case order_status::ambiguous:
      return "ambiguous";
    case order_status::resting:
      return "resting";
    case order_status::filled:
      return "filled";
    case order_status::partially_filled:
      return "partially_filled";
    case order_status::cancelled:
      return "cancelled";
    case order_status::rejected:
      return "rejected";
    case order_status::triggered:
      break;
  }
  return "triggered";
}

inline std::optional<order_status> parse_order_status(std::string_view t) {
  for (auto s : {order_status::pending, order_status::ambiguous, order_status::resting,
                 order_status::filled, order_status::partially_filled, order_status::cancelled,
                 order_status::rejected, order_status::triggered})
    if (t == to_string(s)) return s;
  return std::nullopt;
}

/// Whether the order can still change on the exchange.
constexpr bool is_open(order_status s) {
  return s == order_status::pending || s == order_status::ambiguous || s == order_status::resting ||
         s == order_status::partially_filled;
}

/// Time in force of a limit order; trigger orders are stops.
enum class time_in_force { gtc, ioc, alo };

/// One order row: what we asked for and what we know of its fate.
struct order {
  std::string cloid;  // 0x + 32 hex, unique, assigned before sending
  std::optional<std::int64_t> signal_id;
  std::optional<std::int64_t> position_id;
  order_kind kind = order_kind::entry;
  std::string token;
  bool is_buy = true;
  double price = 0;  // limit price, or trigger price for stops
  double size = 0;   // coins
  bool reduce_only = false;
  order_status status = order_status::pending;
  std::optional<std::int64_t> exchange_oid;
  double filled_size = 0;
  double avg_price = 0;
  utc_time created_at{};
  utc_time updated_at{};
};

/// An execution on the exchange (or simulated by paper/sim).
struct fill {
  std::string cloid;
  std::string token;
  bool is_buy = true;
  double price = 0;
  double size = 0;
  double fee_usd = 0;
  utc_time time{};
};

}  // namespace smartcopy
