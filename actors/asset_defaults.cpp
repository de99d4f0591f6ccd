#include "actors/asset_defaults.hpp"

#include <map>

namespace smartcopy {
namespace {

struct asset_params {
  int sz_decimals;
  int max_leverage;
};

constexpr asset_params other_token{2, 10};

const std::map<std::string, asset_params>& known_assets() {
  static const std::map<std::string, asset_params> table{
      {"BTC", {5, 40}}, {"ETH", {4, 25}}, {"SOL", {2, 20}}, {"HYPE", {2, 10}}};
  return table;
}

asset_params params_of(const std::string& token) {
  const auto it = known_assets().find(token);
  return it == known_assets().end() ? other_token : it->second;
}

}  // namespace

int default_sz_decimals(const std::string& token) {
  return params_of(token).sz_decimals;
}

int default_max_leverage(const std::string& token) {
  return params_of(token).max_leverage;
}

}  // namespace smartcopy
