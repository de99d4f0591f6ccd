#pragma once
// The registry of every configuration key of SPEC §2: its name, how a value is read into the
// typed `settings`, how it is shown, and its validation. One table, so `config show`,
// validation and the documentation test cannot drift apart.
#include <functional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "messages/settings.hpp"

namespace smartcopy {

/// A value as it arrives: a typed TOML node (config file) or text (environment, .env, --set).
struct raw_value {
  const toml::node* node = nullptr;
  std::string text;
};

struct key_spec {
  key_spec(std::string key_name, std::string help_text)
      : name(std::move(key_name)), help(std::move(help_text)) {}

  std::string name;
  std::string help;
  bool secret = false;  // only from the environment, .env or a *_file key; never shown
  bool table = false;   // a table of entries: also settable one entry at a time as name.<entry>
  /// Stores the value (or, for a table key with non-empty `entry`, one entry); throws
  /// config_error naming the key on a wrong type or out-of-range value.
  std::function<void(settings&, const raw_value&, const std::string& entry)> assign;
  /// The current value as a TOML literal.
  std::function<std::string(const settings&)> show;
};

/// Every key, in the order of SPEC §2.
const std::vector<key_spec>& config_keys();

/// The key named `name`, or the table key `name` is an entry of (then `entry` is set).
const key_spec* find_config_key(const std::string& name, std::string* entry = nullptr);

/// Checks that concern several keys at once (score weights summing to 1, win-rate bounds,
/// live mode requirements are left to `run`). Throws config_error naming the key.
void validate_settings(const settings& s);

/// The Hyperliquid API base URL: the override, else the network's.
std::string hyperliquid_base_url(const hyperliquid_settings& h);

}  // namespace smartcopy
