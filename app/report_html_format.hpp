#pragma once
// Text of report.html: escaping of every string that comes from data (trader addresses, tokens,
// reasons) and the fixed number formats the page uses.
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace smartcopy::app {

/// `text` safe inside HTML elements and quoted attributes: & < > " ' become entities.
std::string html_escape(std::string_view text);

/// `v` (a JSON number) with `decimals` decimals, thousands grouped by commas, then `suffix`;
/// "n/a" for null (a §9.3 ratio undefined for the data). `sign` writes a + on positive values.
std::string format_number(const boost::json::value& v, int decimals, std::string_view suffix = "",
                          bool sign = false);

/// A JSON number as a double (integers included).
double number_of(const boost::json::value& v);

}  // namespace smartcopy::app
