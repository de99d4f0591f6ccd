#include "infra/hyperliquid/exchange_types.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>

#include "infra/hyperliquid/hex.hpp"
#include "infra/hyperliquid/json_fields.hpp"

namespace smartcopy::hyperliquid {
namespace {

namespace bj = boost::json;

bool contains(const std::string& haystack, const char* needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string excerpt(const std::string& body) {
  std::string out = body.substr(0, 200);
  for (auto& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return out;
}

std::optional<std::string> cloid_of(const bj::object& o) {
  auto c = json::optional_string(o, "cloid");
  if (c && !is_hex_of_size(*c, 16)) throw parse_error("field 'cloid': expected 0x + 32 hex");
  if (c) *c = lowercase_hex(*c);
  return c;
}

status_entry status_of(const bj::value& v) {
  status_entry e;
  if (v.is_string()) {
    const std::string s(v.get_string());
    if (s == "success")
      e.type = status_entry::kind::success;
    else if (s == "waitingForFill")
      e.type = status_entry::kind::waiting_for_fill;
    else if (s == "waitingForTrigger")
      e.type = status_entry::kind::waiting_for_trigger;
    else
      e.error = s;
    return e;
  }
  const auto& o = json::as_object(v, "statuses[]");
  if (const auto* r = o.if_contains("resting")) {
    const auto& ro = json::as_object(*r, "resting");
    e.type = status_entry::kind::resting;
    e.oid = json::int_of(ro, "oid");
    e.cloid = cloid_of(ro);
  } else if (const auto* f = o.if_contains("filled")) {
    const auto& fo = json::as_object(*f, "filled");
    e.type = status_entry::kind::filled;
    e.oid = json::int_of(fo, "oid");
    e.cloid = cloid_of(fo);
    e.total_sz = json::decimal_of(fo, "totalSz");
    e.avg_px = json::decimal_of(fo, "avgPx");
  } else if (o.contains("error")) {
    e.type = status_entry::kind::error;
    e.error = json::string_of(o, "error");
    e.error_type = classify_order_error(e.error);
  } else {
    e.error = bj::serialize(v).substr(0, 200);
  }
  return e;
}

exchange_result read_ok(const bj::object& o) {
  exchange_result r;
  r.outcome = exchange_outcome::accepted;
  const auto& response = json::member(o, "response");
  if (!response.is_object()) return r;  // some acks carry no data
  const auto* data = response.get_object().if_contains("data");
  if (!data || !data->is_object()) return r;
  const auto* statuses = data->get_object().if_contains("statuses");
  if (!statuses) {
    // Single-status answers ({"data":{"status":{"error":...}}}) exist for some actions.
    if (const auto* one = data->get_object().if_contains("status"))
      r.statuses.push_back(status_of(*one));
    return r;
  }
  for (const auto& s : json::as_array(*statuses, "statuses")) r.statuses.push_back(status_of(s));
  return r;
}

}  // namespace

const char* to_string(exchange_outcome o) {
  switch (o) {
    case exchange_outcome::accepted:
      return "accepted";
    case exchange_outcome::rejected:
      return "rejected";
    case exchange_outcome::ambiguous:
      return "ambiguous";
    case exchange_outcome::not_sent:
      break;
  }
  return "not_sent";
}

order_error classify_order_error(const std::string& message) {
  const std::string m = lower(message);
  if (contains(m, "duplicate") && contains(m, "cloid")) return order_error::duplicate_cloid;
  if (contains(m, "tick size")) return order_error::tick;
  if (contains(m, "minimum value")) return order_error::min_notional;
  if (contains(m, "insufficient margin")) return order_error::margin;
  if (contains(m, "reduce only")) return order_error::reduce_only;
  if (contains(m, "post only")) return order_error::bad_alo_px;
  if (contains(m, "could not immediately match")) return order_error::ioc_no_match;
  if (contains(m, "invalid tp/sl price")) return order_error::bad_trigger_px;
  if (contains(m, "no liquidity")) return order_error::no_liquidity;
  if (contains(m, "open interest")) return order_error::open_interest_cap;
  if (contains(m, "too far from oracle")) return order_error::oracle;
  if (contains(m, "margin tier limit")) return order_error::max_position;
  if (contains(m, "never placed")) return order_error::missing_order;
  return order_error::other;
}

exchange_result parse_exchange_response(int http_status, const std::string& body) {
  exchange_result r;
  r.http_status = http_status;
  if (http_status >= 500 || http_status < 200) {
    r.outcome = exchange_outcome::ambiguous;  // the server may have acted before failing
    r.error_kind = exchange_error_kind::http_status;
    r.error = "HTTP " + std::to_string(http_status) + ": " + excerpt(body);
    return r;
  }
  if (http_status >= 300) {
    r.outcome = exchange_outcome::rejected;
    r.error_kind =
        http_status == 429 ? exchange_error_kind::rate_limited : exchange_error_kind::http_status;
    r.error = "HTTP " + std::to_string(http_status) + ": " + excerpt(body);
    return r;
  }
  try {
    const auto doc = json::parse_body(body, "exchange");
    const auto& o = json::as_object(doc, "exchange");
    const auto status = json::string_of(o, "status");
    if (status == "ok") {
      auto ok = read_ok(o);
      ok.http_status = http_status;
      return ok;
    }
    if (status != "err") throw parse_error("exchange: unexpected status \"" + status + "\"");
    const auto& response = json::member(o, "response");
    r.outcome = exchange_outcome::rejected;
    r.error = response.is_string() ? std::string(response.get_string())
                                   : bj::serialize(response).substr(0, 200);
    r.error_kind = contains(r.error, "does not exist") || contains(r.error, "Must deposit")
                       ? exchange_error_kind::signature
                       : exchange_error_kind::exchange;
    return r;
  } catch (const parse_error& e) {
    r.outcome = exchange_outcome::ambiguous;
    r.error_kind = exchange_error_kind::malformed_response;
    r.error = e.what();
    r.statuses.clear();
    return r;
  }
}

}  // namespace smartcopy::hyperliquid
