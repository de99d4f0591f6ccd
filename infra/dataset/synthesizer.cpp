#include "infra/dataset/synthesizer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>

namespace smartcopy {
namespace {

constexpr std::int64_t day_ms = 86'400'000;
constexpr double year_ms = 365.0 * day_ms;

/// Random numbers built from std::mt19937_64's raw output only: the standard distributions are
/// implementation-defined, which would make a seed give different files on different builds.
class random_source {
 public:
  explicit random_source(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t bits() { return engine_(); }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Standard normal (Box–Muller).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]: log is finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  std::int64_t integer(std::int64_t lo, std::int64_t hi) {  // inclusive
    return lo + static_cast<std::int64_t>(bits() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(double p) { return uniform() < p; }

 private:
  std::mt19937_64 engine_;
};

/// Rounds to `digits` significant figures through decimal text, so the double is exactly what
/// parsing the written decimal gives back (Hyperliquid prices have 5 significant figures).
double round_significant(double v, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return std::strtod(buf, nullptr);
}

struct token_profile {
  std::string name;
  double start_price;
  double annual_vol;
};

token_profile token_at(int index) {
  static const token_profile known[] = {
      {"BTC", 100'000, 0.50}, {"ETH", 3'500, 0.65},  {"SOL", 180, 0.85}, {"HYPE", 30, 1.10},
      {"AVAX", 35, 0.90},     {"DOGE", 0.35, 1.00},  {"LINK", 22, 0.85}, {"ARB", 0.8, 1.00},
      {"SUI", 4.2, 1.10},     {"kPEPE", 0.018, 1.20}};
  constexpr int n_known = sizeof known / sizeof known[0];
  if (index < n_known) return known[index];
  return {"SYN" + std::to_string(index + 1), 10.0, 1.0};
}

/// One token's bars from history start to end: close, high, low (open = previous close).
struct bar_path {
  std::string token;
  double first_open = 0;
  std::vector<double> close, high, low;
  double open(std::size_t i) const { return i == 0 ? first_open : close[i - 1]; }
};

/// Geometric Brownian motion whose volatility switches between calm, normal and stormy regimes
/// (a regime lasts about three days on average).
bar_path make_path(const token_profile& p, std::size_t bars, std::int64_t step_ms,
                   random_source& rng) {
  static const double regimes[] = {0.6, 1.0, 2.2};
  const double dt = static_cast<double>(step_ms) / year_ms;
  const double leave = static_cast<double>(step_ms) / (3.0 * day_ms);
  bar_path path;
  path.token = p.name;
  path.first_open = round_significant(p.start_price * std::exp(0.1 * rng.normal()), 5);
  path.close.reserve(bars);
  path.high.reserve(bars);
  path.low.reserve(bars);
  double multiplier = 1.0;
  double prev = path.first_open;
  for (std::size_t i = 0; i < bars; ++i) {
    if (rng.chance(leave)) multiplier = regimes[rng.integer(0, 2)];
    const double sigma = p.annual_vol * multiplier;
    const double sd = sigma * std::sqrt(dt);
    const double c = round_significant(prev * std::exp(sd * rng.normal() - 0.5 * sd * sd), 5);
    const double top = std::max(prev, c), bottom = std::min(prev, c);
    const double h =
        std::max(top, round_significant(top * std::exp(0.6 * sd * std::abs(rng.normal())), 5));
    const double l = std::min(
        bottom, round_significant(bottom * std::exp(-0.6 * sd * std::abs(rng.normal())), 5));
    path.close.push_back(c);
    path.high.push_back(h);
    path.low.push_back(l);
    prev = c;
  }
  return path;
}

struct style_profile {
  double hold_min_ms, hold_max_ms, gap_min_ms, gap_max_ms, lev_min, lev_max;
};

constexpr double hour = 3'600'000.0;

/// SPEC §3 styles: HFT holds minutes to hours, swing hours to days, position days to weeks.
style_profile profile_of(trader_style s) {
  switch (s) {
    case trader_style::hft:
      return {5 * 60'000.0, 3 * hour, 10 * 60'000.0, 6 * hour, 5, 20};
    case trader_style::swing:
      return {4 * hour, 96 * hour, 6 * hour, 72 * hour, 2, 15};
    case trader_style::position:
      break;
  }
  return {72 * hour, 504 * hour, 24 * hour, 240 * hour, 1, 8};
}

std::string hex_digits(random_source& rng, int n) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  while (static_cast<int>(out.size()) < n) {
    std::uint64_t b = rng.bits();
    for (int i = 0; i < 16 && static_cast<int>(out.size()) < n; ++i, b >>= 4)
      out.push_back(digits[b & 15]);
  }
  return out;
}

struct synth_trader {
  std::string address;
  double edge = 0;  // hidden skill: probability of the right side is 0.5 + 0.15 tanh(edge)
  trader_style style = trader_style::swing;
  double deposit = 0;
  double leverage = 1;
  std::string label;
};

synth_trader make_trader(random_source& rng) {
  synth_trader t;
  t.address = "0x" + hex_digits(rng, 40);
  t.edge = rng.normal();
  const double u = rng.uniform();
  t.style = u < 0.15 ? trader_style::hft : u < 0.6 ? trader_style::swing : trader_style::position;
  t.deposit = std::round(std::clamp(std::exp(11.5 + 1.2 * rng.normal()), 5'000.0, 50e6));
  const auto prof = profile_of(t.style);
  t.leverage = std::round(rng.uniform(prof.lev_min, prof.lev_max));
  t.label = rng.chance(0.2) ? "Smart HL Perps Trader" : "";
  return t;
}

/// Writes one trader's fills: a sequence of positions (Open, sometimes Add, then Close or
/// Liquidation), each at bar closes of the price path, with the start_position chain, PnL and
/// fees of SPEC §9.1/§9.2.
class trade_writer {
 public:
  trade_writer(const std::vector<bar_path>& paths, std::int64_t history_start, std::int64_t step,
               random_source& rng, std::uint64_t& fill_counter)
      : paths_(paths), t0_(history_start), step_(step), rng_(rng), counter_(fill_counter) {}

  std::vector<trade> run(const synth_trader& who) {
    rows_.clear();
    who_ = &who;
    account_ = who.deposit;
    const auto prof = profile_of(who.style);
    const std::size_t bars = paths_.front().close.size();
    std::size_t at = bars_of(rng_.uniform(0, prof.gap_max_ms));
    while (at + 1 < bars) {
      const std::size_t hold =
          std::max<std::size_t>(1, bars_of(rng_.uniform(prof.hold_min_ms, prof.hold_max_ms)));
      const bar_path& path = paths_[pick_token()];
      const std::size_t closed_at = trade_position(path, at, at + hold);
      if (closed_at >= bars) break;  // still open at the end of the data
      at = closed_at +
           std::max<std::size_t>(1, bars_of(rng_.uniform(prof.gap_min_ms, prof.gap_max_ms)));
    }
    return rows_;
  }

 private:
  std::size_t bars_of(double ms) const {
    return static_cast<std::size_t>(ms / static_cast<double>(step_));
  }

  /// Majors are traded most: token i with weight falling as i grows.
  std::size_t pick_token() {
    const double u = rng_.uniform();
    return static_cast<std::size_t>(u * u * static_cast<double>(paths_.size()));
  }

  /// Opens at bar `from`, closes at bar `to` (or earlier when liquidated); returns the bar of
  /// the exit, or a bar past the end when the position stays open.
  std::size_t trade_position(const bar_path& path, std::size_t from, std::size_t to) {
    const std::size_t bars = path.close.size();
    const double entry = path.close[from];
    const std::size_t horizon = std::min(to, bars - 1);
    // The hidden edge: the trader guesses the sign of the move to the planned exit.
    const bool up = path.close[horizon] >= entry;
    const bool right = rng_.chance(0.5 + 0.15 * std::tanh(who_->edge));
    const side s = (up == right) ? side::long_ : side::short_;
    const double dir = direction(s);
    const double margin = account_ * rng_.uniform(0.05, 0.3);
    double size = round_significant(margin * who_->leverage / entry, 6);
    if (size <= 0) return bars;
    double avg = entry;
    const std::size_t add_at = rng_.chance(0.25) && to - from >= 2 ? from + (to - from) / 2 : bars;
    fill(path, trade_action::open, s, size, entry, from, 0, 0);
    for (std::size_t k = from + 1; k <= to; ++k) {
      if (k >= bars) return bars;
      const double liq = avg * (1.0 - dir * 0.9 / who_->leverage);
      if ((dir > 0 && path.low[k] <= liq) || (dir < 0 && path.high[k] >= liq)) {
        const double px = std::clamp(round_significant(liq, 5), path.low[k], path.high[k]);
        fill(path, trade_action::liquidation, s, size, px, k, dir * size, (px - avg) * size * dir);
        return k;
      }
      if (k == add_at) {
        const double more = round_significant(size * 0.5, 6);
        const double px = path.close[k];
        fill(path, trade_action::add, s, more, px, k, dir * size, 0);
        avg = (avg * size + px * more) / (size + more);
        size += more;
      }
    }
    const double exit = path.close[to];
    fill(path, trade_action::close, s, size, exit, to, dir * size, (exit - avg) * size * dir);
    return to;
  }

  void fill(const bar_path& path, trade_action action, side s, double size, double price,
            std::size_t bar, double start_position, double pnl) {
    trade t;
    t.trader_address = who_->address;
    t.token = path.token;
    t.action = action;
    t.position_side = s;
    t.size = size;
    t.price = price;
    t.value_usd = price * size;
    t.start_position = start_position;
    t.closed_pnl = pnl;
    t.fee_usd = t.value_usd * synth_fee_rate;
    // Inside the bar whose close is the fill price: a few seconds before the bar ends.
    const std::int64_t seconds_in_bar = step_ / 1000;
    t.timestamp =
        utc_from_ms(t0_ + static_cast<std::int64_t>(bar) * step_ + step_ -
                    1000 * rng_.integer(1, std::max<std::int64_t>(1, seconds_in_bar / 4)));
    ++counter_;
    char prefix[17];
    std::snprintf(prefix, sizeof prefix, "%016llx", static_cast<unsigned long long>(counter_));
    t.tx_hash = "0x" + std::string(prefix) + hex_digits(rng_, 48);
    t.oid = 40'000'000'000 + static_cast<std::int64_t>(counter_);
    account_ += pnl - t.fee_usd;
    if (account_ < 0.05 * who_->deposit) account_ = who_->deposit;  // busted traders redeposit
    rows_.push_back(std::move(t));
  }

  const std::vector<bar_path>& paths_;
  std::int64_t t0_, step_;
  random_source& rng_;
  std::uint64_t& counter_;
  const synth_trader* who_ = nullptr;
  double account_ = 0;
  std::vector<trade> rows_;
};

/// Emits the candles of `path` from `first_bar` on, one at a time (a year of 1m candles for ten
/// tokens is about 1 GB as objects, so they are never gathered).
template <class OnCandle>
void emit_candles(const bar_path& path, std::size_t first_bar, std::int64_t t0, std::int64_t step,
                  const std::string& interval, random_source& rng, OnCandle on_candle) {
  const double usd_per_bar = 2e6 * static_cast<double>(step) / 60'000.0;
  hyperliquid::candle c;
  c.coin = path.token;
  c.interval = interval;
  for (std::size_t i = first_bar; i < path.close.size(); ++i) {
    c.open_time = t0 + static_cast<std::int64_t>(i) * step;
    c.close_time = c.open_time + step - 1;
    c.open = path.open(i);
    c.close = path.close[i];
    c.high = path.high[i];
    c.low = path.low[i];
    c.volume = round_significant(usd_per_bar * std::exp(0.5 * rng.normal()) / c.close, 6);
    c.trades = rng.integer(10, 2'000);
    on_candle(c);
  }
}

/// Equity at `at`: deposit plus realized PnL net of fees of the fills before it.
double account_value_at(const synth_trader& who, const std::vector<trade>& rows, utc_time at) {
  double v = who.deposit;
  for (const auto& r : rows) {
    if (r.timestamp >= at) break;
    v += r.closed_pnl - r.fee_usd;
    if (v < 0.05 * who.deposit) v = who.deposit;  // same redeposit rule as trade_writer
  }
  return v;
}

constexpr int leaderboard_days[] = {7, 30, 90};

/// What the leaderboards need of one trader, taken from its fills as soon as they are made so
/// the fills themselves need not be kept.
struct trader_summary {
  std::string address, label;
  double account_value = 0;
  bool traded[3] = {false, false, false};  // per leaderboard_days window
  double pnl[3] = {0, 0, 0};
};

trader_summary summarize(const synth_trader& who, const std::vector<trade>& fills, utc_time start) {
  trader_summary s{who.address, who.label, account_value_at(who, fills, start)};
  for (int w = 0; w < 3; ++w) {
    const utc_time from = start - milliseconds{leaderboard_days[w] * day_ms};
    for (const auto& r : fills)
      if (r.timestamp >= from && r.timestamp < start) {
        s.pnl[w] += r.closed_pnl - r.fee_usd;
        s.traded[w] = true;
      }
  }
  return s;
}

/// SPEC §9.1 leaderboards: per window ending at start, the traders who traded in it, ranked by
/// realized PnL net of fees; roi = pnl / account value × 100.
std::map<int, std::vector<leaderboard_row>> leaderboards_of(
    const std::vector<trader_summary>& traders) {
  std::map<int, std::vector<leaderboard_row>> out;
  for (int w = 0; w < 3; ++w) {
    auto& rows = out[leaderboard_days[w]];
    for (const auto& who : traders) {
      if (!who.traded[w]) continue;
      leaderboard_row row;
      row.trader_address = who.address;
      row.label = who.label;
      row.total_pnl = who.pnl[w];
      row.account_value = who.account_value;
      row.roi = who.pnl[w] / row.account_value * 100.0;
      rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.total_pnl != b.total_pnl ? a.total_pnl > b.total_pnl
                                        : a.trader_address < b.trader_address;
    });
  }
  return out;
}

void validate(const synth_options& o) {
  if (o.traders <= 0 || o.days <= 0 || o.tokens <= 0)
    throw std::invalid_argument("synth: traders, days and tokens must be positive");
  if (o.equity_usd <= 0) throw std::invalid_argument("synth: equity_usd must be positive");
  interval_ms(o.interval);  // throws for an unknown interval
}

std::size_t history_bars_of(const synth_options& o) {
  return static_cast<std::size_t>(synth_history_days * day_ms / interval_ms(o.interval));
}

std::size_t bars_of(const synth_options& o) {
  return history_bars_of(o) + static_cast<std::size_t>(o.days * day_ms / interval_ms(o.interval));
}

/// The whole generation, in the one order that fixes the random stream: every token's path,
/// then every token's candles, then every trader with its fills. `out` receives the pieces in
/// that order (open_candles / add_candle / close_candles, write_trades, then the rest), and
/// `progress` the bars done out of synth_work(o).
template <class Sink>
void generate(const synth_options& o, Sink& out, const synth_progress& progress) {
  validate(o);
  const std::int64_t step = interval_ms(o.interval);
  const std::int64_t history_start = to_ms(o.start) - synth_history_days * day_ms;
  const std::size_t history_bars = history_bars_of(o);
  const std::size_t bars = bars_of(o);
  std::uint64_t done = 0;
  auto advance = [&](std::size_t units) {
    done += units;
    if (progress) progress(done);
  };
  random_source rng(o.seed);

  std::vector<bar_path> paths;
  for (int i = 0; i < o.tokens; ++i) {
    paths.push_back(make_path(token_at(i), bars, step, rng));
    advance(bars);
  }
  for (const auto& p : paths) {
    out.open_candles(p.token);
    emit_candles(p, history_bars, history_start, step, o.interval, rng,
                 [&](const hyperliquid::candle& c) { out.add_candle(c); });
    out.close_candles();
    advance(bars - history_bars);
  }

  std::vector<trader_summary> summaries;
  std::vector<std::string> smart_money;
  std::uint64_t fills = 0;
  trade_writer writer(paths, history_start, step, rng, fills);
  for (int i = 0; i < o.traders; ++i) {
    const synth_trader who = make_trader(rng);
    const std::vector<trade> rows = writer.run(who);
    summaries.push_back(summarize(who, rows, o.start));
    out.write_trades(who.address, rows);
    if (who.edge > 1.0) smart_money.push_back(who.address);
    advance(bars);
  }
  out.write_manifest({o.start, o.start + milliseconds{o.days * day_ms}, o.equity_usd, o.interval,
                      "synth seed=" + std::to_string(o.seed)});
  out.write_leaderboards(leaderboards_of(summaries));
  out.write_smart_money(smart_money);
}

/// Gathers the pieces into a dataset.
class memory_sink {
 public:
  explicit memory_sink(dataset& data) : data_(data) {}
  void open_candles(const std::string& token) { candles_ = &data_.candles[token]; }
  void add_candle(const hyperliquid::candle& c) { candles_->push_back(c); }
  void close_candles() { candles_ = nullptr; }
  void write_trades(const std::string& address, const std::vector<trade>& rows) {
    data_.trades[address] = rows;
  }
  void write_manifest(const dataset_manifest& m) { data_.manifest = m; }
  void write_leaderboards(std::map<int, std::vector<leaderboard_row>> rows) {
    data_.leaderboards = std::move(rows);
  }
  void write_smart_money(const std::vector<std::string>& a) { data_.smart_money = a; }

 private:
  dataset& data_;
  std::vector<hyperliquid::candle>* candles_ = nullptr;
};

/// Writes the pieces to the directory as they come, counting what it writes.
class directory_sink {
 public:
  explicit directory_sink(const std::filesystem::path& dir) : out_(dir) {}
  void open_candles(const std::string& token) { out_.open_candles(token); }
  void add_candle(const hyperliquid::candle& c) {
    out_.add_candle(c);
    ++counts_.candles;
  }
  void close_candles() { out_.close_candles(); }
  void write_trades(const std::string& address, const std::vector<trade>& rows) {
    out_.write_trades(address, rows);
    ++counts_.traders;
    counts_.trades += rows.size();
  }
  void write_manifest(const dataset_manifest& m) { out_.write_manifest(m); }
  void write_leaderboards(const std::map<int, std::vector<leaderboard_row>>& rows) {
    out_.write_leaderboards(rows);
  }
  void write_smart_money(const std::vector<std::string>& a) { out_.write_smart_money(a); }
  const synth_counts& counts() const { return counts_; }

 private:
  dataset_writer out_;
  synth_counts counts_;
};

}  // namespace

std::uint64_t synth_work(const synth_options& o) {
  validate(o);
  const std::uint64_t bars = bars_of(o);
  const std::uint64_t tokens = static_cast<std::uint64_t>(o.tokens);
  return tokens * bars + tokens * (bars - history_bars_of(o)) +
         static_cast<std::uint64_t>(o.traders) * bars;
}

dataset synthesize(const synth_options& o) {
  dataset data;
  memory_sink sink(data);
  generate(o, sink, {});
  return data;
}

synth_counts synthesize_to(const synth_options& o, const std::filesystem::path& dir,
                           const synth_progress& progress) {
  validate(o);  // before the directory is created
  directory_sink sink(dir);
  generate(o, sink, progress);
  return sink.counts();
}

}  // namespace smartcopy
