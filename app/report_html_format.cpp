#include "app/report_html_format.hpp"

#include <algorithm>
#include <cstdio>

namespace smartcopy::app {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

double number_of(const boost::json::value& v) {
  return v.to_number<double>();
}

std::string format_number(const boost::json::value& v, int decimals, std::string_view suffix,
                          bool sign) {
  if (v.is_null()) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, sign ? "%+.*f" : "%.*f", decimals, number_of(v));
  const std::string digits = buf;
  // Group the integer part by thousands: 1234567.89 → 1,234,567.89.
  const std::size_t begin = digits.find_first_of("0123456789");
  const std::size_t end = std::min(digits.find('.'), digits.size());
  std::string out = digits.substr(0, begin);
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin && (end - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out + digits.substr(end) + std::string(suffix);
}

}  // namespace smartcopy::app
