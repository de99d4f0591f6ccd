#pragma once
// The progress bar of long commands (SPEC §1: backtest, data fetch, data synth). It draws on a
// terminal only: when the output is a pipe or a file (CI, logs, tests) it writes nothing, so
// machine-read output stays clean.
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace smartcopy {

/// Whether standard error is a terminal (where progress bars are drawn).
bool stderr_is_terminal();

class progress_bar {
 public:
  /// `total` units of work (0: unknown, only the count is shown). Draws on `out` when `enabled`;
  /// redraws at most every `min_redraw` so a tight loop does not flood the terminal.
  progress_bar(std::string label, std::uint64_t total, std::ostream& out, bool enabled,
               std::chrono::milliseconds min_redraw = std::chrono::milliseconds(100));
  /// On standard error when it is a terminal.
  progress_bar(std::string label, std::uint64_t total);
  ~progress_bar();
  progress_bar(const progress_bar&) = delete;
  progress_bar& operator=(const progress_bar&) = delete;

  /// `done` units finished so far (absolute; never goes back).
  void update(std::uint64_t done);
  void advance(std::uint64_t units = 1) { update(done_ + units); }
  /// A short note shown after the counts (e.g. the file being fetched).
  void set_note(std::string note);
  /// Draws the final state and ends the line; later updates are ignored.
  void finish();

 private:
  void draw();

  std::string label_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  std::string note_;
  std::ostream& out_;
  bool enabled_;
  bool finished_ = false;
  std::chrono::milliseconds min_redraw_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace smartcopy
