#pragma once
// The positions subscribed to each token's mark, as kept by both market data actors (live and
// replay). Owned by one actor; it monitors what `add` accepts and calls `drop` on their DOWN.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "messages/actor_interfaces.hpp"

namespace smartcopy {

class mark_subscribers {
 public:
  using table = std::map<std::string, std::vector<position_actor>>;

  /// Subscribes `who` to `token`; false when it already is (nothing changes then).
  bool add(const std::string& token, const position_actor& who) {
    auto& subs = by_token_[token];
    if (std::find(subs.begin(), subs.end(), who) != subs.end()) return false;
    subs.push_back(who);
    return true;
  }

  void remove(const std::string& token, const caf::actor_addr& who) {
    auto& subs = by_token_[token];
    subs.erase(std::remove_if(subs.begin(), subs.end(),
                              [&](const position_actor& s) { return s.address() == who; }),
               subs.end());
  }

  /// Forgets a terminated subscriber everywhere.
  void drop(const caf::actor_addr& who) {
    for (auto& entry : by_token_) remove(entry.first, who);
  }

  const table& by_token() const { return by_token_; }

 private:
  table by_token_;
};

}  // namespace smartcopy
