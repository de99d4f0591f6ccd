// Subcommands of SPEC §1 that later issues build: registered now with their options and help
// so the command line is stable, they explain that they are not available yet and exit 2.
#include <CLI/CLI.hpp>

#include "app/commands.hpp"

namespace smartcopy::app {
namespace {

// Option targets: parsed for --help and validation only, until the commands exist.
struct planned_options {
  bool paper = false;
  bool json = false;
  std::string out_dir, from, to, pattern, level;
  int traders = 0;
  long long position_id = 0;
};

planned_options& options() {
  static planned_options o;
  return o;
}

void add_inspect(CLI::App& root) {
  auto& o = options();
  CLI::App* inspect = root.add_subcommand("inspect", "Talk to a running daemon");
  inspect->require_subcommand(1);
  for (const char* view : {"status", "actors", "traders", "positions", "signals"}) {
    CLI::App* cmd = add_unavailable(*inspect, view, std::string("Show ") + view);
    cmd->add_flag("--json", o.json, "Machine-readable output");
  }
  add_unavailable(*inspect, "pause", "Stop taking new entries");
  add_unavailable(*inspect, "resume", "Take new entries again");
  add_unavailable(*inspect, "close", "Close an open position")
      ->add_option("position", o.position_id, "Position id")
      ->required();
  CLI::App* level = add_unavailable(*inspect, "log-level", "Change a log level at runtime");
  level->add_option("pattern", o.pattern, "Logger name pattern, e.g. trader.*")->required();
  level->add_option("level", o.level, "trace|debug|info|warn|error|critical|off")->required();
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
  auto& o = options();
  add_unavailable(root, "run", "Run the daemon (live, or paper with --paper)")
      ->add_flag("--paper", o.paper, "Simulated fills; nothing is sent to the exchange");
  add_data(root, ctx);
  add_inspect(root);
}

}  // namespace smartcopy::app
