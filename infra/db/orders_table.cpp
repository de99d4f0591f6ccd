#include "infra/db/orders_table.hpp"

#include "infra/db/row_values.hpp"

namespace smartcopy {
namespace {

order read(const soci::row& r) {
  order o;
  o.cloid = db::get_text(r, "cloid");
  o.signal_id = db::get_optional_int(r, "signal_id");
  o.position_id = db::get_optional_int(r, "position_id");
  o.kind = parse_order_kind(db::get_text(r, "kind")).value_or(order_kind::entry);
  o.token = db::get_text(r, "token");
  o.is_buy = db::get_text(r, "side") == "buy";
  o.price = db::get_double(r, "price");
  o.size = db::get_double(r, "size");
  o.reduce_only = db::get_int(r, "reduce_only") != 0;
  o.status = parse_order_status(db::get_text(r, "status")).value_or(order_status::ambiguous);
  o.exchange_oid = db::get_optional_int(r, "exchange_oid");
  o.filled_size = db::get_double(r, "filled_size");
  o.avg_price = db::get_double(r, "avg_price");
  o.created_at = db::get_time(r, "created_at");
  o.updated_at = db::get_time(r, "updated_at");
  return o;
}

std::vector<order> read_all(soci::rowset<soci::row>&& rows) {
  std::vector<order> out;
  for (const auto& r : rows) out.push_back(read(r));
  return out;
}

db::nullable<long long> bind_id(const std::optional<std::int64_t>& id) {
  if (!id) return {};
  return {static_cast<long long>(*id), soci::i_ok};
}

// The columns of an order in bindable form, alive while SOCI binds them by reference.
struct order_values {
  explicit order_values(const order& o)
      : signal_id(bind_id(o.signal_id)),
        position_id(bind_id(o.position_id)),
        oid(bind_id(o.exchange_oid)),
        kind(to_string(o.kind)),
        side(o.is_buy ? "buy" : "sell"),
        status(to_string(o.status)),
        created_at(to_iso8601(o.created_at)),
        updated_at(to_iso8601(o.updated_at)),
        reduce_only(o.reduce_only ? 1 : 0) {}
  db::nullable<long long> signal_id, position_id, oid;
  std::string kind, side, status, created_at, updated_at;
  int reduce_only;
};

}  // namespace

void orders_table::insert(const order& o) {
  order_values v(o);
  sql_ << "INSERT INTO orders (cloid, signal_id, position_id, kind, token, side, price, size, "
          "reduce_only, status, exchange_oid, filled_size, avg_price, created_at, updated_at) "
          "VALUES (:cloid, :sig, :pos, :kind, :token, :side, :price, :size, :ro, :status, :oid, "
          ":filled, :avg, :created, :updated)",
      soci::use(o.cloid), soci::use(v.signal_id.value, v.signal_id.ind),
      soci::use(v.position_id.value, v.position_id.ind), soci::use(v.kind), soci::use(o.token),
      soci::use(v.side), soci::use(o.price), soci::use(o.size), soci::use(v.reduce_only),
      soci::use(v.status), soci::use(v.oid.value, v.oid.ind), soci::use(o.filled_size),
      soci::use(o.avg_price), soci::use(v.created_at), soci::use(v.updated_at);
}

void orders_table::update(const order& o) {
  order_values v(o);
  sql_ << "UPDATE orders SET position_id = :pos, status = :status, exchange_oid = :oid, "
          "filled_size = :filled, avg_price = :avg, updated_at = :updated WHERE cloid = :cloid",
      soci::use(v.position_id.value, v.position_id.ind), soci::use(v.status),
      soci::use(v.oid.value, v.oid.ind), soci::use(o.filled_size), soci::use(o.avg_price),
      soci::use(v.updated_at), soci::use(o.cloid);
}

std::optional<order> orders_table::find(const std::string& cloid) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT * FROM orders WHERE cloid = :c", soci::use(cloid));
  for (const auto& r : rows) return read(r);
  return std::nullopt;
}

std::vector<order> orders_table::unresolved() {
  return read_all((sql_.prepare << "SELECT * FROM orders WHERE status IN ('pending', "
                                   "'ambiguous', 'resting', 'partially_filled') ORDER BY "
                                   "created_at, cloid"));
}

std::vector<order> orders_table::of_position(std::int64_t position_id) {
  long long id = position_id;
  return read_all((sql_.prepare << "SELECT * FROM orders WHERE position_id = :p ORDER BY "
                                   "created_at, cloid",
                   soci::use(id)));
}

std::vector<order> orders_table::of_signal(std::int64_t signal_id) {
  long long id = signal_id;
  return read_all((sql_.prepare << "SELECT * FROM orders WHERE signal_id = :s ORDER BY "
                                   "created_at, cloid",
                   soci::use(id)));
}

std::vector<order> orders_table::filled_entries() {
  return read_all((sql_.prepare << "SELECT * FROM orders WHERE kind = 'entry' AND filled_size > 0 "
                                   "ORDER BY created_at, cloid"));
}

}  // namespace smartcopy
