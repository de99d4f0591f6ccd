#pragma once
// The JSON bodies of the six Nansen calls, exactly as reference §6 and
// shared/fixtures/nansen/requests/ give them. Pure functions, so tests compare them directly.
#include <boost/json/object.hpp>
#include <string>

#include "messages/time.hpp"

namespace smartcopy::nansen {

/// `date: {from, to}`. Nansen has two flavours (reference §2.2): date-only (perp-leaderboard
/// accepts nothing else) and date-time; the trade poller needs date-times.
struct date_range {
  std::string from;
  std::string to;

  /// "YYYY-MM-DD" UTC dates of the two instants.
  static date_range dates(utc_time from, utc_time to);
  /// "YYYY-MM-DDTHH:MM:SSZ"; `from` is rounded down and `to` up to whole seconds so the window
  /// never shrinks.
  static date_range datetimes(utc_time from, utc_time to);
};

/// Every paginated body carries `pagination: {page, per_page}` (page 1-based).
boost::json::object perp_leaderboard_body(const date_range& dates, int page, int per_page);
boost::json::object address_perp_trades_body(const std::string& address, const date_range& range,
                                             int page, int per_page);
/// profiler/perp-positions takes no pagination (its schema forbids the key).
boost::json::object address_perp_positions_body(const std::string& address);
boost::json::object perp_pnl_leaderboard_body(const std::string& token_symbol,
                                              const date_range& range, int page, int per_page);
boost::json::object smart_money_perp_trades_body(bool only_new_positions, int page, int per_page);
boost::json::object perp_screener_body(const date_range& range, int page, int per_page);

}  // namespace smartcopy::nansen
