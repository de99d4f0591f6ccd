#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "messages/position.hpp"

namespace soci {
class session;
}

namespace smartcopy {

/// The `our_positions` table (SPEC §7, §8): our copied positions, open and closed.
class positions_table {
 public:
  explicit positions_table(soci::session& sql) : sql_(sql) {}

  std::int64_t insert(const our_position& p);
  /// Rewrites every field of position `p.id`.
  void update(const our_position& p);
  std::optional<our_position> find(std::int64_t id);
  /// Positions not yet closed (opening, open, closing), oldest first: restored at start.
  std::vector<our_position> unclosed();
  std::vector<our_position> closed();

 private:
  soci::session& sql_;
};

}  // namespace smartcopy
