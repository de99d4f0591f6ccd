#pragma once
// Builders of the L1 actions the daemon sends (reference §3.2). Key order here IS the order that
// gets hashed, so it follows the SDKs exactly; optional keys are omitted, never null.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/json/value.hpp>

#include "messages/order.hpp"

namespace smartcopy::hyperliquid {

struct limit_order {
  time_in_force tif = time_in_force::gtc;
};

enum class tpsl { tp, sl };

/// A trigger order fires on the mark price; is_market = stop-market / take-profit-market.
struct trigger_order {
  bool is_market = true;
  std::string trigger_px;  // canonical wire text (wire_format)
  tpsl kind = tpsl::sl;
};

/// One order as the wire carries it; price, size and trigger price are already canonical text.
struct order_wire {
  std::uint32_t asset = 0;
  bool is_buy = true;
  std::string price;
  std::string size;
  bool reduce_only = false;
  std::variant<limit_order, trigger_order> type = limit_order{};
  std::optional<std::string> cloid;  // "0x" + 32 hex
};

enum class order_grouping { na, normal_tpsl, position_tpsl };

struct cancel_wire {
  std::uint32_t asset = 0;
  std::uint64_t oid = 0;
};

struct cancel_by_cloid_wire {
  std::uint32_t asset = 0;
  std::string cloid;
};

/// {"type":"order","orders":[{a,b,p,s,r,t,c?}],"grouping":...}; throws std::invalid_argument on an
/// empty batch, a malformed cloid or an empty price/size.
boost::json::value order_action(const std::vector<order_wire>& orders,
                                order_grouping grouping = order_grouping::na);

/// {"type":"cancel","cancels":[{a,o}]}.
boost::json::value cancel_action(const std::vector<cancel_wire>& cancels);

/// {"type":"cancelByCloid","cancels":[{asset,cloid}]}.
boost::json::value cancel_by_cloid_action(const std::vector<cancel_by_cloid_wire>& cancels);

/// {"type":"updateLeverage","asset","isCross","leverage"}; leverage must be >= 1.
boost::json::value update_leverage_action(std::uint32_t asset, bool is_cross, int leverage);

/// {"type":"scheduleCancel","time"?}: the dead man's switch; no time clears it.
boost::json::value schedule_cancel_action(std::optional<std::int64_t> time_ms);

/// "Gtc" / "Ioc" / "Alo".
const char* to_wire(time_in_force tif);
/// "na" / "normalTpsl" / "positionTpsl".
const char* to_wire(order_grouping g);

}  // namespace smartcopy::hyperliquid
