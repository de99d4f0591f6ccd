// SPEC §2: layered configuration, validation naming the key, secrets.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "infra/config/config_error.hpp"
#include "infra/config/config_keys.hpp"
#include "infra/config/config_loader.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;

namespace {

config_sources isolated(const temp_dir& dir) {
  config_sources s;
  s.dotenv_path = dir.file(".env");  // absent unless a test writes it
  return s;
}

// The key named in the config_error thrown by loading `sources`.
std::string failing_key(const config_sources& sources) {
  try {
    load_config(sources);
  } catch (const config_error& e) {
    return e.key();
  }
  return "<no error>";
}

}  // namespace

TEST_CASE("SPEC §2 defaults are the seed's") {
  temp_dir dir;
  const auto cfg = load_config(isolated(dir));
  const auto& s = cfg.values;
  CHECK(s.mode == run_mode::paper);
  CHECK(s.entry.copy_delay_minutes == 15);
  CHECK(s.entry.max_price_slippage_percent == 2.0);
  CHECK(s.entry.max_total_positions == 5);
  CHECK(s.stops.profit_tiers.size() == 3);
  CHECK(s.stops.profit_tiers[1].fraction == doctest::Approx(0.33));
  CHECK(s.filters.min_trade_value_usd.at("BTC") == 50000);
  CHECK(s.selection.weights.consistency == doctest::Approx(0.20));
  CHECK(s.polling.monitor_sec == 30);
  CHECK(s.inspect.port == 4747);
  CHECK(hyperliquid_base_url(s.hyperliquid) == "https://api.hyperliquid.xyz");
  for (const auto& key : config_keys()) CHECK(cfg.source.at(key.name) == "default");
}

TEST_CASE("config/default.toml documents every key with its built-in default") {
  temp_dir dir;
  const settings defaults = load_config(isolated(dir)).values;
  auto sources = isolated(dir);
  sources.config_file = std::string(SMARTCOPY_SOURCE_DIR) + "/config/default.toml";
  const auto from_file = load_config(sources);
  for (const auto& key : config_keys()) {
    CAPTURE(key.name);
    CHECK(key.show(from_file.values) == key.show(defaults));
    if (!key.secret) CHECK(from_file.source.at(key.name).rfind("file:", 0) == 0);
  }
}

TEST_CASE("precedence: defaults < file < .env < environment < --set") {
  temp_dir dir;
  auto sources = isolated(dir);
  sources.config_file = dir.write("c.toml", "[entry]\ncopy_delay_minutes = 10\ncopy_ratio = 0.4\n");
  CHECK(load_config(sources).values.entry.copy_delay_minutes == 10);

  dir.write(".env", "# comment\nexport COPY_DELAY_MINUTES=11\nSMARTCOPY_LOG__LEVEL='debug'\n");
  auto cfg = load_config(sources);
  CHECK(cfg.values.entry.copy_delay_minutes == 11);
  CHECK(cfg.source.at("entry.copy_delay_minutes") == ".env:COPY_DELAY_MINUTES");
  CHECK(cfg.values.log.level == "debug");
  CHECK(cfg.values.entry.copy_ratio == doctest::Approx(0.4));

  sources.environment = {{"COPY_DELAY_MINUTES", "12"}, {"PATH", "/usr/bin"}};
  CHECK(load_config(sources).values.entry.copy_delay_minutes == 12);
  sources.environment["SMARTCOPY_ENTRY__COPY_DELAY_MINUTES"] = "7";
  cfg = load_config(sources);
  CHECK(cfg.values.entry.copy_delay_minutes == 7);  // the prefixed name beats the seed name
  CHECK(cfg.source.at("entry.copy_delay_minutes") == "env:SMARTCOPY_ENTRY__COPY_DELAY_MINUTES");

  sources.overrides = {"entry.copy_delay_minutes=13"};
  cfg = load_config(sources);
  CHECK(cfg.values.entry.copy_delay_minutes == 13);
  CHECK(cfg.source.at("entry.copy_delay_minutes") == "--set");
}

TEST_CASE("structured values from text, tables one entry at a time, PAPER_MODE") {
  temp_dir dir;
  auto sources = isolated(dir);
  sources.environment = {{"PAPER_MODE", "false"},
                         {"SMARTCOPY_STOPS__PROFIT_TIERS", "[[5, 0.5]]"},
                         {"SMARTCOPY_SELECTION__SCORE_WEIGHTS__ROI", "0.30"},
                         {"SMARTCOPY_SELECTION__SCORE_WEIGHTS__RISK", "0.05"}};
  sources.overrides = {"filters.min_trade_value_usd.doge=2000", "log.levels.trader.*=debug",
                       "stops.ratchet_exchange_stop=no", "hyperliquid.network=testnet"};
  const auto s = load_config(sources).values;
  CHECK(s.mode == run_mode::live);
  REQUIRE(s.stops.profit_tiers.size() == 1);
  CHECK(s.stops.profit_tiers[0].gain_percent == 5);
  CHECK(s.selection.weights.roi == doctest::Approx(0.30));
  CHECK(s.filters.min_trade_value_usd.at("DOGE") == 2000);
  CHECK(s.filters.min_trade_value_usd.at("BTC") == 50000);  // merged, not replaced
  CHECK(s.log.levels.at("trader.*") == "debug");
  CHECK_FALSE(s.stops.ratchet_exchange_stop);
  CHECK(hyperliquid_base_url(s.hyperliquid) == "https://api.hyperliquid-testnet.xyz");
}

TEST_CASE("every validation error names its key and nothing is half-applied") {
  temp_dir dir;
  auto with_file = [&](const std::string& toml) {
    auto s = isolated(dir);
    s.config_file = dir.write("c.toml", toml);
    return s;
  };
  auto with_set = [&](const std::string& assignment) {
    auto s = isolated(dir);
    s.overrides = {assignment};
    return s;
  };
  CHECK(failing_key(with_file("bogus = 1\n")) == "bogus");
  CHECK(failing_key(with_file("[entry]\nbogus = 1\n")) == "entry.bogus");
  CHECK(failing_key(with_file("[entry]\ncopy_ratio = \"x\"\n")) == "entry.copy_ratio");
  CHECK(failing_key(with_file("[entry]\nmax_total_positions = 2.5\n")) ==
        "entry.max_total_positions");
  CHECK(failing_key(with_set("entry.copy_ratio=1.5")) == "entry.copy_ratio");
  CHECK(failing_key(with_set("entry.copy_ratio=0")) == "entry.copy_ratio");
  CHECK(failing_key(with_set("entry.copy_ratio=nan")) == "entry.copy_ratio");
  CHECK(failing_key(with_set("stops.stop_loss_percent=-1")) == "stops.stop_loss_percent");
  CHECK(failing_key(with_set("polling.monitor_sec=0")) == "polling.monitor_sec");
  CHECK(failing_key(with_set("mode=demo")) == "mode");
  CHECK(failing_key(with_set("log.level=loud")) == "log.level");
  CHECK(failing_key(with_set("log.levels.trader.*=loud")) == "log.levels.trader.*");
  CHECK(failing_key(with_set("stops.profit_tiers=[[20, 0.3], [10, 0.2]]")) == "stops.profit_tiers");
  CHECK(failing_key(with_set("stops.profit_tiers=[[10, 1.5]]")) == "stops.profit_tiers");
  CHECK(failing_key(with_set("stops.profit_tiers=[[10")) == "stops.profit_tiers");
  CHECK(failing_key(with_set("nansen.base_url=http://api.nansen.ai")) == "nansen.base_url");
  CHECK(failing_key(with_set("hyperliquid.account_address=0x12")) == "hyperliquid.account_address");
  CHECK(failing_key(with_set("selection.score_weights.roi=0.5")) == "selection.score_weights");
  CHECK(failing_key(with_set("selection.win_rate_min=0.9")) == "selection.win_rate_min");
  CHECK(failing_key(with_set("entry.copy_delay_minutes")) == "entry.copy_delay_minutes");
  CHECK(failing_key(with_set("nope.key=1")) == "nope.key");
  auto env = isolated(dir);
  env.environment = {{"SMARTCOPY_ENTRY__COPY_RATIOO", "0.2"}};
  CHECK(failing_key(env) == "entry.copy_ratioo");
  CHECK_THROWS_WITH(load_config(env), doctest::Contains("SMARTCOPY_ENTRY__COPY_RATIOO"));
  env.environment = {{"PAPER_MODE", "maybe"}};
  CHECK(failing_key(env) == "PAPER_MODE");
}

TEST_CASE("malformed TOML and .env are clear errors") {
  temp_dir dir;
  auto s = isolated(dir);
  s.config_file = dir.write("c.toml", "[entry\ncopy_ratio = 0.5\n");
  CHECK_THROWS_AS(load_config(s), config_error);
  auto e = isolated(dir);
  dir.write(".env", "JUSTAWORD\n");
  CHECK_THROWS_WITH_AS(load_config(e), doctest::Contains("line 1"), config_error);
}

TEST_CASE("secrets come only from the environment, .env or a private *_file") {
  temp_dir dir;
  auto file = isolated(dir);
  file.config_file = dir.write("c.toml", "[nansen]\napi_key = \"k\"\n");
  CHECK(failing_key(file) == "nansen.api_key");
  auto set = isolated(dir);
  set.overrides = {"hyperliquid.private_key=0xabc"};
  CHECK(failing_key(set) == "hyperliquid.private_key");

  auto env = isolated(dir);
  env.environment = {{"NANSEN_API_KEY", "secret"}};
  const auto cfg = load_config(env);
  CHECK(cfg.values.nansen.api_key == "secret");
  const key_spec* key = find_config_key("nansen.api_key");
  REQUIRE(key);
  CHECK(key->show(cfg.values).find("secret") == std::string::npos);

  const std::string key_file = dir.write("key.txt", "from-file\n");
  ::chmod(key_file.c_str(), 0644);
  auto kf = isolated(dir);
  kf.overrides = {"nansen.api_key_file=" + key_file};
  CHECK(failing_key(kf) == "nansen.api_key_file");  // world-readable: refused
  ::chmod(key_file.c_str(), 0600);
  const auto loaded = load_config(kf);
  CHECK(loaded.values.nansen.api_key == "from-file");
  CHECK(loaded.source.at("nansen.api_key") == "file:" + key_file);
}
