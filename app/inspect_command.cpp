// `smartcopy inspect ...` (SPEC §10): connects to the running daemon's root supervisor through
// CAF's middleman (inspect.host:inspect.port) and shows its answer, as a table or --json.
#include <CLI/CLI.hpp>
#include <caf/io/middleman.hpp>

#include <boost/json.hpp>
#include <cstdio>
#include <iostream>
#include <memory>

#include "app/commands.hpp"
#include "messages/actor_interfaces.hpp"

namespace smartcopy::app {
namespace {

struct inspect_options {
  bool json = false;
  long long position = 0;
  std::string pattern, level;
};

std::string text_of(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "-";
  if (v.is_double()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v.as_double());
    return buf;
  }
  return boost::json::serialize(v);
}

/// Rows of objects as an aligned table of the chosen columns.
void print_table(const boost::json::array& rows, const std::vector<std::string>& columns) {
  std::vector<std::size_t> width;
  for (const auto& c : columns) width.push_back(c.size());
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : rows) {
    std::vector<std::string> line;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto* v = r.as_object().if_contains(columns[i]);
      line.push_back(v ? text_of(*v) : "-");
      width[i] = std::max(width[i], line.back().size());
    }
    cells.push_back(std::move(line));
  }
  auto print_line = [&](const std::vector<std::string>& line) {
    for (std::size_t i = 0; i < line.size(); ++i)
      std::printf("%-*s%s", static_cast<int>(width[i]), line[i].c_str(),
                  i + 1 < line.size() ? "  " : "\n");
  };
  print_line(columns);
  for (const auto& line : cells) print_line(line);
  if (rows.empty()) std::printf("(none)\n");
}

void print_tree(const boost::json::object& node, int depth) {
  std::string line(static_cast<std::size_t>(depth) * 2, ' ');
  line += text_of(node.contains("name") ? node.at("name") : boost::json::value("?"));
  if (const auto* id = node.if_contains("id")) line += " #" + text_of(*id);
  if (const auto* m = node.if_contains("mailbox")) line += "  mailbox " + text_of(*m);
  if (const auto* r = node.if_contains("restarts")) line += "  restarts " + text_of(*r);
  if (const auto* t = node.if_contains("tier")) line += "  " + text_of(*t);
  std::printf("%s\n", line.c_str());
  if (const auto* children = node.if_contains("children"))
    for (const auto& c : children->as_array()) print_tree(c.as_object(), depth + 1);
}

void print_human(const std::string& command, const boost::json::value& answer) {
  if (command == "positions")
    return print_table(answer.as_array(),
                       {"id", "token", "side", "entry_price", "remaining_size", "stop_price",
                        "trailing_stop_price", "opened_at", "source_trader"});
  if (command == "signals")
    return print_table(answer.as_array(), {"id", "created_at", "trader_address", "token_symbol",
                                           "side", "action", "decision", "reason"});
  if (command == "traders")
    return print_table(answer.as_array(), {"address", "tier", "style", "score", "roi_7d",
                                           "win_rate", "blacklisted_until"});
  if (command == "actors") return print_tree(answer.as_object(), 0);
  for (const auto& [key, value] : answer.as_object())
    std::printf("%-16s %s\n", std::string(key).c_str(), text_of(value).c_str());
}

void run_inspect(const cli_context& cli, const inspect_options& opt, const std::string& command,
                 std::vector<std::string> args) {
  const loaded_config cfg = cli.load();
  const auto& where = cfg.values.inspect;
  if (where.port == 0)
    throw std::runtime_error("inspect is disabled (inspect.port = 0 in the configuration)");
  caf::actor_system_config system_config;
  system_config.load<caf::io::middleman>();
  caf::actor_system sys{system_config};
  auto daemon = sys.middleman().remote_actor<inspect_actor>(where.host,
                                                            static_cast<std::uint16_t>(where.port));
  if (!daemon)
    throw std::runtime_error("no smartcopy daemon answers on " + where.host + ":" +
                             std::to_string(where.port) +
                             " (is `smartcopy run` running there? see inspect.host/port)");
  caf::scoped_actor self{sys};
  std::string failure;
  self->request(*daemon, std::chrono::seconds(20), inspect_atom::value, command, std::move(args))
      .receive(
          [&](const std::string& json) {
            if (opt.json)
              std::cout << json << "\n";
            else
              print_human(command, boost::json::parse(json));
          },
          [&](caf::error& e) { failure = sys.render(e); });
  if (!failure.empty()) throw std::runtime_error("inspect " + command + ": " + failure);
}

}  // namespace

void add_inspect_command(CLI::App& root, const cli_context& ctx) {
  auto opt = std::make_shared<inspect_options>();
  CLI::App* inspect = root.add_subcommand("inspect", "Talk to a running daemon");
  inspect->require_subcommand(1);
  const std::pair<const char*, const char*> views[] = {
      {"status", "Mode, equity, open positions, pause state"},
      {"actors", "The supervision tree with mailbox sizes and restarts"},
      {"traders", "Scored traders with tiers"},
      {"positions", "Open positions"},
      {"signals", "The newest signals and their decisions"}};
  for (const auto& [name, help] : views) {
    CLI::App* cmd = inspect->add_subcommand(name, help);
    cmd->add_flag("--json", opt->json, "Machine-readable output");
    cmd->callback(
        [&ctx, opt, command = std::string(name)] { run_inspect(ctx, *opt, command, {}); });
  }
  inspect->add_subcommand("pause", "Stop taking new entries")->callback([&ctx, opt] {
    run_inspect(ctx, *opt, "pause", {});
  });
  inspect->add_subcommand("resume", "Take new entries again")->callback([&ctx, opt] {
    run_inspect(ctx, *opt, "resume", {});
  });
  CLI::App* close = inspect->add_subcommand("close", "Close an open position now");
  close->add_option("position", opt->position, "Position id")
      ->required()
      ->check(CLI::PositiveNumber);
  close->callback(
      [&ctx, opt] { run_inspect(ctx, *opt, "close", {std::to_string(opt->position)}); });
  CLI::App* level = inspect->add_subcommand("log-level", "Change a log level at runtime");
  level->add_option("pattern", opt->pattern, "Logger name pattern, e.g. trader.*")->required();
  level->add_option("level", opt->level, "trace|debug|info|warn|error|critical|off")->required();
  level->callback([&ctx, opt] { run_inspect(ctx, *opt, "log-level", {opt->pattern, opt->level}); });
}

}  // namespace smartcopy::app
