// SPEC §3 (scoring pass) and §4 steps 1-3 (trader actors), with the real store and the replay
// Nansen gateway on the deterministic scheduler: trades appear as simulated time passes.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "actors/replay_nansen_gateway.hpp"
#include "actors/scorer.hpp"
#include "actors/store.hpp"
#include "actors/trader.hpp"
#include "actors/trader_dataset.hpp"
#include "actors/trader_supervisor.hpp"
#include "infra/db/database.hpp"
#include "infra/db/signals_table.hpp"
#include "infra/db/traders_table.hpp"
#include "rp_doubles.hpp"
#include "support/deterministic_system.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;
using smartcopy::testing::deterministic_system;
using smartcopy::testing::state_of;

namespace {

const std::string trader_a = "0xaaaa000000000000000000000000000000000001";
const std::string trader_e = "0xeeee000000000000000000000000000000000005";

// Captures what trader actors hand to the signal supervisor.
struct signal_sink_state {
  static inline const char* name = "signal_sink";
  std::vector<signal> signals;
  std::vector<signal_context> contexts;
  std::vector<trader_row> tracked;
  int snapshots = 0;
};

signal_supervisor_actor::behavior_type signal_sink(
    signal_supervisor_actor::stateful_pointer<signal_sink_state> self) {
  return {
      [self](signal_atom, signal& s, signal_context& c) {
        self->state.signals.push_back(s);
        self->state.contexts.push_back(c);
      },
      [self](tracked_atom, std::vector<trader_row>& rows) { self->state.tracked = rows; },
      [self](save_atom, const trader_snapshot&) { ++self->state.snapshots; },
      [](consensus_atom, const std::string&, side) { return 0; },
      [](pause_atom) {},
      [](resume_atom) {},
      [](restart_atom, std::int64_t) {},
      [](shutdown_atom) { return true; },
      [](status_atom) { return std::string("{}"); },
  };
}

struct engine_bench {
  temp_dir dir;
  std::string db_path = dir.file("engine.db");
  deterministic_system d;
  std::shared_ptr<trader_dataset> data = std::make_shared<trader_dataset>();
  engine_handles h;

  explicit engine_bench(settings cfg = {}) : d(adjust(std::move(cfg), db_path)) {}

  static settings adjust(settings cfg, const std::string& db) {
    cfg.db.url = "sqlite:" + db;
    return cfg;
  }

  void start() {
    h.store = d.sys.spawn(store, d.context, d.context.config->db.url);
    h.nansen =
        d.sys.spawn(replay_nansen_gateway, d.context, std::shared_ptr<const trader_dataset>(data));
    h.signals = d.sys.spawn(signal_sink);
    d.run();
  }

  signal_sink_state& sink() { return state_of<signal_sink_state>(h.signals); }

  // Every stored evaluation by trade key (read beside the store; WAL allows it).
  std::map<std::string, signal> stored_signals() {
    database db("sqlite:" + db_path);
    std::map<std::string, signal> out;
    for (auto& s : signals_table(db.session()).recent(1000)) out[s.trade_key] = s;
    return out;
  }

  ~engine_bench() {
    d.self->send_exit(h.store, caf::exit_reason::user_shutdown);
    d.run();
  }
};

trader_row primary_row(const std::string& address, double account_value) {
  trader_row r;
  r.address = address;
  r.tier = trader_tier::primary;
  r.score = 0.7;
  r.roi_7d = 15;
  r.account_value = account_value;
  return r;
}

decision decision_of(const std::map<std::string, signal>& stored, const trade& row) {
  trade key_row = row;
  return stored.at(key_row.key()).outcome;
}

}  // namespace

TEST_CASE("SPEC §4 steps 1-3: a primary trader's new trades are evaluated once each") {
  engine_bench b;
  const utc_time t = b.d.now();
  auto& data = *b.data;
  data.set_account_value(trader_a, 400000);
  // BTC Open $60k → weight 0.15: passes steps 1-3, deferred to step 4.
  const trade open_btc =
      trade_row(trader_a, "BTC", trade_action::open, side::long_, 0.6, 100000, t + minutes(2));
  // ETH Open $10k: below the ETH minimum of $25k.
  const trade small_eth =
      trade_row(trader_a, "ETH", trade_action::open, side::long_, 4, 2500, t + minutes(3));
  const trade reduce_btc = trade_row(trader_a, "BTC", trade_action::reduce, side::long_, 0.1,
                                     100000, t + minutes(4), 0.6);
  // HYPE Open $50k (weight 0.125) then an Add of $8k: position weight 0.145 but trade weight
  // 0.02 < 0.05.
  const trade open_hype =
      trade_row(trader_a, "HYPE", trade_action::open, side::long_, 2000, 25, t + minutes(5));
  const trade add_hype =
      trade_row(trader_a, "HYPE", trade_action::add, side::long_, 320, 25, t + minutes(10), 2000);
  // SOL Open $12k: weight 0.03 < 0.10.
  const trade low_sol =
      trade_row(trader_a, "SOL", trade_action::open, side::short_, 100, 120, t + minutes(11));
  // Adds 1 h and 3 h after the BTC Open.
  const trade add_1h =
      trade_row(trader_a, "BTC", trade_action::add, side::long_, 0.6, 100000, t + minutes(62), 0.5);
  const trade add_3h = trade_row(trader_a, "BTC", trade_action::add, side::long_, 0.6, 100000,
                                 t + minutes(183), 1.1);
  // An Add of ETH Short without any Open of it.
  const trade orphan_add =
      trade_row(trader_a, "ETH", trade_action::add, side::short_, 20, 2500, t + minutes(12), 10);
  for (const auto& row :
       {open_btc, small_eth, reduce_btc, open_hype, add_hype, low_sol, add_1h, add_3h, orphan_add})
    data.add_trade(row);
  b.start();
  auto actor = b.d.sys.spawn(trader, b.d.context, primary_row(trader_a, 400000), b.h);
  b.d.run();
  b.d.advance_to(t + minutes(200));

  const auto stored = b.stored_signals();
  CHECK(stored.size() == 9);  // each trade once, although polls overlap by ten minutes
  CHECK(decision_of(stored, open_btc) == decision::deferred);
  CHECK(decision_of(stored, small_eth) == decision::skip_size_too_small);
  CHECK(decision_of(stored, reduce_btc) == decision::skip_action_type);
  CHECK(decision_of(stored, open_hype) == decision::deferred);
  CHECK(decision_of(stored, add_hype) == decision::skip_low_confidence);
  CHECK(decision_of(stored, low_sol) == decision::skip_low_weight);
  CHECK(decision_of(stored, add_1h) == decision::deferred);
  CHECK(decision_of(stored, add_3h) == decision::skip_add_too_old);
  CHECK(decision_of(stored, orphan_add) == decision::skip_add_no_open);

  const auto& btc = stored.at(trade(open_btc).key());
  CHECK(btc.position_weight == doctest::Approx(0.15));
  CHECK(btc.value_usd == doctest::Approx(60000));
  CHECK(*btc.due_at == t + minutes(17));  // trade time + copy_delay_minutes (15)
  CHECK(btc.trader_roi_7d == 15);

  // Only the deferred ones go on to the signal supervisor, with their sizing context.
  auto& sink = b.sink();
  REQUIRE(sink.signals.size() == 3);
  CHECK(sink.signals[0].token_symbol == "BTC");
  CHECK(sink.signals[0].id > 0);
  CHECK(sink.contexts[0].trader_account_value == 400000);
  CHECK(sink.contexts[0].trader_position_value == doctest::Approx(60000));
  CHECK(sink.snapshots > 0);
  b.d.self->send_exit(actor, caf::exit_reason::user_shutdown);
  b.d.run();
}

TEST_CASE("SPEC §4: after a restart the store's seen_trades keeps a trade from a second run") {
  engine_bench b;
  const utc_time t = b.d.now();
  b.data->set_account_value(trader_a, 400000);
  b.data->add_trade(
      trade_row(trader_a, "BTC", trade_action::open, side::long_, 0.6, 100000, t + minutes(2)));
  b.start();
  auto first = b.d.sys.spawn(trader, b.d.context, primary_row(trader_a, 400000), b.h);
  b.d.run();
  b.d.advance_to(t + minutes(6));
  b.d.self->send_exit(first, caf::exit_reason::kill);
  b.d.run();
  auto second = b.d.sys.spawn(trader, b.d.context, primary_row(trader_a, 400000), b.h);
  b.d.run();
  b.d.advance_to(t + minutes(12));
  CHECK(b.stored_signals().size() == 1);
  CHECK(b.sink().signals.size() == 1);
  b.d.self->send_exit(second, caf::exit_reason::user_shutdown);
  b.d.run();
}

namespace {

// A trader with `pairs` Open/Close round trips of BTC over the last 90 days: every third close
// loses $500, the others win $1000; each trade is $100k and held `hold` hours.
void add_history(trader_dataset& data, const std::string& address, utc_time now, int pairs,
                 double hold_hours) {
  const double step_hours = 88.0 * 24 / pairs;
  for (int i = 0; i < pairs; ++i) {
    const utc_time open_at = now - hours(24 * 89) + from_hours(i * step_hours);
    data.add_trade(trade_row(address, "BTC", trade_action::open, side::long_, 1, 100000, open_at));
    trade close = trade_row(address, "BTC", trade_action::close, side::long_, 1, 100000,
                            open_at + from_hours(hold_hours), 1);
    close.closed_pnl = i % 3 == 2 ? -500 : 1000;
    data.add_trade(close);
  }
}

}  // namespace

TEST_CASE("SPEC §3: a scoring pass ranks, filters and tiers the candidates and saves them") {
  settings cfg;
  cfg.selection.primary_count = 1;
  cfg.selection.secondary_count = 1;
  engine_bench b(cfg);
  const utc_time now = b.d.now();
  const std::string hft = "0xbbbb000000000000000000000000000000000002";
  const std::string small = "0xcccc000000000000000000000000000000000003";
  const std::string few = "0xdddd000000000000000000000000000000000004";
  auto& data = *b.data;
  add_history(data, trader_a, now, 60, 20);  // swing, 60 closes
  add_history(data, trader_e, now, 55, 30);  // swing, 55 closes
  add_history(data, hft, now, 300, 1);       // 600 trades: 6.8 a day held 1 h → HFT
  add_history(data, few, now, 30, 20);       // 30 closes < 50
  for (int w : {7, 30, 90}) {
    data.add_leaderboard_row(w, leaderboard_entry(trader_a, w == 90 ? 40 : 8, 500000));
    data.add_leaderboard_row(w, leaderboard_entry(trader_e, w == 90 ? 20 : 4, 300000));
    data.add_leaderboard_row(w, leaderboard_entry(hft, 30, 900000));
    data.add_leaderboard_row(w, leaderboard_entry(small, 50, 20000));
    data.add_leaderboard_row(w, leaderboard_entry(few, 25, 800000));
  }
  b.start();
  auto sc = b.d.sys.spawn(scorer, b.d.context, b.h.nansen, b.h.store);
  b.d.run();
  const auto rows = b.d.ask<std::vector<trader_row>>(sc, score_atom::value);

  std::map<std::string, trader_row> by_address;
  for (const auto& r : rows) by_address[r.address] = r;
  CHECK(by_address.count(small) == 0);  // below the account minimum: never fetched
  REQUIRE(by_address.count(trader_a) == 1);
  CHECK(rows.front().address == trader_a);
  CHECK(by_address[trader_a].tier == trader_tier::primary);
  CHECK(by_address[trader_e].tier == trader_tier::secondary);
  CHECK(by_address[hft].style == trader_style::hft);
  CHECK(by_address[hft].tier == trader_tier::untracked);
  CHECK(by_address[few].nof_trades == 30);
  CHECK(by_address[few].tier == trader_tier::untracked);
  CHECK(by_address[trader_a].nof_trades == 60);
  CHECK(by_address[trader_a].win_rate == doctest::Approx(40.0 / 60));
  CHECK(by_address[trader_a].style == trader_style::swing);
  CHECK(by_address[trader_a].score > by_address[trader_e].score);
  CHECK(by_address[trader_a].score > 0);

  database db("sqlite:" + b.db_path);
  traders_table traders(db.session());
  CHECK(traders.by_tier(trader_tier::primary).at(0).address == trader_a);
  CHECK(traders.all().size() == 4);
}

TEST_CASE("SPEC §10: a failed trader actor is restarted; the other keeps polling") {
  settings cfg;
  cfg.polling.address_trades_sec = 60;
  engine_bench b(cfg);
  const utc_time t = b.d.now();
  auto& data = *b.data;
  data.set_account_value(trader_a, 400000);
  data.set_account_value(trader_e, 400000);
  data.add_trade(
      trade_row(trader_a, "BTC", trade_action::open, side::long_, 0.6, 100000, t + minutes(10)));
  data.add_trade(
      trade_row(trader_e, "ETH", trade_action::open, side::long_, 20, 3000, t + minutes(10)));
  b.start();
  auto a = primary_row(trader_a, 400000);
  auto e = primary_row(trader_e, 400000);
  a.last_scored_at = e.last_scored_at = t;  // fresh: followed without a scoring pass
  restart_policy policy;
  policy.initial_backoff = seconds(2);
  auto sup =
      b.d.sys.spawn(trader_supervisor, b.d.context, b.h, std::vector<trader_row>{a, e}, policy);
  b.d.run();
  auto& st = state_of<trader_supervisor_state>(sup);
  REQUIRE(st.children.size() == 2);
  CHECK(b.sink().tracked.size() == 2);

  b.d.advance_to(t + minutes(1));
  auto victim = st.children.at(trader_a);
  b.d.self->send_exit(victim, caf::exit_reason::kill);
  b.d.run();
  CHECK(st.children.count(trader_a) == 0);  // down, waiting for its backoff
  b.d.advance(seconds(3));
  REQUIRE(st.children.count(trader_a) == 1);
  CHECK(st.children.at(trader_a) != victim);
  CHECK(st.restarts.restarts() == 1);
  const auto status = boost::json::parse(b.d.ask<std::string>(sup, status_atom::value));
  CHECK(status.at("restarts").as_int64() == 1);
  // The scorer and the two traders, each with its mailbox size (SPEC §10 inspect actors).
  const auto& children = status.at("children").as_array();
  REQUIRE(children.size() == 3);
  CHECK(children[0].at("name").as_string() == "scorer");
  for (const auto& c : children) CHECK(c.at("mailbox").as_int64() == 0);
  CHECK(children[1].at("tier").as_string() == "primary");

  // Both traders' later trades are picked up: the restarted one and the one never touched.
  b.d.advance_to(t + minutes(13));
  const auto stored = b.stored_signals();
  CHECK(stored.size() == 2);
  CHECK(b.sink().signals.size() == 2);
  b.d.self->send_exit(sup, caf::exit_reason::user_shutdown);
  b.d.run();
}
