#include "tests/fakes/fake_hyperliquid.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include <boost/json.hpp>

#include "infra/hyperliquid/actions.hpp"
#include "infra/hyperliquid/hex.hpp"
#include "infra/hyperliquid/json_fields.hpp"
#include "infra/hyperliquid/signer.hpp"
#include "infra/hyperliquid/wire_format.hpp"

namespace smartcopy::fakes {
namespace {

namespace bj = boost::json;
namespace hl = hyperliquid;

constexpr double taker_fee = 0.00045;

struct asset {
  std::string coin;
  int sz_decimals = 0;
  int max_leverage = 1;
  double mark = 0;
};

struct fill_row {
  std::string coin;
  double px = 0;
  double sz = 0;
  bool is_buy = true;
  std::int64_t time = 0;
  double start_position = 0;
  std::string dir;
  double closed_pnl = 0;
  std::int64_t oid = 0;
  std::int64_t tid = 0;
  double fee = 0;
  std::optional<std::string> cloid;
};

struct account {
  double value = 0;  // realized: deposits + closed PnL - fees
  std::map<std::string, fake_position> positions;
  std::map<std::string, std::pair<int, bool>> leverage;
  std::optional<std::int64_t> scheduled_cancel;
  std::vector<fill_row> fills;
  std::set<std::string> cloids;
};

std::string num(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.8f", x);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

// The exchange parses decimals and rebuilds the hashed action from the values, so "2000.0" is
// hashed as "2000" (reference §4.8 item 3); this reproduces that.
std::string canonical_decimal(const std::string& text) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(v))
    throw hl::parse_error("not a decimal: " + text);
  char buf[400];
  auto [end, ec2] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (ec2 != std::errc{}) throw hl::parse_error("decimal out of range");
  std::string s(buf, end);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::uint64_t uint_of(const bj::object& o, std::string_view key) {
  const auto v = hl::json::int_of(o, key);
  if (v < 0) throw hl::parse_error(std::string(key) + " is negative");
  return static_cast<std::uint64_t>(v);
}

bool bool_of(const bj::object& o, std::string_view key) {
  const auto& v = hl::json::member(o, key);
  if (!v.is_bool()) throw hl::parse_error(std::string(key) + " is not a boolean");
  return v.get_bool();
}

std::string cloid_text(const bj::object& o, std::string_view key) {
  auto c = hl::json::string_of(o, key);
  if (!hl::is_hex_of_size(c, 16)) throw hl::parse_error("bad cloid");
  return hl::lowercase_hex(c);
}

hl::order_wire order_from_json(const bj::object& o) {
  hl::order_wire w;
  const auto a = uint_of(o, "a");
  if (a > 0xffffffffULL) throw hl::parse_error("asset out of range");
  w.asset = static_cast<std::uint32_t>(a);
  w.is_buy = bool_of(o, "b");
  w.price = canonical_decimal(hl::json::string_of(o, "p"));
  w.size = canonical_decimal(hl::json::string_of(o, "s"));
  w.reduce_only = bool_of(o, "r");
  const auto& t = hl::json::as_object(hl::json::member(o, "t"), "t");
  if (const auto* l = t.if_contains("limit")) {
    const auto tif = hl::json::string_of(hl::json::as_object(*l, "limit"), "tif");
    if (tif == "Gtc")
      w.type = hl::limit_order{time_in_force::gtc};
    else if (tif == "Ioc")
      w.type = hl::limit_order{time_in_force::ioc};
    else if (tif == "Alo")
      w.type = hl::limit_order{time_in_force::alo};
    else
      throw hl::parse_error("bad tif");
  } else {
    const auto& trig = hl::json::as_object(hl::json::member(t, "trigger"), "trigger");
    const auto kind = hl::json::string_of(trig, "tpsl");
    if (kind != "tp" && kind != "sl") throw hl::parse_error("bad tpsl");
    w.type = hl::trigger_order{bool_of(trig, "isMarket"),
                               canonical_decimal(hl::json::string_of(trig, "triggerPx")),
                               kind == "tp" ? hl::tpsl::tp : hl::tpsl::sl};
  }
  if (o.contains("c")) w.cloid = cloid_text(o, "c");
  return w;
}

// The action as the exchange re-serializes it from the values it parsed; throws parse_error.
bj::value canonical_action(const bj::object& action) {
  const auto type = hl::json::string_of(action, "type");
  if (type == "order") {
    std::vector<hl::order_wire> orders;
    for (const auto& o : hl::json::as_array(hl::json::member(action, "orders"), "orders"))
      orders.push_back(order_from_json(hl::json::as_object(o, "order")));
    const auto g = hl::json::string_of(action, "grouping");
    const auto grouping = g == "na"             ? hl::order_grouping::na
                          : g == "normalTpsl"   ? hl::order_grouping::normal_tpsl
                          : g == "positionTpsl" ? hl::order_grouping::position_tpsl
                                                : throw hl::parse_error("bad grouping");
    return hl::order_action(orders, grouping);
  }
  if (type == "cancel") {
    std::vector<hl::cancel_wire> cancels;
    for (const auto& c : hl::json::as_array(hl::json::member(action, "cancels"), "cancels")) {
      const auto& co = hl::json::as_object(c, "cancel");
      cancels.push_back({static_cast<std::uint32_t>(uint_of(co, "a")), uint_of(co, "o")});
    }
    return hl::cancel_action(cancels);
  }
  if (type == "cancelByCloid") {
    std::vector<hl::cancel_by_cloid_wire> cancels;
    for (const auto& c : hl::json::as_array(hl::json::member(action, "cancels"), "cancels")) {
      const auto& co = hl::json::as_object(c, "cancel");
      cancels.push_back(
          {static_cast<std::uint32_t>(uint_of(co, "asset")), cloid_text(co, "cloid")});
    }
    return hl::cancel_by_cloid_action(cancels);
  }
  if (type == "updateLeverage")
    return hl::update_leverage_action(static_cast<std::uint32_t>(uint_of(action, "asset")),
                                      bool_of(action, "isCross"),
                                      static_cast<int>(uint_of(action, "leverage")));
  if (type == "scheduleCancel")
    return hl::schedule_cancel_action(hl::json::optional_int(action, "time"));
  throw hl::parse_error("unknown action type " + type);
}

reply make_reply(int status, std::string body, std::string content_type = "application/json") {
  reply r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

reply json_reply(const bj::value& v) {
  return make_reply(200, bj::serialize(v));
}

reply err_reply(const std::string& message) {
  return json_reply(bj::object{{"status", "err"}, {"response", message}});
}

reply default_ok() {
  return json_reply(bj::object{{"status", "ok"}, {"response", bj::object{{"type", "default"}}}});
}

reply unprocessable() {
  return make_reply(422, "Failed to deserialize the JSON body into the target type", "text/plain");
}

int sign_of(double x) {
  return (x > 0) - (x < 0);
}

}  // namespace

struct fake_hyperliquid::state {
  hl::network net = hl::network::mainnet;
  std::vector<asset> assets;
  std::map<std::string, std::string> agents;  // signer -> account
  std::map<std::string, account> accounts;
  std::vector<fake_order> orders;
  std::int64_t next_oid = 1000;
  std::int64_t next_tid = 1;
  std::map<std::string, std::set<std::uint64_t>> nonces;  // per signer
  std::optional<std::chrono::milliseconds> next_delay;
  std::optional<std::chrono::milliseconds> next_order_delay;
  std::optional<reply> next_failure;
  std::vector<hl::candle> candles;
  std::size_t candle_page_limit = 500;
  std::size_t candle_answers_before_failure = 0;
  int candle_failure_status = 0;
  int candle_failures = 0;
  std::function<std::int64_t()> now = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  std::vector<std::string> signers;
  std::size_t order_count = 0;

  asset* find_asset(const std::string& coin) {
    for (auto& a : assets)
      if (a.coin == coin) return &a;
    return nullptr;
  }

  int leverage_of(account& acct, const asset& a) {
    const auto it = acct.leverage.find(a.coin);
    return it != acct.leverage.end() ? it->second.first : std::min(20, a.max_leverage);
  }

  double margin_used(account& acct) {
    double used = 0;
    for (const auto& [coin, p] : acct.positions)
      if (const auto* a = find_asset(coin))
        used += std::fabs(p.szi) * a->mark / leverage_of(acct, *a);
    return used;
  }

  double unrealized(account& acct) {
    double u = 0;
    for (const auto& [coin, p] : acct.positions)
      if (const auto* a = find_asset(coin)) u += (a->mark - p.entry_px) * p.szi;
    return u;
  }

  // Executes `sz` of `o` at `px`: position, entry, realized PnL, fee, fill row.
  void apply_fill(fake_order& o, double px, double sz) {
    auto& acct = accounts[o.account];
    auto& pos = acct.positions[o.coin];
    const double start = pos.szi;
    const double delta = o.is_buy ? sz : -sz;
    double after = start + delta;
    if (std::fabs(after) < 1e-12) after = 0;
    double pnl = 0;
    std::string dir;
    if (start == 0 || sign_of(start) == sign_of(delta)) {
      pos.entry_px = (std::fabs(start) * pos.entry_px + sz * px) / std::fabs(after);
      dir = delta > 0 ? "Open Long" : "Open Short";
    } else {
      pnl = std::min(std::fabs(delta), std::fabs(start)) * (px - pos.entry_px) * sign_of(start);
      if (after != 0 && sign_of(after) != sign_of(start)) {
        pos.entry_px = px;
        dir = start > 0 ? "Long > Short" : "Short > Long";
      } else {
        dir = start > 0 ? "Close Long" : "Close Short";
      }
    }
    pos.szi = after;
    const double fee = px * sz * taker_fee;
    acct.value += pnl - fee;
    acct.fills.push_back(
        {o.coin, px, sz, o.is_buy, now(), start, dir, pnl, o.oid, next_tid++, fee, o.cloid});
    if (after == 0) acct.positions.erase(o.coin);
    o.sz = std::max(0.0, o.sz - sz);
  }

  // A reduce-only order may only shrink the position; returns the size it may still fill.
  double reducible(const fake_order& o) {
    auto& acct = accounts[o.account];
    const auto it = acct.positions.find(o.coin);
    if (it == acct.positions.end()) return 0;
    const double szi = it->second.szi;
    if ((o.is_buy && szi >= 0) || (!o.is_buy && szi <= 0)) return 0;
    return std::min(o.sz, std::fabs(szi));
  }

  void finish(fake_order& o, const char* status) {
    o.status = status;
    o.status_timestamp = now();
  }

  // Fills `o` for `sz` at `px` unless it is reduce-only with nothing to reduce.
  void execute(fake_order& o, double px) {
    double sz = o.sz;
    if (o.reduce_only) sz = reducible(o);
    if (sz <= 0) return finish(o, "reduceOnlyCanceled");
    apply_fill(o, px, sz);
    finish(o, "filled");
  }

  bj::value place(account& acct, const std::string& acct_name, const hl::order_wire& w) {
    if (w.asset >= assets.size()) return bj::object{{"error", "Order has invalid asset."}};
    auto& a = assets[w.asset];
    if (w.cloid && acct.cloids.count(*w.cloid))
      return bj::object{{"error", "Duplicate cloid: an order with this cloid already exists."}};
    const double px = std::stod(w.price);
    const double sz = std::stod(w.size);
    try {
      if (hl::price_to_wire(px, a.sz_decimals) != w.price)
        return bj::object{{"error", "Price must be divisible by tick size."}};
      if (hl::size_to_wire(sz, a.sz_decimals) != w.size)
        return bj::object{{"error", "Order has invalid size."}};
    } catch (const std::invalid_argument&) {
      return bj::object{{"error", "Order has invalid size."}};
    }
    const auto* trig = std::get_if<hl::trigger_order>(&w.type);
    if (!w.reduce_only && px * sz < 10)
      return bj::object{{"error", "Order must have minimum value of $10."}};
    fake_order o;
    o.account = acct_name;
    o.coin = a.coin;
    o.is_buy = w.is_buy;
    o.limit_px = px;
    o.sz = o.orig_sz = sz;
    o.reduce_only = w.reduce_only;
    o.cloid = w.cloid;
    o.timestamp = now();
    if (w.reduce_only && !trig && reducible(o) <= 0)
      return bj::object{{"error", "Reduce only order would increase position."}};
    if (!w.reduce_only) {
      const double need = sz * a.mark / leverage_of(acct, a);
      if (acct.value + unrealized(acct) - margin_used(acct) < need)
        return bj::object{{"error", "Insufficient margin to place order."}};
    }
    o.oid = next_oid++;
    ++order_count;
    if (w.cloid) acct.cloids.insert(*w.cloid);
    bj::object ids{{"oid", o.oid}};
    if (w.cloid) ids["cloid"] = *w.cloid;
    if (trig) {
      o.is_trigger = true;
      o.trigger_px = std::stod(trig->trigger_px);
      o.trigger_is_market = trig->is_market;
      o.tpsl = trig->kind == hl::tpsl::tp ? "tp" : "sl";
      finish(o, "open");
      orders.push_back(o);
      return bj::object{{"resting", ids}};
    }
    const auto tif = std::get<hl::limit_order>(w.type).tif;
    o.tif = hl::to_wire(tif);
    const bool marketable = w.is_buy ? px >= a.mark : px <= a.mark;
    if (marketable && tif == time_in_force::alo) {
      finish(o, "badAloPxRejected");
      orders.push_back(o);
      return bj::object{{"error", "Post only order would have immediately matched, bbo was " +
                                      num(a.mark) + "@" + num(a.mark)}};
    }
    if (marketable) {
      execute(o, a.mark);
      orders.push_back(o);
      if (o.status != "filled")
        return bj::object{{"error", "Reduce only order would increase position."}};
      ids["totalSz"] = num(o.orig_sz - o.sz);
      ids["avgPx"] = num(a.mark);
      return bj::object{{"filled", ids}};
    }
    if (tif == time_in_force::ioc) {
      finish(o, "iocCancelRejected");
      orders.push_back(o);
      return bj::object{{"error", "Order could not immediately match against any resting orders."}};
    }
    finish(o, "open");
    orders.push_back(o);
    return bj::object{{"resting", ids}};
  }

  fake_order* open_order(const std::string& acct, const std::string& coin,
                         const std::function<bool(const fake_order&)>& match) {
    for (auto& o : orders)
      if (o.account == acct && o.coin == coin && o.status == "open" && match(o)) return &o;
    return nullptr;
  }

  reply exchange(const std::string& account_name, const bj::object& action) {
    auto& acct = accounts[account_name];
    const auto type = hl::json::string_of(action, "type");
    const bj::value missing = "Order was never placed, already canceled, or filled.";
    if (type == "order") {
      bj::array statuses;
      for (const auto& o : action.at("orders").as_array())
        statuses.push_back(place(acct, account_name, order_from_json(o.as_object())));
      return json_reply(bj::object{
          {"status", "ok"},
          {"response",
           bj::object{{"type", "order"}, {"data", bj::object{{"statuses", statuses}}}}}});
    }
    if (type == "cancel" || type == "cancelByCloid") {
      bj::array statuses;
      for (const auto& c : action.at("cancels").as_array()) {
        const auto& co = c.as_object();
        const bool by_cloid = type == "cancelByCloid";
        const auto a = uint_of(co, by_cloid ? "asset" : "a");
        fake_order* o = nullptr;
        if (a < assets.size()) {
          const auto oid = by_cloid ? 0 : static_cast<std::int64_t>(uint_of(co, "o"));
          const auto cloid = by_cloid ? cloid_text(co, "cloid") : std::string();
          o = open_order(account_name, assets[a].coin, [&](const fake_order& x) {
            return by_cloid ? x.cloid == cloid : x.oid == oid;
          });
        }
        if (o) finish(*o, "canceled");
        statuses.push_back(o ? bj::value("success") : bj::value(bj::object{{"error", missing}}));
      }
      return json_reply(bj::object{
          {"status", "ok"},
          {"response",
           bj::object{{"type", "cancel"}, {"data", bj::object{{"statuses", statuses}}}}}});
    }
    if (type == "updateLeverage") {
      const auto a = uint_of(action, "asset");
      const auto lev = static_cast<int>(uint_of(action, "leverage"));
      if (a >= assets.size()) return err_reply("Invalid asset.");
      if (lev < 1 || lev > assets[a].max_leverage) return err_reply("Invalid leverage value.");
      acct.leverage[assets[a].coin] = {lev, bool_of(action, "isCross")};
      return default_ok();
    }
    // scheduleCancel: at least 5 s ahead (reference §3.2); no time clears it.
    const auto t = hl::json::optional_int(action, "time");
    if (t && *t < now() + 5000) return err_reply("Scheduled cancel time too early.");
    acct.scheduled_cancel = t;
    return default_ok();
  }

  reply exchange_request(const std::string& body) {
    bj::value doc;
    std::string signer;
    std::string account_name;
    try {
      doc = hl::json::parse_body(body, "exchange");
      const auto& o = hl::json::as_object(doc, "exchange");
      const auto& action = hl::json::as_object(hl::json::member(o, "action"), "action");
      const auto nonce = uint_of(o, "nonce");
      const auto& sig = hl::json::as_object(hl::json::member(o, "signature"), "signature");
      const auto vault = hl::json::optional_string(o, "vaultAddress");
      const auto expires = hl::json::optional_int(o, "expiresAfter");
      const auto canonical = canonical_action(action);
      std::optional<std::uint64_t> expires_u;
      if (expires) expires_u = static_cast<std::uint64_t>(*expires);
      const auto digest = hl::l1_agent_digest(
          hl::l1_action_hash(canonical, nonce,
                             vault ? std::optional(hl::lowercase_hex(*vault)) : std::nullopt,
                             expires_u),
          net == hl::network::mainnet);
      try {
        signer = hl::recover_signer(digest,
                                    {hl::json::string_of(sig, "r"), hl::json::string_of(sig, "s"),
                                     static_cast<int>(hl::json::int_of(sig, "v"))});
      } catch (const std::invalid_argument&) {
        return err_reply("Invalid signature.");
      }
      signers.push_back(signer);
      const auto agent = agents.find(signer);
      if (agent == agents.end())
        return err_reply("L1 error: User or API Wallet " + signer + " does not exist.");
      account_name = vault ? hl::lowercase_hex(*vault) : agent->second;
      if (!accounts.count(account_name)) return err_reply("Vault not registered: " + account_name);
      if (!nonces[signer].insert(nonce).second) return err_reply("Invalid nonce: duplicate nonce");
      if (expires && *expires < now()) return err_reply("Action expired.");
      return exchange(account_name, action);
    } catch (const hl::parse_error&) {
      return unprocessable();
    } catch (const std::invalid_argument&) {
      return unprocessable();
    }
  }

  bj::object order_json(const fake_order& o) {
    bj::object j{{"coin", o.coin},
                 {"side", o.is_buy ? "B" : "A"},
                 {"limitPx", num(o.limit_px)},
                 {"sz", num(o.sz)},
                 {"oid", o.oid},
                 {"timestamp", o.timestamp},
                 {"triggerCondition", o.is_trigger ? (o.tpsl == "sl") == o.is_buy
                                                         ? "Price above " + num(o.trigger_px)
                                                         : "Price below " + num(o.trigger_px)
                                                   : std::string("N/A")},
                 {"isTrigger", o.is_trigger},
                 {"triggerPx", num(o.trigger_px)},
                 {"children", bj::array{}},
                 {"isPositionTpsl", false},
                 {"reduceOnly", o.reduce_only},
                 {"orderType",
                  o.is_trigger ? (o.tpsl == "sl" ? "Stop Market" : "Take Profit Market") : "Limit"},
                 {"origSz", num(o.orig_sz)},
                 {"tif", o.is_trigger ? bj::value(nullptr) : bj::value(o.tif)},
                 {"cloid", o.cloid ? bj::value(*o.cloid) : bj::value(nullptr)}};
    return j;
  }

  bj::object meta_json() {
    bj::array universe;
    for (const auto& a : assets)
      universe.push_back(bj::object{
          {"name", a.coin}, {"szDecimals", a.sz_decimals}, {"maxLeverage", a.max_leverage}});
    return bj::object{{"universe", universe}};
  }

  bj::value clearinghouse(const std::string& user) {
    auto& acct = accounts[user];
    bj::array positions;
    double ntl = 0;
    for (const auto& [coin, p] : acct.positions) {
      const auto* a = find_asset(coin);
      const double mark = a ? a->mark : p.entry_px;
      const int lev = a ? leverage_of(acct, *a) : 1;
      const auto lev_it = acct.leverage.find(coin);
      const bool cross = lev_it == acct.leverage.end() || lev_it->second.second;
      ntl += std::fabs(p.szi) * mark;
      positions.push_back(bj::object{
          {"type", "oneWay"},
          {"position", bj::object{{"coin", coin},
                                  {"szi", num(p.szi)},
                                  {"leverage", bj::object{{"type", cross ? "cross" : "isolated"},
                                                          {"value", lev}}},
                                  {"entryPx", num(p.entry_px)},
                                  {"positionValue", num(std::fabs(p.szi) * mark)},
                                  {"unrealizedPnl", num((mark - p.entry_px) * p.szi)},
                                  {"returnOnEquity", "0"},
                                  {"liquidationPx", nullptr},
                                  {"marginUsed", num(std::fabs(p.szi) * mark / lev)},
                                  {"maxLeverage", a ? a->max_leverage : 1}}}});
    }
    const double value = acct.value + unrealized(acct);
    const double used = margin_used(acct);
    const bj::object summary{{"accountValue", num(value)},
                             {"totalNtlPos", num(ntl)},
                             {"totalRawUsd", num(acct.value)},
                             {"totalMarginUsed", num(used)}};
    return bj::object{{"marginSummary", summary},
                      {"crossMarginSummary", summary},
                      {"crossMaintenanceMarginUsed", num(used / 2)},
                      {"withdrawable", num(std::max(0.0, value - used))},
                      {"assetPositions", positions},
                      {"time", now()}};
  }

  bj::value fills_json(const std::string& user, std::int64_t from, std::int64_t to) {
    bj::array out;
    const auto& fills = accounts[user].fills;
    for (auto it = fills.rbegin(); it != fills.rend(); ++it) {  // newest first
      if (it->time < from || it->time > to) continue;
      bj::object f{{"coin", it->coin},
                   {"px", num(it->px)},
                   {"sz", num(it->sz)},
                   {"side", it->is_buy ? "B" : "A"},
                   {"time", it->time},
                   {"startPosition", num(it->start_position)},
                   {"dir", it->dir},
                   {"closedPnl", num(it->closed_pnl)},
                   {"hash", "0x" + std::string(64, '0')},
                   {"oid", it->oid},
                   {"crossed", true},
                   {"fee", num(it->fee)},
                   {"tid", it->tid},
                   {"feeToken", "USDC"}};
      if (it->cloid) f["cloid"] = *it->cloid;
      out.push_back(f);
    }
    return out;
  }

  reply info_request(const std::string& body) {
    try {
      const auto doc = hl::json::parse_body(body, "info");
      const auto& o = hl::json::as_object(doc, "info");
      const auto type = hl::json::string_of(o, "type");
      const auto user =
          o.contains("user") ? hl::lowercase_hex(hl::json::string_of(o, "user")) : std::string();
      if (type == "meta") return json_reply(meta_json());
      if (type == "allMids") {
        bj::object mids;
        for (const auto& a : assets) mids[a.coin] = num(a.mark);
        return json_reply(mids);
      }
      if (type == "metaAndAssetCtxs") {
        bj::array ctxs;
        for (const auto& a : assets)
          ctxs.push_back(bj::object{{"markPx", num(a.mark)},
                                    {"midPx", num(a.mark)},
                                    {"oraclePx", num(a.mark)},
                                    {"funding", "0"},
                                    {"openInterest", "0"},
                                    {"prevDayPx", num(a.mark)},
                                    {"dayNtlVlm", "0"},
                                    {"premium", "0"},
                                    {"impactPxs", nullptr},
                                    {"dayBaseVlm", "0"}});
        return json_reply(bj::array{meta_json(), ctxs});
      }
      if (type == "clearinghouseState") return json_reply(clearinghouse(user));
      if (type == "openOrders" || type == "frontendOpenOrders") {
        bj::array out;
        for (const auto& x : orders)
          if (x.account == user && x.status == "open") out.push_back(order_json(x));
        return json_reply(out);
      }
      if (type == "orderStatus") {
        const auto& id = hl::json::member(o, "oid");
        for (const auto& x : orders) {
          if (x.account != user) continue;
          const bool hit = id.is_string()
                               ? x.cloid == hl::lowercase_hex(std::string(id.get_string()))
                               : id.is_int64() && x.oid == id.get_int64();
          if (hit)
            return json_reply(
                bj::object{{"status", "order"},
                           {"order", bj::object{{"order", order_json(x)},
                                                {"status", x.status},
                                                {"statusTimestamp", x.status_timestamp}}}});
        }
        return json_reply(bj::object{{"status", "unknownOid"}});
      }
      if (type == "userFills") return json_reply(fills_json(user, INT64_MIN, INT64_MAX));
      if (type == "userFillsByTime")
        return json_reply(fills_json(user, hl::json::int_of(o, "startTime"),
                                     hl::json::optional_int(o, "endTime").value_or(INT64_MAX)));
      if (type == "candleSnapshot" && candle_failures > 0) {
        if (candle_answers_before_failure == 0) {
          --candle_failures;
          return make_reply(candle_failure_status, "scripted failure", "text/plain");
        }
        --candle_answers_before_failure;
      }
      if (type == "candleSnapshot") {
        const auto& req = hl::json::as_object(hl::json::member(o, "req"), "req");
        const auto coin = hl::json::string_of(req, "coin");
        const auto interval = hl::json::string_of(req, "interval");
        const auto from = hl::json::int_of(req, "startTime");
        const auto to = hl::json::optional_int(req, "endTime").value_or(INT64_MAX);
        bj::array out;
        for (const auto& c : candles) {
          if (c.coin != coin || c.interval != interval || c.open_time < from || c.open_time > to)
            continue;
          if (out.size() == candle_page_limit) break;
          out.push_back(bj::object{{"t", c.open_time},
                                   {"T", c.close_time},
                                   {"s", c.coin},
                                   {"i", c.interval},
                                   {"o", num(c.open)},
                                   {"c", num(c.close)},
                                   {"h", num(c.high)},
                                   {"l", num(c.low)},
                                   {"v", num(c.volume)},
                                   {"n", c.trades}});
        }
        return json_reply(out);
      }
      return unprocessable();
    } catch (const hl::parse_error&) {
      return unprocessable();
    }
  }
};

fake_hyperliquid::fake_hyperliquid(hl::network net) : state_(std::make_unique<state>()) {
  state_->net = net;
  state_->assets = {{"BTC", 5, 40, 60000}, {"ETH", 4, 25, 3000}, {"SOL", 2, 20, 150}};
  server_ = std::make_unique<https_server>([this](const recorded_request& r) { return handle(r); });
}

fake_hyperliquid::~fake_hyperliquid() {
  server_.reset();
}  // stop serving before state dies

std::string fake_hyperliquid::base_url() const {
  return server_->base_url();
}
std::string fake_hyperliquid::ca_file() const {
  return server_->ca_file();
}
std::vector<recorded_request> fake_hyperliquid::requests() const {
  return server_->requests();
}

namespace {

bool is_order_action(const std::string& body) {
  boost::system::error_code ec;
  const auto v = bj::parse(body, ec);
  if (ec || !v.is_object()) return false;
  const auto* action = v.as_object().if_contains("action");
  const auto* type =
      action && action->is_object() ? action->as_object().if_contains("type") : nullptr;
  return type && type->is_string() && type->as_string() == "order";
}

}  // namespace

reply fake_hyperliquid::handle(const recorded_request& req) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (req.method != "POST") return make_reply(405, "Method Not Allowed", "text/plain");
  if (req.target == "/info") return state_->info_request(req.body);
  if (req.target != "/exchange") return make_reply(404, "Not Found", "text/plain");
  if (state_->next_failure) {
    auto r = std::move(*state_->next_failure);
    state_->next_failure.reset();
    return r;
  }
  auto r = state_->exchange_request(req.body);
  if (state_->next_delay) {
    r.delay = *state_->next_delay;
    state_->next_delay.reset();
  } else if (state_->next_order_delay && is_order_action(req.body)) {
    r.delay = *state_->next_order_delay;
    state_->next_order_delay.reset();
  }
  return r;
}

void fake_hyperliquid::add_asset(const std::string& coin, int sz_decimals, int max_leverage,
                                 double mark) {
  std::lock_guard<std::mutex> lock(mutex_);
  state_->assets.push_back({coin, sz_decimals, max_leverage, mark});
}

void fake_hyperliquid::set_mark(const std::string& coin, double px) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto* a = state_->find_asset(coin);
  if (!a) throw std::invalid_argument("fake_hyperliquid: unknown coin " + coin);
  a->mark = px;
  for (auto& o : state_->orders) {
    if (o.coin != coin || o.status != "open") continue;
    if (o.is_trigger) {
      // A stop-loss closes against the move, a take-profit with it; both fire on the mark.
      const bool above = px >= o.trigger_px;
      const bool below = px <= o.trigger_px;
      const bool fires = o.tpsl == "sl" ? (o.is_buy ? above : below) : (o.is_buy ? below : above);
      if (fires) state_->execute(o, o.trigger_is_market ? px : o.limit_px);
    } else if (o.is_buy ? px <= o.limit_px : px >= o.limit_px) {
      state_->execute(o, o.limit_px);
    }
  }
}

void fake_hyperliquid::add_agent(const std::string& signer, const std::string& account) {
  std::lock_guard<std::mutex> lock(mutex_);
  state_->agents[hl::lowercase_hex(signer)] = hl::lowercase_hex(account);
  state_->accounts[hl::lowercase_hex(account)];
}

void fake_hyperliquid::set_account_value(const std::string& account, double usd) {
  std::lock_guard<std::mutex> lock(mutex_);
  state_->accounts[hl::lowercase_hex(account)].value = usd;
}

void fake_hyperliquid::delay_next_order_reply(std::chrono::milliseconds delay) {
  std::lock_guard<std::mutex> lock(mutex_);
  state_->next_order_delay = delay;
}

void fake_hyperliquid::delay_next_exchange_reply(std::chrono::milliseconds delay) {
  std::lock_guard<std::mutex> lock(mutex_);
  state_->next_delay = delay;
}

void fake_hyperliquid::fail_next_exchange(int status, std::string body) {
  std::lock_guard<std::mutex> lock(mutex_);
  state_->next_failure = make_reply(status, std::move(body));
}

void fake_hyperliquid::fail_candles_after(std::size_t ok, int status, int times) {
  std::lock_guard<std::mutex> lock(mutex_);
  state_->candle_answers_before_failure = ok;
  state_->candle_failure_status = status;
  state_->candle_failures = times;
}

void fake_hyperliquid::set_candles(const std::vector<hl::candle>& candles, std::size_t page_limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  state_->candles = candles;
  std::sort(state_->candles.begin(), state_->candles.end(),
            [](const auto& a, const auto& b) { return a.open_time < b.open_time; });
  state_->candle_page_limit = page_limit;
}

void fake_hyperliquid::set_clock(std::function<std::int64_t()> now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  state_->now = std::move(now_ms);
}

std::optional<fake_order> fake_hyperliquid::order_by_cloid(const std::string& account,
                                                           const std::string& cloid) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& o : state_->orders)
    if (o.account == hl::lowercase_hex(account) && o.cloid == hl::lowercase_hex(cloid)) return o;
  return std::nullopt;
}

std::vector<fake_order> fake_hyperliquid::orders(const std::string& account) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<fake_order> out;
  for (const auto& o : state_->orders)
    if (o.account == hl::lowercase_hex(account)) out.push_back(o);
  return out;
}

std::size_t fake_hyperliquid::order_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_->order_count;
}

std::optional<fake_position> fake_hyperliquid::position(const std::string& account,
                                                        const std::string& coin) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto a = state_->accounts.find(hl::lowercase_hex(account));
  if (a == state_->accounts.end()) return std::nullopt;
  const auto p = a->second.positions.find(coin);
  if (p == a->second.positions.end()) return std::nullopt;
  return p->second;
}

std::optional<std::pair<int, bool>> fake_hyperliquid::leverage(const std::string& account,
                                                               const std::string& coin) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto a = state_->accounts.find(hl::lowercase_hex(account));
  if (a == state_->accounts.end()) return std::nullopt;
  const auto l = a->second.leverage.find(coin);
  if (l == a->second.leverage.end()) return std::nullopt;
  return l->second;
}

std::optional<std::int64_t> fake_hyperliquid::scheduled_cancel(const std::string& account) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto a = state_->accounts.find(hl::lowercase_hex(account));
  return a == state_->accounts.end() ? std::nullopt : a->second.scheduled_cancel;
}

double fake_hyperliquid::account_value(const std::string& account) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto a = state_->accounts.find(hl::lowercase_hex(account));
  return a == state_->accounts.end() ? 0.0 : a->second.value + state_->unrealized(a->second);
}

std::vector<std::string> fake_hyperliquid::recovered_signers() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_->signers;
}

}  // namespace smartcopy::fakes
