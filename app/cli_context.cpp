#include "app/cli_context.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace smartcopy::app {

loaded_config cli_context::load() const {
  config_sources sources;
  if (!config_file.empty()) sources.config_file = config_file;
  sources.environment = current_environment();
  sources.overrides = overrides;
  return load_config(sources);
}

CLI::App* add_unavailable(CLI::App& parent, const std::string& name, const std::string& help) {
  CLI::App* cmd = parent.add_subcommand(name, help);
  cmd->callback([cmd] {
    std::cerr << "smartcopy " << cmd->get_name()
              << ": not available yet in this build (see the README's status section)\n";
    throw CLI::RuntimeError(exit_usage);
  });
  return cmd;
}

}  // namespace smartcopy::app
