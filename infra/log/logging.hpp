#pragma once
// Logging of SPEC §10 on spdlog: text or JSON lines, console or file, a global level plus
// per-pattern levels (`trader.*` = debug) that can change at runtime. Every actor gets a
// logger named after itself (`trader.0xabc…`, `position.42`) so one actor's story can be
// filtered out. All functions are thread-safe.
#include <spdlog/logger.h>

#include <cstdint>
#include <memory>
#include <string>

#include "messages/settings.hpp"

namespace smartcopy {

/// Installs sinks, format and levels from `log`. Throws config_error on a bad level or an
/// unwritable log file. Loggers created before keep working with the new sinks.
void configure_logging(const log_settings& log);

/// The logger named `name`, created on first use with the sinks, format and level in force.
/// An actor passes its id (SPEC §10): JSON lines then carry "logger" = `name` and "actor_id";
/// text lines show `name#id`. Levels go by `name`. A logger ends with its last user.
std::shared_ptr<spdlog::logger> named_logger(const std::string& name, std::uint64_t actor_id = 0);

/// Sets the level of every logger whose name matches `pattern` (`*` matches any run of
/// characters), now and for loggers created later. Returns how many existing loggers changed.
/// Throws config_error on an unknown level.
int set_log_level(const std::string& pattern, const std::string& level);

/// Whether `name` matches the glob `pattern` (only `*` is special).
bool logger_pattern_matches(const std::string& pattern, const std::string& name);

/// Flushes every logger (at shutdown and before a crash-safe point).
void flush_logs();

}  // namespace smartcopy
