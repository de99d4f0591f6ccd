#pragma once
// Layered configuration of SPEC §2: built-in defaults → --config TOML → .env → environment →
// --set, each later source winning, with the source of every key remembered for `config show`.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "messages/settings.hpp"

namespace smartcopy {

struct config_sources {
  std::optional<std::string> config_file;
  std::string dotenv_path = ".env";                // a missing file is fine
  std::map<std::string, std::string> environment;  // usually current_environment()
  std::vector<std::string> overrides;              // --set key=value, in order
};

struct loaded_config {
  settings values;
  std::map<std::string, std::string> source;  // key → "default", "file:<path>", ".env:<NAME>",
                                              // "env:<NAME>" or "--set"
};

/// Throws config_error (naming the key) on an unknown key, a wrong type, an out-of-range value,
/// a secret outside the environment/.env/*_file, or an inconsistent combination.
loaded_config load_config(const config_sources& sources);

/// The process environment as a map.
std::map<std::string, std::string> current_environment();

/// The key an environment variable sets (`SMARTCOPY_ENTRY__COPY_DELAY_MINUTES` or a seed name
/// such as `COPY_DELAY_MINUTES`), or nullopt when the variable is not ours.
std::optional<std::string> key_for_environment_name(const std::string& name);

}  // namespace smartcopy
