#include "infra/hyperliquid/info_types.hpp"

namespace smartcopy::hyperliquid {

asset_universe::asset_universe(std::vector<asset_meta> assets) : assets_(std::move(assets)) {
  for (std::size_t i = 0; i < assets_.size(); ++i) by_name_.emplace(assets_[i].name, i);
}

const asset_meta* asset_universe::find(const std::string& name) const {
  const auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &assets_[it->second];
}

trader_snapshot account_state::to_snapshot() const {
  trader_snapshot s;
  s.address = address;
  s.account_value = account_value;
  s.taken_at = time;
  for (const auto& p : positions) s.positions.push_back(p.position);
  return s;
}

order_status order_status_result::to_order_status() const {
  const auto ends_with = [this](std::string_view suffix) {
    return status.size() >= suffix.size() &&
           status.compare(status.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (status == "open")
    return order.sz < order.orig_sz ? order_status::partially_filled : order_status::resting;
  if (status == "filled") return order_status::filled;
  if (status == "triggered") return order_status::triggered;
  if (status == "rejected" || ends_with("Rejected")) return order_status::rejected;
  // canceled, *Canceled, scheduledCancel, internalCancel: off the book; any fill shows in fills.
  return order_status::cancelled;
}

}  // namespace smartcopy::hyperliquid
