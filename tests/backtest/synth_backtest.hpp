#pragma once
// The demo's dataset (`data synth --seed 42 --traders 30 --days 14 --tokens 4 --interval 15m`,
// whose 14 days hold a few dozen signals and trades) and its backtest, run once per test
// executable and shared by the report tests (a few seconds).
#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <string>

#include "backtest/story_dataset.hpp"
#include "support/run_binary.hpp"
#include "support/temp_dir.hpp"

struct synth_backtest {
  temp_dir dir;
  std::string html_path = dir.file("out/report.html");
  boost::json::object report;
  std::string html;

  synth_backtest() {
    const auto synth = run_smartcopy("data synth --out " + dir.file("data") +
                                         " --seed 42 --traders 30 --days 14 --tokens 4"
                                         " --interval 15m",
                                     "", dir.path.string());
    REQUIRE_MESSAGE(synth.exit_code == 0, synth.output);
    const auto run = run_smartcopy("backtest --data " + dir.file("data") + " --out " +
                                       dir.file("out") + " --set log.level=error",
                                   "", dir.path.string());
    REQUIRE_MESSAGE(run.exit_code == 0, run.output);
    report = boost::json::parse(story::read_text(dir.file("out/report.json"))).as_object();
    html = story::read_text(html_path);
  }
};

inline const synth_backtest& synthesized() {
  static const synth_backtest run;
  return run;
}
