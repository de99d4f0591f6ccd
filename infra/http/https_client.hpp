#pragma once
// A small synchronous HTTPS/1.1 client (Boost.Beast + OpenSSL) for the Nansen and Hyperliquid
// REST APIs (ARCHITECTURE: infra talks to the outside world; actors call it from detached
// threads, so blocking is fine).
//
// Thread-safety: an https_client is NOT thread-safe. Use one instance per thread / detached
// actor; distinct instances share nothing and may run concurrently.
//
// Connections: one keep-alive TLS connection per host:port is kept open between calls. Before a
// kept connection is reused it is checked for a close by the server; a closed one is replaced
// silently. A request is re-sent on a fresh connection only when nothing of it was sent on the
// old one, so a POST is never delivered twice by this class.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smartcopy::http {

struct request {
  std::string method = "POST";
  std::string url;  // "https://host[:port]/path[?query]"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  /// First header of that name, compared case-insensitively (RFC 9110 §5.1).
  std::optional<std::string> header(std::string_view name) const;
};

struct client_options {
  std::chrono::milliseconds connect_timeout{10'000};  // resolve-free TCP connect + TLS handshake
  std::chrono::milliseconds read_timeout{30'000};     // longest silence while reading the answer
  std::chrono::milliseconds total_timeout{60'000};    // whole send(), reconnects included
  std::size_t max_response_bytes = 32 * 1024 * 1024;  // body limit
  std::string ca_file;  // extra trusted CA PEM; the system store is always used
};

enum class error_kind { bad_url, resolve, connect, tls, timeout, io, too_large, protocol };

const char* to_string(error_kind kind);

class transport_error : public std::runtime_error {
 public:
  transport_error(error_kind kind, bool request_sent, const std::string& message);

  error_kind kind() const { return kind_; }
  /// True when the request may have reached the server: the caller must treat the outcome as
  /// unknown (ambiguous), e.g. an order may or may not have been placed.
  bool request_sent() const { return request_sent_; }

 private:
  error_kind kind_;
  bool request_sent_;
};

/// The parts of an https URL. Throws transport_error(bad_url).
struct parsed_url {
  std::string host;  // without brackets for IPv6 literals
  std::uint16_t port = 443;
  std::string target;  // "/path?query", never empty
};
parsed_url parse_url(std::string_view url);

class https_client {
 public:
  explicit https_client(client_options options = {});
  ~https_client();
  https_client(const https_client&) = delete;
  https_client& operator=(const https_client&) = delete;

  /// Sends one request and reads the whole answer. Throws transport_error; any HTTP status
  /// (including 4xx/5xx) is returned as a response.
  response send(const request& req);

  /// Number of TLS connections opened so far (observability and tests of keep-alive).
  std::size_t connections_opened() const { return connections_opened_; }

 private:
  struct state;
  client_options options_;
  std::unique_ptr<state> state_;
  std::size_t connections_opened_ = 0;
};

}  // namespace smartcopy::http
