#pragma once
// Errors of the Nansen client (SPEC §11): an HTTP status the API answered with (401/402/403/404/
// 422 are configuration errors and never retried; 429/5xx after the last retry), a transport
// failure after the last retry, or a body that is not what the API documents.
#include <stdexcept>
#include <string>

namespace smartcopy::nansen {

enum class error_kind { http_status, transport, bad_response };

class error : public std::runtime_error {
 public:
  error(error_kind kind, const std::string& what, int status = 0, std::string server_message = {},
        std::string code = {}, int attempts = 1);

  error_kind kind() const { return kind_; }
  int status() const { return status_; }  // 0 unless kind() == http_status
  /// The human message the server put in its error body (`message`, `error` or `detail`).
  const std::string& server_message() const { return server_message_; }
  const std::string& code() const { return code_; }  // the body's `code`, when present
  int attempts() const { return attempts_; }
  /// 400/401/402/403/404/422: wrong key, plan, path or body — fix the configuration (SPEC §11).
  bool is_configuration_error() const;

 private:
  error_kind kind_;
  int status_;
  std::string server_message_;
  std::string code_;
  int attempts_;
};

/// The message and code of a Nansen error body: `message`, then `error` (string or {message}),
/// then `detail` (string, {message} or [{msg}]); a Python-dict string inside `message` is
/// unwrapped (the proxy renders some errors that way). Non-JSON bodies (an HTML page) give a
/// short excerpt. Never throws.
struct error_body {
  std::string message;
  std::string code;
};
error_body parse_error_body(const std::string& body);

}  // namespace smartcopy::nansen
