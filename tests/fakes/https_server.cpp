#include "fakes/https_server.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <exception>

#include "fakes/test_certificate.hpp"

namespace smartcopy::fakes {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string status_line(int status) {
  const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(status));
  return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
}

// Header block of a reply; `length` is the Content-Length announced (ignored when chunked).
std::string head_of(const reply& r, std::size_t length) {
  std::string out = status_line(r.status);
  if (!r.content_type.empty()) out += "Content-Type: " + r.content_type + "\r\n";
  for (const auto& [k, v] : r.headers) out += k + ": " + v + "\r\n";
  out += r.chunked ? std::string("Transfer-Encoding: chunked\r\n")
                   : "Content-Length: " + std::to_string(length) + "\r\n";
  return out + "\r\n";
}

std::string chunk(std::string_view data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return std::string(size) + std::string(data) + "\r\n";
}

// The full wire form of a complete reply; chunked bodies go out as two chunks.
std::string wire_of(const reply& r) {
  if (!r.chunked) return head_of(r, r.body.size()) + r.body;
  const std::string_view body = r.body;
  const std::size_t half = body.size() / 2;
  std::string out = head_of(r, 0);
  if (half > 0) out += chunk(body.substr(0, half));
  if (body.size() > half) out += chunk(body.substr(half));
  return out + "0\r\n\r\n";
}

}  // namespace

std::optional<std::string> recorded_request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return std::nullopt;
}

struct https_server::impl {
  explicit impl(handler h) : current(std::move(h)) {}

  net::io_context ioc;  // owns the sockets; all operations here are synchronous
  ssl::context ctx{ssl::context::tls_server};
  tcp::acceptor acceptor{ioc};
  std::uint16_t port = 0;
  std::string ca_file;

  mutable std::mutex mu;
  mutable std::condition_variable changed;
  handler current;
  std::vector<recorded_request> log;
  std::vector<int> open_fds;
  std::size_t accepted = 0;
  std::size_t closed = 0;
  bool stopping = false;

  std::thread accept_thread;
  std::vector<std::thread> workers;

  void accept_loop() {
    for (;;) {
      beast::error_code ec;
      tcp::socket sock(ioc);
      acceptor.accept(sock, ec);
      std::lock_guard lock(mu);
      if (stopping) return;
      if (ec) continue;
      ++accepted;
      open_fds.push_back(sock.native_handle());
      workers.emplace_back([this, s = std::move(sock)]() mutable { serve(std::move(s)); });
    }
  }

  // Waits out a scripted delay; false when the server is being destroyed meanwhile.
  bool wait_delay(std::chrono::milliseconds delay) {
    std::unique_lock lock(mu);
    return !changed.wait_for(lock, delay, [this] { return stopping; });
  }

  reply answer(const recorded_request& req) {
    handler h;
    {
      std::lock_guard lock(mu);
      log.push_back(req);
      h = current;
    }
    try {
      return h(req);
    } catch (const std::exception& e) {
      reply r;
      r.status = 500;
      r.body = std::string("fake handler threw: ") + e.what();
      r.content_type = "text/plain";
      return r;
    }
  }

  void serve(tcp::socket sock) {
    const int fd = sock.native_handle();
    beast::ssl_stream<tcp::socket> stream(std::move(sock), ctx);
    beast::error_code ec;
    stream.handshake(ssl::stream_base::server, ec);
    beast::flat_buffer buffer;
    while (!ec) {
      bhttp::request<bhttp::string_body> req;
      bhttp::read(stream, buffer, req, ec);
      if (ec) break;
      recorded_request rec;
      rec.arrived = std::chrono::steady_clock::now();
      rec.method = std::string(req.method_string());
      rec.target = std::string(req.target());
      rec.body = req.body();
      for (const auto& f : req) {
        rec.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
      }
      const reply r = answer(rec);
      if (r.delay.count() > 0 && !wait_delay(r.delay)) break;
      if (r.drop_connection) break;
      if (r.truncate) {
        const std::string partial = head_of(r, r.body.size()) + r.body.substr(0, r.body.size() / 2);
        net::write(stream, net::buffer(partial), ec);
        break;
      }
      net::write(stream, net::buffer(wire_of(r)), ec);
      if (r.close_after || !req.keep_alive()) break;
    }
    std::lock_guard lock(mu);
    open_fds.erase(std::remove(open_fds.begin(), open_fds.end(), fd), open_fds.end());
    beast::error_code ignored;
    stream.next_layer().shutdown(tcp::socket::shutdown_both, ignored);
    stream.next_layer().close(ignored);
    ++closed;
    changed.notify_all();
  }
};

https_server::https_server(handler h) : impl_(std::make_unique<impl>(std::move(h))) {
  const test_certificate& cert = shared_test_certificate();
  impl_->ca_file = cert.cert_file;
  impl_->ctx.use_certificate_chain(net::buffer(cert.cert_pem));
  impl_->ctx.use_private_key(net::buffer(cert.key_pem), ssl::context::pem);
  const tcp::endpoint local(net::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(local.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(local);
  impl_->acceptor.listen();
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->accept_thread = std::thread([this] { impl_->accept_loop(); });
}

https_server::~https_server() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->stopping = true;
    impl_->changed.notify_all();
  }
  // Wake the blocking accept() with one last connection; it sees `stopping` and returns.
  {
    beast::error_code ec;
    tcp::socket waker(impl_->ioc);
    waker.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), impl_->port), ec);
    impl_->accept_thread.join();
  }
  {
    // Unblock workers stuck in a read: shutdown() on the descriptor makes it return EOF.
    std::lock_guard lock(impl_->mu);
    for (const int fd : impl_->open_fds) ::shutdown(fd, SHUT_RDWR);
  }
  for (auto& t : impl_->workers) t.join();
}

std::uint16_t https_server::port() const {
  return impl_->port;
}

std::string https_server::base_url() const {
  return "https://127.0.0.1:" + std::to_string(impl_->port);
}

std::string https_server::ca_file() const {
  return impl_->ca_file;
}

std::vector<recorded_request> https_server::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->log;
}

void https_server::set_handler(handler h) {
  std::lock_guard lock(impl_->mu);
  impl_->current = std::move(h);
}

bool https_server::wait_closed_connections(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mu);
  return impl_->changed.wait_for(lock, timeout, [&] { return impl_->closed >= n; });
}

std::size_t https_server::connections_accepted() const {
  std::lock_guard lock(impl_->mu);
  return impl_->accepted;
}

}  // namespace smartcopy::fakes
