#include "infra/hyperliquid/actions.hpp"

#include <stdexcept>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "infra/hyperliquid/hex.hpp"

namespace smartcopy::hyperliquid {
namespace {

namespace bj = boost::json;

std::string checked_cloid(const std::string& cloid) {
  if (!is_hex_of_size(cloid, 16)) throw std::invalid_argument("cloid must be 0x + 32 hex digits");
  return lowercase_hex(cloid);
}

bj::value order_type(const std::variant<limit_order, trigger_order>& t) {
  bj::object out;
  if (const auto* l = std::get_if<limit_order>(&t)) {
    bj::object limit;
    limit["tif"] = to_wire(l->tif);
    out["limit"] = std::move(limit);
  } else {
    const auto& trig = std::get<trigger_order>(t);
    if (trig.trigger_px.empty()) throw std::invalid_argument("trigger order without trigger price");
    bj::object trigger;  // isMarket, triggerPx, tpsl: the order the exchange hashes
    trigger["isMarket"] = trig.is_market;
    trigger["triggerPx"] = trig.trigger_px;
    trigger["tpsl"] = trig.kind == tpsl::tp ? "tp" : "sl";
    out["trigger"] = std::move(trigger);
  }
  return out;
}

bj::value order_object(const order_wire& o) {
  if (o.price.empty() || o.size.empty()) throw std::invalid_argument("order without price or size");
  bj::object out;
  out["a"] = o.asset;
  out["b"] = o.is_buy;
  out["p"] = o.price;
  out["s"] = o.size;
  out["r"] = o.reduce_only;
  out["t"] = order_type(o.type);
  if (o.cloid) out["c"] = checked_cloid(*o.cloid);
  return out;
}

}  // namespace

const char* to_wire(time_in_force tif) {
  switch (tif) {
    case time_in_force::gtc:
      return "Gtc";
    case time_in_force::ioc:
      return "Ioc";
    case time_in_force::alo:
      break;
  }
  return "Alo";
}

const char* to_wire(order_grouping g) {
  switch (g) {
    case order_grouping::na:
      return "na";
    case order_grouping::normal_tpsl:
      return "normalTpsl";
    case order_grouping::position_tpsl:
      break;
  }
  return "positionTpsl";
}

bj::value order_action(const std::vector<order_wire>& orders, order_grouping grouping) {
  if (orders.empty()) throw std::invalid_argument("order batch is empty");
  bj::array list;
  for (const auto& o : orders) list.push_back(order_object(o));
  bj::object out;
  out["type"] = "order";
  out["orders"] = std::move(list);
  out["grouping"] = to_wire(grouping);
  return out;
}

bj::value cancel_action(const std::vector<cancel_wire>& cancels) {
  if (cancels.empty()) throw std::invalid_argument("cancel batch is empty");
  bj::array list;
  for (const auto& c : cancels) list.push_back(bj::object{{"a", c.asset}, {"o", c.oid}});
  bj::object out;
  out["type"] = "cancel";
  out["cancels"] = std::move(list);
  return out;
}

bj::value cancel_by_cloid_action(const std::vector<cancel_by_cloid_wire>& cancels) {
  if (cancels.empty()) throw std::invalid_argument("cancel batch is empty");
  bj::array list;
  for (const auto& c : cancels)
    list.push_back(bj::object{{"asset", c.asset}, {"cloid", checked_cloid(c.cloid)}});
  bj::object out;
  out["type"] = "cancelByCloid";
  out["cancels"] = std::move(list);
  return out;
}

bj::value update_leverage_action(std::uint32_t asset, bool is_cross, int leverage) {
  if (leverage < 1) throw std::invalid_argument("leverage must be at least 1");
  bj::object out;
  out["type"] = "updateLeverage";
  out["asset"] = asset;
  out["isCross"] = is_cross;
  out["leverage"] = leverage;
  return out;
}

bj::value schedule_cancel_action(std::optional<std::int64_t> time_ms) {
  bj::object out;
  out["type"] = "scheduleCancel";
  if (time_ms) out["time"] = *time_ms;
  return out;
}

}  // namespace smartcopy::hyperliquid
