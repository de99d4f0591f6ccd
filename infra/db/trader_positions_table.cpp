#include "infra/db/trader_positions_table.hpp"

#include "infra/db/row_values.hpp"

namespace smartcopy {

void trader_positions_table::replace(const trader_snapshot& snapshot) {
  soci::transaction tr(sql_);
  sql_ << "DELETE FROM trader_positions WHERE address = :a", soci::use(snapshot.address);
  for (const auto& p : snapshot.positions) {
    const std::string side(to_string(p.position_side));
    const std::string seen = to_iso8601(p.last_seen_at);
    auto leverage = db::bind_optional(p.leverage);
    sql_ << "INSERT INTO trader_positions (address, token, side, size, position_value_usd, "
            "entry_price, leverage, last_seen_at) VALUES (:a, :t, :s, :z, :v, :e, :l, :at)",
        soci::use(snapshot.address), soci::use(p.token), soci::use(side), soci::use(p.size),
        soci::use(p.position_value_usd), soci::use(p.entry_price),
        soci::use(leverage.value, leverage.ind), soci::use(seen);
  }
  tr.commit();
}

std::vector<trader_position> trader_positions_table::of(const std::string& address) {
  std::vector<trader_position> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT * FROM trader_positions WHERE address = :a ORDER BY token",
       soci::use(address));
  for (const auto& r : rows) {
    trader_position p;
    p.address = db::get_text(r, "address");
    p.token = db::get_text(r, "token");
    p.position_side = parse_side(db::get_text(r, "side")).value_or(side::long_);
    p.size = db::get_double(r, "size");
    p.position_value_usd = db::get_double(r, "position_value_usd");
    p.entry_price = db::get_double(r, "entry_price");
    p.leverage = db::get_optional_double(r, "leverage");
    p.last_seen_at = db::get_time(r, "last_seen_at");
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace smartcopy
