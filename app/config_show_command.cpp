// `smartcopy config show` (SPEC §1, §2): every key, its effective value and where it came
// from; secrets masked.
#include <CLI/CLI.hpp>

#include <iomanip>
#include <iostream>

#include "app/commands.hpp"
#include "infra/config/config_keys.hpp"

namespace smartcopy::app {

void add_config_command(CLI::App& root, const cli_context& ctx) {
  CLI::App* config = root.add_subcommand("config", "Inspect the configuration");
  config->require_subcommand(1);
  CLI::App* show = config->add_subcommand(
      "show", "Print the effective configuration (secrets masked) and each value's source");
  show->callback([&ctx] {
    const loaded_config cfg = ctx.load();
    std::size_t width = 0;
    for (const auto& key : config_keys()) width = std::max(width, key.name.size());
    for (const auto& key : config_keys()) {
      std::cout << std::left << std::setw(static_cast<int>(width)) << key.name << " = "
                << key.show(cfg.values) << "   # " << cfg.source.at(key.name) << "\n";
    }
  });
}

}  // namespace smartcopy::app
