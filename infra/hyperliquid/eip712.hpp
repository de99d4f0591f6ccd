#pragma once
// EIP-712 typed-data hashing, the part of it Hyperliquid uses: flat structs of string, bytes32,
// address and uint fields (reference §4.2 for L1 actions, §4.7 for user-signed actions).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "infra/hyperliquid/keccak.hpp"

namespace smartcopy::hyperliquid {

/// One member of a typed struct. `value` is text for `string`, "0x" hex for `address` and
/// `bytes32`, decimal digits for `uint8`..`uint256` (values up to 2^64 - 1).
struct eip712_field {
  std::string name;
  std::string type;
  std::string value;
};

/// keccak256(typeHash ‖ encodeData(fields)); throws std::invalid_argument on an unsupported type
/// or a malformed value.
hash32 eip712_struct_hash(std::string_view type_name, const std::vector<eip712_field>& fields);

/// The EIP712Domain(name, version, chainId, verifyingContract) separator.
hash32 eip712_domain_separator(std::string_view name, std::string_view version,
                               std::uint64_t chain_id, std::string_view verifying_contract);

/// keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash): the 32 bytes that get signed.
hash32 eip712_digest(const hash32& domain_separator, const hash32& struct_hash);

}  // namespace smartcopy::hyperliquid
