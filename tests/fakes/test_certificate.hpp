#pragma once
// A throwaway self-signed certificate for the tests' local HTTPS servers, generated at run time
// with the OpenSSL C API (EC P-256 key; SAN IP:127.0.0.1 and DNS:localhost) and written to temp
// files. Nothing secret or long-lived is ever checked in.
#include <string>

namespace smartcopy::fakes {

struct test_certificate {
  std::string cert_pem;
  std::string key_pem;
  std::string cert_file;  // PEM, trust this as a CA (it is self-signed)
  std::string key_file;
};

/// A fresh certificate (each call generates a new key pair and new files).
test_certificate make_test_certificate();

/// One certificate per process, generated on first use; files removed at exit.
const test_certificate& shared_test_certificate();

}  // namespace smartcopy::fakes
