#include "infra/dataset/dataset_dir.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "infra/hyperliquid/errors.hpp"
#include "infra/hyperliquid/info_parsers.hpp"
#include "infra/nansen/json_values.hpp"
#include "infra/nansen/leaderboard_parser.hpp"
#include "infra/nansen/trades_parser.hpp"

namespace smartcopy {
namespace {

namespace fs = std::filesystem;
namespace bj = boost::json;

constexpr int leaderboard_windows[] = {7, 30, 90};

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::ofstream open_for_write(const fs::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("dataset: cannot write " + file.string());
  return out;
}

void close_checked(std::ofstream& out, const fs::path& file) {
  out.close();
  if (!out) throw std::runtime_error("dataset: failed writing " + file.string());
}

void write_text(const fs::path& file, const std::string& text) {
  auto out = open_for_write(file);
  out << text << '\n';
  close_checked(out, file);
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("dataset: cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Nansen's naive UTC timestamp "YYYY-MM-DDTHH:MM:SS.ffffff" (reference §6.2).
std::string naive_timestamp(utc_time t) {
  std::string iso = to_iso8601(t);  // "...SS.mmmZ"
  iso.pop_back();
  return iso + "000";
}

/// Hyperliquid sends prices as decimal strings; 15 significant digits print back any decimal
/// the API sent (and any price the synthesizer rounded) exactly.
std::string decimal_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

bj::object manifest_json(const dataset_manifest& m) {
  return {{"start", to_iso8601(m.start)},
          {"end", to_iso8601(m.end)},
          {"equity_usd", m.equity_usd},
          {"interval", m.interval},
          {"source", m.source}};
}

bj::object leaderboard_json(const leaderboard_row& r) {
  bj::object o{{"trader_address", r.trader_address},
               {"trader_address_label", r.label},
               {"total_pnl", r.total_pnl},
               {"roi", r.roi},
               {"account_value", r.account_value}};
  return o;
}

bj::object trade_json(const trade& t, const std::string& address) {
  // block_number is not kept by `trade`; Hyperliquid makes about ten blocks a second, so the
  // timestamp gives a plausible, deterministic one.
  return {{"action", to_string(t.action)},
          {"side", to_string(t.position_side)},
          {"token_symbol", t.token},
          {"size", t.size},
          {"price", t.price},
          {"value_usd", t.value_usd},
          {"start_position", t.start_position},
          {"closed_pnl", t.closed_pnl},
          {"fee_usd", t.fee_usd},
          {"timestamp", naive_timestamp(t.timestamp)},
          {"transaction_hash", t.tx_hash},
          {"user", address},
          {"oid", t.oid},
          {"block_number", to_ms(t.timestamp) / 100},
          {"crossed", true},
          {"fee_token_symbol", "USDC"}};
}

bj::object candle_json(const hyperliquid::candle& c) {
  return {{"t", c.open_time},
          {"T", c.close_time},
          {"s", c.coin},
          {"i", c.interval},
          {"o", decimal_text(c.open)},
          {"c", decimal_text(c.close)},
          {"h", decimal_text(c.high)},
          {"l", decimal_text(c.low)},
          {"v", decimal_text(c.volume)},
          {"n", c.trades}};
}

fs::path leaderboard_file(const fs::path& dir, int days) {
  return dir / "leaderboard" / (std::to_string(days) + "d.json");
}

bj::value parse_json_file(const fs::path& file) {
  bj::error_code ec;
  bj::value v = bj::parse(read_text(file), ec);
  if (ec) throw std::runtime_error("dataset: " + file.string() + " is not valid JSON");
  return v;
}

dataset_manifest read_manifest(const fs::path& file) {
  if (!fs::exists(file)) throw std::runtime_error("dataset: missing " + file.string());
  const bj::value v = parse_json_file(file);
  if (!v.is_object()) throw std::runtime_error("dataset: " + file.string() + " is not an object");
  const auto& o = v.get_object();
  auto fail = [&](const char* what) {
    return std::runtime_error("dataset: " + file.string() + ": missing or bad " + what);
  };
  dataset_manifest m;
  const auto start = nansen::string_field(o, "start");
  const auto end = nansen::string_field(o, "end");
  const auto start_t = start ? parse_iso8601(*start) : std::nullopt;
  const auto end_t = end ? parse_iso8601(*end) : std::nullopt;
  if (!start_t) throw fail("start");
  if (!end_t || *end_t < *start_t) throw fail("end");
  m.start = *start_t;
  m.end = *end_t;
  const auto equity = nansen::number_field(o, "equity_usd");
  if (!equity || *equity < 0) throw fail("equity_usd");
  m.equity_usd = *equity;
  const auto interval = nansen::string_field(o, "interval");
  if (!interval) throw fail("interval");
  m.interval = *interval;
  m.source = nansen::string_field(o, "source").value_or("");
  return m;
}

/// A leaderboard file holds the rows as an array, or a whole API page ({"data": [...]}).
std::vector<leaderboard_row> read_leaderboard(const fs::path& file, nansen::parse_stats& stats) {
  const bj::value v = parse_json_file(file);
  const bj::array* rows = v.if_array();
  if (const auto* o = v.if_object(); o && o->contains("data")) rows = o->at("data").if_array();
  if (!rows) throw std::runtime_error("dataset: " + file.string() + " holds no row array");
  std::vector<leaderboard_row> out;
  for (const auto& item : *rows) {
    std::string reason = "row is not an object";
    if (item.is_object()) {
      if (auto row = nansen::parse_leaderboard_row(item.get_object(), reason)) {
        out.push_back(std::move(*row));
        ++stats.parsed;
        continue;
      }
    }
    stats.skip(file.filename().string() + ": " + reason);
  }
  return out;
}

/// Calls `on_line` for every non-empty line of `file`.
template <class F>
void for_each_line(const fs::path& file, F on_line) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("dataset: cannot read " + file.string());
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) on_line(line);
  }
}

std::vector<trade> read_trades(const fs::path& file, nansen::parse_stats& stats) {
  const std::string address = lower(file.stem().string());
  std::vector<trade> out;
  for_each_line(file, [&](const std::string& line) {
    std::string reason;
    if (auto t = nansen::parse_trade_row(line, reason)) {
      if (t->trader_address.empty()) t->trader_address = address;
      out.push_back(std::move(*t));
      ++stats.parsed;
    } else {
      stats.skip("trades: " + reason);
    }
  });
  // §9.1 allows any order; the replay wants time order (ties keep file order).
  std::stable_sort(out.begin(), out.end(),
                   [](const trade& a, const trade& b) { return a.timestamp < b.timestamp; });
  return out;
}

std::vector<hyperliquid::candle> read_candles(const fs::path& file, nansen::parse_stats& stats) {
  std::vector<hyperliquid::candle> out;
  for_each_line(file, [&](const std::string& line) {
    try {
      out.push_back(hyperliquid::parse_candle(line));
      ++stats.parsed;
    } catch (const hyperliquid::parse_error& e) {
      stats.skip(std::string("candles: ") + e.what());
    }
  });
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.open_time < b.open_time; });
  return out;
}

std::vector<std::string> read_smart_money(const fs::path& file) {
  const bj::value v = parse_json_file(file);
  if (!v.is_array()) throw std::runtime_error("dataset: " + file.string() + " is not an array");
  std::vector<std::string> out;
  for (const auto& a : v.get_array())
    if (a.is_string()) out.push_back(lower(std::string(a.get_string())));
  return out;
}

/// The regular files of `sub` with extension `ext`, sorted by name (directory order varies).
std::vector<fs::path> files_in(const fs::path& sub, const std::string& ext) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(sub, ec)) return out;
  for (const auto& entry : fs::directory_iterator(sub))
    if (entry.is_regular_file() && entry.path().extension() == ext) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void write_dataset(const dataset& data, const fs::path& dir) {
  std::error_code ec;
  for (const char* sub : {"leaderboard", "trades", "candles"}) {
    fs::create_directories(dir / sub, ec);
    if (ec) throw std::runtime_error("dataset: cannot create " + (dir / sub).string());
  }
  write_text(dir / "manifest.json", bj::serialize(manifest_json(data.manifest)));
  for (int days : leaderboard_windows) {
    bj::array rows;
    if (const auto it = data.leaderboards.find(days); it != data.leaderboards.end())
      for (const auto& r : it->second) rows.push_back(leaderboard_json(r));
    write_text(leaderboard_file(dir, days), bj::serialize(rows));
  }
  for (const auto& [address, rows] : data.trades) {
    const fs::path file = dir / "trades" / (address + ".jsonl");
    auto out = open_for_write(file);
    for (const auto& t : rows) out << bj::serialize(trade_json(t, address)) << '\n';
    close_checked(out, file);
  }
  for (const auto& [token, rows] : data.candles) {
    const fs::path file = dir / "candles" / (token + ".jsonl");
    auto out = open_for_write(file);
    for (const auto& c : rows) out << bj::serialize(candle_json(c)) << '\n';
    close_checked(out, file);
  }
  if (!data.smart_money.empty()) {
    bj::array addresses;
    for (const auto& a : data.smart_money) addresses.push_back(bj::string(a));
    write_text(dir / "smart_money.json", bj::serialize(addresses));
  }
}

dataset read_dataset(const fs::path& dir, nansen::parse_stats* stats) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw std::runtime_error("dataset: " + dir.string() + " is not a readable directory");
  nansen::parse_stats local;
  nansen::parse_stats& s = stats ? *stats : local;
  dataset data;
  data.manifest = read_manifest(dir / "manifest.json");
  for (int days : leaderboard_windows)
    if (const fs::path file = leaderboard_file(dir, days); fs::exists(file))
      data.leaderboards[days] = read_leaderboard(file, s);
  for (const auto& file : files_in(dir / "trades", ".jsonl"))
    data.trades[lower(file.stem().string())] = read_trades(file, s);
  for (const auto& file : files_in(dir / "candles", ".jsonl"))
    data.candles[file.stem().string()] = read_candles(file, s);
  if (const fs::path file = dir / "smart_money.json"; fs::exists(file))
    data.smart_money = read_smart_money(file);
  return data;
}

std::int64_t interval_ms(const std::string& interval) {
  if (interval == "1m") return 60'000;
  if (interval == "5m") return 300'000;
  if (interval == "15m") return 900'000;
  if (interval == "1h") return 3'600'000;
  throw std::invalid_argument("unknown candle interval '" + interval + "' (1m|5m|15m|1h)");
}

}  // namespace smartcopy
