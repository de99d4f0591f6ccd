#pragma once
// The list envelope shared by Nansen's paginated endpoints (reference §2.3):
// {"data": [...], "pagination": {"page", "per_page", "is_last_page"}}.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infra/nansen/parse_stats.hpp"

namespace smartcopy::nansen {

/// The pagination block as received; every member optional (the API may omit it).
struct page_info {
  std::optional<bool> is_last_page;
  std::optional<std::int64_t> page;
  std::optional<std::int64_t> per_page;
  std::size_t raw_rows = 0;  // rows in `data`, bad ones included (for the short-page rule)
};

template <class Row>
struct parsed_page {
  std::vector<Row> rows;
  parse_stats stats;
  page_info pagination;
};

/// Parses a body to a JSON object; throws nansen::error(bad_response) naming `what` when the
/// body is not JSON (an HTML page, a truncated body) or not an object.
boost::json::object parse_body_object(std::string_view body, std::string_view what);

/// A row parser: the row, or nullopt with `reason` set.
template <class Row>
using row_parser = std::function<std::optional<Row>(const boost::json::object&, std::string&)>;

/// Parses a list envelope with `parse_row` on every `data` element; non-object rows and rows the
/// parser refuses are skipped with a counted reason. Throws nansen::error(bad_response) when
/// `data` is missing or not an array.
template <class Row>
parsed_page<Row> parse_list_page(std::string_view body, std::string_view what,
                                 const row_parser<Row>& parse_row);

// Non-template part of parse_list_page.
const boost::json::array& data_array(const boost::json::object& envelope, std::string_view what);
page_info read_page_info(const boost::json::object& envelope);

template <class Row>
parsed_page<Row> parse_list_page(std::string_view body, std::string_view what,
                                 const row_parser<Row>& parse_row) {
  const boost::json::object envelope = parse_body_object(body, what);
  const boost::json::array& data = data_array(envelope, what);
  parsed_page<Row> out;
  out.pagination = read_page_info(envelope);
  out.pagination.raw_rows = data.size();
  out.rows.reserve(data.size());
  for (const auto& item : data) {
    if (!item.is_object()) {
      out.stats.skip("row is not an object");
      continue;
    }
    std::string reason;
    if (auto row = parse_row(item.get_object(), reason)) {
      out.rows.push_back(std::move(*row));
      ++out.stats.parsed;
    } else {
      out.stats.skip(reason);
    }
  }
  return out;
}

}  // namespace smartcopy::nansen
