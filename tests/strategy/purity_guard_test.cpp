// ARCHITECTURE "strategy/: pure functions, no CAF, no I/O, no clock reads": every header and
// source below strategy/, and every project header they pull in (messages/ may one day declare
// CAF type IDs), is scanned for forbidden includes and clock reads.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {
// Include prefixes that would tie a rule to an actor system, the network, the database, logging,
// files or threads.
const std::vector<std::string> forbidden_prefixes{
    "caf/",    "boost/asio", "boost/beast", "asio",   "spdlog", "soci",
    "fstream", "iostream",   "filesystem",  "thread", "future"};

const std::vector<std::string> clock_reads{"system_clock::now", "steady_clock::now",
                                           "high_resolution_clock::now", "time(nullptr)"};

void scan(const fs::path& root, const fs::path& file, std::set<fs::path>& visited,
          std::vector<std::string>& found) {
  if (!visited.insert(fs::weakly_canonical(file)).second) return;
  std::ifstream in(file);
  static const std::regex include_line(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = file.string() + ":" + std::to_string(number) + ": ";
    for (const auto& c : clock_reads)
      if (line.find(c) != std::string::npos) found.push_back(where + "clock read " + c);
    std::smatch m;
    if (!std::regex_search(line, m, include_line)) continue;
    const std::string target = m[2];
    for (const auto& p : forbidden_prefixes)
      if (target.rfind(p, 0) == 0) found.push_back(where + "includes " + target);
    if (m[1] == "\"") {  // follow project headers: a forbidden include may hide one level down
      const fs::path local = root / target;
      const fs::path sibling = file.parent_path() / target;
      if (fs::exists(local))
        scan(root, local, visited, found);
      else if (fs::exists(sibling))
        scan(root, sibling, visited, found);
    }
  }
}

std::vector<std::string> violations(const fs::path& root) {
  std::vector<std::string> found;
  std::set<fs::path> visited;
  for (const auto& entry : fs::recursive_directory_iterator(root / "strategy")) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".hpp" || ext == ".cpp"))
      scan(root, entry.path(), visited, found);
  }
  return found;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}
}  // namespace

TEST_CASE("ARCHITECTURE: strategy/ includes nothing from CAF, Asio, Beast or I/O, reads no clock") {
  const fs::path root = SMARTCOPY_SOURCE_DIR;
  REQUIRE(fs::exists(root / "strategy" / "sizing.hpp"));
  const auto found = violations(root);
  INFO(joined(found));
  CHECK(found.empty());
}

TEST_CASE("the purity guard catches a forbidden include, also one level down, and a clock read") {
  const fs::path tmp = fs::temp_directory_path() / "smartcopy_purity_guard_selftest";
  fs::remove_all(tmp);
  fs::create_directories(tmp / "strategy");
  fs::create_directories(tmp / "messages");
  std::ofstream(tmp / "strategy" / "rule.hpp") << "#pragma once\n#include \"messages/x.hpp\"\n"
                                               << "#include <boost/beast/http.hpp>\n";
  std::ofstream(tmp / "strategy" / "rule.cpp") << "auto t = std::chrono::system_clock::now();\n";
  std::ofstream(tmp / "messages" / "x.hpp") << "#  include <caf/type_id.hpp>\n";
  const auto found = violations(tmp);
  fs::remove_all(tmp);
  INFO(joined(found));
  REQUIRE(found.size() == 3);
  const auto text = joined(found);
  CHECK(text.find("caf/type_id.hpp") != std::string::npos);
  CHECK(text.find("boost/beast/http.hpp") != std::string::npos);
  CHECK(text.find("system_clock::now") != std::string::npos);
}
