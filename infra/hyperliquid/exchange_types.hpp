#pragma once
// What an /exchange request came to (reference §3.4, SPEC §6 step 5). The outcome separates a
// refusal (safe to treat as not placed) from an unknown outcome (must be resolved by orderStatus
// before anything is re-sent).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace smartcopy::hyperliquid {

enum class exchange_outcome {
  accepted,   // the exchange processed the request; per-order statuses may still hold errors
  rejected,   // the exchange refused the whole request (status "err", 4xx); nothing happened
  ambiguous,  // sent, outcome unknown (timeout, reset, 5xx, unreadable answer): resolve first
  not_sent,   // failed before the request left (bad URL, DNS, connect, TLS): nothing happened
};

enum class exchange_error_kind {
  none,
  exchange,      // {"status":"err","response":...}
  signature,     // the recovered signer is unknown: wrong key, agent or hash (reference §3.5)
  rate_limited,  // HTTP 429
  http_status,   // another non-2xx answer
  transport,     // connection failed or was reset
  timeout,       // no answer in time
  malformed_response,  // 2xx with a body we cannot read
};

/// Typed per-order error (reference §3.5); `other` keeps the text in status_entry::error.
enum class order_error {
  none,
  tick,
  min_notional,
  margin,
  reduce_only,
  bad_alo_px,
  ioc_no_match,
  bad_trigger_px,
  no_liquidity,
  open_interest_cap,
  oracle,
  max_position,
  missing_order,
  duplicate_cloid,
  other,
};

/// One element of response.data.statuses.
struct status_entry {
  enum class kind {
    resting,
    filled,
    error,
    success,
    waiting_for_fill,
    waiting_for_trigger,
    unknown
  };
  kind type = kind::unknown;
  std::optional<std::int64_t> oid;
  std::optional<std::string> cloid;
  double total_sz = 0;  // filled
  double avg_px = 0;    // filled
  std::string error;    // error text, or the raw text of an unknown status
  order_error error_type = order_error::none;
};

struct exchange_result {
  exchange_outcome outcome = exchange_outcome::ambiguous;
  exchange_error_kind error_kind = exchange_error_kind::none;
  std::string error;  // human-readable cause when not accepted
  std::vector<status_entry> statuses;
  int http_status = 0;  // 0 when no answer arrived
  std::uint64_t nonce = 0;

  bool accepted() const { return outcome == exchange_outcome::accepted; }
};

const char* to_string(exchange_outcome o);

/// The typed kind of a per-order error text ("Order 0: " prefixes are tolerated).
order_error classify_order_error(const std::string& message);

/// Reads an /exchange answer that did arrive: 2xx JSON (ok / err), 429, other 4xx, 5xx.
exchange_result parse_exchange_response(int http_status, const std::string& body);

}  // namespace smartcopy::hyperliquid
