#pragma once
// SPEC §9.1-§9.2: what a backtest replays, built from a dataset directory's contents — the
// traders' data for replay_nansen_gateway and the mark path for replay_market_data.
#include <memory>

#include "actors/price_path.hpp"
#include "actors/trader_dataset.hpp"
#include "infra/dataset/dataset_dir.hpp"
#include "messages/side.hpp"

namespace smartcopy {

/// Leaderboards, every trader's rows (trades before the start are scoring history) and the
/// smart-money addresses; account values come from the leaderboard (SPEC §9.1).
std::shared_ptr<const trader_dataset> replay_traders(const dataset& data);

/// The marks of every token: each candle becomes four points — open at its start, then the
/// adverse and the favourable extreme at one and two thirds of it, close at its end (SPEC §9.2,
/// strategy::candle_price_path). One path serves every position, so it is pessimistic for
/// positions on `pessimistic_for`; a candle whose extremes do not bound it is skipped (counted
/// in `skipped`).
std::shared_ptr<const price_path> replay_prices(const dataset& data, side pessimistic_for,
                                                int* skipped = nullptr);

}  // namespace smartcopy
