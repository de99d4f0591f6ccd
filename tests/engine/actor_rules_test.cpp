// ARCHITECTURE "No shared mutable state" / "Time", issue 6: no actor but the store touches the
// database, and no actor reads a wall or steady clock directly (time comes from
// actors/clock.hpp, so the deterministic scheduler drives it). Scans the sources of actors/.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct violation {
  std::string file;
  std::string rule;
};

std::vector<violation> scan(const fs::path& dir) {
  const std::regex database(R"(#include\s*[<"](soci/|infra/db/|sqlite3))");
  const std::regex clock_read(
      R"((system_clock|steady_clock|high_resolution_clock)\s*::\s*now|\bstd::time\s*\(|gettimeofday|clock_gettime|\btime\s*\(\s*(nullptr|NULL|0)\s*\))");
  std::vector<violation> found;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string body = text.str();
    const std::string name = entry.path().filename().string();
    if (std::regex_search(body, database) && name.rfind("store.", 0) != 0)
      found.push_back({name, "touches the database (only the store may)"});
    if (std::regex_search(body, clock_read))
      found.push_back({name, "reads a clock directly (use actors/clock.hpp)"});
  }
  return found;
}

}  // namespace

TEST_CASE("actors: only the store touches the database; nobody reads a clock directly") {
  const fs::path actors = fs::path(SMARTCOPY_SOURCE_DIR) / "actors";
  REQUIRE(fs::exists(actors / "store.cpp"));
  for (const auto& v : scan(actors)) FAIL_CHECK(v.file << ": " << v.rule);
}

TEST_CASE("the scan catches planted violations") {
  const fs::path dir = fs::temp_directory_path() / "smartcopy-actor-rules-test";
  fs::create_directories(dir);
  std::ofstream(dir / "store.cpp") << "#include <soci/soci.h>\n";  // allowed
  std::ofstream(dir / "position.cpp") << "#include \"infra/db/orders_table.hpp\"\n";
  std::ofstream(dir / "signal.cpp") << "auto t = std::chrono::system_clock::now();\n";
  std::ofstream(dir / "trader.hpp") << "auto t = std::chrono::steady_clock :: now();\n";
  const auto found = scan(dir);
  fs::remove_all(dir);
  REQUIRE(found.size() == 3);
}
