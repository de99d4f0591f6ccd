#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "messages/signal.hpp"

namespace soci {
class session;
}

namespace smartcopy {

/// The `signals` table (SPEC §4, §8): every evaluation, EXECUTE or SKIP, and deferred ones.
class signals_table {
 public:
  explicit signals_table(soci::session& sql) : sql_(sql) {}

  /// Stores a new trade's first evaluation and its `seen_trades` key in one transaction, so a
  /// restart never evaluates a trade twice nor loses one. Returns the signal id, or nullopt
  /// when the trade key was already seen (nothing is written then).
  std::optional<std::int64_t> record_new_trade(const signal& s, utc_time seen_at);

  std::int64_t insert(const signal& s);
  /// Rewrites every field of signal `s.id` (a deferred signal's final decision).
  void update(const signal& s);
  std::optional<signal> find(std::int64_t id);
  /// Signals still waiting for their confirmation (decision DEFERRED), by due time.
  std::vector<signal> deferred();
  /// Approved signals whose entry outcome was never recorded (reason entry_in_flight_reason).
  std::vector<signal> in_flight();
  /// The newest `limit` signals, newest first.
  std::vector<signal> recent(int limit);
  /// The trader's signals on a token and side between two instants (the Add look-up of step 1).
  std::vector<signal> of_trader(const std::string& address, const std::string& token, side s,
                                utc_time from, utc_time to);

 private:
  soci::session& sql_;
};

}  // namespace smartcopy
