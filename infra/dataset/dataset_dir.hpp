#pragma once
// The dataset directory of SPEC §9.1, written by `data fetch` / `data synth` and read by
// `backtest`. Rows keep the APIs' own field names so the live parsers read them back.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "infra/hyperliquid/info_types.hpp"
#include "infra/nansen/parse_stats.hpp"
#include "messages/time.hpp"
#include "messages/trade.hpp"
#include "messages/trader.hpp"

namespace smartcopy {

/// DIR/manifest.json.
struct dataset_manifest {
  utc_time start{};
  utc_time end{};
  double equity_usd = 0;
  std::string interval;  // "1m" | "5m" | "15m" | "1h"
  std::string source;    // e.g. "synth seed=1" or "nansen+hyperliquid"
};

/// The whole directory in memory.
struct dataset {
  dataset_manifest manifest;
  /// Leaderboard rows by window length in days (7, 30, 90), each window ending at start.
  std::map<int, std::vector<leaderboard_row>> leaderboards;
  /// Raw perp-trades rows by lower-case trader address, in time order.
  std::map<std::string, std::vector<trade>> trades;
  /// Candles by token symbol, in time order.
  std::map<std::string, std::vector<hyperliquid::candle>> candles;
  std::vector<std::string> smart_money;  // empty: no smart_money.json
};

/// Writes `data` below `dir` (created when missing; existing files are overwritten). Output is
/// a pure function of `data`: the same dataset gives byte-identical files. Throws
/// std::runtime_error naming the file that cannot be written.
void write_dataset(const dataset& data, const std::filesystem::path& dir);

/// Writes a dataset directory piece by piece, so a producer (`data synth`) never holds the
/// whole dataset: write_dataset is this writer fed from memory, so both give the same bytes.
/// Every method throws std::runtime_error naming the file that cannot be written.
class dataset_writer {
 public:
  /// Creates `dir` and its sub-directories when missing.
  explicit dataset_writer(std::filesystem::path dir);

  void write_manifest(const dataset_manifest& manifest);
  /// The three window files; a window missing from `leaderboards` is written empty.
  void write_leaderboards(const std::map<int, std::vector<leaderboard_row>>& leaderboards);
  void write_trades(const std::string& address, const std::vector<trade>& rows);
  /// smart_money.json; nothing is written for an empty list (the file is optional).
  void write_smart_money(const std::vector<std::string>& addresses);

  /// candles/<token>.jsonl, written one candle at a time: open it, add candles, close it.
  void open_candles(const std::string& token);
  void add_candle(const hyperliquid::candle& candle);
  void close_candles();

 private:
  std::filesystem::path dir_;
  std::filesystem::path candle_file_;
  std::ofstream candles_;
};

/// Reads a §9.1 directory with the live parsers. A bad trades/candles line or leaderboard row is
/// skipped and counted in `stats` (when given). Throws std::runtime_error naming the file when
/// the directory or manifest.json is missing or unreadable, or the manifest is malformed.
dataset read_dataset(const std::filesystem::path& dir, nansen::parse_stats* stats = nullptr);

/// The candle interval's length ("1m" → 60 000 ms); throws std::invalid_argument otherwise.
std::int64_t interval_ms(const std::string& interval);

}  // namespace smartcopy
