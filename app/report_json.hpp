#pragma once
// SPEC §9.3: report.json — the backtest results as JSON, and the value report.html is drawn
// from. A pure function of the results: the same run gives byte-identical text.
#include <boost/json/object.hpp>

#include "app/backtest_report_results.hpp"

namespace smartcopy::app {

boost::json::object report_json(const backtest_results& r);

}  // namespace smartcopy::app
