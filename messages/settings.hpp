#pragma once
// The typed configuration of SPEC §2, with the seed's defaults. infra/config fills it from
// defaults → TOML → .env → environment → --set; strategy/ rules take the section they need.
// Loaded once and then shared read-only (the only object actors share).
#include <map>
#include <string>
#include <vector>

namespace smartcopy {

enum class run_mode { paper, live };
/// SPEC §4 step 6 [decision]: what a signal's age is measured from.
enum class timing_reference { confirmation, trade };

struct account_settings {
  double paper_equity_usd = 100000;
};

struct entry_settings {
  double copy_delay_minutes = 15;
  double max_price_slippage_percent = 2.0;
  double copy_ratio = 0.5;
  double max_single_position_usd = 50000;
  double max_single_position_ratio = 0.10;
  double min_position_usd = 100;
  int max_total_positions = 5;
  double max_total_exposure_ratio = 0.50;
  double max_exposure_per_token = 0.15;
  timing_reference timing = timing_reference::confirmation;
  double market_max_slippage_percent = 0.5;
  double limit_max_deviation_percent = 0.3;
  double limit_order_ttl_minutes = 5;
  double max_leverage = 5;
  double default_leverage = 3;
};

struct profit_tier {
  double gain_percent = 0;  // unrealized gain that fires the tier
  double fraction = 0;      // of the then remaining size
};

struct stops_settings {
  double stop_loss_percent = 5.0;
  double trailing_stop_percent = 8.0;
  double max_position_duration_hours = 72;
  bool ratchet_exchange_stop = true;
  std::vector<profit_tier> profit_tiers{{10, 0.25}, {20, 0.33}, {40, 0.50}};
};

struct filters_settings {
  /// Per token; "_default" applies to every other token.
  std::map<std::string, double> min_trade_value_usd{
      {"BTC", 50000}, {"ETH", 25000}, {"SOL", 10000}, {"HYPE", 5000}, {"_default", 5000}};
  double min_position_weight = 0.10;
  double min_trade_weight = 0.05;
  double add_max_age_hours = 2;
};

struct score_weights {
  double roi = 0.25;
  double sharpe = 0.20;
  double win_rate = 0.15;
  double consistency = 0.20;
  double smart_money = 0.10;
  double risk = 0.10;
};

struct selection_settings {
  int min_trades_required = 50;
  double min_account_value_usd = 50000;
  double win_rate_min = 0.35;
  double win_rate_max = 0.85;
  int primary_count = 15;
  int secondary_count = 30;
  score_weights weights;
  double recency_halflife_days = 14;
};

struct consensus_settings {
  bool enabled = false;
  int min_traders = 2;
};

struct polling_settings {
  int address_trades_sec = 300;
  int positions_sec = 900;
  int leaderboard_sec = 86400;
  int monitor_sec = 30;
};

struct liquidation_settings {
  double cooldown_days = 14;
};

struct nansen_settings {
  std::string base_url = "https://api.nansen.ai";
  double requests_per_second = 20;
  double requests_per_minute = 300;
  int profiler_min_interval_ms = 0;
  int timeout_sec = 30;
  int max_retries = 5;
  std::string api_key;  // secret: environment, .env or api_key_file only
  std::string api_key_file;
};

struct hyperliquid_settings {
  std::string network = "mainnet";
  std::string base_url;  // empty: derived from network
  std::string account_address;
  std::string private_key;  // secret: environment, .env or private_key_file only
  std::string private_key_file;
};

/// Fees of simulated fills (paper and backtest, SPEC §9.2).
struct simulation_settings {
  double taker_fee_percent = 0.045;
};

struct http_settings {
  std::string ca_file;  // extra trusted CA bundle (a private proxy, or the tests' fake servers)
};

struct db_settings {
  std::string url = "sqlite:smartcopy.db";
};

struct log_settings {
  std::string level = "info";
  std::string format = "text";                // or "json"
  std::string file;                           // empty: console
  std::map<std::string, std::string> levels;  // logger-name pattern → level
};

struct inspect_settings {
  std::string host = "127.0.0.1";
  int port = 4747;  // 0 disables
};

struct metrics_settings {
  int port = 0;  // 0 disables
};

struct settings {
  run_mode mode = run_mode::paper;
  account_settings account;
  entry_settings entry;
  stops_settings stops;
  filters_settings filters;
  selection_settings selection;
  consensus_settings consensus;
  polling_settings polling;
  liquidation_settings liquidation;
  nansen_settings nansen;
  hyperliquid_settings hyperliquid;
  simulation_settings simulation;
  http_settings http;
  db_settings db;
  log_settings log;
  inspect_settings inspect;
  metrics_settings metrics;
};

}  // namespace smartcopy
