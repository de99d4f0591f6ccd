#include "infra/dataset/dataset_recorder.hpp"

#include <boost/json/parse.hpp>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>

#include "infra/dataset/dataset_dir.hpp"
#include "infra/nansen/leaderboard_parser.hpp"
#include "infra/nansen/trades_parser.hpp"

namespace smartcopy {
namespace {

namespace fs = std::filesystem;
namespace bj = boost::json;

constexpr int windows[] = {7, 30, 90};
constexpr int history_days = 90;  // SPEC §3: the candidates' trades of the 90 days before scoring
// Page cap of one trader's trades: 1000 pages of 100 rows, far beyond any copyable trader.
constexpr int max_trade_pages = 1000;
const char* const staging_name = ".fetch";

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("data fetch: cannot read " + file.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A leaderboard file an earlier run wrote, parsed with the live parser.
std::vector<leaderboard_row> read_leaderboard_file(const fs::path& file) {
  bj::error_code ec;
  const bj::value v = bj::parse(read_text(file), ec);
  if (ec || !v.is_array()) throw std::runtime_error("data fetch: " + file.string() + " is damaged");
  std::vector<leaderboard_row> rows;
  for (const auto& item : v.get_array()) {
    std::string reason;
    if (!item.is_object()) continue;
    if (auto row = nansen::parse_leaderboard_row(item.get_object(), reason))
      rows.push_back(std::move(*row));
  }
  return rows;
}

/// A trades file an earlier run wrote, parsed with the live parser.
std::vector<trade> read_trades_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("data fetch: cannot read " + file.string());
  std::vector<trade> rows;
  for (std::string line; std::getline(in, line);) {
    std::string reason;
    if (auto t = nansen::parse_trade_row(line, reason)) rows.push_back(std::move(*t));
  }
  return rows;
}

/// A token symbol usable as a file name below candles/ (Nansen symbols are data, not paths).
bool safe_file_name(const std::string& token) {
  return !token.empty() && token != "." && token != ".." &&
         token.find_first_of(std::string("/\\\0", 3)) == std::string::npos;
}

class recorder {
 public:
  recorder(fs::path dir, const fetch_request& request, nansen::client& nansen,
           candle_pager& candles, fetch_observer& observer)
      : dir_(std::move(dir)),
        staging_(dir_ / staging_name),
        request_(request),
        nansen_(nansen),
        candles_(candles),
        observer_(observer) {}

  fetch_summary run(const candidate_picker& pick) {
    if (open_directory()) {
      const leaderboard_windows boards = fetch_leaderboards();
      if (request_.smart_money) fetch_smart_money();
      const auto tokens = fetch_trades(pick(boards, request_.traders));
      fetch_candles(tokens);
      finish();
    }
    summary_.nansen_requests = nansen_.usage().requests;
    summary_.nansen_credits = nansen_.usage().credits_used;
    summary_.hyperliquid_requests = candles_.requests();
    return summary_;
  }

 private:
  /// Checks that `dir_` is new, empty or holds this same fetch; false when that fetch is
  /// already complete. Throws fetch_conflict otherwise.
  bool open_directory() {
    const fetch_identity wanted = request_.identity();
    std::error_code ec;
    if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec))
      throw fetch_conflict(dir_.string() + " is not a directory");
    fs::create_directories(dir_, ec);
    if (ec || !fs::is_directory(dir_))
      throw std::runtime_error("data fetch: cannot create " + dir_.string());
    if (holds_complete(wanted)) return false;
    resume_or_start(wanted);
    for (const char* sub : {"leaderboard", "trades", "candles"}) {
      fs::create_directories(dir_ / sub, ec);
      if (ec) throw std::runtime_error("data fetch: cannot create " + (dir_ / sub).string());
    }
    writer_.emplace(staging_);
    return true;
  }

  /// A manifest marks a finished dataset: this fetch's (nothing to do) or another's (conflict).
  bool holds_complete(const fetch_identity& wanted) {
    if (!fs::exists(dir_ / "manifest.json")) return false;
    const auto held = read_fetch_identity(dir_ / "manifest.json");
    if (!held || *held != wanted)
      throw fetch_conflict(dir_.string() + " already holds another dataset (" +
                           (held ? held->describe() : "unreadable manifest.json") +
                           "); this fetch is " + wanted.describe() +
                           ": use another --out directory");
    std::error_code ec;
    fs::remove_all(staging_, ec);  // left when a run stopped right after its last rename
    observer_.note(dir_.string() + " already holds this complete dataset: nothing to fetch");
    summary_.already_complete = true;
    return true;
  }

  /// The stamp of an unfinished run: this fetch's (resume) or another's (conflict). Without
  /// one the directory must be empty, apart from the staging area of a run that stopped
  /// before writing its stamp.
  void resume_or_start(const fetch_identity& wanted) {
    if (const auto held = read_fetch_identity(staging_ / "request.json")) {
      if (*held != wanted)
        throw fetch_conflict(dir_.string() + " holds an unfinished fetch of " + held->describe() +
                             "; this fetch is " + wanted.describe() +
                             ": rerun that fetch to complete it, or use another --out directory");
      observer_.note("resuming the unfinished fetch in " + dir_.string() +
                     ": complete files are kept, only missing ones are fetched");
      return;
    }
    for (const auto& entry : fs::directory_iterator(dir_))
      if (entry.path().filename() != staging_name)
        throw fetch_conflict(dir_.string() +
                             " is not empty and holds no data fetch: use an empty or new --out "
                             "directory");
    std::error_code ec;
    fs::remove_all(staging_, ec);
    fs::create_directories(staging_, ec);
    write_fetch_stamp(wanted, staging_ / "request.json");
  }

  bool complete(const fs::path& relative) const { return fs::exists(dir_ / relative); }

  /// Moves a finished file from the staging area to its final name (atomic: same filesystem).
  void publish(const fs::path& relative) {
    std::error_code ec;
    fs::rename(staging_ / relative, dir_ / relative, ec);
    if (ec) throw std::runtime_error("data fetch: cannot move into place " + relative.string());
    ++summary_.files_fetched;
  }

  /// The three windows ending at the start, without its day: the dataset must not see the
  /// replayed period (SPEC §9.2: scoring at start from the dataset).
  leaderboard_windows fetch_leaderboards() {
    observer_.begin("leaderboards", std::size(windows));
    leaderboard_windows boards;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < std::size(windows); ++i) {
      const int days = windows[i];
      const fs::path file = fs::path("leaderboard") / (std::to_string(days) + "d.json");
      if (complete(file)) {
        boards[days] = read_leaderboard_file(dir_ / file);
        ++kept;
      } else {
        observer_.advance(i, file.string());
        auto res = nansen_.get_perp_leaderboard(request_.start - hours(24 * days),
                                                request_.start - milliseconds(1));
        if (res.truncated)
          observer_.note(file.string() + ": the leaderboard has more rows than the page cap (" +
                         std::to_string(res.rows.size()) + " kept)");
        boards[days] = std::move(res.rows);
        writer_->write_leaderboards(boards);  // all three staged; only this one is published
        publish(file);
      }
      summary_.leaderboard_rows += boards[days].size();
      observer_.advance(i + 1, file.string());
    }
    report_kept("leaderboards", kept, std::size(windows));
    return boards;
  }

  void fetch_smart_money() {
    if (complete("smart_money.json")) return report_kept("smart-money list", 1, 1);
    auto res = nansen_.get_smart_money_perp_trades(false);
    std::vector<std::string> addresses;
    std::set<std::string> seen;
    for (const auto& t : res.rows)
      if (seen.insert(t.trader_address).second) addresses.push_back(t.trader_address);
    if (addresses.empty()) return observer_.note("the smart-money feed is empty: no list written");
    writer_->write_smart_money(addresses);
    publish("smart_money.json");
  }

  /// Each candidate's trades from 90 days before the start to the end; returns the tokens they
  /// traded between start and end (only those can become copied positions).
  std::set<std::string> fetch_trades(const std::vector<std::string>& addresses) {
    observer_.begin("trades", addresses.size());
    std::set<std::string> tokens;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < addresses.size(); ++i) {
      const fs::path file = fs::path("trades") / (addresses[i] + ".jsonl");
      std::vector<trade> rows;
      if (complete(file)) {
        rows = read_trades_file(dir_ / file);
        ++kept;
      } else {
        observer_.advance(i, addresses[i]);
        rows = record_trades(addresses[i]);
        publish(file);
      }
      for (const auto& t : rows)
        if (t.timestamp >= request_.start && t.timestamp <= request_.end) tokens.insert(t.token);
      summary_.trades += rows.size();
      observer_.advance(i + 1, addresses[i]);
    }
    summary_.traders = addresses.size();
    report_kept("trades files", kept, addresses.size());
    return tokens;
  }

  /// One trader's rows, fetched and staged.
  std::vector<trade> record_trades(const std::string& address) {
    nansen::trades_query query;
    query.max_pages = max_trade_pages;
    auto res = nansen_.get_address_perp_trades(
        address,
        nansen::date_range::datetimes(request_.start - hours(24 * history_days), request_.end),
        query);
    if (res.truncated)
      observer_.note("trades of " + address + " stop at the page cap (" +
                     std::to_string(res.rows.size()) + " rows)");
    if (res.stats.skipped > 0)
      observer_.note("trades of " + address + ": " + std::to_string(res.stats.skipped) +
                     " unreadable row(s) skipped");
    writer_->write_trades(address, res.rows);
    return std::move(res.rows);
  }

  /// Candles over [start, end) of every token, `per_token` units each on the progress bar.
  void fetch_candles(const std::set<std::string>& tokens) {
    const std::int64_t step = interval_ms(request_.interval);
    const auto per_token =
        static_cast<std::uint64_t>((to_ms(request_.end) - to_ms(request_.start)) / step);
    observer_.begin("candles", per_token * tokens.size());
    std::uint64_t done = 0;
    std::size_t kept = 0;
    for (const auto& token : tokens) {
      if (!safe_file_name(token)) {
        observer_.note("token '" + token + "' cannot name a file: its candles are not recorded");
        continue;
      }
      ++summary_.tokens;
      const fs::path file = fs::path("candles") / (token + ".jsonl");
      if (complete(file)) {
        ++kept;
      } else {
        const std::size_t n = record_candles(token, step, done);
        publish(file);
        if (n < per_token) report_gap(token, n, per_token);
      }
      done += per_token;
      observer_.advance(done, token);
    }
    report_kept("candle files", kept, summary_.tokens);
  }

  /// One token's candles streamed page by page into its staged file; returns how many.
  std::size_t record_candles(const std::string& token, std::int64_t step, std::uint64_t done) {
    std::size_t n = 0, unreadable = 0;
    writer_->open_candles(token);
    candles_.fetch(token, request_.interval, to_ms(request_.start), to_ms(request_.end) - step,
                   [&](const auto& page, const auto& skipped) {
                     for (const auto& c : page) writer_->add_candle(c);
                     n += page.size();
                     unreadable += skipped.size();
                     observer_.advance(done + n, token);
                   });
    writer_->close_candles();
    summary_.candles_fetched += n;
    if (unreadable > 0)
      observer_.note("candles of " + token + ": " + std::to_string(unreadable) +
                     " unreadable row(s) skipped");
    return n;
  }

  void finish() {
    writer_->write_manifest({request_.start, request_.end, request_.equity_usd, request_.interval,
                             request_.identity().source});
    publish("manifest.json");
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }

  void report_kept(const std::string& what, std::size_t kept, std::size_t total) {
    summary_.files_kept += kept;
    if (kept > 0)
      observer_.note(what + ": " + std::to_string(kept) + " of " + std::to_string(total) +
                     " already complete, kept");
  }

  void report_gap(const std::string& token, std::size_t got, std::uint64_t wanted) {
    observer_.note("candles of " + token + " cover " + std::to_string(got) + " of " +
                   std::to_string(wanted) + " " + request_.interval +
                   " intervals: Hyperliquid keeps only the most recent 5000 candles per interval "
                   "(a coarser --interval reaches further back), and none before a listing");
  }

  fs::path dir_;
  fs::path staging_;
  const fetch_request& request_;
  nansen::client& nansen_;
  candle_pager& candles_;
  fetch_observer& observer_;
  std::optional<dataset_writer> writer_;
  fetch_summary summary_;
};

}  // namespace

fetch_summary record_dataset(const fs::path& dir, const fetch_request& request,
                             nansen::client& nansen, candle_pager& candles,
                             const candidate_picker& pick, fetch_observer& observer) {
  return recorder(dir, request, nansen, candles, observer).run(pick);
}

}  // namespace smartcopy
