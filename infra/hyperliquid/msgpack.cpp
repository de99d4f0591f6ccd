#include "infra/hyperliquid/msgpack.hpp"

#include <cstdint>
#include <stdexcept>

namespace smartcopy::hyperliquid {
namespace {

void put_be(std::string& out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

void put_uint(std::string& out, std::uint64_t v) {
  if (v <= 0x7f) {
    out += static_cast<char>(v);
  } else if (v <= 0xff) {
    out += '\xcc';
    put_be(out, v, 1);
  } else if (v <= 0xffff) {
    out += '\xcd';
    put_be(out, v, 2);
  } else if (v <= 0xffffffffULL) {
    out += '\xce';
    put_be(out, v, 4);
  } else {
    out += '\xcf';
    put_be(out, v, 8);
  }
}

void put_int(std::string& out, std::int64_t v) {
  if (v >= 0) return put_uint(out, static_cast<std::uint64_t>(v));
  const auto bits = static_cast<std::uint64_t>(v);
  if (v >= -32) {
    out += static_cast<char>(bits & 0xff);
  } else if (v >= INT8_MIN) {
    out += '\xd0';
    put_be(out, bits, 1);
  } else if (v >= INT16_MIN) {
    out += '\xd1';
    put_be(out, bits, 2);
  } else if (v >= INT32_MIN) {
    out += '\xd2';
    put_be(out, bits, 4);
  } else {
    out += '\xd3';
    put_be(out, bits, 8);
  }
}

// fix / 16-bit / 32-bit length headers shared by str, array and map.
void put_header(std::string& out, std::size_t n, std::uint8_t fix_tag, std::size_t fix_max,
                char tag8, char tag16, char tag32) {
  if (n <= fix_max) {
    out += static_cast<char>(fix_tag | n);
  } else if (tag8 != 0 && n <= 0xff) {
    out += tag8;
    put_be(out, n, 1);
  } else if (n <= 0xffff) {
    out += tag16;
    put_be(out, n, 2);
  } else {
    out += tag32;
    put_be(out, n, 4);
  }
}

void put_str(std::string& out, std::string_view s) {
  put_header(out, s.size(), 0xa0, 31, '\xd9', '\xda', '\xdb');
  out.append(s.data(), s.size());
}

void encode(std::string& out, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      out += '\xc0';
      return;
    case boost::json::kind::bool_:
      out += v.get_bool() ? '\xc3' : '\xc2';
      return;
    case boost::json::kind::int64:
      put_int(out, v.get_int64());
      return;
    case boost::json::kind::uint64:
      put_uint(out, v.get_uint64());
      return;
    case boost::json::kind::double_:
      throw std::invalid_argument("msgpack: actions carry decimals as strings, not doubles");
    case boost::json::kind::string:
      put_str(out, v.get_string());
      return;
    case boost::json::kind::array:
      put_header(out, v.get_array().size(), 0x90, 15, 0, '\xdc', '\xdd');
      for (const auto& e : v.get_array()) encode(out, e);
      return;
    case boost::json::kind::object:
      put_header(out, v.get_object().size(), 0x80, 15, 0, '\xde', '\xdf');
      for (const auto& kv : v.get_object()) {
        put_str(out, kv.key());
        encode(out, kv.value());
      }
      return;
  }
}

}  // namespace

std::string to_msgpack(const boost::json::value& v) {
  std::string out;
  encode(out, v);
  return out;
}

}  // namespace smartcopy::hyperliquid
