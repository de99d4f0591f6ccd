#pragma once
// candleSnapshot over a long range, one page per request (reference hyperliquid-api.md §2.9: the
// API answers at most 5000 candles a call), each request paced by a weight_budget and retried
// with backoff on 429, 5xx and transport failures.
#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "infra/dataset/weight_budget.hpp"
#include "infra/hyperliquid/info_client.hpp"

namespace smartcopy {

struct candle_pager_options {
  int max_retries = 4;
  std::chrono::milliseconds backoff_base{1000};
  std::chrono::milliseconds backoff_cap{30'000};
};

/// What one page brought: its candles (ascending, inside the range, none seen before) and the
/// rows the parser could not read.
using candle_page_sink = std::function<void(const std::vector<hyperliquid::candle>& candles,
                                            const std::vector<std::string>& skipped)>;

class candle_pager {
 public:
  /// `info` must answer every call with one request: candle_page_size = max (see
  /// one_page_info_options).
  candle_pager(hyperliquid::info_client& info, weight_budget& budget,
               candle_pager_options options = {});

  /// Every candle of `coin` with open time in [first_open_ms, last_open_ms], page after page
  /// until the range is covered or a page comes back empty. Throws hyperliquid::info_error after
  /// the last retry, hyperliquid::parse_error for an unreadable answer.
  void fetch(const std::string& coin, const std::string& interval, std::int64_t first_open_ms,
             std::int64_t last_open_ms, const candle_page_sink& sink);

  /// HTTP requests sent so far, retries included.
  std::size_t requests() const { return requests_; }

 private:
  hyperliquid::parsed_rows<hyperliquid::candle> page(const std::string& coin,
                                                     const std::string& interval,
                                                     std::int64_t from_ms, std::int64_t to_ms);

  hyperliquid::info_client& info_;
  weight_budget& budget_;
  candle_pager_options options_;
  std::mt19937_64 rng_;
  std::size_t requests_ = 0;
};

/// The info client's options for a candle_pager: the client's own page walk stops after the
/// first answer, so the pager sees, paces and retries every request.
hyperliquid::info_options one_page_info_options(hyperliquid::info_options options);

}  // namespace smartcopy
