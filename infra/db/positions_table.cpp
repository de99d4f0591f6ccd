#include "infra/db/positions_table.hpp"

#include "infra/db/row_values.hpp"

namespace smartcopy {
namespace {

our_position read(const soci::row& r) {
  our_position p;
  p.id = db::get_int(r, "id");
  p.token = db::get_text(r, "token");
  p.position_side = parse_side(db::get_text(r, "side")).value_or(side::long_);
  p.entry_price = db::get_double(r, "entry_price");
  p.size = db::get_double(r, "size");
  p.remaining_size = db::get_double(r, "remaining_size");
  p.value_usd = db::get_double(r, "value_usd");
  p.stop_price = db::get_double(r, "stop_price");
  p.trailing_stop_price = db::get_double(r, "trailing_stop_price");
  p.highest_price = db::get_double(r, "highest_price");
  p.lowest_price = db::get_double(r, "lowest_price");
  p.tiers_taken = static_cast<int>(db::get_int(r, "tiers_taken"));
  p.opened_at = db::get_time(r, "opened_at");
  p.closed_at = db::get_optional_time(r, "closed_at");
  p.exit_price = db::get_optional_double(r, "exit_price");
  p.realized_pnl_usd = db::get_double(r, "realized_pnl_usd");
  p.fees_usd = db::get_double(r, "fees_usd");
  if (!db::is_null(r, "close_reason"))
    p.reason = parse_close_reason(db::get_text(r, "close_reason"));
  p.source_trader = db::get_text(r, "source_trader");
  p.source_signal_id = db::get_optional_int(r, "source_signal_id");
  p.leverage = db::get_double(r, "leverage");
  p.status = parse_position_status(db::get_text(r, "status")).value_or(position_status::open);
  return p;
}

std::vector<our_position> read_all(soci::rowset<soci::row>&& rows) {
  std::vector<our_position> out;
  for (const auto& r : rows) out.push_back(read(r));
  return out;
}

// The columns of a position in bindable form, alive while SOCI binds them by reference.
struct position_values {
  explicit position_values(const our_position& p)
      : side(to_string(p.position_side)),
        status(to_string(p.status)),
        opened_at(to_iso8601(p.opened_at)),
        closed_at(db::bind_optional_time(p.closed_at)),
        exit_price(db::bind_optional(p.exit_price)),
        signal_id(db::bind_optional(
            p.source_signal_id ? std::optional<long long>(*p.source_signal_id) : std::nullopt)) {
    if (p.reason) reason = {std::string(to_string(*p.reason)), soci::i_ok};
  }
  std::string side, status, opened_at;
  db::nullable<std::string> closed_at;
  db::nullable<double> exit_price;
  db::nullable<long long> signal_id;
  db::nullable<std::string> reason;
};

}  // namespace

std::int64_t positions_table::insert(const our_position& p) {
  position_values v(p);
  sql_ << "INSERT INTO our_positions (token, side, entry_price, size, remaining_size, value_usd, "
          "stop_price, trailing_stop_price, highest_price, lowest_price, tiers_taken, opened_at, "
          "closed_at, exit_price, realized_pnl_usd, fees_usd, close_reason, source_trader, "
          "source_signal_id, leverage, status) VALUES (:token, :side, :entry, :size, :rem, "
          ":value, :stop, :trail, :hi, :lo, :tiers, :opened, :closed, :exit, :pnl, :fees, "
          ":reason, :trader, :signal, :lev, :status)",
      soci::use(p.token), soci::use(v.side), soci::use(p.entry_price), soci::use(p.size),
      soci::use(p.remaining_size), soci::use(p.value_usd), soci::use(p.stop_price),
      soci::use(p.trailing_stop_price), soci::use(p.highest_price), soci::use(p.lowest_price),
      soci::use(p.tiers_taken), soci::use(v.opened_at),
      soci::use(v.closed_at.value, v.closed_at.ind),
      soci::use(v.exit_price.value, v.exit_price.ind), soci::use(p.realized_pnl_usd),
      soci::use(p.fees_usd), soci::use(v.reason.value, v.reason.ind), soci::use(p.source_trader),
      soci::use(v.signal_id.value, v.signal_id.ind), soci::use(p.leverage), soci::use(v.status);
  long long id = 0;
  sql_ << "SELECT last_insert_rowid()", soci::into(id);
  return id;
}

void positions_table::update(const our_position& p) {
  position_values v(p);
  long long id = p.id;
  sql_ << "UPDATE our_positions SET entry_price = :entry, size = :size, remaining_size = :rem, "
          "value_usd = :value, stop_price = :stop, trailing_stop_price = :trail, highest_price = "
          ":hi, lowest_price = :lo, tiers_taken = :tiers, closed_at = :closed, exit_price = "
          ":exit, realized_pnl_usd = :pnl, fees_usd = :fees, close_reason = :reason, leverage = "
          ":lev, status = :status WHERE id = :id",
      soci::use(p.entry_price), soci::use(p.size), soci::use(p.remaining_size),
      soci::use(p.value_usd), soci::use(p.stop_price), soci::use(p.trailing_stop_price),
      soci::use(p.highest_price), soci::use(p.lowest_price), soci::use(p.tiers_taken),
      soci::use(v.closed_at.value, v.closed_at.ind),
      soci::use(v.exit_price.value, v.exit_price.ind), soci::use(p.realized_pnl_usd),
      soci::use(p.fees_usd), soci::use(v.reason.value, v.reason.ind), soci::use(p.leverage),
      soci::use(v.status), soci::use(id);
}

std::optional<our_position> positions_table::find(std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT * FROM our_positions WHERE id = :id", soci::use(key));
  for (const auto& r : rows) return read(r);
  return std::nullopt;
}

std::vector<our_position> positions_table::unclosed() {
  return read_all(
      (sql_.prepare << "SELECT * FROM our_positions WHERE status <> 'closed' ORDER BY id"));
}

std::vector<our_position> positions_table::closed() {
  return read_all(
      (sql_.prepare << "SELECT * FROM our_positions WHERE status = 'closed' ORDER BY id"));
}

}  // namespace smartcopy
