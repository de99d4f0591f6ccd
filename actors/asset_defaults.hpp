#pragma once
// Hyperliquid asset parameters for paper and sim, which never load `meta` (SPEC §6 needs
// szDecimals and maxLeverage before any order). Values of the live exchange for the common
// tokens; every other token gets szDecimals 2 and maxLeverage 10. entry.max_leverage (5 by
// default) is below every cap here, so the table rarely binds.
//   BTC: szDecimals 5, maxLeverage 40    ETH: 4, 25    SOL: 2, 20    HYPE: 2, 10
#include <string>

namespace smartcopy {

int default_sz_decimals(const std::string& token);
int default_max_leverage(const std::string& token);

}  // namespace smartcopy
