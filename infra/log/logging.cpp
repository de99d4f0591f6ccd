#include "infra/log/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <vector>

#include "infra/config/config_error.hpp"

namespace smartcopy {
namespace {

// Writes `text` as the inside of a JSON string.
void append_json_escaped(std::string_view text, spdlog::memory_buf_t& dest) {
  static constexpr char hex[] = "0123456789abcdef";
  for (const char c : text) {
    switch (c) {
      case '"':
        dest.append(std::string_view("\\\""));
        break;
      case '\\':
        dest.append(std::string_view("\\\\"));
        break;
      case '\n':
        dest.append(std::string_view("\\n"));
        break;
      case '\r':
        dest.append(std::string_view("\\r"));
        break;
      case '\t':
        dest.append(std::string_view("\\t"));
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          const char esc[] = {'\\', 'u', '0', '0', hex[(c >> 4) & 0xf], hex[c & 0xf]};
          dest.append(esc, esc + sizeof esc);
        } else {
          dest.push_back(c);
        }
    }
  }
}

// %* → the message, JSON-escaped; %& → the logger name, JSON-escaped.
class json_message_flag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    append_json_escaped(std::string_view(msg.payload.data(), msg.payload.size()), dest);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<json_message_flag>();
  }
};

class json_name_flag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    append_json_escaped(std::string_view(msg.logger_name.data(), msg.logger_name.size()), dest);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<json_name_flag>();
  }
};

spdlog::level::level_enum parse_level(const std::string& key, const std::string& level) {
  const auto parsed = spdlog::level::from_str(level);
  // from_str answers "off" for anything unknown; only a literal "off" means off.
  if (parsed == spdlog::level::off && level != "off")
    throw config_error(key, "'" + level +
                                "' is not a log level (trace, debug, info, warn, "
                                "error, critical, off)");
  return parsed;
}

std::unique_ptr<spdlog::formatter> make_formatter(const std::string& format) {
  auto f = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  if (format == "json") {
    f->add_flag<json_message_flag>('*').add_flag<json_name_flag>('&');
    f->set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","logger":"%&","thread":%t,"msg":"%*"})");
  } else {
    f->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %-8l %-24n %v");
  }
  return f;
}

struct log_state {
  log_state() {
    for (auto& sink : sinks) sink->set_formatter(make_formatter(format));
  }

  std::mutex mutex;
  std::vector<spdlog::sink_ptr> sinks{std::make_shared<spdlog::sinks::stderr_color_sink_mt>()};
  std::string format = "text";
  spdlog::level::level_enum global = spdlog::level::info;
  std::vector<std::pair<std::string, spdlog::level::level_enum>> patterns;  // last match wins

  spdlog::level::level_enum level_for(const std::string& name) const {
    auto level = global;
    for (const auto& [pattern, l] : patterns)
      if (logger_pattern_matches(pattern, name)) level = l;
    return level;
  }
};

log_state& state() {
  static log_state s;
  return s;
}

}  // namespace

bool logger_pattern_matches(const std::string& pattern, const std::string& name) {
  // Iterative glob with backtracking to the last '*'.
  std::size_t p = 0, n = 0, star = std::string::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (star != std::string::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

void configure_logging(const log_settings& log) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  const auto global = parse_level("log.level", log.level);
  std::vector<std::pair<std::string, spdlog::level::level_enum>> patterns;
  for (const auto& [pattern, level] : log.levels)
    patterns.emplace_back(pattern, parse_level("log.levels." + pattern, level));
  std::vector<spdlog::sink_ptr> sinks;
  if (log.file.empty()) {
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  } else {
    try {
      sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(log.file));
    } catch (const spdlog::spdlog_ex& e) {
      throw config_error("log.file", e.what());
    }
  }
  s.sinks = std::move(sinks);
  s.format = log.format;
  s.global = global;
  s.patterns = std::move(patterns);
  for (auto& sink : s.sinks) sink->set_formatter(make_formatter(s.format));
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) {
    l->sinks() = s.sinks;
    l->set_level(s.level_for(l->name()));
  });
}

std::shared_ptr<spdlog::logger> named_logger(const std::string& name) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (auto existing = spdlog::get(name)) return existing;
  auto logger = std::make_shared<spdlog::logger>(name, s.sinks.begin(), s.sinks.end());
  logger->set_level(s.level_for(name));
  logger->flush_on(spdlog::level::warn);
  spdlog::register_logger(logger);
  return logger;
}

int set_log_level(const std::string& pattern, const std::string& level) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  const auto parsed = parse_level("log level", level);
  s.patterns.emplace_back(pattern, parsed);
  int changed = 0;
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) {
    if (logger_pattern_matches(pattern, l->name())) {
      l->set_level(parsed);
      ++changed;
    }
  });
  return changed;
}

void flush_logs() {
  spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& l) { l->flush(); });
}

}  // namespace smartcopy
