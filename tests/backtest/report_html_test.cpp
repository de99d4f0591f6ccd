// SPEC §9.3: report.html is one self-contained page readable offline, drawn from the values of
// report.json. Rendered by headless Chromium (Debian's `chromium`, `make deps`) from a `data
// synth` dataset: the screenshot must show the equity and drawdown curves, not a blank page.
#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <set>

#include "backtest/png_image.hpp"
#include "backtest/story_dataset.hpp"
#include "backtest/synth_backtest.hpp"
#include "support/run_binary.hpp"
#include "support/temp_dir.hpp"

using story::read_text;

namespace {

struct command_result {
  int exit_code = -1;
  std::string output;
};

command_result run_command(const std::string& command) {
  command_result r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

/// Headless Chromium's screenshot of `html` into `png`, with its own profile below `scratch`,
/// page console messages logged, and at most two minutes to finish.
command_result screenshot(const std::string& html, const std::string& png,
                          const temp_dir& scratch) {
  return run_command(
      "timeout -k 5 120 chromium --headless --no-sandbox --disable-gpu "
      "--no-first-run --hide-scrollbars --user-data-dir='" +
      scratch.file("chromium-profile") +
      "' --window-size=1280,1400 --enable-logging=stderr --v=0 --screenshot='" + png +
      "' 'file://" + html + "'");
}

bool near(const std::array<std::uint8_t, 3>& p, int r, int g, int b) {
  return std::abs(p[0] - r) <= 12 && std::abs(p[1] - g) <= 12 && std::abs(p[2] - b) <= 12;
}

/// Where a curve's stroke colour was seen: a curve that moves covers many rows, not one line.
struct stroke {
  std::size_t pixels = 0;
  std::set<std::uint32_t> rows, columns;

  void add(std::uint32_t x, std::uint32_t y) {
    ++pixels;
    rows.insert(y);
    columns.insert(x);
  }
};

struct pixel_census {
  stroke equity;    // #2f6fd0, the equity curve's line
  stroke drawdown;  // #c0392b, the drawdown curve's line
  std::size_t not_background = 0;
  std::size_t colours = 0;
};

pixel_census census(const png_image& img) {
  pixel_census c;
  std::set<std::uint32_t> colours;
  for (std::uint32_t y = 0; y < img.height; ++y)
    for (std::uint32_t x = 0; x < img.width; ++x) {
      const auto& p = img.at(x, y);
      if (near(p, 0x2f, 0x6f, 0xd0)) c.equity.add(x, y);
      if (near(p, 0xc0, 0x39, 0x2b)) c.drawdown.add(x, y);
      c.not_background += !near(p, 0xf3, 0xf5, 0xf9);
      colours.insert(static_cast<std::uint32_t>(p[0] << 16 | p[1] << 8 | p[2]));
    }
  c.colours = colours.size();
  return c;
}

std::string printed(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

TEST_CASE("headless Chromium renders report.html with its equity and drawdown curves") {
  REQUIRE_MESSAGE(run_command("command -v chromium").exit_code == 0,
                  "chromium is not installed: run `make deps`");
  const auto& run = synthesized();
  temp_dir scratch;
  const std::string png = scratch.file("report.png");
  const auto shot = screenshot(run.html_path, png, scratch);
  INFO(shot.output);
  REQUIRE(shot.exit_code == 0);
  // The page has no script; a console message would mean something in it misbehaved.
  CHECK(shot.output.find(":CONSOLE") == std::string::npos);

  const png_image img = read_png(png);
  REQUIRE(img.width == 1280);
  const pixel_census c = census(img);
  INFO("equity line ", c.equity.pixels, " px over ", c.equity.rows.size(), " rows, drawdown line ",
       c.drawdown.pixels, " px over ", c.drawdown.rows.size(), " rows, not background ",
       c.not_background, ", colours ", c.colours);
  // Two charts about 1 000 pixels wide; 22 trades over 14 days move both curves up and down
  // (a flat line, as with no trade, covers 2 or 3 rows).
  for (const stroke* line : {&c.equity, &c.drawdown}) {
    CHECK(line->columns.size() >= 800);
    CHECK(line->rows.size() >= 60);
  }
  CHECK(c.not_background >= img.pixels.size() / 8);
  CHECK(c.colours >= 64);

  // The same census of a blank page finds none of it: the thresholds above mean something.
  const std::string blank =
      scratch.write("blank.html", "<!DOCTYPE html><html><body></body></html>");
  REQUIRE(screenshot(blank, scratch.file("blank.png"), scratch).exit_code == 0);
  const pixel_census empty = census(read_png(scratch.file("blank.png")));
  CHECK(empty.equity.pixels == 0);
  CHECK(empty.drawdown.pixels == 0);
  CHECK(empty.not_background < img.pixels.size() / 8);
  CHECK(empty.colours < 64);
}

TEST_CASE("report.html states report.json's figures and needs nothing from outside") {
  const auto& run = synthesized();
  const auto& r = run.report;
  const std::string& html = run.html;
  REQUIRE(r.at("trades").as_int64() > 0);
  // SPEC §9.3 figures, as report.json holds them.
  CHECK(html.find(printed("%+.2f %%", r.at("total_return_percent").as_double())) !=
        std::string::npos);
  CHECK(html.find(std::to_string(r.at("trades").as_int64()) + " (" +
                  std::to_string(r.at("winners").as_int64()) + " / " +
                  std::to_string(r.at("losers").as_int64()) + ")") != std::string::npos);
  CHECK(html.find("Sum over " + std::to_string(r.at("trades").as_int64()) + " closed positions") !=
        std::string::npos);
  for (const auto& kv : r.at("exits_by_reason").as_object())
    CHECK(html.find("<td>" + std::string(kv.key()) + "</td><td class=\"n\">" +
                    std::to_string(kv.value().as_int64()) + "</td>") != std::string::npos);
  // Self-contained: no script, no stylesheet or image to fetch; the only URL is SVG's namespace.
  for (const char* outside : {"<script", "<link", "src=", "href=", "url(", "@import", "https:"})
    CHECK_MESSAGE(html.find(outside) == std::string::npos, outside);
  const std::string svg_namespace = "\"http://www.w3.org/2000/svg\"";
  std::size_t urls = 0;
  for (std::size_t at = html.find("http"); at != std::string::npos;
       at = html.find("http", at + 1)) {
    CHECK(html.compare(at - 1, svg_namespace.size(), svg_namespace) == 0);
    ++urls;
  }
  CHECK(urls == 2);  // one per chart
}

TEST_CASE("strings from the data are HTML-escaped in report.html") {
  // A token whose name is markup: the page must show it, never run it.
  const std::string token = "<img src=x onerror=alert('1')>&\"";
  temp_dir dir;
  write_dataset(story::make(token), dir.file("data"));
  const auto r = run_smartcopy("backtest --data '" + dir.file("data") + "' --out '" +
                                   dir.file("out") + "' --set log.level=warn",
                               "", dir.path.string());
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto report = boost::json::parse(read_text(dir.file("out/report.json"))).as_object();
  REQUIRE(report.at("by_token").as_object().contains(token));  // it was traded and reported
  const std::string html = read_text(dir.file("out/report.html"));
  CHECK(html.find(token) == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(&#39;1&#39;)&gt;&amp;&quot;") != std::string::npos);
}
