#pragma once
// `data synth` (SPEC §1, §9.1): a deterministic synthetic dataset — per token a price path with
// volatility regimes, and traders with a persistent hidden edge whose fills follow that path —
// so the backtest can be exercised without Nansen credits.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "infra/dataset/dataset_dir.hpp"

namespace smartcopy {

struct synth_options {
  std::uint64_t seed = 1;
  int traders = 20;
  int days = 30;  // replay window [start, start + days]; 90 days of history precede it
  int tokens = 4;
  std::string interval = "15m";                     // 1m | 5m | 15m | 1h
  utc_time start = utc_from_ms(1'767'225'600'000);  // 2026-01-01T00:00:00Z
  double equity_usd = 100'000;                      // SPEC §2 account.paper_equity_usd
};

/// Days of trade history before start (the 90-day leaderboard window of SPEC §3).
constexpr int synth_history_days = 90;

/// Taker fee of a synthetic fill (SPEC §9.2): 0.045 % of value.
constexpr double synth_fee_rate = 0.00045;

/// The dataset for `options`; equal options give an equal dataset (std::mt19937_64 only).
/// Candles cover [start, start + days]; trades cover [start − 90 days, start + days].
/// Throws std::invalid_argument for a non-positive count or an unknown interval.
dataset synthesize(const synth_options& options);

/// What synthesize_to wrote.
struct synth_counts {
  std::size_t traders = 0;
  std::size_t trades = 0;
  std::size_t candles = 0;
};

/// Called with the units of work done so far (out of synth_work).
using synth_progress = std::function<void(std::uint64_t done)>;

/// The units of work of a synthesis (bars generated or walked), for a progress bar.
std::uint64_t synth_work(const synth_options& options);

/// The same dataset as synthesize(options), written to `dir` as it is generated, so memory
/// holds only the price paths and one trader's fills: the files are byte-identical to
/// write_dataset(synthesize(options), dir). Throws like synthesize and write_dataset.
synth_counts synthesize_to(const synth_options& options, const std::filesystem::path& dir,
                           const synth_progress& progress = {});

}  // namespace smartcopy
