#include "infra/db/seen_trades_table.hpp"

#include <soci/soci.h>

namespace smartcopy {

bool seen_trades_table::contains(const std::string& trade_key) {
  int n = 0;
  sql_ << "SELECT count(*) FROM seen_trades WHERE trade_key = :k", soci::use(trade_key),
      soci::into(n);
  return n > 0;
}

bool seen_trades_table::insert(const std::string& trade_key, utc_time seen_at) {
  const std::string at = to_iso8601(seen_at);
  soci::statement st = (sql_.prepare << "INSERT OR IGNORE INTO seen_trades (trade_key, seen_at) "
                                        "VALUES (:k, :at)",
                        soci::use(trade_key), soci::use(at));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

}  // namespace smartcopy
