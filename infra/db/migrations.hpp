#pragma once
#include <string>
#include <vector>

namespace smartcopy {

/// One step of the schema's history. Never edit a released migration: add a new one.
struct migration {
  int version;
  std::string description;
  std::vector<std::string> statements;
};

/// Every migration, in version order (SPEC §8 tables and their indices).
const std::vector<migration>& schema_migrations();

}  // namespace smartcopy
