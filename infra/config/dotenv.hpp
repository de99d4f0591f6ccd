#pragma once
#include <map>
#include <string>

namespace smartcopy {

/// Reads a `.env` file: `KEY=VALUE` lines, `#` comments, optional `export ` and quotes.
/// A missing file is an empty map; a malformed line is a config_error naming the line.
std::map<std::string, std::string> read_dotenv(const std::string& path);

}  // namespace smartcopy
