#pragma once
// `data fetch` (SPEC §1, §9.1): records a dataset directory from Nansen (leaderboard windows
// ending at the start, the top candidates' trades from 90 days before the start to the end,
// optionally the smart-money feed) and Hyperliquid (candles of every token those candidates
// traded between start and end).
//
// Resumable: every file is written below DIR/.fetch and renamed into place once complete, so a
// name in DIR always holds a whole file; a rerun of the same fetch keeps those files and fetches
// only the missing ones. manifest.json comes last: a directory without it is unfinished (and
// `backtest` refuses it). DIR/.fetch, which also holds the request stamp, is removed at the end.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "infra/dataset/candle_pager.hpp"
#include "infra/dataset/fetch_request.hpp"
#include "infra/nansen/client.hpp"
#include "messages/trader.hpp"

namespace smartcopy {

/// Leaderboard rows by window length in days (7, 30, 90).
using leaderboard_windows = std::map<int, std::vector<leaderboard_row>>;

/// The addresses whose trades are recorded: at most `n`, best first. The caller supplies the
/// rule (SPEC §3 lives in strategy/, which infra does not see).
using candidate_picker =
    std::function<std::vector<std::string>(const leaderboard_windows& windows, int n)>;

/// Console feedback. Phases run one after the other: leaderboards, trades, candles.
class fetch_observer {
 public:
  virtual ~fetch_observer() = default;
  /// A phase of `total` units starts (files, or candles in the candles phase).
  virtual void begin(const std::string& /*phase*/, std::uint64_t /*total*/) {}
  /// `done` units of the current phase are finished; `what` names the file being fetched.
  virtual void advance(std::uint64_t /*done*/, const std::string& /*what*/) {}
  /// A line for the user: a resume, a skipped token, a gap in the candles.
  virtual void note(const std::string& /*line*/) {}
};

struct fetch_summary {
  bool already_complete = false;  // the directory held this whole fetch: nothing was requested
  std::size_t files_fetched = 0;
  std::size_t files_kept = 0;  // complete from an earlier run of the same fetch
  std::size_t leaderboard_rows = 0;
  std::size_t traders = 0;
  std::size_t trades = 0;  // rows of the recorded traders, kept files included
  std::size_t tokens = 0;
  std::size_t candles_fetched = 0;
  std::size_t nansen_requests = 0;
  double nansen_credits = 0;
  std::size_t hyperliquid_requests = 0;
};

/// Records (or completes) the dataset of `request` in `dir`. Throws fetch_conflict when `dir`
/// holds something else, nansen::error and hyperliquid::info_error / parse_error when an API
/// fails for good, std::runtime_error naming a file that cannot be written. Whatever is thrown,
/// the files already in place are complete.
fetch_summary record_dataset(const std::filesystem::path& dir, const fetch_request& request,
                             nansen::client& nansen, candle_pager& candles,
                             const candidate_picker& pick, fetch_observer& observer);

}  // namespace smartcopy
