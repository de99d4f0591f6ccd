#include "infra/console/progress_bar.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace smartcopy {
namespace {

constexpr int bar_width = 30;

std::string format_duration(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
  else
    std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
  return buf;
}

}  // namespace

bool stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

progress_bar::progress_bar(std::string label, std::uint64_t total, std::ostream& out, bool enabled,
                           std::chrono::milliseconds min_redraw)
    : label_(std::move(label)),
      total_(total),
      out_(out),
      enabled_(enabled),
      min_redraw_(min_redraw),
      started_(std::chrono::steady_clock::now()) {}

progress_bar::progress_bar(std::string label, std::uint64_t total)
    : progress_bar(std::move(label), total, std::cerr, stderr_is_terminal()) {}

progress_bar::~progress_bar() {
  finish();
}

void progress_bar::update(std::uint64_t done) {
  if (finished_ || done <= done_) return;
  done_ = total_ > 0 ? std::min(done, total_) : done;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < min_redraw_) return;
  last_draw_ = now;
  draw();
}

void progress_bar::set_note(std::string note) {
  note_ = std::move(note);
}

void progress_bar::finish() {
  if (finished_) return;
  finished_ = true;
  if (!enabled_) return;
  draw();
  out_ << '\n' << std::flush;
}

void progress_bar::draw() {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::string line = "\r" + label_ + " ";
  if (total_ > 0) {
    const double fraction = static_cast<double>(done_) / static_cast<double>(total_);
    const int filled = static_cast<int>(fraction * bar_width);
    line += "[" + std::string(filled, '#') + std::string(bar_width - filled, '.') + "] ";
    char pct[16];
    std::snprintf(pct, sizeof pct, "%5.1f%% ", fraction * 100);
    line += pct;
    line += std::to_string(done_) + "/" + std::to_string(total_);
    if (done_ > 0 && done_ < total_)
      line += " eta " + format_duration(elapsed / fraction - elapsed);
  } else {
    line += std::to_string(done_);
  }
  line += " " + format_duration(elapsed);
  if (!note_.empty()) line += " " + note_;
  // Clear what a longer previous line left behind.
  out_ << line << "\033[K" << std::flush;
}

}  // namespace smartcopy
