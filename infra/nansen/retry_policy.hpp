#pragma once
// When and how long to wait before retrying a Nansen call (SPEC §2 nansen.max_retries, §11;
// reference §3): 429 and 5xx and timeouts are retried; `Retry-After` (seconds or HTTP date) wins
// over exponential backoff with full jitter.
#include <chrono>
#include <optional>
#include <random>
#include <string_view>

namespace smartcopy::nansen {

/// 429, 500, 502, 503, 504.
bool is_retryable_status(int status);

/// `Retry-After` as a delay from `now`: delta-seconds ("2") or an IMF-fixdate
/// ("Sun, 06 Nov 1994 08:49:37 GMT", RFC 9110 §10.2.3). A date in the past gives 0.
/// nullopt when the value is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

/// Exponential backoff with jitter: a uniform draw in [d/2, d] where d = min(cap, base * 2^attempt)
/// (attempt 0 = first retry). Half-jitter keeps a floor so retries never hammer the server.
std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, std::mt19937_64& rng);

}  // namespace smartcopy::nansen
