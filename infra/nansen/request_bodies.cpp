#include "infra/nansen/request_bodies.hpp"

#include <boost/json/array.hpp>

namespace smartcopy::nansen {

namespace json = boost::json;

namespace {

std::string whole_seconds(utc_time t) {
  return to_iso8601(t).substr(0, 19) + "Z";  // drops ".mmm"
}

json::object date_object(const date_range& r) {
  return {{"from", r.from}, {"to", r.to}};
}

json::object pagination(int page, int per_page) {
  return {{"page", page}, {"per_page", per_page}};
}

// Direction upper case: lower-case "desc" was rejected by the live API (reference §2.2).
json::array order_by(const char* field) {
  return {json::object{{"field", field}, {"direction", "DESC"}}};
}

}  // namespace

date_range date_range::dates(utc_time from, utc_time to) {
  return {to_iso_date(from), to_iso_date(to)};
}

date_range date_range::datetimes(utc_time from, utc_time to) {
  const auto floor_s = std::chrono::floor<std::chrono::seconds>(from);
  const auto ceil_s = std::chrono::ceil<std::chrono::seconds>(to);
  return {whole_seconds(std::chrono::time_point_cast<milliseconds>(floor_s)),
          whole_seconds(std::chrono::time_point_cast<milliseconds>(ceil_s))};
}

json::object perp_leaderboard_body(const date_range& dates, int page, int per_page) {
  return {{"date", date_object(dates)},
          {"pagination", pagination(page, per_page)},
          {"order_by", order_by("total_pnl")}};
}

json::object address_perp_trades_body(const std::string& address, const date_range& range, int page,
                                      int per_page) {
  // timestamp DESC: the API's default order is oldest first (reference §6.2), but polling
  // needs the newest fills on page 1.
  return {{"address", address},
          {"date", date_object(range)},
          {"pagination", pagination(page, per_page)},
          {"order_by", order_by("timestamp")}};
}

json::object address_perp_positions_body(const std::string& address) {
  return {{"address", address}};
}

json::object perp_pnl_leaderboard_body(const std::string& token_symbol, const date_range& range,
                                       int page, int per_page) {
  return {{"token_symbol", token_symbol},
          {"date", date_object(range)},
          {"pagination", pagination(page, per_page)},
          {"order_by", order_by("pnl_usd_total")}};
}

json::object smart_money_perp_trades_body(bool only_new_positions, int page, int per_page) {
  return {{"only_new_positions", only_new_positions},
          {"pagination", pagination(page, per_page)},
          {"order_by", order_by("block_timestamp")}};
}

json::object perp_screener_body(const date_range& range, int page, int per_page) {
  return {{"date", date_object(range)},
          {"pagination", pagination(page, per_page)},
          {"order_by", order_by("buy_sell_pressure")}};
}

}  // namespace smartcopy::nansen
