#pragma once
// Typed failures of the Hyperliquid client (SPEC §11: bad input is a clear error, never a crash).
#include <stdexcept>
#include <string>

namespace smartcopy::hyperliquid {

/// A response body that is not what the endpoint promises (HTML page, truncated JSON, wrong types).
class parse_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An /info request that got no usable answer. `status` is the HTTP status, 0 when the transport
/// failed; `retryable` is true for transport failures, 429 and 5xx (SPEC §11: retried with
/// backoff), false for the configuration-type 4xx answers.
class info_error : public std::runtime_error {
 public:
  info_error(int status, bool retryable, const std::string& message)
      : std::runtime_error(message), status_(status), retryable_(retryable) {}
  int status() const { return status_; }
  bool retryable() const { return retryable_; }

 private:
  int status_;
  bool retryable_;
};

}  // namespace smartcopy::hyperliquid
