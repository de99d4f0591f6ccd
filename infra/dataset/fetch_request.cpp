#include "infra/dataset/fetch_request.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <iterator>

#include "infra/nansen/json_values.hpp"

namespace smartcopy {

namespace fs = std::filesystem;
namespace bj = boost::json;

std::string fetch_identity::describe() const {
  return to_iso8601(start) + " → " + to_iso8601(end) + ", " + interval + ", " + source;
}

fetch_identity fetch_request::identity() const {
  std::string source = "nansen+hyperliquid traders=" + std::to_string(traders);
  if (smart_money) source += " smart_money";
  return {start, end, interval, source};
}

void write_fetch_stamp(const fetch_identity& identity, const fs::path& file) {
  const bj::object o{{"start", to_iso8601(identity.start)},
                     {"end", to_iso8601(identity.end)},
                     {"interval", identity.interval},
                     {"source", identity.source}};
  const fs::path partial = file.string() + ".tmp";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << bj::serialize(o) << '\n';
    if (!out.flush()) throw std::runtime_error("data fetch: cannot write " + partial.string());
  }
  std::error_code ec;
  fs::rename(partial, file, ec);
  if (ec) throw std::runtime_error("data fetch: cannot write " + file.string());
}

std::optional<fetch_identity> read_fetch_identity(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  bj::error_code ec;
  const bj::value v = bj::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.get_object();
  const auto start = nansen::string_field(o, "start");
  const auto end = nansen::string_field(o, "end");
  const auto interval = nansen::string_field(o, "interval");
  const auto start_t = start ? parse_iso8601(*start) : std::nullopt;
  const auto end_t = end ? parse_iso8601(*end) : std::nullopt;
  if (!start_t || !end_t || !interval) return std::nullopt;
  return fetch_identity{*start_t, *end_t, *interval,
                        nansen::string_field(o, "source").value_or("")};
}

}  // namespace smartcopy
