#include "infra/http/https_client.hpp"

#include <poll.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <functional>
#include <map>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

namespace smartcopy::http {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool has_control_char(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// The time budget of one send(): every operation gets min(its own timeout, what is left of the
// total), so a slow server can never hold a caller longer than total_timeout.
class budget {
 public:
  explicit budget(milliseconds total) : end_(steady::now() + total) {}

  // Throws a timeout when the total is already spent.
  milliseconds cap(milliseconds op, bool request_sent) {
    const auto left = std::chrono::duration_cast<milliseconds>(end_ - steady::now());
    if (left <= milliseconds{0}) {
      throw transport_error(error_kind::timeout, request_sent, "total timeout exceeded");
    }
    capped_by_total_ = left < op;
    return std::min(op, left);
  }
  const char* which(const char* op_name) const {
    return capped_by_total_ ? "total timeout" : op_name;
  }

 private:
  steady::time_point end_;
  bool capped_by_total_ = false;
};

bool is_timeout(const beast::error_code& ec) {
  return ec == beast::error::timeout;
}

bool is_closed_early(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == net::error::eof || ec == net::error::connection_reset ||
         ec == ssl::error::stream_truncated || ec == net::error::broken_pipe;
}

std::string host_header(const parsed_url& u) {
  const bool v6 = u.host.find(':') != std::string::npos;
  std::string h = v6 ? "[" + u.host + "]" : u.host;
  if (u.port != 443) h += ":" + std::to_string(u.port);
  return h;
}

}  // namespace

std::optional<std::string> response::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return std::nullopt;
}

const char* to_string(error_kind kind) {
  switch (kind) {
    case error_kind::bad_url:
      return "bad_url";
    case error_kind::resolve:
      return "resolve";
    case error_kind::connect:
      return "connect";
    case error_kind::tls:
      return "tls";
    case error_kind::timeout:
      return "timeout";
    case error_kind::io:
      return "io";
    case error_kind::too_large:
      return "too_large";
    case error_kind::protocol:
      return "protocol";
  }
  return "unknown";
}

transport_error::transport_error(error_kind kind, bool request_sent, const std::string& message)
    : std::runtime_error(std::string("http ") + to_string(kind) + ": " + message),
      kind_(kind),
      request_sent_(request_sent) {}

parsed_url parse_url(std::string_view url) {
  const auto bad = [&](const char* why) {
    return transport_error(error_kind::bad_url, false,
                           std::string(why) + " in URL '" + std::string(url) + "'");
  };
  constexpr std::string_view scheme = "https://";
  if (url.size() < scheme.size() || !iequals(url.substr(0, scheme.size()), scheme)) {
    throw bad("scheme is not https");
  }
  if (has_control_char(url) || url.find(' ') != std::string_view::npos) {
    throw bad("control character or space");
  }
  std::string_view rest = url.substr(scheme.size());
  const auto slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  parsed_url out;
  out.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (out.target.front() != '/') out.target.insert(0, "/");
  if (const auto hash = out.target.find('#'); hash != std::string::npos) out.target.resize(hash);
  if (authority.find('@') != std::string_view::npos) throw bad("user info");
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) throw bad("unclosed IPv6 bracket");
    out.host = std::string(authority.substr(1, close - 1));
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw bad("junk after IPv6 literal");
      port_text = after.substr(1);
      if (port_text.empty()) throw bad("empty port");
    }
  } else {
    const auto colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) throw bad("empty port");
    }
  }
  if (out.host.empty()) throw bad("empty host");
  if (!port_text.empty()) {
    if (port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(),
                                             [](char c) { return c >= '0' && c <= '9'; })) {
      throw bad("bad port");
    }
    const long port = std::stol(std::string(port_text));
    if (port < 1 || port > 65535) throw bad("port out of range");
    out.port = static_cast<std::uint16_t>(port);
  }
  return out;
}

// One kept-alive TLS connection and its read buffer (bytes past one response stay for the next).
struct connection {
  connection(net::io_context& ioc, ssl::context& ctx) : stream(ioc, ctx) {}
  beast::ssl_stream<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
};

struct https_client::state {
  // Declaration order matters: connections die before the TLS context and the io_context.
  net::io_context ioc;
  ssl::context ctx{ssl::context::tls_client};
  std::map<std::string, std::unique_ptr<connection>> pool;  // "host:port" -> connection

  // Runs the one pending asynchronous operation to completion (its timer included).
  void run() {
    ioc.restart();
    ioc.run();
  }
};

namespace {

// A kept connection the server has closed (EOF / close_notify pending) or that has unexpected
// bytes waiting is readable while idle; such a connection must not carry the next request.
bool idle_connection_unusable(connection& c) {
  auto& sock = beast::get_lowest_layer(c.stream).socket();
  if (!sock.is_open()) return true;
  pollfd p{sock.native_handle(), POLLIN, 0};
  return ::poll(&p, 1, 0) != 0;
}

void configure_peer_check(SSL* ssl, const std::string& host) {
  beast::error_code ec;
  net::ip::make_address(host, ec);
  if (!ec) {
    // An IP literal: verify the certificate's IP SAN; SNI must not carry an IP (RFC 6066 §3).
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str());
    return;
  }
  SSL_set_tlsext_host_name(ssl, host.c_str());
  SSL_set1_host(ssl, host.c_str());
}

}  // namespace

https_client::https_client(client_options options)
    : options_(std::move(options)), state_(std::make_unique<state>()) {
  auto& ctx = state_->ctx;
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  ctx.set_verify_mode(ssl::verify_peer);
  beast::error_code ec;
  ctx.set_default_verify_paths(ec);  // the system store; failing to read it is not fatal
  if (!options_.ca_file.empty()) {
    ctx.load_verify_file(options_.ca_file, ec);
    if (ec) {
      throw transport_error(error_kind::tls, false,
                            "cannot load CA file '" + options_.ca_file + "': " + ec.message());
    }
  }
}

https_client::~https_client() = default;

namespace {

std::unique_ptr<connection> open_connection(net::io_context& ioc, ssl::context& ctx,
                                            const parsed_url& u, const client_options& opt,
                                            budget& time_left, const std::function<void()>& run) {
  beast::error_code ec;
  tcp::resolver resolver(ioc);
  // Synchronous resolve: the system resolver has its own timeouts and cannot be cancelled.
  const auto endpoints = resolver.resolve(u.host, std::to_string(u.port), ec);
  if (ec) {
    throw transport_error(error_kind::resolve, false,
                          "cannot resolve '" + u.host + "': " + ec.message());
  }
  auto conn = std::make_unique<connection>(ioc, ctx);
  auto& lowest = beast::get_lowest_layer(conn->stream);
  lowest.expires_after(time_left.cap(opt.connect_timeout, false));
  lowest.async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
  run();
  if (ec) {
    if (is_timeout(ec)) {
      throw transport_error(error_kind::timeout, false,
                            std::string(time_left.which("connect timeout")) + " connecting to " +
                                u.host + ":" + std::to_string(u.port));
    }
    throw transport_error(
        error_kind::connect, false,
        "cannot connect to " + u.host + ":" + std::to_string(u.port) + ": " + ec.message());
  }
  configure_peer_check(conn->stream.native_handle(), u.host);
  lowest.expires_after(time_left.cap(opt.connect_timeout, false));
  conn->stream.async_handshake(ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
  run();
  if (ec) {
    if (is_timeout(ec)) {
      throw transport_error(
          error_kind::timeout, false,
          std::string(time_left.which("connect timeout")) + " during TLS handshake with " + u.host);
    }
    const long verify = SSL_get_verify_result(conn->stream.native_handle());
    std::string why = ec.message();
    if (verify != X509_V_OK) why += " (" + std::string(X509_verify_cert_error_string(verify)) + ")";
    throw transport_error(error_kind::tls, false,
                          "TLS handshake with " + u.host + " failed: " + why);
  }
  return conn;
}

bhttp::request<bhttp::string_body> build_request(const request& req, const parsed_url& u) {
  if (req.method.empty() || has_control_char(req.method) ||
      req.method.find(' ') != std::string::npos) {
    throw transport_error(error_kind::protocol, false, "bad method '" + req.method + "'");
  }
  bhttp::request<bhttp::string_body> out;
  out.version(11);
  out.method_string(req.method);
  out.target(u.target);
  out.set(bhttp::field::host, host_header(u));
  out.set(bhttp::field::user_agent, "smartcopy/0.1");
  for (const auto& [name, value] : req.headers) {
    if (name.empty() || has_control_char(name) || has_control_char(value)) {
      throw transport_error(error_kind::protocol, false, "bad header '" + name + "'");
    }
    out.set(name, value);
  }
  out.body() = req.body;
  out.prepare_payload();
  return out;
}

response to_response(bhttp::response<bhttp::string_body>&& res) {
  response out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(res.body());
  return out;
}

}  // namespace

response https_client::send(const request& req) {
  const parsed_url u = parse_url(req.url);
  auto message = build_request(req, u);
  budget time_left(options_.total_timeout);
  const std::function<void()> run = [this] { state_->run(); };
  const std::string key = u.host + ":" + std::to_string(u.port);
  auto& pool = state_->pool;

  auto it = pool.find(key);
  if (it != pool.end() && idle_connection_unusable(*it->second)) {
    pool.erase(it);
    it = pool.end();
  }
  bool reused = it != pool.end();
  if (!reused) {
    it = pool.emplace(key, open_connection(state_->ioc, state_->ctx, u, options_, time_left, run))
             .first;
    ++connections_opened_;
  }

  // Write. A reused connection that fails before one byte of the request went out is replaced
  // once: the server cannot have seen anything (only then is a resend safe).
  beast::error_code ec;
  std::size_t written = 0;
  for (;;) {
    connection& c = *it->second;
    beast::get_lowest_layer(c.stream).expires_after(time_left.cap(options_.read_timeout, false));
    bhttp::async_write(c.stream, message, [&](beast::error_code e, std::size_t n) {
      ec = e;
      written = n;
    });
    run();
    if (!ec) break;
    pool.erase(it);
    if (reused && written == 0 && !is_timeout(ec)) {
      reused = false;
      it = pool.emplace(key, open_connection(state_->ioc, state_->ctx, u, options_, time_left, run))
               .first;
      ++connections_opened_;
      continue;
    }
    if (is_timeout(ec)) {
      throw transport_error(error_kind::timeout, written > 0,
                            std::string(time_left.which("read timeout")) + " writing the request");
    }
    throw transport_error(error_kind::io, written > 0, "writing the request: " + ec.message());
  }

  // Read: the header, then the body piece by piece so read_timeout is a silence limit.
  connection& c = *it->second;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(options_.max_response_bytes);
  parser.header_limit(64 * 1024);
  const auto fail = [&](const beast::error_code& e) -> transport_error {
    pool.erase(key);
    if (is_timeout(e)) {
      return transport_error(error_kind::timeout, true,
                             std::string(time_left.which("read timeout")) +
                                 " waiting for the response from " + u.host);
    }
    if (e == bhttp::error::body_limit || e == bhttp::error::buffer_overflow ||
        e == bhttp::error::header_limit) {
      return transport_error(
          error_kind::too_large, true,
          "response larger than " + std::to_string(options_.max_response_bytes) + " bytes");
    }
    if (is_closed_early(e)) {
      return transport_error(error_kind::io, true,
                             "connection closed before the full response: " + e.message());
    }
    if (e.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category()) {
      return transport_error(error_kind::protocol, true, "malformed response: " + e.message());
    }
    return transport_error(error_kind::io, true, "reading the response: " + e.message());
  };
  beast::get_lowest_layer(c.stream).expires_after(time_left.cap(options_.read_timeout, true));
  bhttp::async_read_header(c.stream, c.buffer, parser,
                           [&](beast::error_code e, std::size_t) { ec = e; });
  run();
  if (ec) throw fail(ec);
  while (!parser.is_done()) {
    beast::get_lowest_layer(c.stream).expires_after(time_left.cap(options_.read_timeout, true));
    bhttp::async_read_some(c.stream, c.buffer, parser,
                           [&](beast::error_code e, std::size_t) { ec = e; });
    run();
    if (ec) throw fail(ec);
  }
  beast::get_lowest_layer(c.stream).expires_never();
  const bool keep = parser.get().keep_alive();
  response out = to_response(parser.release());
  if (!keep) pool.erase(key);
  return out;
}

}  // namespace smartcopy::http
