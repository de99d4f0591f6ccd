// The bare parse the backtest benchmark compares against (bench/README.md): every trades and
// candles JSON Lines row of a dataset directory read and parsed with the live parsers the
// backtest uses, on one thread, and nothing else (no sorting, no dataset built).
// Usage: smartcopy_parse_bench DATASET_DIR
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "infra/hyperliquid/errors.hpp"
#include "infra/hyperliquid/info_parsers.hpp"
#include "infra/nansen/trades_parser.hpp"

namespace {

namespace fs = std::filesystem;

struct counts {
  std::size_t rows = 0, skipped = 0, bytes = 0;
};

/// Calls `parse` on every non-empty line of every .jsonl file in `sub`.
template <class Parse>
void parse_lines(const fs::path& sub, counts& n, Parse parse) {
  for (const auto& entry : fs::directory_iterator(sub)) {
    if (entry.path().extension() != ".jsonl") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + entry.path().string());
    std::string line;
    while (std::getline(in, line)) {
      n.bytes += line.size() + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      if (parse(line))
        ++n.rows;
      else
        ++n.skipped;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DATASET_DIR\n", argv[0]);
    return 2;
  }
  const fs::path dir = argv[1];
  try {
    const auto started = std::chrono::steady_clock::now();
    counts n;
    parse_lines(dir / "trades", n, [](const std::string& line) {
      std::string reason;
      return smartcopy::nansen::parse_trade_row(line, reason).has_value();
    });
    parse_lines(dir / "candles", n, [](const std::string& line) {
      try {
        smartcopy::hyperliquid::parse_candle(line);
        return true;
      } catch (const smartcopy::hyperliquid::parse_error&) {
        return false;
      }
    });
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    std::printf("parsed %zu rows (%zu skipped, %.0f MB) in %.2f s\n", n.rows, n.skipped,
                static_cast<double>(n.bytes) / 1e6, took.count());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parse_bench: %s\n", e.what());
    return 1;
  }
}
