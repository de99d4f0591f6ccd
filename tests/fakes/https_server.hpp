#pragma once
// A local HTTPS/1.1 server for tests: 127.0.0.1, ephemeral port, a throwaway self-signed
// certificate (test_certificate.hpp), one thread per connection, keep-alive. Every request is
// recorded with its arrival time so tests can assert spacing (rate limits) without sleeping.
// Replies can be scripted to be late, truncated, dropped or chunked to exercise clients.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace smartcopy::fakes {

struct recorded_request {
  std::string method, target, body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::steady_clock::time_point arrived;

  /// First header of that name, case-insensitive.
  std::optional<std::string> header(std::string_view name) const;
};

struct reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds delay{0};  // answer late (timeouts)
  bool truncate = false;               // send headers + half the body, then close
  bool drop_connection = false;        // read the request, close without answering
  bool chunked = false;                // Transfer-Encoding: chunked instead of Content-Length
  bool close_after = false;            // close the keep-alive connection after answering
};

using handler = std::function<reply(const recorded_request&)>;

class https_server {
 public:
  explicit https_server(handler h);  // 127.0.0.1, ephemeral port, own thread(s)
  ~https_server();
  https_server(const https_server&) = delete;
  https_server& operator=(const https_server&) = delete;

  std::uint16_t port() const;
  std::string base_url() const;  // https://127.0.0.1:<port>
  std::string ca_file() const;   // PEM path of the throwaway certificate to trust
  std::vector<recorded_request> requests() const;
  void set_handler(handler h);

  /// Blocks until at least `n` connections were closed by the server side (or the timeout
  /// passed); true when reached. Lets tests wait for an event instead of sleeping.
  bool wait_closed_connections(std::size_t n, std::chrono::milliseconds timeout) const;
  /// Connections accepted so far (TLS handshake attempted).
  std::size_t connections_accepted() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace smartcopy::fakes
