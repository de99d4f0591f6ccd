// SPEC §1: `smartcopy backtest` shows a progress bar on a terminal, and writes nothing of it when
// its output is a pipe; the bar does not change the report.
#include <doctest/doctest.h>

#include <cstdio>

#include "backtest/story_dataset.hpp"
#include "support/run_binary.hpp"
#include "support/temp_dir.hpp"

namespace {

/// The binary run under util-linux `script`, so its standard error is a pseudo-terminal.
run_result run_on_terminal(const std::string& args) {
  const std::string command = "script -qec \"env -i PATH=/usr/bin:/bin '" +
                              std::string(SMARTCOPY_BINARY) + "' " + args + "\" /dev/null 2>&1";
  run_result r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_CASE("a terminal sees the backtest's progress by simulated hours; a pipe sees none") {
  temp_dir dir;
  write_dataset(story::make(), dir.file("data"));
  const std::string args = "backtest --data " + dir.file("data") + " --set log.level=warn --out ";

  const auto terminal = run_on_terminal(args + dir.file("tty"));
  INFO(terminal.output);
  REQUIRE(terminal.exit_code == 0);
  // The story's 10 hours of data, replayed to the end; the note shows the simulated time.
  CHECK(terminal.output.find("backtest [##############################] 100.0% 10/10") !=
        std::string::npos);
  CHECK(terminal.output.find("2026-01-01T10:00") != std::string::npos);

  const auto piped = run_smartcopy(args + dir.file("pipe"), "", dir.path.string());
  INFO(piped.output);
  REQUIRE(piped.exit_code == 0);
  CHECK(piped.output.find("backtest [") == std::string::npos);
  CHECK(piped.output.find('\r') == std::string::npos);
  CHECK(story::read_text(dir.file("tty/report.json")) ==
        story::read_text(dir.file("pipe/report.json")));
}
