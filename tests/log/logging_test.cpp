// SPEC §10: named per-actor loggers, per-pattern levels at start and at runtime, JSON lines.
#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <fstream>

#include "infra/config/config_error.hpp"
#include "infra/log/logging.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;

TEST_CASE("logger name patterns") {
  CHECK(logger_pattern_matches("trader.*", "trader.0xabc"));
  CHECK(logger_pattern_matches("*", "position.42"));
  CHECK(logger_pattern_matches("position.4*", "position.42"));
  CHECK(logger_pattern_matches("*.42", "position.42"));
  CHECK(logger_pattern_matches("gateway.exchange", "gateway.exchange"));
  CHECK_FALSE(logger_pattern_matches("trader.*", "position.42"));
  CHECK_FALSE(logger_pattern_matches("trader", "trader.0xabc"));
  CHECK_FALSE(logger_pattern_matches("*.43", "position.42"));
}

TEST_CASE("levels: global, per pattern at start, changed at runtime") {
  log_settings s;
  s.level = "info";
  s.levels = {{"trader.*", "debug"}};
  configure_logging(s);
  auto trader = named_logger("trader.0xabc");
  auto position = named_logger("position.7");
  CHECK(trader->level() == spdlog::level::debug);
  CHECK(position->level() == spdlog::level::info);
  CHECK(named_logger("trader.0xabc") == trader);  // one logger per name

  CHECK(set_log_level("position.*", "trace") == 1);
  CHECK(position->level() == spdlog::level::trace);
  CHECK(named_logger("position.8")->level() == spdlog::level::trace);  // later ones too
  CHECK(trader->level() == spdlog::level::debug);
  CHECK_THROWS_AS(set_log_level("x", "loud"), config_error);
}

TEST_CASE("JSON lines parse and carry the logger name, with the message escaped") {
  temp_dir dir;
  log_settings s;
  s.format = "json";
  s.file = dir.file("log.jsonl");
  configure_logging(s);
  named_logger("signal.17")->info("decision \"EXECUTE\"\nsize={}", 1234.5);
  named_logger("gateway.exchange")->warn("tab\there");
  named_logger("signal.17")->debug("below the level: not written");
  flush_logs();

  std::ifstream in(s.file);
  std::string line;
  std::vector<boost::json::object> lines;
  while (std::getline(in, line)) lines.push_back(boost::json::parse(line).as_object());
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].at("logger").as_string() == "signal.17");
  CHECK(lines[0].at("level").as_string() == "info");
  CHECK(lines[0].at("msg").as_string() == "decision \"EXECUTE\"\nsize=1234.5");
  CHECK(lines[1].at("logger").as_string() == "gateway.exchange");
  CHECK(lines[1].at("msg").as_string() == "tab\there");
  configure_logging(log_settings{});  // back to the console before the file goes away
}

TEST_CASE("an actor's logger carries its id; levels still go by the actor's name") {
  temp_dir dir;
  log_settings s;
  s.format = "json";
  s.file = dir.file("log.jsonl");
  s.levels = {{"position.*", "warn"}};
  configure_logging(s);
  auto pos = named_logger("position.42", 17);
  auto other = named_logger("position.42", 18);  // a restarted incarnation: its own logger
  CHECK(pos != other);
  pos->info("filtered by position.*");
  pos->warn("kept");
  named_logger("daemon")->info("not an actor");
  CHECK(set_log_level("position.42", "debug") == 2);
  other->debug("now shown");
  flush_logs();
  std::ifstream in(s.file);
  std::vector<boost::json::object> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(boost::json::parse(line).as_object());
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].at("logger").as_string() == "position.42");
  CHECK(lines[0].at("actor_id").as_int64() == 17);
  CHECK(lines[0].at("msg").as_string() == "kept");
  CHECK(lines[1].at("actor_id").is_null());
  CHECK(lines[2].at("actor_id").as_int64() == 18);
  configure_logging(log_settings{});
}

TEST_CASE("an unwritable log file or a bad level is a configuration error") {
  log_settings s;
  temp_dir dir;
  s.file = dir.write("a-file", "") + "/log.txt";  // a parent that is a file: cannot be created
  CHECK_THROWS_AS(configure_logging(s), config_error);
  log_settings bad;
  bad.level = "verbose";
  CHECK_THROWS_AS(configure_logging(bad), config_error);
}
