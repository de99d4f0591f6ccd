#include "infra/hyperliquid/eip712.hpp"

#include <charconv>
#include <cstring>
#include <stdexcept>

#include "infra/hyperliquid/hex.hpp"

namespace smartcopy::hyperliquid {
namespace {

hash32 encode_uint(const std::string& decimal) {
  std::uint64_t v = 0;
  const auto* end = decimal.data() + decimal.size();
  auto [ptr, ec] = std::from_chars(decimal.data(), end, v);
  if (ec != std::errc{} || ptr != end || decimal.empty())
    throw std::invalid_argument("eip712: uint value is not a decimal integer");
  hash32 out{};
  for (int i = 0; i < 8; ++i) out[31 - i] = static_cast<std::uint8_t>(v >> (8 * i));
  return out;
}

hash32 encode_fixed(const std::string& hex, std::size_t bytes) {
  if (!is_hex_of_size(hex, bytes)) throw std::invalid_argument("eip712: malformed hex value");
  const auto raw = from_hex(hex);
  hash32 out{};
  std::memcpy(out.data() + (32 - bytes), raw.data(), bytes);  // left-padded, big-endian
  return out;
}

hash32 encode_value(const eip712_field& f) {
  if (f.type == "string") return keccak256(f.value);
  if (f.type == "address") return encode_fixed(f.value, 20);
  if (f.type == "bytes32") return encode_fixed(f.value, 32);
  if (f.type.rfind("uint", 0) == 0) return encode_uint(f.value);
  throw std::invalid_argument("eip712: unsupported field type " + f.type);
}

}  // namespace

hash32 eip712_struct_hash(std::string_view type_name, const std::vector<eip712_field>& fields) {
  std::string type_string(type_name);
  type_string += '(';
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) type_string += ',';
    type_string += fields[i].type + ' ' + fields[i].name;
  }
  type_string += ')';
  std::string data;
  const auto type_hash = keccak256(type_string);
  data.append(reinterpret_cast<const char*>(type_hash.data()), type_hash.size());
  for (const auto& f : fields) {
    const auto word = encode_value(f);
    data.append(reinterpret_cast<const char*>(word.data()), word.size());
  }
  return keccak256(data);
}

hash32 eip712_domain_separator(std::string_view name, std::string_view version,
                               std::uint64_t chain_id, std::string_view verifying_contract) {
  return eip712_struct_hash("EIP712Domain",
                            {{"name", "string", std::string(name)},
                             {"version", "string", std::string(version)},
                             {"chainId", "uint256", std::to_string(chain_id)},
                             {"verifyingContract", "address", std::string(verifying_contract)}});
}

hash32 eip712_digest(const hash32& domain_separator, const hash32& struct_hash) {
  std::string data = "\x19\x01";
  data.append(reinterpret_cast<const char*>(domain_separator.data()), 32);
  data.append(reinterpret_cast<const char*>(struct_hash.data()), 32);
  return keccak256(data);
}

}  // namespace smartcopy::hyperliquid
