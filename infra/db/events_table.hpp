#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "messages/time.hpp"

namespace soci {
class session;
}

namespace smartcopy {

/// One entry of the append-only audit log.
struct event_record {
  std::int64_t id = 0;
  utc_time at{};
  std::string kind;     // e.g. "order.sent", "position.closed", "trader.blacklisted"
  std::string subject;  // e.g. "position.42"
  std::string detail;   // free text or JSON with the full context
};

/// The `events` table (SPEC §8): append-only; the schema refuses updates and deletes.
class events_table {
 public:
  explicit events_table(soci::session& sql) : sql_(sql) {}

  std::int64_t append(const event_record& e);
  /// The newest `limit` events, newest first.
  std::vector<event_record> recent(int limit);

 private:
  soci::session& sql_;
};

}  // namespace smartcopy
