#include "actors/scorer.hpp"

#include <algorithm>
#include <set>

#include "actors/mailbox_probe.hpp"
#include "infra/log/logging.hpp"
#include "strategy/trader_score.hpp"
#include "strategy/trader_selection.hpp"

namespace smartcopy {
namespace {

using self_ptr = scorer_actor::stateful_pointer<scorer_state>;
using rows = std::vector<trader_row>;

// One pass in flight: what has been fetched so far and where the answer goes.
struct scoring_pass {
  caf::typed_response_promise<rows> promise;
  utc_time now{};
  std::vector<leaderboard_row> windows[3];
  std::set<std::string> smart_money;
  rows candidates;  // merged rows worth fetching trades for
  rows scored;
};

class pass_runner {
 public:
  pass_runner(self_ptr self, engine_context ctx, nansen_gateway_actor nansen, store_actor store)
      : self_(self),
        ctx_(std::move(ctx)),
        nansen_(nansen),
        store_(store),
        log_(named_logger("scorer", self->id())) {}

  void start(std::shared_ptr<scoring_pass> pass) { fetch_window(std::move(pass), 0); }

 private:
  static constexpr int window_days[3] = {7, 30, 90};

  void fail(const std::shared_ptr<scoring_pass>& pass, const caf::error& e) {
    log_->error("scoring pass failed: {}", self_->system().render(e));
    pass->promise.deliver(e);
  }

  void fetch_window(std::shared_ptr<scoring_pass> pass, int i) {
    if (i == 3) return fetch_smart_money(std::move(pass));
    self_->request(nansen_, caf::infinite, leaderboard_atom::value, window_days[i])
        .then(
            [this, pass, i](std::vector<leaderboard_row>& r) {
              pass->windows[i] = std::move(r);
              fetch_window(pass, i + 1);
            },
            [this, pass](caf::error& e) { fail(pass, e); });
  }

  void fetch_smart_money(std::shared_ptr<scoring_pass> pass) {
    self_->request(nansen_, caf::infinite, smart_money_atom::value)
        .then(
            [this, pass](std::vector<std::string>& addresses) {
              pass->smart_money.insert(addresses.begin(), addresses.end());
              load_blacklists(pass);
            },
            // The feed only adds a bonus: scoring goes on without it.
            [this, pass](caf::error& e) {
              log_->warn("smart-money feed unavailable, scoring without it: {}",
                         self_->system().render(e));
              load_blacklists(pass);
            });
  }

  void load_blacklists(std::shared_ptr<scoring_pass> pass) {
    self_->request(store_, caf::infinite, load_atom::value)
        .then(
            [this, pass](persisted_state& state) {
              std::map<std::string, utc_time> blacklist;
              for (const auto& t : state.traders)
                if (t.blacklisted_until) blacklist[t.address] = *t.blacklisted_until;
              select_candidates(pass, blacklist);
            },
            [this, pass](caf::error& e) { fail(pass, e); });
  }

  void select_candidates(const std::shared_ptr<scoring_pass>& pass,
                         const std::map<std::string, utc_time>& blacklist) {
    const auto& selection = ctx_.config->selection;
    for (auto row :
         strategy::merge_leaderboards(pass->windows[0], pass->windows[1], pass->windows[2])) {
      if (auto it = blacklist.find(row.address); it != blacklist.end())
        row.blacklisted_until = it->second;
      if (strategy::worth_scoring(row, selection, pass->now))
        pass->candidates.push_back(std::move(row));
    }
    log_->info("scoring {} candidates", pass->candidates.size());
    score_candidate(pass, 0);
  }

  void score_candidate(std::shared_ptr<scoring_pass> pass, std::size_t i) {
    if (i == pass->candidates.size()) return finish(std::move(pass));
    const auto address = pass->candidates[i].address;
    self_->request(nansen_, caf::infinite, trades_atom::value, address, pass->now - hours(24 * 90))
        .then(
            [this, pass, i, address](std::vector<trade>& trades) {
              self_->request(nansen_, caf::infinite, positions_atom::value, address)
                  .then(
                      [this, pass, i, trades](trader_snapshot& snapshot) {
                        score_one(*pass, pass->candidates[i], trades, snapshot);
                        score_candidate(pass, i + 1);
                      },
                      [this, pass, i](caf::error& e) { skip(pass, i, e); });
            },
            [this, pass, i](caf::error& e) { skip(pass, i, e); });
  }

  // One trader's data could not be fetched: it is left out of this pass, not the whole pass.
  void skip(std::shared_ptr<scoring_pass> pass, std::size_t i, const caf::error& e) {
    log_->warn("trader {} left out of this pass: {}", pass->candidates[i].address,
               self_->system().render(e));
    score_candidate(std::move(pass), i + 1);
  }

  void score_one(scoring_pass& pass, const trader_row& merged, const std::vector<trade>& trades,
                 const trader_snapshot& snapshot) {
    const auto& selection = ctx_.config->selection;
    const bool in_feed = pass.smart_money.count(merged.address) > 0;
    const auto profile =
        strategy::build_trader_profile(merged, trades, snapshot.positions, in_feed, pass.now);
    if (!profile) {
      log_->warn("trader {} not scored: {}", merged.address, profile.error());
      return;
    }
    trader_row row = profile->row;
    if (snapshot.account_value > 0) row.account_value = snapshot.account_value;
    const auto score = strategy::compute_trader_score(*profile, selection, pass.now);
    row.score = score ? score->score : 0;
    row.last_scored_at = pass.now;
    log_->debug("trader {} style={} trades={} win_rate={:.3f} score={:.4f}", row.address,
                to_string(row.style), row.nof_trades, row.win_rate, row.score);
    pass.scored.push_back(std::move(row));
  }

  void finish(std::shared_ptr<scoring_pass> pass) {
    const auto& selection = ctx_.config->selection;
    rows eligible;
    rows rest;
    for (auto& row : pass->scored) {
      const auto check = strategy::passes_selection_filter(row, selection, pass->now);
      row.tier = trader_tier::untracked;
      if (check.eligible) {
        eligible.push_back(row);
      } else {
        row.exclusion = check.reason;
        rest.push_back(row), log_->debug("trader {} not selected: {}", row.address, check.reason);
      }
    }
    rows ranked = strategy::assign_tiers(std::move(eligible), selection);
    ranked.insert(ranked.end(), rest.begin(), rest.end());
    self_->request(store_, caf::infinite, save_atom::value, ranked)
        .then(
            [this, pass, ranked](bool) {
              const auto primary = std::count_if(ranked.begin(), ranked.end(), [](const auto& r) {
                return r.tier == trader_tier::primary;
              });
              log_->info("scoring pass done: {} scored, {} primary", ranked.size(), primary);
              pass->promise.deliver(ranked);
            },
            [this, pass](caf::error& e) { fail(pass, e); });
  }

  self_ptr self_;
  engine_context ctx_;
  nansen_gateway_actor nansen_;
  store_actor store_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace

scorer_actor::behavior_type scorer(self_ptr self, engine_context ctx, nansen_gateway_actor nansen,
                                   store_actor store) {
  // The runner lives as long as the behavior; passes hold only their own data.
  auto runner = std::make_shared<pass_runner>(self, ctx, nansen, store);
  answer_mailbox_probes(self);
  return {
      [self, ctx, runner](score_atom) -> caf::result<rows> {
        auto pass = std::make_shared<scoring_pass>();
        pass->promise = self->make_response_promise<rows>();
        pass->now = now(self, ctx.anchor);
        runner->start(pass);
        return pass->promise;
      },
  };
}

}  // namespace smartcopy
