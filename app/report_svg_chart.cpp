#include "app/report_svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/report_html_format.hpp"

namespace smartcopy::app {
namespace {

// The drawing area inside a 900 × 280 view box; the margins hold the labels.
constexpr double width = 900, height = 280;
constexpr double left = 80, right = 885, top = 15, bottom = 245;

std::string fixed(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string label(double v, const std::string& unit) {
  const double a = std::abs(v);
  return format_number(v, a >= 1000 ? 0 : a >= 10 ? 1 : 2, unit);
}

/// The value range drawn: the data's, widened when flat so the line sits mid-chart.
std::pair<double, double> value_range(const std::vector<chart_point>& points) {
  const auto [lo, hi] = std::minmax_element(
      points.begin(), points.end(),
      [](const chart_point& a, const chart_point& b) { return a.value < b.value; });
  const double pad = hi->value > lo->value ? 0 : std::max(1.0, std::abs(lo->value) * 0.01);
  return {lo->value - pad, hi->value + pad};
}

}  // namespace

std::string svg_line_chart(const std::vector<chart_point>& points, const chart_style& style) {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + fixed(width, 0) +
                    " " + fixed(height, 0) + "\" role=\"img\" aria-label=\"" + style.title +
                    "\" class=\"chart\">";
  svg += "<rect x=\"" + fixed(left, 0) + "\" y=\"" + fixed(top, 0) + "\" width=\"" +
         fixed(right - left, 0) + "\" height=\"" + fixed(bottom - top, 0) +
         "\" fill=\"#fbfcfe\" stroke=\"#d0d7e2\"/>";
  if (points.empty()) return svg + "</svg>";

  const auto [v_lo, v_hi] = value_range(points);
  const double t0 = static_cast<double>(to_ms(points.front().time));
  const double t_span = std::max(1.0, static_cast<double>(to_ms(points.back().time)) - t0);
  auto x_of = [&](utc_time t) {
    return left + (static_cast<double>(to_ms(t)) - t0) / t_span * (right - left);
  };
  auto y_of = [&](double v) { return bottom - (v - v_lo) / (v_hi - v_lo) * (bottom - top); };

  for (int i = 0; i <= 4; ++i) {
    const double v = v_lo + (v_hi - v_lo) * i / 4;
    const std::string y = fixed(y_of(v), 1);
    svg += "<line x1=\"" + fixed(left, 0) + "\" x2=\"" + fixed(right, 0) + "\" y1=\"" + y +
           "\" y2=\"" + y + "\" stroke=\"#e3e8ef\"/>";
    svg += "<text x=\"" + fixed(left - 6, 0) + "\" y=\"" + y +
           "\" text-anchor=\"end\" dominant-baseline=\"middle\">" + label(v, style.unit) +
           "</text>";
  }
  const utc_time first = points.front().time, last = points.back().time;
  const std::pair<utc_time, const char*> dates[] = {
      {first, "start"}, {first + (last - first) / 2, "middle"}, {last, "end"}};
  for (const auto& [t, anchor] : dates)
    svg += "<text x=\"" + fixed(x_of(t), 1) + "\" y=\"" + fixed(bottom + 20, 0) +
           "\" text-anchor=\"" + anchor + "\">" + to_iso8601(t).substr(0, 10) + "</text>";

  std::string line;
  for (const auto& p : points) line += fixed(x_of(p.time), 1) + "," + fixed(y_of(p.value), 1) + " ";
  const std::string base = fixed(y_of(style.fill_above ? v_hi : v_lo), 1);
  svg += "<polygon points=\"" + fixed(x_of(points.front().time), 1) + "," + base + " " + line +
         fixed(x_of(points.back().time), 1) + "," + base + "\" fill=\"" + style.colour +
         "\" fill-opacity=\"0.15\"/>";
  svg += "<polyline points=\"" + line + "\" fill=\"none\" stroke=\"" + style.colour +
         "\" stroke-width=\"2\" stroke-linejoin=\"round\"/>";
  return svg + "</svg>";
}

}  // namespace smartcopy::app
