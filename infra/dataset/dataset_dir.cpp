#include "infra/dataset/dataset_dir.hpp"

#include <algorithm>
#include <atomic>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>

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

/// Sorts `rows` by key(row), equal keys keeping their order. Files written in order (all of
/// `data synth`'s) skip the sort, which would otherwise copy every row through a buffer.
template <class Row, class Key>
void sort_stable_by(std::vector<Row>& rows, Key key) {
  const auto before = [&key](const Row& a, const Row& b) { return key(a) < key(b); };
  if (!std::is_sorted(rows.begin(), rows.end(), before))
    std::stable_sort(rows.begin(), rows.end(), before);
}

/// Reads `file` block by block, calling on_block with each block: even the biggest file (a
/// year of 1m candles is ~75 MB) never sits in memory whole, and one block is reused.
template <class F>
void for_each_block(const fs::path& file, F on_block) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("dataset: cannot read " + file.string());
  std::vector<char> block(std::size_t{1} << 20);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    if (in.bad()) throw std::runtime_error("dataset: cannot read " + file.string());
    if (in.gcount() > 0)
      on_block(std::string_view(block.data(), static_cast<std::size_t>(in.gcount())));
  }
}

/// How many lines `file` has at most (to size the rows once).
std::size_t count_lines(const fs::path& file) {
  std::size_t lines = 1;
  for_each_block(file, [&](std::string_view b) {
    lines += static_cast<std::size_t>(std::count(b.begin(), b.end(), '\n'));
  });
  return lines;
}

/// Calls `on_line` for every non-empty line of `file`, a trailing '\r' dropped.
template <class F>
void for_each_line(const fs::path& file, F on_line) {
  const auto emit = [&on_line](std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) on_line(line);
  };
  std::string carry;  // a line cut by the end of a block
  for_each_block(file, [&](std::string_view b) {
    for (std::size_t end = b.find('\n'); end != std::string_view::npos; end = b.find('\n')) {
      if (carry.empty()) {
        emit(b.substr(0, end));
      } else {
        carry.append(b.substr(0, end));
        emit(carry);
        carry.clear();
      }
      b.remove_prefix(end + 1);
    }
    carry.append(b);
  });
  emit(carry);
}

std::vector<trade> read_trades(const fs::path& file, nansen::parse_stats& stats) {
  const std::string address = lower(file.stem().string());
  std::vector<trade> out;
  out.reserve(count_lines(file));
  for_each_line(file, [&](std::string_view line) {
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
  sort_stable_by(out, [](const trade& t) { return t.timestamp; });
  return out;
}

std::vector<hyperliquid::candle> read_candles(const fs::path& file, nansen::parse_stats& stats) {
  std::vector<hyperliquid::candle> out;
  out.reserve(count_lines(file));
  for_each_line(file, [&](std::string_view line) {
    try {
      out.push_back(hyperliquid::parse_candle(line));
      ++stats.parsed;
    } catch (const hyperliquid::parse_error& e) {
      stats.skip(std::string("candles: ") + e.what());
    }
  });
  sort_stable_by(out, [](const hyperliquid::candle& c) { return c.open_time; });
  return out;
}

/// Runs job(0) … job(n − 1) on the machine's cores (the files of a dataset parse
/// independently). Each job's exception is kept, and the lowest-numbered one is rethrown, so
/// the error does not depend on thread timing.
template <class Job>
void run_parallel(std::size_t n, Job job) {
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      try {
        job(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const std::size_t workers = std::min<std::size_t>(n, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) {
    try {
      threads.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads: the ones running (and this one) do all the jobs
    }
  }
  work();
  for (auto& t : threads) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

/// Every trades and candles file, parsed in parallel; stats merged in file order.
void read_rows(const fs::path& dir, dataset& data, nansen::parse_stats& stats) {
  // Candle files are the big ones: they go first so the cores finish together.
  const auto candle_files = files_in(dir / "candles", ".jsonl");
  const auto trade_files = files_in(dir / "trades", ".jsonl");
  std::vector<std::vector<hyperliquid::candle>> candles(candle_files.size());
  std::vector<std::vector<trade>> trades(trade_files.size());
  std::vector<nansen::parse_stats> file_stats(candle_files.size() + trade_files.size());
  run_parallel(file_stats.size(), [&](std::size_t i) {
    if (i < candle_files.size())
      candles[i] = read_candles(candle_files[i], file_stats[i]);
    else
      trades[i - candle_files.size()] =
          read_trades(trade_files[i - candle_files.size()], file_stats[i]);
  });
  for (std::size_t i = 0; i < trade_files.size(); ++i)
    data.trades[lower(trade_files[i].stem().string())] = std::move(trades[i]);
  for (std::size_t i = 0; i < candle_files.size(); ++i)
    data.candles[candle_files[i].stem().string()] = std::move(candles[i]);
  for (const auto& f : file_stats) stats.merge(f);
}

std::vector<std::string> read_smart_money(const fs::path& file) {
  const bj::value v = parse_json_file(file);
  if (!v.is_array()) throw std::runtime_error("dataset: " + file.string() + " is not an array");
  std::vector<std::string> out;
  for (const auto& a : v.get_array())
    if (a.is_string()) out.push_back(lower(std::string(a.get_string())));
  return out;
}

}  // namespace

void write_dataset(const dataset& data, const fs::path& dir) {
  dataset_writer out(dir);
  out.write_manifest(data.manifest);
  out.write_leaderboards(data.leaderboards);
  for (const auto& [address, rows] : data.trades) out.write_trades(address, rows);
  for (const auto& [token, rows] : data.candles) {
    out.open_candles(token);
    for (const auto& c : rows) out.add_candle(c);
    out.close_candles();
  }
  out.write_smart_money(data.smart_money);
}

dataset_writer::dataset_writer(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  for (const char* sub : {"leaderboard", "trades", "candles"}) {
    fs::create_directories(dir_ / sub, ec);
    if (ec) throw std::runtime_error("dataset: cannot create " + (dir_ / sub).string());
  }
}

void dataset_writer::write_manifest(const dataset_manifest& manifest) {
  write_text(dir_ / "manifest.json", bj::serialize(manifest_json(manifest)));
}

void dataset_writer::write_leaderboards(
    const std::map<int, std::vector<leaderboard_row>>& leaderboards) {
  for (int days : leaderboard_windows) {
    bj::array rows;
    if (const auto it = leaderboards.find(days); it != leaderboards.end())
      for (const auto& r : it->second) rows.push_back(leaderboard_json(r));
    write_text(leaderboard_file(dir_, days), bj::serialize(rows));
  }
}

void dataset_writer::write_trades(const std::string& address, const std::vector<trade>& rows) {
  const fs::path file = dir_ / "trades" / (address + ".jsonl");
  auto out = open_for_write(file);
  for (const auto& t : rows) out << bj::serialize(trade_json(t, address)) << '\n';
  close_checked(out, file);
}

void dataset_writer::write_smart_money(const std::vector<std::string>& addresses) {
  if (addresses.empty()) return;
  bj::array list;
  for (const auto& a : addresses) list.push_back(bj::string(a));
  write_text(dir_ / "smart_money.json", bj::serialize(list));
}

void dataset_writer::open_candles(const std::string& token) {
  candle_file_ = dir_ / "candles" / (token + ".jsonl");
  candles_ = open_for_write(candle_file_);
}

void dataset_writer::add_candle(const hyperliquid::candle& candle) {
  candles_ << bj::serialize(candle_json(candle)) << '\n';
}

void dataset_writer::close_candles() {
  close_checked(candles_, candle_file_);
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
  read_rows(dir, data, s);
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
