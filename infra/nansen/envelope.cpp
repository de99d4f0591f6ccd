#include "infra/nansen/envelope.hpp"

#include <boost/json/parse.hpp>

#include "infra/nansen/errors.hpp"
#include "infra/nansen/json_values.hpp"

namespace smartcopy::nansen {

namespace json = boost::json;

namespace {

std::string excerpt(std::string_view body) {
  std::string out(body.substr(0, 80));
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return body.size() > 80 ? out + "..." : out;
}

}  // namespace

json::object parse_body_object(std::string_view body, std::string_view what) {
  json::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) {
    throw error(error_kind::bad_response, std::string(what) + ": body is not valid JSON (" +
                                              ec.message() + "): '" + excerpt(body) + "'");
  }
  if (!v.is_object()) {
    throw error(error_kind::bad_response, std::string(what) + ": body is not a JSON object");
  }
  return std::move(v.get_object());
}

const json::array& data_array(const json::object& envelope, std::string_view what) {
  const auto* data = envelope.if_contains("data");
  if (!data || !data->is_array()) {
    throw error(error_kind::bad_response,
                std::string(what) + ": `data` is missing or not an array");
  }
  return data->get_array();
}

page_info read_page_info(const json::object& envelope) {
  page_info out;
  const auto* p = envelope.if_contains("pagination");
  if (!p || !p->is_object()) return out;
  out.is_last_page = bool_field(p->get_object(), "is_last_page");
  out.page = integer_field(p->get_object(), "page");
  out.per_page = integer_field(p->get_object(), "per_page");
  return out;
}

}  // namespace smartcopy::nansen
