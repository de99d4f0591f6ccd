#pragma once
// What a parser kept and what it skipped, by reason (SPEC §11: a bad row is skipped with a
// counted reason, never a crash).
#include <cstddef>
#include <map>
#include <string>

namespace smartcopy::nansen {

struct parse_stats {
  std::size_t parsed = 0;
  std::size_t skipped = 0;
  std::map<std::string, std::size_t> skip_reasons;  // reason -> rows

  void skip(const std::string& reason) {
    ++skipped;
    ++skip_reasons[reason];
  }
  void merge(const parse_stats& other) {
    parsed += other.parsed;
    skipped += other.skipped;
    for (const auto& [reason, n] : other.skip_reasons) skip_reasons[reason] += n;
  }
};

}  // namespace smartcopy::nansen
