// SPEC §10 logging: with log.format = "json" every line the daemon writes is one JSON object
// naming its actor (logger name and CAF actor id); `inspect log-level "trader.*" debug` turns
// the trader actors' debug lines on while the daemon runs.
#include <doctest/doctest.h>

#include <fstream>

#include "daemon_fixture.hpp"

using namespace smartcopy;
using namespace smartcopy::daemon_test;
using std::chrono::seconds;

namespace {

std::vector<boost::json::object> log_lines(const daemon_fixture& f, int& unparsable) {
  std::vector<boost::json::object> out;
  std::ifstream in(f.log_file());
  for (std::string line; std::getline(in, line);) {
    boost::system::error_code ec;
    const auto v = boost::json::parse(line, ec);
    if (ec || !v.is_object())
      ++unparsable;
    else
      out.push_back(v.as_object());
  }
  return out;
}

int trader_debug_lines(const daemon_fixture& f) {
  int bad = 0, n = 0;
  for (const auto& l : log_lines(f, bad))
    if (l.at("level").as_string() == "debug" &&
        std::string(l.at("logger").as_string()).rfind("trader.", 0) == 0)
      ++n;
  return n;
}

}  // namespace

TEST_CASE("JSON log lines carry the actor; a runtime log-level change shows trader debug") {
  daemon_fixture f(false, "--set log.format=json --set log.level=info");
  auto d = f.start("run --paper --shutdown-timeout 5");
  REQUIRE(eventually([&] { return f.daemon_answers(); }));
  std::this_thread::sleep_for(seconds(2));  // a couple of trade polls at info level
  CHECK(trader_debug_lines(f) == 0);

  const auto r = f.inspect("log-level trader.* debug");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("loggers_changed") != std::string::npos);
  CHECK(eventually([&] { return trader_debug_lines(f) > 0; }, seconds(5)));
  CHECK(f.inspect("log-level trader.* loud").exit_code == 1);  // not a level: refused
  CHECK(d->stop(SIGTERM, seconds(10)) == 0);

  int unparsable = 0;
  const auto lines = log_lines(f, unparsable);
  CHECK(unparsable == 0);
  REQUIRE(lines.size() > 5);
  bool saw_actor = false;
  for (const auto& l : lines) {
    CHECK(!l.at("logger").as_string().empty());
    CHECK(l.contains("msg"));
    const auto name = std::string(l.at("logger").as_string());
    if (name.rfind("trader.", 0) == 0 || name == "root_supervisor") {
      CHECK(l.at("actor_id").is_number());
      saw_actor = true;
    }
  }
  CHECK(saw_actor);
}
