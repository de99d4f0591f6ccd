#include "fakes/fake_nansen.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "messages/time.hpp"

namespace smartcopy::fakes {

namespace json = boost::json;

namespace {

constexpr std::string_view api_prefix = "/api/v1/";

struct endpoint_spec {
  std::string path;
  std::set<std::string> allowed;  // additionalProperties: false (reference §2.2)
  std::vector<std::string> required;
  bool date_only = false;  // DateOnlyRange (perp-leaderboard)
  double credits = 1;
};

const std::vector<endpoint_spec>& endpoints() {
  static const std::vector<endpoint_spec> specs = {
      {"perp-leaderboard",
       {"date", "pagination", "filters", "order_by", "premium_labels"},
       {"date"},
       true,
       5},
      {"profiler/perp-trades",
       {"address", "date", "pagination", "filters", "order_by"},
       {"address", "date"},
       false,
       1},
      {"profiler/perp-positions", {"address", "filters", "order_by"}, {"address"}, false, 1},
      {"tgm/perp-pnl-leaderboard",
       {"token_symbol", "date", "pagination", "filters", "order_by", "premium_labels"},
       {"token_symbol", "date"},
       false,
       5},
      {"smart-money/perp-trades",
       {"only_new_positions", "pagination", "filters", "order_by", "premium_labels"},
       {},
       false,
       5},
      {"perp-screener", {"date", "pagination", "filters", "order_by"}, {"date"}, false, 1},
  };
  return specs;
}

reply json_reply(int status, const json::value& body) {
  reply r;
  r.status = status;
  r.body = json::serialize(body);
  return r;
}

reply unprocessable(const std::string& message, const std::string& param) {
  return json_reply(422,
                    {{"code", "validation_error"},
                     {"message", message},
                     {"param", param},
                     {"errors", json::array{{{"field", "body." + param}, {"message", message}}}}});
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<json::object> fixture_rows(const std::string& path) {
  std::vector<json::object> out;
  json::error_code ec;
  const json::value v = json::parse(read_file(path), ec);
  if (ec || !v.is_object()) return out;
  const auto* data = v.get_object().if_contains("data");
  if (!data || !data->is_array()) return out;
  for (const auto& row : data->get_array()) {
    if (row.is_object()) out.push_back(row.get_object());
  }
  return out;
}

std::string normalise_path(std::string_view path) {
  if (path.rfind(api_prefix, 0) == 0) path.remove_prefix(api_prefix.size());
  if (const auto q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
  return std::string(path);
}

// The `date` member: {from, to} strings, date-only where the endpoint demands it.
std::optional<reply> check_date(const json::object& body, const endpoint_spec& spec) {
  const auto* date = body.if_contains("date");
  if (!date) return std::nullopt;
  if (!date->is_object()) return unprocessable("date must be an object", "date");
  for (const auto& [key, value] : date->get_object()) {
    if (key != "from" && key != "to") {
      return unprocessable("Field 'date." + std::string(key) + "' is not recognized", "date");
    }
    if (!value.is_string() || !parse_iso8601(value.get_string())) {
      return unprocessable("date." + std::string(key) + " is not a date", "date");
    }
    if (spec.date_only && value.get_string().size() != 10) {
      return unprocessable("date." + std::string(key) + " must be YYYY-MM-DD", "date");
    }
  }
  return std::nullopt;
}

std::optional<reply> check_pagination_and_order(const json::object& body) {
  if (const auto* p = body.if_contains("pagination")) {
    const auto* page = p->is_object() ? p->get_object().if_contains("page") : nullptr;
    const auto* per = p->is_object() ? p->get_object().if_contains("per_page") : nullptr;
    if (!page || !page->is_int64() || page->get_int64() < 1 || !per || !per->is_int64() ||
        per->get_int64() < 1 || per->get_int64() > 1000 || p->get_object().size() != 2) {
      return unprocessable("pagination must be {page >= 1, per_page 1..1000}", "pagination");
    }
  }
  if (const auto* o = body.if_contains("order_by")) {
    if (!o->is_array()) return unprocessable("order_by must be an array", "order_by");
    for (const auto& item : o->get_array()) {
      const auto* field = item.is_object() ? item.get_object().if_contains("field") : nullptr;
      const auto* dir = item.is_object() ? item.get_object().if_contains("direction") : nullptr;
      if (!field || !field->is_string() || !dir || !dir->is_string() ||
          (dir->get_string() != "ASC" && dir->get_string() != "DESC")) {
        return unprocessable("order_by items are {field, direction: ASC|DESC}", "order_by");
      }
    }
  }
  return std::nullopt;
}

std::optional<reply> validate(const json::object& body, const endpoint_spec& spec) {
  for (const auto& [key, value] : body) {
    if (!spec.allowed.count(std::string(key))) {
      return json_reply(422, {{"message", "Field '" + std::string(key) +
                                              "' is not recognized. Please check the API "
                                              "documentation for valid request fields."}});
    }
  }
  for (const auto& key : spec.required) {
    if (!body.contains(key)) return unprocessable("Field required", key);
  }
  if (const auto* a = body.if_contains("address");
      a && (!a->is_string() || a->get_string().size() != 42)) {
    return unprocessable("address must be a 42-character string", "address");
  }
  if (auto bad = check_date(body, spec)) return bad;
  return check_pagination_and_order(body);
}

// Inclusive [from, to]; a date-only `to` covers its whole day.
bool in_range(const json::object& row, const json::object& body) {
  const auto* date = body.if_contains("date");
  const auto* ts = row.if_contains("timestamp");
  if (!date || !ts || !ts->is_string()) return true;
  const auto when = parse_iso8601(ts->get_string());
  if (!when) return true;
  const auto& d = date->get_object();
  if (const auto* from = d.if_contains("from")) {
    if (*when < *parse_iso8601(from->get_string())) return false;
  }
  if (const auto* to = d.if_contains("to")) {
    auto end = *parse_iso8601(to->get_string());
    if (to->get_string().size() == 10) end += hours(24) - milliseconds(1);
    if (*when > end) return false;
  }
  return true;
}

bool descending(const json::object& body, std::string_view field) {
  const auto* o = body.if_contains("order_by");
  if (!o) return false;
  for (const auto& item : o->get_array()) {
    if (item.get_object().at("field").get_string() == field) {
      return item.get_object().at("direction").get_string() == "DESC";
    }
  }
  return false;
}

json::value page_of(const std::vector<json::object>& rows, const json::object& body) {
  std::int64_t page = 1, per_page = 10;  // the API's default page size (reference §2.2)
  if (const auto* p = body.if_contains("pagination")) {
    page = p->get_object().at("page").get_int64();
    per_page = p->get_object().at("per_page").get_int64();
  }
  const auto total = static_cast<std::int64_t>(rows.size());
  const auto begin = std::min(total, (page - 1) * per_page);
  const auto end = std::min(total, begin + per_page);
  json::array data;
  for (auto i = begin; i < end; ++i) data.push_back(rows[static_cast<std::size_t>(i)]);
  return {{"data", std::move(data)},
          {"pagination", {{"page", page}, {"per_page", per_page}, {"is_last_page", end >= total}}}};
}

int window_days(const json::object& body) {
  const auto& d = body.at("date").get_object();
  const auto* from = d.if_contains("from");
  const auto* to = d.if_contains("to");
  if (!from || !to) return -1;
  return static_cast<int>(std::chrono::duration_cast<hours>(*parse_iso8601(to->get_string()) -
                                                            *parse_iso8601(from->get_string()))
                              .count() /
                          24);
}

}  // namespace

struct fake_nansen::state {
  mutable std::mutex mu;
  std::vector<json::object> leaderboard;
  std::map<int, std::vector<json::object>> leaderboard_by_window;
  std::map<std::string, std::vector<json::object>> trades;
  std::map<std::string, json::object> positions;
  std::map<std::string, std::vector<json::object>> pnl_leaderboard;
  std::vector<json::object> smart_money;
  std::vector<json::object> screener;
  std::map<std::string, std::deque<reply>> scripted;
  std::map<std::string, std::deque<reply>> scripted_by_address;
  double credits_remaining = 10'000;

  json::value serve(const std::string& path, const json::object& body) {
    if (path == "perp-leaderboard") {
      const auto w = leaderboard_by_window.find(window_days(body));
      return page_of(w != leaderboard_by_window.end() ? w->second : leaderboard, body);
    }
    if (path == "profiler/perp-trades") return page_of(trades_for(body), body);
    if (path == "profiler/perp-positions") {
      const auto it = positions.find(std::string(body.at("address").get_string()));
      if (it != positions.end()) return {{"data", it->second}};
      return {{"data",
               {{"asset_positions", json::array{}},
                {"margin_summary_account_value_usd", "0.0"},
                {"timestamp", 1771070762017}}}};
    }
    if (path == "tgm/perp-pnl-leaderboard") {
      return page_of(pnl_leaderboard[std::string(body.at("token_symbol").get_string())], body);
    }
    if (path == "smart-money/perp-trades") {
      std::vector<json::object> rows;
      const auto* only_new = body.if_contains("only_new_positions");
      const bool open_only = only_new && only_new->is_bool() && only_new->get_bool();
      for (const auto& r : smart_money) {
        const auto* a = r.if_contains("action");
        const bool is_open = a && a->is_string() &&
                             std::string_view(a->get_string()).find("Open") != std::string::npos;
        if (!open_only || is_open) rows.push_back(r);
      }
      return page_of(rows, body);
    }
    return page_of(screener, body);
  }

  std::vector<json::object> trades_for(const json::object& body) {
    std::vector<json::object> rows;
    for (const auto& r : trades[std::string(body.at("address").get_string())]) {
      if (in_range(r, body)) rows.push_back(r);
    }
    const bool desc = descending(body, "timestamp");
    std::stable_sort(
        rows.begin(), rows.end(), [desc](const json::object& a, const json::object& b) {
          const auto ta = a.if_contains("timestamp"), tb = b.if_contains("timestamp");
          const std::string sa = ta && ta->is_string() ? std::string(ta->get_string()) : "";
          const std::string sb = tb && tb->is_string() ? std::string(tb->get_string()) : "";
          return desc ? sa > sb : sa < sb;
        });
    return rows;
  }
};

fake_nansen::fake_nansen(std::string api_key)
    : api_key_(std::move(api_key)), state_(std::make_unique<state>()) {
  server_ = std::make_unique<https_server>([this](const recorded_request& r) { return handle(r); });
}

// The server (and its threads calling handle()) goes first.
fake_nansen::~fake_nansen() {
  server_.reset();
}

std::string fake_nansen::base_url() const {
  return server_->base_url();
}
std::string fake_nansen::ca_file() const {
  return server_->ca_file();
}

reply fake_nansen::handle(const recorded_request& req) {
  const std::string path = normalise_path(req.target);
  const auto spec = std::find_if(endpoints().begin(), endpoints().end(),
                                 [&](const endpoint_spec& s) { return s.path == path; });
  if (req.target.rfind(api_prefix, 0) != 0 || spec == endpoints().end()) {
    return json_reply(404, {{"detail", "Not Found"}});
  }
  if (req.method != "POST") return json_reply(405, {{"detail", "Method Not Allowed"}});
  const auto key = req.header("apiKey");
  if (!key || *key != api_key_) {
    return json_reply(401, {{"code", "unauthorized"}, {"message", "Invalid API key"}});
  }
  std::lock_guard lock(state_->mu);
  if (auto& queue = state_->scripted[path]; !queue.empty()) {
    reply r = queue.front();
    queue.pop_front();
    return r;
  }
  json::error_code ec;
  const json::value body = json::parse(req.body, ec);
  if (ec || !body.is_object()) return json_reply(400, {{"message", "Body is not a JSON object"}});
  if (const auto* a = body.get_object().if_contains("address"); a && a->is_string()) {
    if (auto& queue = state_->scripted_by_address[std::string(a->get_string())]; !queue.empty()) {
      reply r = queue.front();
      queue.pop_front();
      return r;
    }
  }
  if (auto bad = validate(body.get_object(), *spec)) return *bad;
  reply out = json_reply(200, state_->serve(path, body.get_object()));
  state_->credits_remaining -= spec->credits;
  char cost[32], left[32];
  std::snprintf(cost, sizeof cost, "%g", spec->credits);
  std::snprintf(left, sizeof left, "%g", state_->credits_remaining);
  out.headers = {{"X-Nansen-Credits-Cost", cost},
                 {"X-Nansen-Credits-Used", cost},
                 {"X-Nansen-Credits-Remaining", left}};
  return out;
}

bool fake_nansen::load_fixtures(const std::string& dir) {
  if (!std::ifstream(dir + "/perp-leaderboard.json")) return false;
  const auto merged = [&](const char* a, const char* b) {
    auto rows = fixture_rows(dir + "/" + a);
    if (b) {
      auto more = fixture_rows(dir + "/" + b);
      rows.insert(rows.end(), more.begin(), more.end());
    }
    return rows;
  };
  set_leaderboard(merged("perp-leaderboard.json", "perp-leaderboard-page2.json"));
  for (const auto& row : merged("address-perp-trades.json", "address-perp-trades-page2.json")) {
    const auto* user = row.if_contains("user");
    add_trade(user && user->is_string() ? std::string(user->get_string()) : fixture_trader, row);
  }
  json::error_code ec;
  const json::value positions = json::parse(read_file(dir + "/address-perp-positions.json"), ec);
  if (!ec && positions.is_object() && positions.get_object().contains("data")) {
    set_positions(fixture_trader, positions.get_object().at("data").get_object());
  }
  set_pnl_leaderboard("BTC", merged("perp-pnl-leaderboard.json", nullptr));
  set_smart_money_trades(
      merged("smart-money-perp-trades.json", "smart-money-perp-trades-page2.json"));
  set_screener(merged("perp-screener.json", nullptr));
  return true;
}

void fake_nansen::set_leaderboard(std::vector<json::object> rows, std::optional<int> window) {
  std::lock_guard lock(state_->mu);
  if (window) {
    state_->leaderboard_by_window[*window] = std::move(rows);
  } else {
    state_->leaderboard = std::move(rows);
  }
}

void fake_nansen::set_trades(const std::string& address, std::vector<json::object> rows) {
  std::lock_guard lock(state_->mu);
  state_->trades[address] = std::move(rows);
}

void fake_nansen::add_trade(const std::string& address, json::object row) {
  std::lock_guard lock(state_->mu);
  state_->trades[address].push_back(std::move(row));
}

void fake_nansen::set_positions(const std::string& address, json::object data) {
  std::lock_guard lock(state_->mu);
  state_->positions[address] = std::move(data);
}

void fake_nansen::set_pnl_leaderboard(const std::string& token, std::vector<json::object> rows) {
  std::lock_guard lock(state_->mu);
  state_->pnl_leaderboard[token] = std::move(rows);
}

void fake_nansen::set_smart_money_trades(std::vector<json::object> rows) {
  std::lock_guard lock(state_->mu);
  state_->smart_money = std::move(rows);
}

void fake_nansen::set_screener(std::vector<json::object> rows) {
  std::lock_guard lock(state_->mu);
  state_->screener = std::move(rows);
}

void fake_nansen::set_credits_remaining(double credits) {
  std::lock_guard lock(state_->mu);
  state_->credits_remaining = credits;
}

void fake_nansen::script(const std::string& path, reply r, int times) {
  std::lock_guard lock(state_->mu);
  auto& queue = state_->scripted[normalise_path(path)];
  for (int i = 0; i < times; ++i) queue.push_back(r);
}

void fake_nansen::script_address(const std::string& address, reply r, int times) {
  std::lock_guard lock(state_->mu);
  auto& queue = state_->scripted_by_address[address];
  for (int i = 0; i < times; ++i) queue.push_back(r);
}

reply fake_nansen::rate_limited(std::optional<std::string> retry_after) {
  reply r = json_reply(429, {{"code", "rate_limited"}, {"message", "Rate limit exceeded"}});
  if (retry_after) r.headers.emplace_back("Retry-After", *retry_after);
  return r;
}

reply fake_nansen::server_error(int status) {
  return json_reply(status, {{"message", "Internal server error"}});
}

reply fake_nansen::html_page(int status) {
  reply r;
  r.status = status;
  r.content_type = "text/html";
  r.body =
      "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
  return r;
}

std::vector<recorded_request> fake_nansen::requests(std::string_view path) const {
  auto all = server_->requests();
  if (path.empty()) return all;
  std::vector<recorded_request> out;
  for (auto& r : all) {
    if (normalise_path(r.target) == normalise_path(path)) out.push_back(std::move(r));
  }
  return out;
}

std::vector<json::value> fake_nansen::request_bodies(std::string_view path) const {
  std::vector<json::value> out;
  for (const auto& r : requests(path)) {
    json::error_code ec;
    json::value v = json::parse(r.body, ec);
    out.push_back(ec ? json::value() : std::move(v));
  }
  return out;
}

}  // namespace smartcopy::fakes
