#pragma once
// The JSON shapes `smartcopy inspect` shows (SPEC §10): one object per position, signal and
// trader, with the SPEC §8 column names.
#include <boost/json/value.hpp>

#include "messages/position.hpp"
#include "messages/signal.hpp"
#include "messages/trader.hpp"

namespace smartcopy {

boost::json::value to_json(const our_position& p);
boost::json::value to_json(const signal& s);
boost::json::value to_json(const trader_row& t);

}  // namespace smartcopy
