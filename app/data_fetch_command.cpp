// `smartcopy data fetch --from D --to D --out DIR` (SPEC §1, §9.1): records a dataset from Nansen
// and Hyperliquid through the same clients as the daemon (Nansen's limiter and retries, the
// Hyperliquid info client), configured like `smartcopy score`. Resumable, with a progress bar on
// a terminal and a one-line summary.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

#include "actors/hyperliquid_options.hpp"
#include "app/commands.hpp"
#include "infra/console/progress_bar.hpp"
#include "infra/dataset/dataset_recorder.hpp"
#include "strategy/trader_selection.hpp"

namespace smartcopy::app {
namespace {

// Half of Hyperliquid's 1200 per minute per IP (reference hyperliquid-api.md §7): a daemon on
// the same address keeps the other half.
constexpr double hyperliquid_weight_per_minute = 600;

struct fetch_options {
  std::string from, to, out_dir;
  int traders = 50;
  std::string interval = "1m";
  bool smart_money = false;
};

/// 00:00 UTC of a "YYYY-MM-DD" day; a usage error naming `option` otherwise.
utc_time parse_day(const std::string& text, const std::string& option) {
  const auto t = parse_iso8601(text);
  // The round trip rejects what parse_iso8601 lets through (2025-02-30, times, zones).
  if (!t || to_iso_date(*t) != text)
    throw CLI::ValidationError(option, "'" + text + "' is not a day (YYYY-MM-DD)");
  return *t;
}

fetch_request request_of(const fetch_options& o) {
  fetch_request r;
  r.start = parse_day(o.from, "--from");
  const utc_time last_day = parse_day(o.to, "--to");
  if (last_day < r.start) throw CLI::ValidationError("--to", o.to + " is before --from " + o.from);
  r.end = last_day + hours(24);
  const auto now = std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
  // A recording is of whole, past days: a day still running would differ on every resume.
  if (r.end > now)
    throw CLI::ValidationError("--to", o.to + " is not over yet (UTC); the latest --to is " +
                                           to_iso_date(now - hours(24)));
  r.traders = o.traders;
  r.interval = o.interval;
  r.smart_money = o.smart_money;
  return r;
}

/// SPEC §3 as far as the leaderboards decide it: candidates that could pass the selection
/// filter (worth_scoring), best 90-day ROI first — the score's largest leaderboard input.
candidate_picker top_candidates(const selection_settings& selection, utc_time at) {
  return [selection, at](const leaderboard_windows& windows, int n) {
    const std::vector<leaderboard_row> none;
    const auto window = [&](int days) -> const std::vector<leaderboard_row>& {
      const auto it = windows.find(days);
      return it == windows.end() ? none : it->second;
    };
    auto rows = strategy::merge_leaderboards(window(7), window(30), window(90));
    rows.erase(std::remove_if(
                   rows.begin(), rows.end(),
                   [&](const trader_row& r) { return !strategy::worth_scoring(r, selection, at); }),
               rows.end());
    // Stable: merge_leaderboards sorts by address, so equal ROIs keep address order.
    std::stable_sort(rows.begin(), rows.end(), [](const trader_row& a, const trader_row& b) {
      return a.roi_90d > b.roi_90d;
    });
    std::vector<std::string> out;
    for (const auto& r : rows) {
      if (static_cast<int>(out.size()) == n) break;
      out.push_back(r.address);
    }
    return out;
  };
}

/// One progress bar per phase on a terminal; notes on standard output.
class console_observer : public fetch_observer {
 public:
  void begin(const std::string& phase, std::uint64_t total) override {
    bar_.reset();
    bar_ = std::make_unique<progress_bar>(phase, total);
  }
  void advance(std::uint64_t done, const std::string& what) override {
    bar_->set_note(what);
    bar_->update(done);
  }
  void note(const std::string& line) override {
    if (bar_ && stderr_is_terminal()) std::cerr << "\r\033[K" << std::flush;  // the bar's line
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  }
  void finish() { bar_.reset(); }

 private:
  std::unique_ptr<progress_bar> bar_;
};

void print_summary(const fetch_summary& s, const fetch_request& r, const std::string& dir) {
  if (s.already_complete) return;
  std::printf(
      "data fetch: %s complete: %zu leaderboard rows, %zu traders (%zu trades), %zu tokens of "
      "%s candles, %s to %s; this run fetched %zu files (%zu candles) and kept %zu, with %zu "
      "Nansen requests (%g credits) and %zu Hyperliquid requests\n",
      dir.c_str(), s.leaderboard_rows, s.traders, s.trades, s.tokens, r.interval.c_str(),
      to_iso_date(r.start).c_str(), to_iso_date(r.end - hours(24)).c_str(), s.files_fetched,
      s.candles_fetched, s.files_kept, s.nansen_requests, s.nansen_credits, s.hyperliquid_requests);
  std::fflush(stdout);
}

/// A failure for good, with what the user can do: the complete files stay, a rerun resumes.
[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("data fetch: " + what +
                           " (files already fetched are complete and kept: run the same command "
                           "again to resume)");
}

void run_fetch(const cli_context& cli, const fetch_options& o) {
  fetch_request request = request_of(o);
  const loaded_config cfg = cli.load();
  request.equity_usd = cfg.values.account.paper_equity_usd;
  require_nansen_key(cfg.values, "for data fetch");
  nansen::client nansen(cfg.values.nansen, cfg.values.http.ca_file);
  hyperliquid::info_client info(one_page_info_options(hyperliquid_info_options(cfg.values)));
  weight_budget budget(hyperliquid_weight_per_minute);
  candle_pager candles(info, budget);
  console_observer console;
  fetch_summary summary;
  try {
    summary = record_dataset(o.out_dir, request, nansen, candles,
                             top_candidates(cfg.values.selection, request.start), console);
  } catch (const fetch_conflict& e) {
    throw CLI::ValidationError("--out", e.what());
  } catch (const nansen::error& e) {
    console.finish();
    if (e.status() == 401 || e.status() == 403)
      fail("Nansen refused the key in nansen.api_key: " + std::string(e.what()));
    fail(e.what());
  } catch (const std::exception& e) {
    console.finish();
    fail(e.what());
  }
  console.finish();
  print_summary(summary, request, o.out_dir);
}

}  // namespace

void add_data_fetch_command(CLI::App& data, const cli_context& ctx) {
  auto o = std::make_shared<fetch_options>();
  CLI::App* fetch = data.add_subcommand("fetch", "Record a dataset from Nansen + Hyperliquid");
  fetch->add_option("--from", o->from, "First day (YYYY-MM-DD, UTC)")->required();
  fetch->add_option("--to", o->to, "Last day (YYYY-MM-DD, UTC), a past day")->required();
  fetch->add_option("--out", o->out_dir, "Dataset directory (new, empty, or this fetch's)")
      ->required();
  fetch->add_option("--traders", o->traders, "Top candidates whose trades are recorded")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  fetch->add_option("--interval", o->interval, "Candle interval")
      ->capture_default_str()
      ->check(CLI::IsMember({"1m", "5m", "15m", "1h"}));
  fetch->add_flag("--smart-money", o->smart_money,
                  "Also record smart_money.json (the feed is today's, not the start's)");
  fetch->callback([&ctx, o] { run_fetch(ctx, *o); });
}

}  // namespace smartcopy::app
