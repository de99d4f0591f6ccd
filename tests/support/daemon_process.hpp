#pragma once
// The real smartcopy binary started in the background (fork/exec, clean environment, output to a
// file), for the daemon's end-to-end tests: kill -9, SIGTERM with a bound, restart.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

/// Polls `done` every 50 ms until it holds or `timeout` passes; answers the last result.
inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

class daemon_process {
 public:
  /// `args`: whitespace-separated arguments (no quoting); `env`: NAME=value entries, the only
  /// environment the daemon sees; output (stdout and stderr) is appended to `log_file`.
  daemon_process(const std::string& args, std::vector<std::string> env, const std::string& log_file,
                 const std::string& cwd) {
    std::vector<std::string> argv{SMARTCOPY_BINARY};
    std::istringstream words(args);
    for (std::string w; words >> w;) argv.push_back(w);
    env.push_back("PATH=/usr/bin:/bin");
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      if (::chdir(cwd.c_str()) != 0) std::_Exit(127);
      std::vector<char*> a, e;
      for (auto& s : argv) a.push_back(s.data());
      for (auto& s : env) e.push_back(s.data());
      a.push_back(nullptr);
      e.push_back(nullptr);
      ::execve(a[0], a.data(), e.data());
      std::_Exit(127);
    }
  }
  ~daemon_process() {
    if (running()) kill_hard();
  }
  daemon_process(const daemon_process&) = delete;
  daemon_process& operator=(const daemon_process&) = delete;

  bool running() {
    if (exited_) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) record(status);
    return !exited_;
  }
  /// kill -9: the daemon gets no chance to clean up.
  void kill_hard() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    record(status);
  }
  /// Sends `sig` and waits up to `bound` for the exit; the exit code, or -1 when still running
  /// (then killed) or ended by a signal.
  int stop(int sig, std::chrono::milliseconds bound) {
    ::kill(pid_, sig);
    if (!eventually([this] { return !running(); }, bound)) {
      kill_hard();
      return -1;
    }
    return exit_code_;
  }
  int exit_code() const { return exit_code_; }

 private:
  void record(int status) {
    exited_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_code_ = -1;
};
