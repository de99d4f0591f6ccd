#pragma once
// Runs the real smartcopy binary in a clean environment and captures its output.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

struct run_result {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

/// `env` is a string of NAME=value words placed before the command (no other variables are
/// inherited, so the developer's own NANSEN_API_KEY cannot leak into a test).
inline run_result run_smartcopy(const std::string& args, const std::string& env = "",
                                const std::string& cwd = ".") {
  const std::string command = "cd '" + cwd + "' && env -i PATH=/usr/bin:/bin " + env + " '" +
                              SMARTCOPY_BINARY + "' " + args + " 2>&1";
  run_result r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}
