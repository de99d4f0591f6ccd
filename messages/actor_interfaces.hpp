#pragma once
// The engine's CAF vocabulary in one place (ARCHITECTURE "Conventions"): atoms and the typed
// interface of every actor kind, in CAF 0.17 syntax. Only actors/ and app/ include this file;
// strategy/ and infra/ never see CAF.
//
// Message payloads are the plain structs of messages/*.hpp. They stay inside one process, so
// they are declared CAF_ALLOW_UNSAFE_MESSAGE_TYPE (no serializer); what crosses the middleman
// for `smartcopy inspect` is JSON text (std::string), which needs none.
#include <caf/all.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "messages/engine_types.hpp"

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::trade)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<smartcopy::trade>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::trader_snapshot)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::leaderboard_row)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<smartcopy::leaderboard_row>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::trader_row)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<smartcopy::trader_row>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::signal)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<smartcopy::signal>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::signal_context)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::order)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::our_position)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<smartcopy::our_position>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::reservation_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::reservation_result)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::entry_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::entry_result)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::close_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::close_result)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::stop_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::stop_result)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::account_snapshot)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::persisted_state)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::side)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::close_reason)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(smartcopy::utc_time)

namespace smartcopy {

// -- atoms (at most 10 characters) ------------------------------------------------------------

using tick_atom = caf::atom_constant<caf::atom("tick")>;
using poll_atom = caf::atom_constant<caf::atom("poll")>;
using leaderboard_atom = caf::atom_constant<caf::atom("leaderbd")>;
using trades_atom = caf::atom_constant<caf::atom("trades")>;
using positions_atom = caf::atom_constant<caf::atom("positions")>;
using smart_money_atom = caf::atom_constant<caf::atom("smartmoney")>;
using mark_atom = caf::atom_constant<caf::atom("mark")>;
using subscribe_atom = caf::atom_constant<caf::atom("subscribe")>;
using unsubscribe_atom = caf::atom_constant<caf::atom("unsub")>;
using execute_atom = caf::atom_constant<caf::atom("execute")>;
using close_atom = caf::atom_constant<caf::atom("close")>;
using stop_atom = caf::atom_constant<caf::atom("stop")>;
using account_atom = caf::atom_constant<caf::atom("account")>;
using reserve_atom = caf::atom_constant<caf::atom("reserve")>;
using release_atom = caf::atom_constant<caf::atom("release")>;
using opened_atom = caf::atom_constant<caf::atom("opened")>;
using changed_atom = caf::atom_constant<caf::atom("changed")>;
using equity_atom = caf::atom_constant<caf::atom("equity")>;
using record_atom = caf::atom_constant<caf::atom("record")>;
using save_atom = caf::atom_constant<caf::atom("save")>;
using load_atom = caf::atom_constant<caf::atom("load")>;
using event_atom = caf::atom_constant<caf::atom("event")>;
using blacklist_atom = caf::atom_constant<caf::atom("blacklist")>;
using opens_atom = caf::atom_constant<caf::atom("opens")>;
using tracked_atom = caf::atom_constant<caf::atom("tracked")>;
using signal_atom = caf::atom_constant<caf::atom("signal")>;
using consensus_atom = caf::atom_constant<caf::atom("consensus")>;
using open_atom = caf::atom_constant<caf::atom("open")>;
using list_atom = caf::atom_constant<caf::atom("list")>;
using score_atom = caf::atom_constant<caf::atom("score")>;
using pause_atom = caf::atom_constant<caf::atom("pause")>;
using resume_atom = caf::atom_constant<caf::atom("resume")>;
using restart_atom = caf::atom_constant<caf::atom("restart")>;
using status_atom = caf::atom_constant<caf::atom("status")>;
using expire_atom = caf::atom_constant<caf::atom("expire")>;
using resolve_atom = caf::atom_constant<caf::atom("resolve")>;
using shutdown_atom = caf::atom_constant<caf::atom("shutdown")>;
using inspect_atom = caf::atom_constant<caf::atom("inspect")>;

// -- interfaces -------------------------------------------------------------------------------

/// position.<id>: SPEC §7 for one open position.
using position_actor = caf::typed_actor<
    // A mark price update (from market_data) for the position's token.
    caf::reacts_to<mark_atom, std::string, double>,
    // The monitor tick (polling.monitor_sec): time stop even without price updates.
    caf::reacts_to<tick_atom>,
    // Time to refresh the source trader's positions (SPEC §7 step 6, every
    // polling.positions_sec). The position asks the Nansen gateway itself, because its trader
    // may have left the tracked set and have no trader actor any more.
    caf::reacts_to<poll_atom, positions_atom>,
    // Scale in (SPEC §4 step 8 [decision]: the same trader's Add on the same side): the fill
    // described by the argument joins this position; answers the merged position.
    caf::replies_to<open_atom, our_position>::with<our_position>,
    // Close now (operator or shutdown); answers whether the position is closed.
    caf::replies_to<close_atom, close_reason>::with<bool>,
    // The position's current state.
    caf::replies_to<list_atom>::with<our_position>>;

/// store: the only holder of a database session (SPEC §8).
using store_actor = caf::typed_actor<
    // A new trade's first evaluation with its seen_trades key, atomically; 0 = already seen.
    caf::replies_to<record_atom, signal, utc_time>::with<std::int64_t>,
    // Insert (id 0) or rewrite a signal; answers its id.
    caf::replies_to<save_atom, signal>::with<std::int64_t>,
    // Insert (id 0) or rewrite a position; answers its id.
    caf::replies_to<save_atom, our_position>::with<std::int64_t>,
    // Insert or update an order row (by cloid); answers true when stored.
    caf::replies_to<save_atom, order>::with<bool>,
    // Replace the traders table rows of a scoring pass.
    caf::replies_to<save_atom, std::vector<trader_row>>::with<bool>,
    // A trader's latest positions.
    caf::replies_to<save_atom, trader_snapshot>::with<bool>,
    caf::replies_to<blacklist_atom, std::string, utc_time>::with<bool>,
    // The trader's Open signals on token/side since a time (the Add look-up of step 1).
    caf::replies_to<opens_atom, std::string, std::string, side,
                    utc_time>::with<std::vector<signal>>,
    // Append to the audit log: time, kind, subject, detail.
    caf::reacts_to<event_atom, utc_time, std::string, std::string, std::string>,
    caf::replies_to<load_atom>::with<persisted_state>,
    // The newest signals, newest first (for `smartcopy inspect signals`).
    caf::replies_to<list_atom, int>::with<std::vector<signal>>>;

/// nansen_gateway: every Nansen call (live: HTTPS; backtest: the dataset as of "now").
using nansen_gateway_actor = caf::typed_actor<
    // Leaderboard for the window of N days ending now.
    caf::replies_to<leaderboard_atom, int>::with<std::vector<leaderboard_row>>,
    // A trader's trades (aggregated per SPEC §4) from a time until now, newest first.
    caf::replies_to<trades_atom, std::string, utc_time>::with<std::vector<trade>>,
    caf::replies_to<positions_atom, std::string>::with<trader_snapshot>,
    // Addresses seen in the smart-money perp-trades feed.
    caf::replies_to<smart_money_atom>::with<std::vector<std::string>>>;

/// market_data: mark prices, pushed to subscribed positions, asked by signals and gateways.
using market_data_actor =
    caf::typed_actor<caf::reacts_to<subscribe_atom, std::string, position_actor>,
                     caf::reacts_to<unsubscribe_atom, std::string, position_actor>,
                     caf::replies_to<mark_atom, std::string>::with<double>,
                     caf::reacts_to<tick_atom>>;

/// exchange_gateway: live | paper | sim behind one interface (SPEC §6).
using exchange_gateway_actor =
    caf::typed_actor<caf::replies_to<execute_atom, entry_request>::with<entry_result>,
                     caf::replies_to<close_atom, close_request>::with<close_result>,
                     caf::replies_to<stop_atom, stop_request>::with<stop_result>,
                     caf::replies_to<account_atom>::with<account_snapshot>,
                     // SPEC §8 reconciliation: what became of an order row left unresolved by
                     // a crash, asked by cloid (never re-sent); answers the updated row.
                     caf::replies_to<resolve_atom, order>::with<order>>;

/// risk_guard: our book (SPEC §4 step 8-9).
using risk_guard_actor = caf::typed_actor<
    caf::replies_to<reserve_atom, reservation_request>::with<reservation_result>,
    // An entry that did not fill: its reservation is released.
    caf::reacts_to<release_atom, std::int64_t>,
    // A reservation became a position (its actual notional replaces the reserved size).
    caf::reacts_to<opened_atom, std::int64_t, our_position>,
    // A position changed size or closed (realized PnL moves equity).
    caf::reacts_to<changed_atom, our_position>,
    // A position restored at start.
    caf::reacts_to<open_atom, our_position>, caf::reacts_to<expire_atom, std::int64_t>,
    // A trader blacklisted until a time (SPEC §7 step 6): its reservations are refused with
    // SKIP_BLACKLISTED. The guard persists it through the store.
    caf::reacts_to<blacklist_atom, std::string, utc_time>,
    caf::replies_to<equity_atom>::with<double>>;

/// trader.<address>: polls one trader's trades and positions, runs steps 1-3.
using trader_actor = caf::typed_actor<caf::reacts_to<poll_atom, trades_atom>,
                                      caf::reacts_to<poll_atom, positions_atom>,
                                      caf::replies_to<list_atom>::with<trader_snapshot>>;

/// signal.<id>: steps 4-9 of one signal.
using signal_actor =
    caf::typed_actor<caf::reacts_to<tick_atom>,
                     // The operator's pause/resume, forwarded by the signal supervisor: a signal
                     // that reaches execution while paused is recorded SKIP_PAUSED.
                     caf::reacts_to<pause_atom>, caf::reacts_to<resume_atom>,
                     // Shutdown: a signal that has not sent its entry ends at once (its row
                     // stays DEFERRED); one whose entry is out finishes recording its outcome.
                     caf::reacts_to<shutdown_atom>>;

/// position_supervisor: spawns and supervises position actors.
using position_supervisor_actor = caf::typed_actor<
    // A filled entry: persist and spawn position.<id>, or scale into the position already held
    // in that token; answers the position as now managed (with its id).
    caf::replies_to<open_atom, our_position, std::int64_t>::with<our_position>,
    // Close a position (operator); answers whether it closed.
    caf::replies_to<close_atom, std::int64_t>::with<bool>,
    caf::replies_to<list_atom>::with<std::vector<our_position>>,
    caf::reacts_to<restart_atom, std::int64_t>,
    // Children, their mailboxes and restarts as JSON text (for `smartcopy inspect actors`).
    caf::replies_to<status_atom>::with<std::string>>;

/// signal_supervisor: spawns a signal actor per signal past step 3 and keeps what step 7 needs
/// (the tracked set and each tracked trader's latest snapshot).
using signal_supervisor_actor = caf::typed_actor<
    // A persisted signal past step 3 (DEFERRED, or ready now) with its sizing context.
    caf::reacts_to<signal_atom, signal, signal_context>,
    // The tracked set of a scoring pass (primary and secondary tiers).
    caf::reacts_to<tracked_atom, std::vector<trader_row>>,
    // A tracked trader's latest snapshot.
    caf::reacts_to<save_atom, trader_snapshot>,
    // How many tracked traders hold the token on the side (step 7).
    caf::replies_to<consensus_atom, std::string, side>::with<int>,
    // Operator pause/resume of new entries (SKIP_PAUSED while paused).
    caf::reacts_to<pause_atom>, caf::reacts_to<resume_atom>,
    caf::reacts_to<restart_atom, std::int64_t>,
    // Shutdown (SPEC §10): signals that have not sent their entry stop where they are (still
    // DEFERRED in the database, resumed at the next start); answers once those that did have
    // their outcome recorded.
    caf::replies_to<shutdown_atom>::with<bool>,
    // Children, their mailboxes and restarts as JSON text (for `smartcopy inspect actors`).
    caf::replies_to<status_atom>::with<std::string>>;

/// scorer: one scoring pass of SPEC §3 (leaderboards → scores → tiers), answering every scored
/// candidate ranked (tiers set) after the store has saved them.
using scorer_actor = caf::typed_actor<caf::replies_to<score_atom>::with<std::vector<trader_row>>>;

/// trader_supervisor: the scorer and one trader actor per tracked trader.
using trader_supervisor_actor = caf::typed_actor<
    // Run a scoring pass now (also every polling.leaderboard_sec); answers the ranked rows.
    caf::replies_to<score_atom>::with<std::vector<trader_row>>,
    // Follow this tracked set (restored at start, or a scoring pass's primary/secondary rows).
    caf::reacts_to<tracked_atom, std::vector<trader_row>>,
    // The periodic scoring pass (every polling.leaderboard_sec).
    caf::reacts_to<tick_atom>,
    // Restart a failed trader actor after its backoff.
    caf::reacts_to<restart_atom, std::string>,
    // Children and restarts as JSON text (for `smartcopy inspect actors`).
    caf::replies_to<status_atom>::with<std::string>>;

/// What the root publishes through the middleman for `smartcopy inspect` (SPEC §10): a command
/// ("status", "actors", "traders", "positions", "signals", "pause", "resume", "close",
/// "log-level") with its arguments, answered as JSON text. Only serializable types cross.
using inspect_actor = caf::typed_actor<
    caf::replies_to<inspect_atom, std::string, std::vector<std::string>>::with<std::string>>;

/// root_supervisor: spawns and watches the whole tree; what `smartcopy inspect` talks to.
using root_supervisor_actor = caf::typed_actor<
    caf::replies_to<status_atom>::with<std::string>,
    caf::replies_to<score_atom>::with<std::vector<trader_row>>,
    caf::replies_to<list_atom>::with<std::vector<our_position>>,
    caf::replies_to<close_atom, std::int64_t>::with<bool>, caf::reacts_to<pause_atom>,
    caf::reacts_to<resume_atom>,
    // Graceful shutdown (SPEC §10): no new entries, traders stop polling,
    // entries in flight get their outcome; answers when drained.
    caf::replies_to<shutdown_atom>::with<bool>,
    caf::replies_to<inspect_atom, std::string, std::vector<std::string>>::with<std::string>>;

}  // namespace smartcopy
