#pragma once
// SPEC §9.3: report.html — one self-contained page readable offline (inline CSS, inline SVG, no
// script, nothing fetched): equity and drawdown curves, the metrics, and the tables.
#include <boost/json/object.hpp>
#include <string>

namespace smartcopy::app {

/// The page for `report`, the object report_json wrote to report.json: both files state the
/// same figures. A pure function: the same report gives byte-identical HTML.
std::string report_html(const boost::json::object& report);

}  // namespace smartcopy::app
