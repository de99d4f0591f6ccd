#include "infra/config/config_keys.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include "infra/config/config_error.hpp"

namespace smartcopy {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string number_text(double v) {
  return fmt::format("{}", v);
}

// A value written as text (environment, --set) that needs structure is read as an inline TOML
// value, so `[[10,0.25]]` or `{BTC=1000}` work the same everywhere.
toml::table parse_inline(const std::string& key, const std::string& text) {
  try {
    return toml::parse("v = " + text);
  } catch (const toml::parse_error&) {
    throw config_error(key, "cannot read '" + text + "' as a TOML value");
  }
}

const char* type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date/time";
  }
}

double read_number(const std::string& key, const raw_value& v) {
  double out = 0;
  if (v.node) {
    if (!v.node->is_number())
      throw config_error(key, std::string("expected a number, got ") + type_name(*v.node));
    out = v.node->value<double>().value_or(0);
  } else {
    const char* begin = v.text.c_str();
    char* end = nullptr;
    errno = 0;
    out = std::strtod(begin, &end);
    if (v.text.empty() || end != begin + v.text.size() || errno == ERANGE)
      throw config_error(key, "expected a number, got '" + v.text + "'");
  }
  if (!std::isfinite(out)) throw config_error(key, "expected a finite number");
  return out;
}

long long read_integer(const std::string& key, const raw_value& v) {
  if (v.node) {
    if (!v.node->is_integer())
      throw config_error(key, std::string("expected an integer, got ") + type_name(*v.node));
    return v.node->value<long long>().value_or(0);
  }
  const char* begin = v.text.c_str();
  char* end = nullptr;
  errno = 0;
  const long long out = std::strtoll(begin, &end, 10);
  if (v.text.empty() || end != begin + v.text.size() || errno == ERANGE)
    throw config_error(key, "expected an integer, got '" + v.text + "'");
  return out;
}

bool read_bool(const std::string& key, const raw_value& v) {
  if (v.node) {
    if (!v.node->is_boolean())
      throw config_error(key, std::string("expected true or false, got ") + type_name(*v.node));
    return v.node->value<bool>().value_or(false);
  }
  std::string t;
  for (char c : v.text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "true" || t == "1" || t == "yes" || t == "on") return true;
  if (t == "false" || t == "0" || t == "no" || t == "off") return false;
  throw config_error(key, "expected true or false, got '" + v.text + "'");
}

std::string read_text(const std::string& key, const raw_value& v) {
  if (!v.node) return v.text;
  if (!v.node->is_string())
    throw config_error(key, std::string("expected a string, got ") + type_name(*v.node));
  return v.node->value<std::string>().value_or("");
}

// The node a structured key reads: the file's node, or the text parsed as an inline value.
template <class F>
void with_node(const std::string& key, const raw_value& v, F&& f) {
  if (v.node) return f(*v.node);
  const toml::table holder = parse_inline(key, v.text);
  f(*holder.get("v"));
}

struct range {
  double lo, hi;
  bool lo_open = false;
};

void check_range(const std::string& key, double v, range r) {
  const bool low_ok = r.lo_open ? v > r.lo : v >= r.lo;
  if (!low_ok || v > r.hi)
    throw config_error(
        key, fmt::format("{} is out of range {}{}, {}]", v, r.lo_open ? "(" : "[", r.lo, r.hi));
}

template <class Section, class T>
key_spec number_key(std::string name, Section settings::*sec, T Section::*field, range r,
                    std::string help) {
  key_spec k{name, std::move(help)};
  k.assign = [name, sec, field, r](settings& s, const raw_value& v, const std::string&) {
    double x = 0;
    if constexpr (std::is_integral_v<T>)
      x = static_cast<double>(read_integer(name, v));
    else
      x = read_number(name, v);
    check_range(name, x, r);
    (s.*sec).*field = static_cast<T>(x);
  };
  k.show = [sec, field](const settings& s) {
    return number_text(static_cast<double>((s.*sec).*field));
  };
  return k;
}

template <class Section>
key_spec bool_key(std::string name, Section settings::*sec, bool Section::*field,
                  std::string help) {
  key_spec k{name, std::move(help)};
  k.assign = [name, sec, field](settings& s, const raw_value& v, const std::string&) {
    (s.*sec).*field = read_bool(name, v);
  };
  k.show = [sec, field](const settings& s) {
    return std::string((s.*sec).*field ? "true" : "false");
  };
  return k;
}

// A string key; `check` throws config_error for a value it refuses (empty: anything goes).
template <class Section>
key_spec text_key(std::string name, Section settings::*sec, std::string Section::*field,
                  std::string help,
                  std::function<void(const std::string&, const std::string&)> check = {}) {
  key_spec k{name, std::move(help)};
  k.assign = [name, sec, field, check](settings& s, const raw_value& v, const std::string&) {
    std::string text = read_text(name, v);
    if (check) check(name, text);
    (s.*sec).*field = std::move(text);
  };
  k.show = [sec, field](const settings& s) { return quoted((s.*sec).*field); };
  return k;
}

template <class Section>
key_spec secret_key(std::string name, Section settings::*sec, std::string Section::*field,
                    std::string help) {
  key_spec k = text_key(std::move(name), sec, field, std::move(help));
  k.secret = true;
  k.show = [sec, field](const settings& s) {
    return std::string((s.*sec).*field).empty() ? std::string("\"\"") : std::string("\"********\"");
  };
  return k;
}

auto one_of(std::vector<std::string> allowed) {
  return [allowed](const std::string& key, const std::string& v) {
    for (const auto& a : allowed)
      if (v == a) return;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw config_error(key, "'" + v + "' is not one of: " + list);
  };
}

void url_or_empty(const std::string& key, const std::string& v) {
  if (!v.empty() && v.rfind("https://", 0) != 0)
    throw config_error(key, "'" + v + "' must be an https:// URL");
}

void https_url(const std::string& key, const std::string& v) {
  if (v.empty()) throw config_error(key, "must not be empty");
  url_or_empty(key, v);
}

void address_or_empty(const std::string& key, const std::string& v) {
  bool ok = v.empty() || (v.size() == 42 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X'));
  for (std::size_t i = 2; ok && i < v.size(); ++i)
    ok = std::isxdigit(static_cast<unsigned char>(v[i])) != 0;
  if (!ok) throw config_error(key, "'" + v + "' is not a 0x-prefixed 40-hex-digit address");
}

const std::vector<std::string> log_levels{"trace", "debug",    "info", "warn",
                                          "error", "critical", "off"};

key_spec mode_key() {
  key_spec k{"mode", "live or paper: which exchange gateway `smartcopy run` uses"};
  k.assign = [](settings& s, const raw_value& v, const std::string&) {
    const std::string t = read_text("mode", v);
    one_of({"paper", "live"})("mode", t);
    s.mode = t == "live" ? run_mode::live : run_mode::paper;
  };
  k.show = [](const settings& s) {
    return std::string(s.mode == run_mode::live ? "\"live\"" : "\"paper\"");
  };
  return k;
}

key_spec timing_key() {
  key_spec k{"entry.timing_reference",
             "confirmation (age from trade time + delay) or trade (age from the trade time)"};
  k.assign = [](settings& s, const raw_value& v, const std::string&) {
    const std::string t = read_text("entry.timing_reference", v);
    one_of({"confirmation", "trade"})("entry.timing_reference", t);
    s.entry.timing = t == "trade" ? timing_reference::trade : timing_reference::confirmation;
  };
  k.show = [](const settings& s) {
    return std::string(s.entry.timing == timing_reference::trade ? "\"trade\""
                                                                 : "\"confirmation\"");
  };
  return k;
}

key_spec profit_tiers_key() {
  const std::string name = "stops.profit_tiers";
  key_spec k{name, "[[gain %, fraction of remaining size], ...], lowest gain first; [] disables"};
  k.assign = [name](settings& s, const raw_value& v, const std::string&) {
    with_node(name, v, [&](const toml::node& n) {
      const toml::array* arr = n.as_array();
      if (!arr) throw config_error(name, std::string("expected an array, got ") + type_name(n));
      std::vector<profit_tier> tiers;
      for (const auto& item : *arr) {
        const toml::array* pair = item.as_array();
        if (!pair || pair->size() != 2 || !(*pair)[0].is_number() || !(*pair)[1].is_number())
          throw config_error(name, "each tier must be [gain_percent, fraction]");
        const profit_tier t{(*pair)[0].value<double>().value_or(0),
                            (*pair)[1].value<double>().value_or(0)};
        if (!(t.gain_percent > 0) || !std::isfinite(t.gain_percent))
          throw config_error(name, "a tier's gain must be a positive percentage");
        if (!(t.fraction > 0 && t.fraction <= 1))
          throw config_error(name, "a tier's fraction must be in (0, 1]");
        if (!tiers.empty() && t.gain_percent <= tiers.back().gain_percent)
          throw config_error(name, "tiers must be listed by strictly increasing gain");
        tiers.push_back(t);
      }
      s.stops.profit_tiers = std::move(tiers);
    });
  };
  k.show = [](const settings& s) {
    std::string out = "[";
    for (const auto& t : s.stops.profit_tiers)
      out += (out.size() > 1 ? ", [" : "[") + number_text(t.gain_percent) + ", " +
             number_text(t.fraction) + "]";
    return out + "]";
  };
  return k;
}

std::string table_text(const std::map<std::string, std::string>& entries) {
  std::string out = "{";
  for (const auto& [k, v] : entries) out += (out.size() > 1 ? ", " : " ") + quoted(k) + " = " + v;
  return out + (entries.empty() ? "}" : " }");
}

// A table key: a whole table (merged entry by entry into the current one) or one entry.
template <class Value>
key_spec table_key(std::string name, std::string help,
                   std::map<std::string, Value>& (*field)(settings&),
                   std::function<Value(const std::string&, const raw_value&)> read_entry,
                   std::function<std::string(const Value&)> show_entry,
                   std::function<std::string(std::string)> normalize_entry) {
  key_spec k{name, std::move(help)};
  k.table = true;
  k.assign = [=](settings& s, const raw_value& v, const std::string& entry) {
    auto& target = field(s);
    if (!entry.empty()) {
      target[normalize_entry(entry)] = read_entry(name + "." + entry, v);
      return;
    }
    with_node(name, v, [&](const toml::node& n) {
      const toml::table* tbl = n.as_table();
      if (!tbl) throw config_error(name, std::string("expected a table, got ") + type_name(n));
      for (const auto& [key, value] : *tbl) {
        const std::string entry_name(key.str());
        target[normalize_entry(entry_name)] =
            read_entry(name + "." + entry_name, raw_value{&value, {}});
      }
    });
  };
  k.show = [=](const settings& s) {
    std::map<std::string, std::string> shown;
    for (const auto& [key, value] : field(const_cast<settings&>(s))) shown[key] = show_entry(value);
    return table_text(shown);
  };
  return k;
}

key_spec min_trade_value_key() {
  return table_key<double>(
      "filters.min_trade_value_usd",
      "step 2 minimum trade value per token; _default for all others",
      [](settings& s) -> std::map<std::string, double>& { return s.filters.min_trade_value_usd; },
      [](const std::string& key, const raw_value& v) {
        const double x = read_number(key, v);
        check_range(key, x, {0, 1e12});
        return x;
      },
      [](const double& x) { return number_text(x); },
      [](std::string token) {
        if (token == "_default") return token;
        for (auto& c : token) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return token;
      });
}

key_spec log_levels_key() {
  return table_key<std::string>(
      "log.levels", "per-logger levels by name pattern, e.g. { \"trader.*\" = \"debug\" }",
      [](settings& s) -> std::map<std::string, std::string>& { return s.log.levels; },
      [](const std::string& key, const raw_value& v) {
        std::string level = read_text(key, v);
        one_of(log_levels)(key, level);
        return level;
      },
      [](const std::string& level) { return quoted(level); },
      [](std::string pattern) { return pattern; });
}

std::vector<key_spec> build_keys() {
  using S = settings;
  std::vector<key_spec> k;
  k.push_back(mode_key());
  k.push_back(number_key("account.paper_equity_usd", &S::account,
                         &account_settings::paper_equity_usd, {0, 1e12, true},
                         "starting equity in paper mode and default for backtests"));
  const auto entry = [&](const char* n, auto field, range r, const char* h) {
    k.push_back(number_key(std::string("entry.") + n, &S::entry, field, r, h));
  };
  entry("copy_delay_minutes", &entry_settings::copy_delay_minutes, {0, 1440},
        "confirmation delay after the trader's trade");
  entry("max_price_slippage_percent", &entry_settings::max_price_slippage_percent, {0, 100},
        "slippage gate (step 5)");
  entry("copy_ratio", &entry_settings::copy_ratio, {0, 1, true},
        "fraction of the trader's allocation we copy");
  entry("max_single_position_usd", &entry_settings::max_single_position_usd, {0, 1e12, true},
        "hard cap per position");
  entry("max_single_position_ratio", &entry_settings::max_single_position_ratio, {0, 1, true},
        "cap per position as a fraction of our equity");
  entry("min_position_usd", &entry_settings::min_position_usd, {0, 1e12},
        "dust floor: smaller sizes are skipped");
  entry("max_total_positions", &entry_settings::max_total_positions, {1, 1000},
        "open positions at most");
  entry("max_total_exposure_ratio", &entry_settings::max_total_exposure_ratio, {0, 100, true},
        "total open notional / equity");
  entry("max_exposure_per_token", &entry_settings::max_exposure_per_token, {0, 100, true},
        "one token's notional / equity");
  k.push_back(timing_key());
  entry("market_max_slippage_percent", &entry_settings::market_max_slippage_percent, {0, 10},
        "market entries: IOC limit this far through mark");
  entry("limit_max_deviation_percent", &entry_settings::limit_max_deviation_percent, {0, 10},
        "limit entries allowed only within this deviation");
  entry("limit_order_ttl_minutes", &entry_settings::limit_order_ttl_minutes, {0, 1440, true},
        "unfilled limit entries are cancelled after this");
  entry("max_leverage", &entry_settings::max_leverage, {1, 100},
        "our leverage never exceeds this (isolated margin)");
  entry("default_leverage", &entry_settings::default_leverage, {1, 100},
        "used when the trader's leverage is unknown");
  k.push_back(number_key("stops.stop_loss_percent", &S::stops, &stops_settings::stop_loss_percent,
                         {0, 100, true}, "hard stop distance from entry"));
  k.push_back(number_key("stops.trailing_stop_percent", &S::stops,
                         &stops_settings::trailing_stop_percent, {0, 100, true},
                         "trailing distance from the best price"));
  k.push_back(number_key("stops.max_position_duration_hours", &S::stops,
                         &stops_settings::max_position_duration_hours, {0, 8760, true},
                         "time stop"));
  k.push_back(bool_key("stops.ratchet_exchange_stop", &S::stops,
                       &stops_settings::ratchet_exchange_stop,
                       "move the exchange stop up to the trailing level (SPEC 7.3)"));
  k.push_back(profit_tiers_key());
  k.push_back(min_trade_value_key());
  k.push_back(number_key("filters.min_position_weight", &S::filters,
                         &filters_settings::min_position_weight, {0, 100}, "step 3"));
  k.push_back(number_key("filters.min_trade_weight", &S::filters,
                         &filters_settings::min_trade_weight, {0, 100}, "step 3"));
  k.push_back(number_key("filters.add_max_age_hours", &S::filters,
                         &filters_settings::add_max_age_hours, {0, 8760}, "step 1"));
  const auto sel = [&](const char* n, auto field, range r, const char* h) {
    k.push_back(number_key(std::string("selection.") + n, &S::selection, field, r, h));
  };
  sel("min_trades_required", &selection_settings::min_trades_required, {0, 1e6},
      "closing trades in 90 days");
  sel("min_account_value_usd", &selection_settings::min_account_value_usd, {0, 1e12},
      "minimum account value of a copied trader");
  sel("win_rate_min", &selection_settings::win_rate_min, {0, 1}, "lowest acceptable win rate");
  sel("win_rate_max", &selection_settings::win_rate_max, {0, 1}, "highest acceptable win rate");
  sel("primary_count", &selection_settings::primary_count, {0, 1000},
      "top-N by score actively copied");
  sel("secondary_count", &selection_settings::secondary_count, {0, 1000},
      "next-N monitored (consensus, promotion)");
  const auto weight = [&](const char* n, double score_weights::*field) {
    key_spec w{std::string("selection.score_weights.") + n, "score weight; all six sum to 1"};
    const std::string name = w.name;
    w.assign = [name, field](settings& s, const raw_value& v, const std::string&) {
      const double x = read_number(name, v);
      check_range(name, x, {0, 1});
      s.selection.weights.*field = x;
    };
    w.show = [field](const settings& s) { return number_text(s.selection.weights.*field); };
    k.push_back(std::move(w));
  };
  weight("roi", &score_weights::roi);
  weight("sharpe", &score_weights::sharpe);
  weight("win_rate", &score_weights::win_rate);
  weight("consistency", &score_weights::consistency);
  weight("smart_money", &score_weights::smart_money);
  weight("risk", &score_weights::risk);
  sel("recency_halflife_days", &selection_settings::recency_halflife_days, {0, 3650, true},
      "half-life of the recency decay of scores");
  k.push_back(bool_key("consensus.enabled", &S::consensus, &consensus_settings::enabled,
                       "step 7 on or off"));
  k.push_back(number_key("consensus.min_traders", &S::consensus, &consensus_settings::min_traders,
                         {1, 100}, "tracked traders that must hold the token on the same side"));
  const auto poll = [&](const char* n, int polling_settings::*field, const char* h) {
    k.push_back(number_key(std::string("polling.") + n, &S::polling, field, {1, 604800}, h));
  };
  poll("address_trades_sec", &polling_settings::address_trades_sec,
       "trades of each primary trader");
  poll("positions_sec", &polling_settings::positions_sec, "positions of traders we copy from");
  poll("leaderboard_sec", &polling_settings::leaderboard_sec, "re-scoring");
  poll("monitor_sec", &polling_settings::monitor_sec, "position monitor tick");
  k.push_back(number_key("liquidation.cooldown_days", &S::liquidation,
                         &liquidation_settings::cooldown_days, {0, 3650},
                         "blacklist after a detected liquidation"));
  k.push_back(text_key("nansen.base_url", &S::nansen, &nansen_settings::base_url,
                       "Nansen API base URL", https_url));
  k.push_back(number_key("nansen.requests_per_second", &S::nansen,
                         &nansen_settings::requests_per_second, {0, 1000, true},
                         "client-side limiter"));
  k.push_back(number_key("nansen.requests_per_minute", &S::nansen,
                         &nansen_settings::requests_per_minute, {0, 60000, true},
                         "client-side limiter"));
  k.push_back(number_key("nansen.profiler_min_interval_ms", &S::nansen,
                         &nansen_settings::profiler_min_interval_ms, {0, 600000},
                         "extra spacing for profiler/* calls"));
  k.push_back(number_key("nansen.timeout_sec", &S::nansen, &nansen_settings::timeout_sec, {1, 600},
                         "per-request timeout"));
  k.push_back(number_key("nansen.max_retries", &S::nansen, &nansen_settings::max_retries, {0, 20},
                         "for 429/5xx/timeouts, with backoff and Retry-After"));
  k.push_back(secret_key("nansen.api_key", &S::nansen, &nansen_settings::api_key,
                         "secret: NANSEN_API_KEY in the environment or .env"));
  k.push_back(text_key("nansen.api_key_file", &S::nansen, &nansen_settings::api_key_file,
                       "file holding the API key (must not be world-readable)"));
  k.push_back(text_key("hyperliquid.network", &S::hyperliquid, &hyperliquid_settings::network,
                       "mainnet or testnet: base URL and signing source",
                       one_of({"mainnet", "testnet"})));
  k.push_back(text_key("hyperliquid.base_url", &S::hyperliquid, &hyperliquid_settings::base_url,
                       "override of the network's URL (tests point it at a local fake)",
                       url_or_empty));
  k.push_back(text_key("hyperliquid.account_address", &S::hyperliquid,
                       &hyperliquid_settings::account_address, "the trading account (main address)",
                       address_or_empty));
  k.push_back(secret_key("hyperliquid.private_key", &S::hyperliquid,
                         &hyperliquid_settings::private_key,
                         "secret: an API-wallet (agent) key is recommended"));
  k.push_back(text_key("hyperliquid.private_key_file", &S::hyperliquid,
                       &hyperliquid_settings::private_key_file,
                       "file holding the key (must not be world-readable)"));
  k.push_back(number_key("simulation.taker_fee_percent", &S::simulation,
                         &simulation_settings::taker_fee_percent, {0, 5},
                         "fee of simulated fills, paper and backtest (SPEC 9.2)"));
  k.push_back(text_key("http.ca_file", &S::http, &http_settings::ca_file,
                       "extra trusted CA bundle (PEM); the system store is always used"));
  k.push_back(text_key("db.url", &S::db, &db_settings::url, "SOCI connection string",
                       [](const std::string& key, const std::string& v) {
                         if (v.empty()) throw config_error(key, "must not be empty");
                       }));
  k.push_back(
      text_key("log.level", &S::log, &log_settings::level, "global log level", one_of(log_levels)));
  k.push_back(text_key("log.format", &S::log, &log_settings::format,
                       "text, or json for machine-read logs", one_of({"text", "json"})));
  k.push_back(text_key("log.file", &S::log, &log_settings::file, "log file; empty: console"));
  k.push_back(log_levels_key());
  k.push_back(text_key("inspect.host", &S::inspect, &inspect_settings::host,
                       "introspection endpoint host (loopback by default)"));
  k.push_back(number_key("inspect.port", &S::inspect, &inspect_settings::port, {0, 65535},
                         "introspection endpoint port; 0 disables"));
  k.push_back(number_key("metrics.port", &S::metrics, &metrics_settings::port, {0, 65535},
                         "Prometheus endpoint on loopback; 0 disables"));
  return k;
}

}  // namespace

const std::vector<key_spec>& config_keys() {
  static const std::vector<key_spec> keys = build_keys();
  return keys;
}

const key_spec* find_config_key(const std::string& name, std::string* entry) {
  for (const auto& k : config_keys()) {
    if (k.name == name) {
      if (entry) entry->clear();
      return &k;
    }
    if (k.table && name.size() > k.name.size() + 1 && name.compare(0, k.name.size(), k.name) == 0 &&
        name[k.name.size()] == '.') {
      if (entry) *entry = name.substr(k.name.size() + 1);
      return &k;
    }
  }
  return nullptr;
}

void validate_settings(const settings& s) {
  const auto& w = s.selection.weights;
  const double sum = w.roi + w.sharpe + w.win_rate + w.consistency + w.smart_money + w.risk;
  if (std::fabs(sum - 1.0) > 1e-6)
    throw config_error("selection.score_weights",
                       fmt::format("the six weights must sum to 1, they sum to {}", sum));
  if (s.selection.win_rate_min > s.selection.win_rate_max)
    throw config_error("selection.win_rate_min", "must not exceed selection.win_rate_max");
  if (s.entry.default_leverage > s.entry.max_leverage)
    throw config_error("entry.default_leverage", "must not exceed entry.max_leverage");
  if (s.filters.min_trade_value_usd.count("_default") == 0)
    throw config_error("filters.min_trade_value_usd", "needs a _default entry");
}

std::string hyperliquid_base_url(const hyperliquid_settings& h) {
  if (!h.base_url.empty()) return h.base_url;
  return h.network == "testnet" ? "https://api.hyperliquid-testnet.xyz"
                                : "https://api.hyperliquid.xyz";
}

}  // namespace smartcopy
