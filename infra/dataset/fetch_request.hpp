#pragma once
// What one `smartcopy data fetch` records (SPEC §1, §9.1), and how a directory tells which fetch
// it holds: the manifest of a finished fetch, or the request stamp of an unfinished one. A rerun
// resumes only the same fetch, so its files can never mix with another's.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "messages/time.hpp"

namespace smartcopy {

/// What two runs must share to be the same fetch: the manifest fields except the equity.
struct fetch_identity {
  utc_time start{};
  utc_time end{};
  std::string interval;
  std::string source;

  bool operator==(const fetch_identity& o) const {
    return start == o.start && end == o.end && interval == o.interval && source == o.source;
  }
  bool operator!=(const fetch_identity& o) const { return !(*this == o); }
  /// "2025-03-01T00:00:00.000Z → 2025-03-03T00:00:00.000Z, 1m, nansen+hyperliquid traders=50".
  std::string describe() const;
};

struct fetch_request {
  utc_time start{};  // 00:00 UTC of the first day
  utc_time end{};    // 00:00 UTC of the day after the last day
  int traders = 50;  // top leaderboard candidates whose trades are recorded
  std::string interval = "1m";
  bool smart_money = false;  // also record smart_money.json
  double equity_usd = 0;     // the manifest's equity; not part of the fetch's identity

  /// source = "nansen+hyperliquid traders=N[ smart_money]".
  fetch_identity identity() const;
};

/// The output directory holds something other than this fetch (another fetch, another kind of
/// dataset, unrelated files): a usage error, nothing is written.
class fetch_conflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes the stamp of an unfinished fetch to `file` via a temporary name, so a stamp is whole
/// or absent. Throws std::runtime_error naming the file.
void write_fetch_stamp(const fetch_identity& identity, const std::filesystem::path& file);

/// The fetch that a stamp or a manifest.json describes (both carry start, end, interval and
/// source); nullopt when the file is missing or describes none.
std::optional<fetch_identity> read_fetch_identity(const std::filesystem::path& file);

}  // namespace smartcopy
