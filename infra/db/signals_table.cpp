#include "infra/db/signals_table.hpp"

#include "infra/db/row_values.hpp"
#include "infra/db/seen_trades_table.hpp"

namespace smartcopy {
namespace {

signal read(const soci::row& r) {
  signal s;
  s.id = db::get_int(r, "id");
  s.trader_address = db::get_text(r, "trader_address");
  s.token_symbol = db::get_text(r, "token_symbol");
  s.position_side = parse_side(db::get_text(r, "side")).value_or(side::long_);
  s.action = parse_trade_action(db::get_text(r, "action"));
  s.value_usd = db::get_double(r, "value_usd");
  s.position_weight = db::get_double(r, "position_weight");
  s.timestamp = db::get_time(r, "timestamp");
  s.age_seconds = db::get_double(r, "age_seconds");
  s.trade_price = db::get_double(r, "trade_price");
  s.mark_price = db::get_double(r, "mark_price");
  s.slippage_check = db::get_double(r, "slippage_check");
  s.trader_score = db::get_double(r, "trader_score");
  s.trader_roi_7d = db::get_double(r, "trader_roi_7d");
  s.copy_size_usd = db::get_double(r, "copy_size_usd");
  s.leverage = db::get_double(r, "leverage");
  if (!db::is_null(r, "order_type")) s.type = parse_order_type(db::get_text(r, "order_type"));
  s.max_slippage = db::get_double(r, "max_slippage");
  s.outcome = parse_decision(db::get_text(r, "decision")).value_or(decision::deferred);
  s.reason = db::get_text(r, "reason");
  s.trade_key = db::get_text(r, "trade_key");
  s.due_at = db::get_optional_time(r, "due_at");
  s.created_at = db::get_time(r, "created_at");
  s.sizing.trader_account_value = db::get_double(r, "trader_account_value");
  s.sizing.trader_position_value = db::get_double(r, "trader_position_value");
  s.sizing.trader_leverage = db::get_optional_double(r, "trader_leverage");
  return s;
}

std::vector<signal> read_all(soci::rowset<soci::row>&& rows) {
  std::vector<signal> out;
  for (const auto& r : rows) out.push_back(read(r));
  return out;
}

// The text columns of a signal, kept alive while SOCI binds them by reference.
struct signal_text {
  explicit signal_text(const signal& s)
      : side(to_string(s.position_side)),
        action(to_string(s.action)),
        timestamp(to_iso8601(s.timestamp)),
        decision(to_string(s.outcome)),
        created_at(to_iso8601(s.created_at)),
        due_at(db::bind_optional_time(s.due_at)),
        trader_leverage(db::bind_optional(s.sizing.trader_leverage)) {
    if (s.type) order_type = {std::string(to_string(*s.type)), soci::i_ok};
  }
  std::string side, action, timestamp, decision, created_at;
  db::nullable<std::string> due_at;
  db::nullable<std::string> order_type;
  db::nullable<double> trader_leverage;
};

}  // namespace

std::int64_t signals_table::insert(const signal& s) {
  signal_text t(s);
  sql_ << "INSERT INTO signals (trader_address, token_symbol, side, action, value_usd, "
          "position_weight, timestamp, age_seconds, trade_price, mark_price, slippage_check, "
          "trader_score, trader_roi_7d, copy_size_usd, leverage, order_type, max_slippage, "
          "decision, reason, trade_key, due_at, created_at, trader_account_value, "
          "trader_position_value, trader_leverage) VALUES (:trader, :token, :side, :action, "
          ":value, :weight, :ts, :age, :tp, :mp, :slip, :score, :roi, :size, :lev, :otype, "
          ":maxslip, :decision, :reason, :key, :due, :created, :acct, :posv, :tlev)",
      soci::use(s.trader_address), soci::use(s.token_symbol), soci::use(t.side),
      soci::use(t.action), soci::use(s.value_usd), soci::use(s.position_weight),
      soci::use(t.timestamp), soci::use(s.age_seconds), soci::use(s.trade_price),
      soci::use(s.mark_price), soci::use(s.slippage_check), soci::use(s.trader_score),
      soci::use(s.trader_roi_7d), soci::use(s.copy_size_usd), soci::use(s.leverage),
      soci::use(t.order_type.value, t.order_type.ind), soci::use(s.max_slippage),
      soci::use(t.decision), soci::use(s.reason), soci::use(s.trade_key),
      soci::use(t.due_at.value, t.due_at.ind), soci::use(t.created_at),
      soci::use(s.sizing.trader_account_value), soci::use(s.sizing.trader_position_value),
      soci::use(t.trader_leverage.value, t.trader_leverage.ind);
  long long id = 0;
  sql_ << "SELECT last_insert_rowid()", soci::into(id);
  return id;
}

std::optional<std::int64_t> signals_table::record_new_trade(const signal& s, utc_time seen_at) {
  soci::transaction tr(sql_);
  if (!seen_trades_table(sql_).insert(s.trade_key, seen_at)) return std::nullopt;
  const std::int64_t id = insert(s);
  tr.commit();
  return id;
}

void signals_table::update(const signal& s) {
  signal_text t(s);
  sql_ << "UPDATE signals SET value_usd = :value, position_weight = :weight, age_seconds = :age, "
          "trade_price = :tp, mark_price = :mp, slippage_check = :slip, trader_score = :score, "
          "trader_roi_7d = :roi, copy_size_usd = :size, leverage = :lev, order_type = :otype, "
          "max_slippage = :maxslip, decision = :decision, reason = :reason, due_at = :due "
          "WHERE id = :id",
      soci::use(s.value_usd), soci::use(s.position_weight), soci::use(s.age_seconds),
      soci::use(s.trade_price), soci::use(s.mark_price), soci::use(s.slippage_check),
      soci::use(s.trader_score), soci::use(s.trader_roi_7d), soci::use(s.copy_size_usd),
      soci::use(s.leverage), soci::use(t.order_type.value, t.order_type.ind),
      soci::use(s.max_slippage), soci::use(t.decision), soci::use(s.reason),
      soci::use(t.due_at.value, t.due_at.ind), soci::use(s.id);
}

std::optional<signal> signals_table::find(std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT * FROM signals WHERE id = :id", soci::use(key));
  for (const auto& r : rows) return read(r);
  return std::nullopt;
}

std::vector<signal> signals_table::deferred() {
  const std::string d(to_string(decision::deferred));
  return read_all((sql_.prepare << "SELECT * FROM signals WHERE decision = :d ORDER BY due_at, id",
                   soci::use(d)));
}

std::vector<signal> signals_table::in_flight() {
  const std::string d(to_string(decision::execute));
  const std::string r(entry_in_flight_reason);
  return read_all((sql_.prepare << "SELECT * FROM signals WHERE decision = :d AND reason = :r "
                                   "ORDER BY id",
                   soci::use(d), soci::use(r)));
}

std::vector<signal> signals_table::recent(int limit) {
  return read_all(
      (sql_.prepare << "SELECT * FROM signals ORDER BY id DESC LIMIT :n", soci::use(limit)));
}

std::vector<signal> signals_table::of_trader(const std::string& address, const std::string& token,
                                             side s, utc_time from, utc_time to) {
  const std::string side_text(to_string(s));
  const std::string f = to_iso8601(from);
  const std::string t = to_iso8601(to);
  return read_all((sql_.prepare << "SELECT * FROM signals WHERE trader_address = :a AND "
                                   "token_symbol = :t AND side = :s AND timestamp >= :f AND "
                                   "timestamp <= :to ORDER BY timestamp, id",
                   soci::use(address), soci::use(token), soci::use(side_text), soci::use(f),
                   soci::use(t)));
}

}  // namespace smartcopy
