#pragma once
// The charts of report.html (SPEC §9.3: equity curve, drawdown curve) as inline SVG drawn here,
// so the report needs no script, no library and no network to show them.
#include <string>
#include <vector>

#include "messages/time.hpp"

namespace smartcopy::app {

struct chart_point {
  utc_time time{};
  double value = 0;
};

struct chart_style {
  std::string title;        // read by screen readers (aria-label)
  std::string colour;       // of the line and, lighter, of its area
  std::string unit;         // appended to the axis labels, e.g. " %"
  bool fill_above = false;  // fill up to the top instead: a drawdown hangs from its 0 % peak
};

/// A time-series line chart with its area filled down to the lowest value (or up to the highest
/// with fill_above), four horizontal grid lines labelled with values, and the first, middle and
/// last dates below. The points must be in time order; no point draws an empty frame.
/// `style.title` is written as given: it must not hold markup.
std::string svg_line_chart(const std::vector<chart_point>& points, const chart_style& style);

}  // namespace smartcopy::app
