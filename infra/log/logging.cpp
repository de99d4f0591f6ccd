#include "infra/log/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
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

// An actor's logger is named "<name>#<actor id>": the name is what patterns match and what
// one filters on; the id tells two incarnations of a restarted actor apart.
constexpr char id_separator = '#';

std::string_view name_part(std::string_view logger_name) {
  return logger_name.substr(0, logger_name.find(id_separator));
}

std::string_view id_part(std::string_view logger_name) {
  const auto at = logger_name.find(id_separator);
  return at == std::string_view::npos ? std::string_view() : logger_name.substr(at + 1);
}

class json_name_flag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    append_json_escaped(name_part({msg.logger_name.data(), msg.logger_name.size()}), dest);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<json_name_flag>();
  }
};

// %# → the actor id as a JSON number, or null for a logger that is not an actor's.
class json_id_flag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const auto id = id_part({msg.logger_name.data(), msg.logger_name.size()});
    dest.append(id.empty() ? std::string_view("null") : id);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<json_id_flag>();
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
    f->add_flag<json_message_flag>('*').add_flag<json_name_flag>('&').add_flag<json_id_flag>('#');
    f->set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","logger":"%&","actor_id":%#,"thread":%t,"msg":"%*"})");
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

  // Every logger handed out and still used by someone (actors' loggers end with them).
  std::vector<std::weak_ptr<spdlog::logger>> loggers;

  spdlog::level::level_enum level_for(const std::string& logger_name) const {
    const std::string name(name_part(logger_name));
    auto level = global;
    for (const auto& [pattern, l] : patterns)
      if (logger_pattern_matches(pattern, name)) level = l;
    return level;
  }

  template <class F>
  void for_each_logger(F f) {
    loggers.erase(
        std::remove_if(loggers.begin(), loggers.end(), [](const auto& w) { return w.expired(); }),
        loggers.end());
    for (const auto& w : loggers)
      if (auto l = w.lock()) f(l);
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
  s.for_each_logger([&](const std::shared_ptr<spdlog::logger>& l) {
    l->sinks() = s.sinks;
    l->set_level(s.level_for(l->name()));
  });
}

std::shared_ptr<spdlog::logger> named_logger(const std::string& name, std::uint64_t actor_id) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  const std::string full = actor_id == 0 ? name : name + id_separator + std::to_string(actor_id);
  std::shared_ptr<spdlog::logger> existing;
  s.for_each_logger([&](const std::shared_ptr<spdlog::logger>& l) {
    if (l->name() == full) existing = l;
  });
  if (existing) return existing;
  auto logger = std::make_shared<spdlog::logger>(full, s.sinks.begin(), s.sinks.end());
  logger->set_level(s.level_for(full));
  logger->flush_on(spdlog::level::warn);
  s.loggers.push_back(logger);
  return logger;
}

int set_log_level(const std::string& pattern, const std::string& level) {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  const auto parsed = parse_level("log level", level);
  s.patterns.emplace_back(pattern, parsed);
  int changed = 0;
  s.for_each_logger([&](const std::shared_ptr<spdlog::logger>& l) {
    if (logger_pattern_matches(pattern, std::string(name_part(l->name())))) {
      l->set_level(parsed);
      ++changed;
    }
  });
  return changed;
}

void flush_logs() {
  auto& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.for_each_logger([](const std::shared_ptr<spdlog::logger>& l) { l->flush(); });
}

}  // namespace smartcopy
