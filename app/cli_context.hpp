#pragma once
// What every subcommand shares: the --config and --set options and how to turn them, the
// .env file and the environment into the effective configuration.
#include <optional>
#include <string>
#include <vector>

#include "infra/config/config_loader.hpp"

namespace CLI {
class App;
}

namespace smartcopy::app {

/// Exit codes of SPEC §1.
enum exit_code : int { exit_ok = 0, exit_runtime = 1, exit_usage = 2 };

struct cli_context {
  std::string config_file;
  std::vector<std::string> overrides;

  /// The layered configuration; throws config_error.
  loaded_config load() const;
};

/// Registers a subcommand that this build does not provide yet: it explains and exits 2.
CLI::App* add_unavailable(CLI::App& parent, const std::string& name, const std::string& help);

}  // namespace smartcopy::app
