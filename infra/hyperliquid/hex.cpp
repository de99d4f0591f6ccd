#include "infra/hyperliquid/hex.hpp"

#include <stdexcept>

namespace smartcopy::hyperliquid {
namespace {

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view strip_prefix(std::string_view text) {
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    text.remove_prefix(2);
  return text;
}

}  // namespace

std::string to_hex(const std::uint8_t* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out = "0x";
  out.reserve(2 + 2 * size);
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 0x0f];
  }
  return out;
}

std::vector<std::uint8_t> from_hex(std::string_view text) {
  text = strip_prefix(text);
  if (text.size() % 2 != 0) throw std::invalid_argument("hex text has an odd number of digits");
  std::vector<std::uint8_t> out(text.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = nibble(text[2 * i]);
    const int lo = nibble(text[2 * i + 1]);
    if (hi < 0 || lo < 0) throw std::invalid_argument("hex text has a non-hex character");
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

bool is_hex_of_size(std::string_view text, std::size_t bytes) {
  if (text.size() != 2 + 2 * bytes || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
    return false;
  for (std::size_t i = 2; i < text.size(); ++i)
    if (nibble(text[i]) < 0) return false;
  return true;
}

std::string lowercase_hex(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace smartcopy::hyperliquid
