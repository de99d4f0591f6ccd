// The HTTPS client against the local fake server: TLS verification, keep-alive, reconnects,
// chunked bodies, timeouts, size limits and broken answers (ARCHITECTURE: infra/http).
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "fakes/https_server.hpp"
#include "infra/http/https_client.hpp"

using namespace smartcopy;
using namespace std::chrono_literals;
using fakes::https_server;
using fakes::recorded_request;
using fakes::reply;

namespace {

http::client_options trusting(const https_server& server) {
  http::client_options o;
  o.ca_file = server.ca_file();
  return o;
}

reply echo(const recorded_request& r) {
  reply out;
  out.body = r.method + " " + r.target + " " + r.body;
  out.headers = {{"X-Echo-Count", "1"}};
  return out;
}

http::request post(const https_server& s, std::string path, std::string body = "{}") {
  http::request r;
  r.url = s.base_url() + path;
  r.headers = {{"Content-Type", "application/json"}, {"apiKey", "k"}};
  r.body = std::move(body);
  return r;
}

// Runs `f`, which must throw a transport_error, and returns it.
template <class F>
http::transport_error expect_transport_error(F&& f) {
  try {
    f();
  } catch (const http::transport_error& e) {
    return e;
  }
  FAIL("no transport_error thrown");
  return http::transport_error(http::error_kind::protocol, false, "unreachable");
}

}  // namespace

TEST_CASE("http: POST round trip carries method, path, headers and body") {
  https_server server(echo);
  http::https_client client(trusting(server));
  const auto res = client.send(post(server, "/api/v1/x?y=1", R"({"a":1})"));
  CHECK(res.status == 200);
  CHECK(res.body == R"(POST /api/v1/x?y=1 {"a":1})");
  CHECK(res.header("x-echo-count") == std::optional<std::string>("1"));
  CHECK(res.header("content-TYPE") == std::optional<std::string>("application/json"));
  CHECK_FALSE(res.header("missing").has_value());
  const auto seen = server.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].header("APIKEY") == std::optional<std::string>("k"));
  CHECK(seen[0].header("host") == "127.0.0.1:" + std::to_string(server.port()));
}

TEST_CASE("http: any HTTP status is a response, not an error") {
  https_server server([](const recorded_request&) {
    reply r;
    r.status = 503;
    r.body = "<html>busy</html>";
    r.content_type = "text/html";
    return r;
  });
  http::https_client client(trusting(server));
  const auto res = client.send(post(server, "/"));
  CHECK(res.status == 503);
  CHECK(res.body == "<html>busy</html>");
}

TEST_CASE("http: one keep-alive connection serves consecutive requests") {
  https_server server(echo);
  http::https_client client(trusting(server));
  for (int i = 0; i < 3; ++i) CHECK(client.send(post(server, "/k")).status == 200);
  CHECK(client.connections_opened() == 1);
  CHECK(server.connections_accepted() == 1);
}

TEST_CASE("http: a connection closed by the server is replaced before the next request") {
  https_server server([](const recorded_request& r) {
    reply out = echo(r);
    out.close_after = true;
    return out;
  });
  http::https_client client(trusting(server));
  CHECK(client.send(post(server, "/1")).status == 200);
  REQUIRE(server.wait_closed_connections(1, 5s));
  CHECK(client.send(post(server, "/2")).body == "POST /2 {}");
  CHECK(client.connections_opened() == 2);
  CHECK(server.requests().size() == 2);
}

TEST_CASE("http: chunked transfer encoding is decoded") {
  https_server server([](const recorded_request&) {
    reply r;
    r.chunked = true;
    r.body = R"({"data":[1,2,3],"pagination":{"is_last_page":true}})";
    return r;
  });
  http::https_client client(trusting(server));
  const auto res = client.send(post(server, "/"));
  CHECK(res.body == R"({"data":[1,2,3],"pagination":{"is_last_page":true}})");
  CHECK(res.header("transfer-encoding") == std::optional<std::string>("chunked"));
}

TEST_CASE("http: TLS verification rejects the untrusted throwaway certificate") {
  https_server server(echo);
  http::https_client client;  // system store only
  const auto e = expect_transport_error([&] { client.send(post(server, "/")); });
  CHECK(e.kind() == http::error_kind::tls);
  CHECK_FALSE(e.request_sent());
  CHECK(std::string(e.what()).find("certificate") != std::string::npos);
  CHECK(server.requests().empty());
}

TEST_CASE("http: the host name is verified against the certificate (DNS SAN localhost)") {
  https_server server(echo);
  http::https_client client(trusting(server));
  auto req = post(server, "/named");
  req.url = "https://localhost:" + std::to_string(server.port()) + "/named";
  CHECK(client.send(req).status == 200);
  CHECK(server.requests().at(0).header("host") == "localhost:" + std::to_string(server.port()));
}

TEST_CASE("http: a missing CA file is a clear tls error at construction") {
  http::client_options o;
  o.ca_file = "/nonexistent/ca.pem";
  const auto e = expect_transport_error([&] { http::https_client c(o); });
  CHECK(e.kind() == http::error_kind::tls);
  CHECK(std::string(e.what()).find("/nonexistent/ca.pem") != std::string::npos);
}

TEST_CASE("http: read timeout fires and the outcome is ambiguous (request sent)") {
  https_server server([](const recorded_request&) {
    reply r;
    r.delay = 2s;
    return r;
  });
  auto o = trusting(server);
  o.read_timeout = 200ms;
  http::https_client client(o);
  const auto t0 = std::chrono::steady_clock::now();
  const auto e = expect_transport_error([&] { client.send(post(server, "/slow")); });
  const auto took = std::chrono::steady_clock::now() - t0;
  CHECK(e.kind() == http::error_kind::timeout);
  CHECK(e.request_sent());
  CHECK(took >= 200ms);
  CHECK(took < 1500ms);
}

TEST_CASE("http: the total timeout bounds the whole call") {
  https_server server([](const recorded_request&) {
    reply r;
    r.delay = 2s;
    return r;
  });
  auto o = trusting(server);
  o.read_timeout = 10s;
  o.total_timeout = 300ms;
  http::https_client client(o);
  const auto t0 = std::chrono::steady_clock::now();
  const auto e = expect_transport_error([&] { client.send(post(server, "/slow")); });
  CHECK(e.kind() == http::error_kind::timeout);
  CHECK(std::string(e.what()).find("total timeout") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - t0 < 1500ms);
}

TEST_CASE("http: a response over max_response_bytes is too_large") {
  https_server server([](const recorded_request&) {
    reply r;
    r.body = std::string(5000, 'x');
    return r;
  });
  auto o = trusting(server);
  o.max_response_bytes = 1000;
  http::https_client client(o);
  const auto e = expect_transport_error([&] { client.send(post(server, "/big")); });
  CHECK(e.kind() == http::error_kind::too_large);
  CHECK(e.request_sent());
}

TEST_CASE("http: a truncated body or a dropped connection is an io error after sending") {
  reply script;
  https_server server([&](const recorded_request&) { return script; });
  http::https_client client(trusting(server));
  script.body = R"({"data":[{"a":1},{"b":2}]})";
  script.truncate = true;
  auto e = expect_transport_error([&] { client.send(post(server, "/t")); });
  CHECK(e.kind() == http::error_kind::io);
  CHECK(e.request_sent());

  script.truncate = false;
  script.drop_connection = true;
  e = expect_transport_error([&] { client.send(post(server, "/d")); });
  CHECK(e.kind() == http::error_kind::io);
  CHECK(e.request_sent());
  CHECK(server.requests().size() == 2);
}

TEST_CASE("http: a refused connection is a connect error, nothing sent") {
  std::uint16_t port = 0;
  {
    https_server gone(echo);
    port = gone.port();
  }
  http::https_client client;
  http::request r;
  r.url = "https://127.0.0.1:" + std::to_string(port) + "/";
  const auto e = expect_transport_error([&] { client.send(r); });
  CHECK(e.kind() == http::error_kind::connect);
  CHECK_FALSE(e.request_sent());
}

TEST_CASE("http: URLs are parsed strictly") {
  const auto u = http::parse_url("https://api.nansen.ai/api/v1/perp-leaderboard");
  CHECK(u.host == "api.nansen.ai");
  CHECK(u.port == 443);
  CHECK(u.target == "/api/v1/perp-leaderboard");
  const auto v = http::parse_url("https://127.0.0.1:8443");
  CHECK(v.port == 8443);
  CHECK(v.target == "/");
  const auto w = http::parse_url("https://[::1]:9000/x?q=1#frag");
  CHECK(w.host == "::1");
  CHECK(w.port == 9000);
  CHECK(w.target == "/x?q=1");
  for (const char* bad : {"http://api.nansen.ai/", "https://", "https://:443/", "https://h:0/",
                          "https://h:70000/", "https://h:/", "https://u@h/", "https://h/a b",
                          "ftp://h/", "https://[::1/", "https://h:12a/"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(http::parse_url(bad), http::transport_error);
  }
  http::https_client client;
  http::request r;
  r.url = "http://127.0.0.1/";
  const auto e = expect_transport_error([&] { client.send(r); });
  CHECK(e.kind() == http::error_kind::bad_url);
}

TEST_CASE("http: header injection is refused before anything is sent") {
  http::https_client client;
  http::request r;
  r.url = "https://127.0.0.1:1/";
  r.headers = {{"X-Evil", "a\r\nInjected: 1"}};
  const auto e = expect_transport_error([&] { client.send(r); });
  CHECK(e.kind() == http::error_kind::protocol);
  CHECK_FALSE(e.request_sent());
}
