// The progress bar of SPEC §1's long commands: drawn on a terminal only.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "infra/console/progress_bar.hpp"

using namespace smartcopy;
using std::chrono::milliseconds;

TEST_CASE("a disabled bar (not a terminal) writes nothing at all") {
  std::ostringstream out;
  {
    progress_bar bar("backtest", 100, out, false, milliseconds(0));
    bar.update(50);
    bar.finish();
  }
  CHECK(out.str().empty());
}

TEST_CASE("an enabled bar shows the fraction done and ends its line once") {
  std::ostringstream out;
  progress_bar bar("fetch", 200, out, true, milliseconds(0));
  bar.update(50);
  CHECK(out.str().find("25.0%") != std::string::npos);
  CHECK(out.str().find("50/200") != std::string::npos);
  bar.set_note("BTC.jsonl");
  bar.update(200);
  CHECK(out.str().find("100.0%") != std::string::npos);
  CHECK(out.str().find("BTC.jsonl") != std::string::npos);
  bar.finish();
  bar.finish();
  bar.update(300);  // ignored after finish
  const auto text = out.str();
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  CHECK(text.back() == '\n');
}

TEST_CASE("progress never goes back and is capped at the total") {
  std::ostringstream out;
  progress_bar bar("synth", 10, out, true, milliseconds(0));
  bar.update(8);
  bar.update(3);
  bar.update(12);
  bar.finish();
  CHECK(out.str().find("10/10") != std::string::npos);
  CHECK(out.str().find("3/10") == std::string::npos);
}

TEST_CASE("redraws are throttled so a tight loop does not flood the terminal") {
  std::ostringstream out;
  progress_bar bar("backtest", 1'000'000, out, true, milliseconds(60'000));
  for (int i = 1; i <= 100'000; ++i) bar.update(static_cast<std::uint64_t>(i));
  // The first update draws; the rest fall inside the throttle window.
  const auto text = out.str();
  CHECK(std::count(text.begin(), text.end(), '\r') == 1);
}

TEST_CASE("an unknown total shows the count without a bar") {
  std::ostringstream out;
  progress_bar bar("fetch", 0, out, true, milliseconds(0));
  bar.update(7);
  CHECK(out.str().find("fetch 7") != std::string::npos);
  CHECK(out.str().find("] ") == std::string::npos);
}
