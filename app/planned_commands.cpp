// Subcommands of SPEC §1 that later issues build: registered now with their options and help
// so the command line is stable, they explain that they are not available yet and exit 2.
#include <CLI/CLI.hpp>

#include "app/commands.hpp"

namespace smartcopy::app {
namespace {

// Option targets: parsed for --help and validation only, until the commands exist.
struct planned_options {
  std::string out_dir, from, to;
  int traders = 0;
};

planned_options& options() {
  static planned_options o;
  return o;
}

void add_data(CLI::App& root, const cli_context& ctx) {
  auto& o = options();
  CLI::App* data = root.add_subcommand("data", "Record or synthesize backtest datasets");
  data->require_subcommand(1);
  CLI::App* fetch = add_unavailable(*data, "fetch", "Record a dataset from Nansen + Hyperliquid");
  fetch->add_option("--from", o.from, "First day (YYYY-MM-DD)")->required();
  fetch->add_option("--to", o.to, "Last day (YYYY-MM-DD)")->required();
  fetch->add_option("--out", o.out_dir, "Dataset directory")->required();
  fetch->add_option("--traders", o.traders, "Top candidates whose trades are recorded");
  add_data_synth_command(*data, ctx);
}

}  // namespace

void add_planned_commands(CLI::App& root, const cli_context& ctx) {
  add_data(root, ctx);
}

}  // namespace smartcopy::app
