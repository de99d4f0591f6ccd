#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "messages/order.hpp"

namespace soci {
class session;
}

namespace smartcopy {

/// The `orders` table (SPEC §6, §8). A row is written before its order is sent: its cloid is
/// what makes a retry after a crash safe.
class orders_table {
 public:
  explicit orders_table(soci::session& sql) : sql_(sql) {}

  /// Throws when the cloid exists already (a cloid is never reused).
  void insert(const order& o);
  /// Rewrites the mutable fields of order `o.cloid` (status, oid, fills, position, time).
  void update(const order& o);
  std::optional<order> find(const std::string& cloid);
  /// Orders whose fate can still change (pending, ambiguous, resting, partially filled).
  std::vector<order> unresolved();
  std::vector<order> of_position(std::int64_t position_id);
  std::vector<order> of_signal(std::int64_t signal_id);
  /// Every entry order that filled (some or all), oldest first: one query for a report.
  std::vector<order> filled_entries();

 private:
  soci::session& sql_;
};

}  // namespace smartcopy
