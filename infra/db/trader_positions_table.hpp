#pragma once
#include <string>
#include <vector>

#include "messages/trader_position.hpp"

namespace soci {
class session;
}

namespace smartcopy {

/// The `trader_positions` table (SPEC §8): each followed trader's latest snapshot.
class trader_positions_table {
 public:
  explicit trader_positions_table(soci::session& sql) : sql_(sql) {}

  /// Replaces everything stored for the snapshot's trader, atomically.
  void replace(const trader_snapshot& snapshot);
  std::vector<trader_position> of(const std::string& address);

 private:
  soci::session& sql_;
};

}  // namespace smartcopy
