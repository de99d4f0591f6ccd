#pragma once
#include <string>

#include "messages/time.hpp"

namespace soci {
class session;
}

namespace smartcopy {

/// The `seen_trades` table (SPEC §4): keys of trades already evaluated.
class seen_trades_table {
 public:
  explicit seen_trades_table(soci::session& sql) : sql_(sql) {}

  bool contains(const std::string& trade_key);
  /// Records the key; false when it was already there.
  bool insert(const std::string& trade_key, utc_time seen_at);

 private:
  soci::session& sql_;
};

}  // namespace smartcopy
