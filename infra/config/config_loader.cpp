#include "infra/config/config_loader.hpp"

#include <sys/stat.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "infra/config/config_error.hpp"
#include "infra/config/config_keys.hpp"
#include "infra/config/dotenv.hpp"

extern char** environ;

namespace smartcopy {
namespace {

// The seed's bare environment names (execution-plan 1.2) for the keys it knew.
const std::map<std::string, std::string>& seed_names() {
  static const std::map<std::string, std::string> names{
      {"COPY_DELAY_MINUTES", "entry.copy_delay_minutes"},
      {"MAX_PRICE_SLIPPAGE_PERCENT", "entry.max_price_slippage_percent"},
      {"COPY_RATIO", "entry.copy_ratio"},
      {"MAX_SINGLE_POSITION_USD", "entry.max_single_position_usd"},
      {"MAX_TOTAL_POSITIONS", "entry.max_total_positions"},
      {"MAX_EXPOSURE_PER_TOKEN", "entry.max_exposure_per_token"},
      {"STOP_LOSS_PERCENT", "stops.stop_loss_percent"},
      {"TRAILING_STOP_PERCENT", "stops.trailing_stop_percent"},
      {"MAX_POSITION_DURATION_HOURS", "stops.max_position_duration_hours"},
      {"MIN_TRADE_VALUE_USD", "filters.min_trade_value_usd"},
      {"MIN_POSITION_WEIGHT", "filters.min_position_weight"},
      {"ADD_MAX_AGE_HOURS", "filters.add_max_age_hours"},
      {"MIN_TRADES_REQUIRED", "selection.min_trades_required"},
      {"RECENCY_DECAY_HALFLIFE_DAYS", "selection.recency_halflife_days"},
      {"LIQUIDATION_COOLDOWN_DAYS", "liquidation.cooldown_days"},
      {"CONSENSUS_ENABLED", "consensus.enabled"},
      {"POLLING_INTERVAL_ADDRESS_TRADES_SEC", "polling.address_trades_sec"},
      {"POLLING_INTERVAL_POSITIONS_SEC", "polling.positions_sec"},
      {"POLLING_INTERVAL_LEADERBOARD_SEC", "polling.leaderboard_sec"},
      {"POLLING_INTERVAL_MONITOR_SEC", "polling.monitor_sec"},
      {"NANSEN_API_KEY", "nansen.api_key"},
      {"HYPERLIQUID_PRIVATE_KEY", "hyperliquid.private_key"},
      {"HYPERLIQUID_ACCOUNT_ADDRESS", "hyperliquid.account_address"},
      {"PAPER_MODE", "mode"},
  };
  return names;
}

constexpr const char* prefix = "SMARTCOPY_";

struct layered {
  loaded_config result;

  void set(const std::string& name, const raw_value& value, const std::string& source,
           bool secrets_allowed) {
    std::string entry;
    const key_spec* key = find_config_key(name, &entry);
    if (!key) throw config_error(name, "unknown configuration key (from " + source + ")");
    if (key->secret && !secrets_allowed)
      throw config_error(name, "a secret may only come from the environment, .env or " + name +
                                   "_file, not from " + source);
    key->assign(result.values, value, entry);
    result.source[key->name] = source;
  }

  void apply_table(const toml::table& tbl, const std::string& path, const std::string& source) {
    for (const auto& [k, node] : tbl) {
      const std::string name =
          path.empty() ? std::string(k.str()) : path + "." + std::string(k.str());
      std::string entry;
      const key_spec* key = find_config_key(name, &entry);
      if (!key && node.is_table()) {
        apply_table(*node.as_table(), name, source);
        continue;
      }
      set(name, raw_value{&node, {}}, source, false);
    }
  }

  // Environment-like sources: seed names first, so SMARTCOPY_ names win over them.
  void apply_environment(const std::map<std::string, std::string>& vars, const std::string& label) {
    for (const bool prefixed : {false, true}) {
      for (const auto& [name, value] : vars) {
        if ((name.rfind(prefix, 0) == 0) != prefixed) continue;
        const auto key = key_for_environment_name(name);
        if (!key) {
          if (prefixed)
            throw config_error(name, "unknown configuration variable (from " + label + ")");
          continue;
        }
        std::string text = value;
        if (name == "PAPER_MODE") {
          const bool paper = read_paper_mode(value);
          text = paper ? "paper" : "live";
        }
        set(*key, raw_value{nullptr, text}, label + ":" + name, true);
      }
    }
  }

  static bool read_paper_mode(const std::string& value) {
    std::string v;
    for (char c : value) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v == "true" || v == "1" || v == "yes") return true;
    if (v == "false" || v == "0" || v == "no") return false;
    throw config_error("PAPER_MODE", "expected true or false, got '" + value + "'");
  }
};

std::string read_secret_file(const std::string& key, const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw config_error(key, "cannot read " + path);
  if (st.st_mode & S_IROTH)
    throw config_error(key, path + " is world-readable; run: chmod o-rwx " + path);
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string secret = buf.str();
  while (!secret.empty() && std::isspace(static_cast<unsigned char>(secret.back())))
    secret.pop_back();
  if (!in || secret.empty()) throw config_error(key, path + " is empty or unreadable");
  return secret;
}

void resolve_secret_file(loaded_config& cfg, std::string& secret, const std::string& secret_key,
                         const std::string& file, const std::string& file_key) {
  if (!secret.empty() || file.empty()) return;
  secret = read_secret_file(file_key, file);
  cfg.source[secret_key] = "file:" + file;
}

}  // namespace

std::optional<std::string> key_for_environment_name(const std::string& name) {
  if (name.rfind(prefix, 0) == 0) {
    std::string key;
    const std::string rest = name.substr(std::char_traits<char>::length(prefix));
    for (std::size_t i = 0; i < rest.size(); ++i) {
      if (rest.compare(i, 2, "__") == 0) {
        key += '.';
        ++i;
      } else {
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(rest[i])));
      }
    }
    return key;
  }
  const auto& seeds = seed_names();
  if (const auto it = seeds.find(name); it != seeds.end()) return it->second;
  return std::nullopt;
}

loaded_config load_config(const config_sources& sources) {
  layered l;
  for (const auto& key : config_keys()) l.result.source[key.name] = "default";

  if (sources.config_file) {
    toml::table file;
    try {
      file = toml::parse_file(*sources.config_file);
    } catch (const toml::parse_error& e) {
      std::ostringstream where;
      where << e.source().begin;
      throw config_error(*sources.config_file, std::string(e.description()) + " at " + where.str());
    }
    l.apply_table(file, "", "file:" + *sources.config_file);
  }
  l.apply_environment(read_dotenv(sources.dotenv_path), ".env");
  l.apply_environment(sources.environment, "env");
  for (const auto& assignment : sources.overrides) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
      throw config_error(assignment, "--set expects key=value");
    l.set(assignment.substr(0, eq), raw_value{nullptr, assignment.substr(eq + 1)}, "--set", false);
  }

  auto& s = l.result.values;
  resolve_secret_file(l.result, s.nansen.api_key, "nansen.api_key", s.nansen.api_key_file,
                      "nansen.api_key_file");
  resolve_secret_file(l.result, s.hyperliquid.private_key, "hyperliquid.private_key",
                      s.hyperliquid.private_key_file, "hyperliquid.private_key_file");
  validate_settings(s);
  return std::move(l.result);
}

std::map<std::string, std::string> current_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

}  // namespace smartcopy
