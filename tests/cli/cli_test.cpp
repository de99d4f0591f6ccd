// SPEC §1, §2, §8 through the real binary: config show, exit codes, secrets, db migrate.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "infra/config/config_keys.hpp"
#include "infra/db/database.hpp"
#include "support/run_binary.hpp"
#include "support/temp_dir.hpp"

using namespace smartcopy;

namespace {

std::string line_of(const std::string& output, const std::string& key) {
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key + " ", 0) == 0) return line;
  return "";
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("config show lists every key with its value and source") {
  temp_dir dir;
  const auto r = run_smartcopy("config show", "", dir.path.string());
  REQUIRE(r.exit_code == 0);
  for (const auto& key : config_keys()) {
    CAPTURE(key.name);
    CHECK(line_of(r.output, key.name).find("# default") != std::string::npos);
  }
  CHECK(line_of(r.output, "entry.copy_delay_minutes").find("= 15 ") != std::string::npos);
}

TEST_CASE("environment names: SMARTCOPY_SECTION__KEY and the seed's bare names") {
  temp_dir dir;
  auto r = run_smartcopy("config show", "SMARTCOPY_ENTRY__COPY_DELAY_MINUTES=7", dir.path.string());
  CHECK(r.exit_code == 0);
  CHECK(line_of(r.output, "entry.copy_delay_minutes").find("= 7 ") != std::string::npos);
  CHECK(line_of(r.output, "entry.copy_delay_minutes")
            .find("env:SMARTCOPY_ENTRY__COPY_DELAY_MINUTES") != std::string::npos);
  r = run_smartcopy("config show", "COPY_DELAY_MINUTES=8", dir.path.string());
  CHECK(line_of(r.output, "entry.copy_delay_minutes").find("= 8 ") != std::string::npos);
  dir.write(".env", "COPY_DELAY_MINUTES=9\n");
  r = run_smartcopy("config show --set entry.copy_ratio=0.25", "", dir.path.string());
  CHECK(line_of(r.output, "entry.copy_delay_minutes").find("= 9 ") != std::string::npos);
  CHECK(line_of(r.output, "entry.copy_ratio").find("= 0.25 ") != std::string::npos);
}

TEST_CASE("configuration errors exit 2 and name the key") {
  temp_dir dir;
  const std::string unknown = dir.write("unknown.toml", "[entry]\ncopy_delay = 3\n");
  auto r = run_smartcopy("config show --config " + unknown, "", dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("entry.copy_delay") != std::string::npos);
  const std::string wrong = dir.write("wrong.toml", "[entry]\ncopy_ratio = \"x\"\n");
  r = run_smartcopy("config show --config " + wrong, "", dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("entry.copy_ratio") != std::string::npos);
  r = run_smartcopy("config show --set entry.max_leverage=500", "", dir.path.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("entry.max_leverage") != std::string::npos);
  CHECK(run_smartcopy("config show --config /no/such/file.toml").exit_code == 2);
  CHECK(run_smartcopy("no-such-command").exit_code == 2);
  CHECK(run_smartcopy("inspect close not-a-number").exit_code == 2);
  CHECK(run_smartcopy("--help").exit_code == 0);
  CHECK(run_smartcopy("--version").output.find("smartcopy ") == 0);
}

TEST_CASE("NANSEN_API_KEY never appears in any output") {
  temp_dir dir;
  const std::string env = "NANSEN_API_KEY=s3cr3t-value HYPERLIQUID_PRIVATE_KEY=0xdeadbeefcafe";
  for (const std::string args :
       {"config show", "config show --set entry.copy_ratio=7", "--help", "config show --set x=1",
        "config show --set nansen.api_key=s3cr3t-value"}) {
    CAPTURE(args);
    const auto r = run_smartcopy(args, env, dir.path.string());
    CHECK(r.output.find("s3cr3t-value") == std::string::npos);
    CHECK(r.output.find("deadbeefcafe") == std::string::npos);
  }
  const auto shown = run_smartcopy("config show", env, dir.path.string());
  CHECK(line_of(shown.output, "nansen.api_key").find("\"********\"") != std::string::npos);
}

TEST_CASE("db migrate: creates the schema, then is a no-op; refuses a non-database") {
  temp_dir dir;
  const std::string db = dir.file("t.db");
  auto r = run_smartcopy("db migrate --set db.url=sqlite:" + db, "", dir.path.string());
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("applied " + std::to_string(database::latest_version()) + " migration") !=
        std::string::npos);
  r = run_smartcopy("db migrate --set db.url=sqlite:" + db, "", dir.path.string());
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("up to date") != std::string::npos);

  std::string junk(1000, '\0');
  for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 131) % 256);
  const std::string bad = dir.write("random.db", junk);
  r = run_smartcopy("db migrate --set db.url=sqlite:" + bad, "", dir.path.string());
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("not an SQLite database") != std::string::npos);
  CHECK(read_bytes(bad) == junk);
}

TEST_CASE("the demo script (make demo) synthesizes a dataset and backtests it") {
  const std::string command = "cd '" + std::string(SMARTCOPY_SOURCE_DIR) +
                              "' && bash app/demo.sh '" + SMARTCOPY_BINARY + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
  CHECK(::pclose(pipe) == 0);
  CHECK(output.find("synthesized 30 traders") != std::string::npos);
  CHECK(output.find("report: ") != std::string::npos);
}

TEST_CASE("data synth writes a SPEC §9.1 dataset; the same seed writes the same files") {
  temp_dir dir;
  const std::string a = dir.file("a"), b = dir.file("b");
  const std::string args = " --seed 7 --traders 5 --days 2 --tokens 2 --interval 1h";
  auto r = run_smartcopy("data synth --out " + a + args, "", dir.path.string());
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(run_smartcopy("data synth --out " + b + args, "", dir.path.string()).exit_code == 0);
  for (const char* f : {"manifest.json", "leaderboard/7d.json", "leaderboard/30d.json",
                        "leaderboard/90d.json", "candles/BTC.jsonl", "candles/ETH.jsonl"}) {
    CAPTURE(f);
    const std::string first = read_bytes(a + "/" + f);
    CHECK_FALSE(first.empty());
    CHECK(first == read_bytes(b + "/" + f));
  }
  r = run_smartcopy("data synth --out " + a + " --interval 2m", "", dir.path.string());
  CHECK(r.exit_code == 2);  // not one of 1m|5m|15m|1h
}
