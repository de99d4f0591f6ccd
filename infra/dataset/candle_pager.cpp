#include "infra/dataset/candle_pager.hpp"

#include <algorithm>
#include <limits>
#include <thread>

#include "infra/dataset/dataset_dir.hpp"
#include "infra/hyperliquid/errors.hpp"
#include "infra/nansen/retry_policy.hpp"

namespace smartcopy {
namespace {

// reference §2.9 and §7: at most 5000 candles an answer; 20 + 1 per 60 candles of weight.
constexpr std::int64_t max_candles_per_page = 5000;
constexpr double base_weight = 20;
constexpr double candles_per_weight = 60;

}  // namespace

hyperliquid::info_options one_page_info_options(hyperliquid::info_options options) {
  options.candle_page_size = std::numeric_limits<std::size_t>::max();
  return options;
}

candle_pager::candle_pager(hyperliquid::info_client& info, weight_budget& budget,
                           candle_pager_options options)
    : info_(info), budget_(budget), options_(options), rng_(std::random_device{}()) {}

hyperliquid::parsed_rows<hyperliquid::candle> candle_pager::page(const std::string& coin,
                                                                 const std::string& interval,
                                                                 std::int64_t from_ms,
                                                                 std::int64_t to_ms) {
  const std::int64_t expected =
      std::min(max_candles_per_page, (to_ms - from_ms) / interval_ms(interval) + 1);
  budget_.spend(base_weight + static_cast<double>(expected) / candles_per_weight);
  for (int attempt = 0;; ++attempt) {
    ++requests_;
    try {
      return info_.candle_snapshot(coin, interval, from_ms, to_ms);
    } catch (const hyperliquid::info_error& e) {
      if (!e.retryable() || attempt >= options_.max_retries) throw;
    }
    std::this_thread::sleep_for(
        nansen::backoff_delay(attempt, options_.backoff_base, options_.backoff_cap, rng_));
  }
}

void candle_pager::fetch(const std::string& coin, const std::string& interval,
                         std::int64_t first_open_ms, std::int64_t last_open_ms,
                         const candle_page_sink& sink) {
  // A short page does not end the walk: only the server knows its page size. The walk ends at
  // the range's last candle or at an empty page (no later candles exist).
  for (std::int64_t from = first_open_ms; from <= last_open_ms;) {
    auto p = page(coin, interval, from, last_open_ms);
    if (p.rows.empty()) {
      if (!p.skipped.empty()) sink({}, p.skipped);
      return;
    }
    from = p.rows.back().open_time + 1;
    sink(p.rows, p.skipped);
  }
}

}  // namespace smartcopy
