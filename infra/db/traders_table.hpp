#pragma once
#include <optional>
#include <string>
#include <vector>

#include "messages/trader.hpp"

namespace soci {
class session;
}

namespace smartcopy {

/// The `traders` table (SPEC §8): scores, tiers and blacklist.
class traders_table {
 public:
  explicit traders_table(soci::session& sql) : sql_(sql) {}

  void upsert(const trader_row& t);
  std::optional<trader_row> find(const std::string& address);
  /// Traders of one tier, best score first (ties by address).
  std::vector<trader_row> by_tier(trader_tier tier);
  /// Every trader, best score first.
  std::vector<trader_row> all();
  void set_blacklisted_until(const std::string& address, utc_time until);

 private:
  soci::session& sql_;
};

}  // namespace smartcopy
