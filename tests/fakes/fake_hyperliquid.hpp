#pragma once
// A fake Hyperliquid (reference §2-§4) on a loopback https_server: /info and /exchange with real
// signature checking (the signer of every action is recovered, as the exchange does, and unknown
// signers get the exchange's "does not exist" error), per-account positions, orders and fills,
// fills against a scripted mark price, stop/take-profit triggers on mark crossings, duplicate cloid
// rejection, and scripted failures (late replies for ambiguity tests, error answers).
//
// Simplifications: one mark per coin stands for the whole book (marketable orders fill in full at
// the mark, resting limits fill at their price when the mark crosses them); margin is
// notional / leverage against the account value; no funding. All methods are thread-safe.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "infra/hyperliquid/endpoints.hpp"
#include "infra/hyperliquid/info_types.hpp"
#include "tests/fakes/https_server.hpp"

namespace smartcopy::fakes {

/// One order as the fake keeps it; `status` uses the exchange's words (open, filled, canceled,
/// triggered, iocCancelRejected, reduceOnlyCanceled).
struct fake_order {
  std::int64_t oid = 0;
  std::string account;
  std::string coin;
  bool is_buy = true;
  double limit_px = 0;
  double sz = 0;  // remaining
  double orig_sz = 0;
  bool reduce_only = false;
  std::string tif;  // "Gtc" / "Ioc" / "Alo"; empty for triggers
  bool is_trigger = false;
  double trigger_px = 0;
  bool trigger_is_market = true;
  std::string tpsl;  // "tp" / "sl" for triggers
  std::optional<std::string> cloid;
  std::string status;
  std::int64_t timestamp = 0;
  std::int64_t status_timestamp = 0;
};

struct fake_position {
  double szi = 0;  // signed
  double entry_px = 0;
};

class fake_hyperliquid {
 public:
  /// Starts serving at once; `net` decides which signing source ("a"/"b") signatures must use.
  explicit fake_hyperliquid(hyperliquid::network net = hyperliquid::network::mainnet);
  ~fake_hyperliquid();
  fake_hyperliquid(const fake_hyperliquid&) = delete;
  fake_hyperliquid& operator=(const fake_hyperliquid&) = delete;

  std::string base_url() const;
  std::string ca_file() const;

  // ---- scripting ----
  /// Appends a perp to the universe (its asset index is its position); BTC, ETH and SOL exist
  /// from the start with marks 60000, 3000 and 150.
  void add_asset(const std::string& coin, int sz_decimals, int max_leverage, double mark);
  /// Moves the mark: resting limits it crosses fill at their price, triggers it crosses fire and
  /// fill at the new mark.
  void set_mark(const std::string& coin, double px);
  /// Lets `signer` act for `account` (an API wallet); a master key is add_agent(addr, addr).
  void add_agent(const std::string& signer, const std::string& account);
  void set_account_value(const std::string& account, double usd);
  /// The next /exchange request is processed normally but answered `delay` late (beyond the
  /// client's timeout: the client cannot know whether it executed).
  void delay_next_exchange_reply(std::chrono::milliseconds delay);
  /// The next "order" action (entry, close or stop; not updateLeverage or cancel) is processed
  /// normally but answered `delay` late.
  void delay_next_order_reply(std::chrono::milliseconds delay);
  /// The next /exchange request is answered with `status`/`body` and not processed.
  void fail_next_exchange(int status, std::string body);
  /// candleSnapshot rows for (coin, interval); each answer holds at most `page_limit` of them.
  void set_candles(const std::vector<hyperliquid::candle>& candles, std::size_t page_limit = 500);
  /// After `ok` more candleSnapshot answers, the next `times` candleSnapshot requests get
  /// `status` with a plain-text body.
  void fail_candles_after(std::size_t ok, int status, int times = 1);
  /// The fake's clock (ms since the epoch) for order and fill times and expiresAfter checks.
  void set_clock(std::function<std::int64_t()> now_ms);

  // ---- inspection ----
  std::optional<fake_order> order_by_cloid(const std::string& account,
                                           const std::string& cloid) const;
  std::vector<fake_order> orders(const std::string& account) const;
  /// Orders the exchange accepted or rejected per order, over all accounts.
  std::size_t order_count() const;
  std::optional<fake_position> position(const std::string& account, const std::string& coin) const;
  /// (leverage, is_cross) last set by updateLeverage.
  std::optional<std::pair<int, bool>> leverage(const std::string& account,
                                               const std::string& coin) const;
  std::optional<std::int64_t> scheduled_cancel(const std::string& account) const;
  double account_value(const std::string& account) const;
  /// Signers recovered from /exchange requests, in arrival order (known or not).
  std::vector<std::string> recovered_signers() const;
  std::vector<recorded_request> requests() const;

 private:
  struct state;
  reply handle(const recorded_request& req);

  std::unique_ptr<state> state_;
  mutable std::mutex mutex_;
  std::unique_ptr<https_server> server_;
};

}  // namespace smartcopy::fakes
