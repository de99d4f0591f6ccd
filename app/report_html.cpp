#include "app/report_html.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <vector>

#include "app/report_html_format.hpp"
#include "app/report_svg_chart.hpp"

namespace smartcopy::app {
namespace {

namespace bj = boost::json;

constexpr const char* style_sheet = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2733;
background:#f3f5f9;margin:0;padding:24px 32px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.period{color:#5b6878;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border:1px solid #d0d7e2;border-radius:8px;padding:10px 16px;min-width:140px}
.card b{display:block;font-size:20px}.card span{color:#5b6878;font-size:12px}
.note{background:#fff8e1;border:1px solid #f0d88a;border-radius:6px;padding:8px 12px}
.chart{width:100%;max-width:1100px;background:#fff;border:1px solid #d0d7e2;border-radius:8px}
.chart text{font-size:12px;fill:#5b6878}
table{border-collapse:collapse;background:#fff;border:1px solid #d0d7e2;margin-bottom:8px}
th,td{padding:3px 7px;font-size:13px;border-bottom:1px solid #e3e8ef;text-align:left;white-space:nowrap}
th{background:#e9eef5}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.sum td{font-weight:bold;border-top:2px solid #8a97a8}
.pos{color:#137333}.neg{color:#b3261e}
.bar{display:inline-block;height:10px;background:#4f7cc4;border-radius:2px}
.grid{display:flex;flex-wrap:wrap;gap:32px}.wide{overflow-x:auto}
)";

std::string td(const std::string& text) {
  return "<td>" + html_escape(text) + "</td>";
}

std::string td_number(const bj::value& v, int decimals, const char* suffix = "") {
  return "<td class=\"n\">" + format_number(v, decimals, suffix) + "</td>";
}

/// A signed USD amount, green when positive and red when negative.
std::string td_pnl(const bj::value& v) {
  const double x = number_of(v);
  const char* tone = x > 0 ? " pos" : x < 0 ? " neg" : "";
  return std::string("<td class=\"n") + tone + "\">" + format_number(v, 2, "", true) + "</td>";
}

std::string table(const std::vector<std::string>& headings, const std::string& rows) {
  std::string out = "<table><thead><tr>";
  for (const auto& h : headings) out += "<th>" + h + "</th>";
  // Wide tables scroll inside the page instead of stretching it.
  return "<div class=\"wide\">" + out + "</tr></thead><tbody>" + rows + "</tbody></table></div>";
}

std::string text_of(const bj::value& v) {
  return std::string(v.as_string());
}

/// "2026-01-01T02:59:58.000Z" as "2026-01-01 02:59" (report.json keeps the exact instant).
std::string short_time(const bj::value& v) {
  std::string t = text_of(v).substr(0, 16);
  if (t.size() > 10) t[10] = ' ';
  return t;
}

std::string td_time(const bj::value& v) {
  return td(short_time(v));
}

/// A trader address shortened to "0xe844bf…e9a091" so wide tables fit; the full one on hover.
std::string td_trader(const bj::value& v) {
  const std::string address = text_of(v);
  if (address.size() <= 16) return td(address);
  return "<td title=\"" + html_escape(address) + "\">" +
         html_escape(address.substr(0, 8) + "…" + address.substr(address.size() - 6)) + "</td>";
}

/// report.json keeps the win rate as a fraction; the page shows a percentage.
std::string win_rate(const bj::object& r) {
  const auto& v = r.at("win_rate");
  return v.is_null() ? "n/a" : format_number(number_of(v) * 100, 1, " %");
}

std::string card(const std::string& label, const std::string& value) {
  return "<div class=\"card\"><span>" + label + "</span><b>" + value + "</b></div>";
}

std::string header(const bj::object& r) {
  const std::string period = short_time(r.at("start")) + " → " + short_time(r.at("end")) + " UTC";
  std::string out = "<h1>smartcopy backtest</h1><p class=\"period\">" + html_escape(period) +
                    " · start equity " + format_number(r.at("start_equity_usd"), 2, " USD") +
                    "</p><div class=\"cards\">";
  out += card("Total return", format_number(r.at("total_return_percent"), 2, " %", true));
  out += card("End equity", format_number(r.at("end_equity_usd"), 2, " USD"));
  out += card("Max drawdown", format_number(r.at("max_drawdown").at("percent"), 2, " %"));
  out += card("Sharpe", format_number(r.at("sharpe"), 2));
  out += card("Trades", format_number(r.at("trades"), 0));
  out += card("Win rate", win_rate(r));
  return out + "</div>";
}

/// How the end equity was valued: positions still open count at their last close, stated apart
/// so a reader never mistakes unrealized PnL for realized.
std::string valuation_note(const bj::object& r) {
  return "<p class=\"note\">Equity is marked to market: the " +
         format_number(r.at("still_open"), 0) +
         " position(s) still open when the data ended are valued at their token's last candle "
         "close, before exit fees and slippage. Realized end equity " +
         format_number(r.at("realized_end_equity_usd"), 2, " USD") + " + unrealized PnL " +
         format_number(r.at("unrealized_pnl_usd"), 2, " USD", true) + " = end equity " +
         format_number(r.at("end_equity_usd"), 2, " USD") +
         ". The curves are valued at every UTC midnight and every close.</p>";
}

std::string charts(const bj::object& r) {
  std::vector<chart_point> equity, drawdown;
  double peak = 0;
  for (const auto& p : r.at("equity_curve").as_array()) {
    const auto& pair = p.as_array();
    const utc_time t = parse_iso8601(pair.at(0).as_string().c_str()).value_or(utc_time{});
    const double v = number_of(pair.at(1));
    peak = std::max(peak, v);
    equity.push_back({t, v});
    drawdown.push_back({t, peak > 0 ? (v / peak - 1) * 100 : 0});
  }
  return "<h2>Equity curve (USD)</h2>" +
         svg_line_chart(equity, {"Equity curve in USD", "#2f6fd0", "", false}) +
         "<h2>Drawdown (% below the running peak)</h2>" +
         svg_line_chart(drawdown, {"Drawdown in percent", "#c0392b", " %", true});
}

std::string metrics_table(const bj::object& r) {
  const auto& dd = r.at("max_drawdown").as_object();
  const std::string dd_text = format_number(dd.at("percent"), 2, " %") + " (" +
                              html_escape(short_time(dd.at("start"))) + " → " +
                              html_escape(short_time(dd.at("end"))) + ")";
  std::string rows;
  auto row = [&rows](const char* name, const std::string& value) {
    rows += std::string("<tr><th>") + name + "</th><td class=\"n\">" + value + "</td></tr>";
  };
  row("Total return", format_number(r.at("total_return_percent"), 2, " %", true));
  row("CAGR", format_number(r.at("cagr_percent"), 2, " %", true));
  row("Max drawdown (start → end)", dd_text);
  row("Sharpe (daily, √365)", format_number(r.at("sharpe"), 2));
  row("Sortino (daily, √365)", format_number(r.at("sortino"), 2));
  row("Calmar", format_number(r.at("calmar"), 2));
  row("Win rate", win_rate(r));
  row("Profit factor", format_number(r.at("profit_factor"), 2));
  row("Expectancy per trade", format_number(r.at("expectancy_usd"), 2, " USD", true));
  row("Average duration", format_number(r.at("average_duration_hours"), 1, " h"));
  row("Trades (winners / losers)", format_number(r.at("trades"), 0) + " (" +
                                       format_number(r.at("winners"), 0) + " / " +
                                       format_number(r.at("losers"), 0) + ")");
  row("Still open at the end", format_number(r.at("still_open"), 0));
  row("Signals evaluated", format_number(r.at("signals"), 0));
  return "<h2>Metrics (SPEC §9.3)</h2>" + table({"Metric", "Value"}, rows);
}

/// A count per key with a bar scaled to the largest count.
std::string count_table(const char* title, const char* key_heading, const bj::object& counts) {
  double largest = 1;
  for (const auto& kv : counts) largest = std::max(largest, number_of(kv.value()));
  std::string rows;
  for (const auto& kv : counts) {
    const double share = number_of(kv.value()) / largest * 160;
    rows += "<tr>" + td(std::string(kv.key())) + td_number(kv.value(), 0) +
            "<td><span class=\"bar\" style=\"width:" + format_number(share, 0) +
            "px\"></span></td></tr>";
  }
  return std::string("<div><h2>") + title + "</h2>" + table({key_heading, "Count", ""}, rows) +
         "</div>";
}

std::string breakdown_table(const char* title, const char* key_heading, const bj::object& rows_in) {
  std::string rows;
  for (const auto& kv : rows_in) {
    const auto& v = kv.value().as_object();
    rows += "<tr>" + td(std::string(kv.key())) + td_number(v.at("trades"), 0) +
            td_number(v.at("winners"), 0) + td_pnl(v.at("pnl_usd")) + "</tr>";
  }
  return std::string("<h2>") + title + "</h2>" +
         table({key_heading, "Trades", "Winners", "PnL (USD, net)"}, rows);
}

/// SPEC §9.3 "our exits vs the copied traders' exits", per position and summed.
std::string exit_comparison(const bj::object& r) {
  std::string rows;
  for (const auto& p : r.at("closed_positions").as_array()) {
    const auto& o = p.as_object();
    rows += "<tr>" + td_number(o.at("id"), 0) + td(text_of(o.at("token"))) +
            td(text_of(o.at("side"))) + td_trader(o.at("trader")) + td_time(o.at("opened_at")) +
            td_time(o.at("closed_at")) + td(text_of(o.at("reason"))) +
            td_number(o.at("entry_price"), 4) + td_number(o.at("trader_exit_price"), 4) +
            td_pnl(o.at("pnl_usd")) + td_pnl(o.at("trader_exit_pnl_usd")) + "</tr>";
  }
  rows += "<tr class=\"sum\"><td colspan=\"9\">Sum over " + format_number(r.at("trades"), 0) +
          " closed positions</td>" + td_pnl(r.at("our_pnl_usd")) +
          td_pnl(r.at("trader_exit_pnl_usd")) + "</tr>";
  return "<h2>Our exits vs the copied traders' exits</h2>" +
         table({"Position", "Token", "Side", "Copied trader", "Opened", "Closed", "Our exit",
                "Entry", "Trader's exit", "Our PnL (USD)", "PnL with trader's exit"},
               rows);
}

std::string open_positions(const bj::object& r) {
  std::string rows;
  for (const auto& p : r.at("open_positions").as_array()) {
    const auto& o = p.as_object();
    rows += "<tr>" + td_number(o.at("id"), 0) + td(text_of(o.at("token"))) +
            td(text_of(o.at("side"))) + td_trader(o.at("trader")) + td_time(o.at("opened_at")) +
            td_number(o.at("entry_price"), 4) + td_number(o.at("remaining_size"), 6) +
            td_number(o.at("mark_price"), 4) + td_pnl(o.at("realized_pnl_usd")) +
            td_pnl(o.at("unrealized_pnl_usd")) + "</tr>";
  }
  rows += "<tr class=\"sum\"><td colspan=\"9\">Unrealized, at the last candle close</td>" +
          td_pnl(r.at("unrealized_pnl_usd")) + "</tr>";
  return "<h2>Open at the end of the data (marked to market)</h2>" +
         table({"Position", "Token", "Side", "Copied trader", "Opened", "Entry", "Remaining",
                "Last close", "Realized (USD, net)", "Unrealized (USD)"},
               rows);
}

}  // namespace

std::string report_html(const bj::object& r) {
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>smartcopy backtest report</title><style>" +
      std::string(style_sheet) + "</style></head><body>\n";
  page += header(r) + valuation_note(r) + charts(r) + metrics_table(r);
  page += "<div class=\"grid\">" +
          count_table("Exits by reason", "Reason", r.at("exits_by_reason").as_object()) +
          count_table("Signals by decision", "Decision", r.at("signals_by_decision").as_object()) +
          "</div>";
  page += breakdown_table("By trader", "Trader", r.at("by_trader").as_object());
  page += breakdown_table("By token", "Token", r.at("by_token").as_object());
  page += exit_comparison(r) + open_positions(r);
  return page + "\n</body></html>\n";
}

}  // namespace smartcopy::app
