#include "infra/nansen/errors.hpp"

#include <boost/json.hpp>
#include <utility>

namespace smartcopy::nansen {

namespace json = boost::json;

error::error(error_kind kind, const std::string& what, int status, std::string server_message,
             std::string code, int attempts)
    : std::runtime_error(what),
      kind_(kind),
      status_(status),
      server_message_(std::move(server_message)),
      code_(std::move(code)),
      attempts_(attempts) {}

bool error::is_configuration_error() const {
  if (kind_ != error_kind::http_status) return false;
  return status_ == 400 || status_ == 401 || status_ == 402 || status_ == 403 || status_ == 404 ||
         status_ == 422;
}

namespace {

std::string excerpt(const std::string& text) {
  constexpr std::size_t limit = 200;
  std::string out;
  for (const char c : text.substr(0, limit)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return text.size() > limit ? out + "..." : out;
}

// "{'message': 'Invalid key', 'code': 401}" → "Invalid key".
std::string unwrap_python_dict(const std::string& text) {
  const std::string key = "'message': '";
  const auto start = text.find(key);
  if (text.empty() || text.front() != '{' || start == std::string::npos) return text;
  const auto from = start + key.size();
  const auto end = text.find('\'', from);
  return end == std::string::npos ? text : text.substr(from, end - from);
}

std::string message_of(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_object()) {
    const auto& o = v.get_object();
    for (const char* key : {"message", "msg"}) {
      if (const auto* m = o.if_contains(key); m && m->is_string())
        return std::string(m->get_string());
    }
  }
  if (v.is_array() && !v.get_array().empty()) {
    std::string out;
    for (const auto& item : v.get_array()) {
      const std::string m = message_of(item);
      if (m.empty()) continue;
      if (!out.empty()) out += "; ";
      out += m;
    }
    return out;
  }
  return {};
}

}  // namespace

error_body parse_error_body(const std::string& body) {
  error_body out;
  json::error_code ec;
  const json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    out.message = body.empty() ? "(empty body)" : "non-JSON body: " + excerpt(body);
    return out;
  }
  const auto& o = v.get_object();
  if (const auto* c = o.if_contains("code"); c && c->is_string()) out.code = c->get_string();
  for (const char* key : {"message", "error", "detail"}) {
    if (const auto* m = o.if_contains(key)) {
      out.message = unwrap_python_dict(message_of(*m));
      if (!out.message.empty()) break;
    }
  }
  if (out.message.empty()) out.message = excerpt(body);
  return out;
}

}  // namespace smartcopy::nansen
