// The hub's web pages through HubApi::HandleSync (no sockets): ApiFixture
// with a controllable clock, administrator zhang's key made password
// protected (scrypt N = 2^10 to keep tests fast), and a browser-like
// client that signs in, keeps the session cookie and finds the CSRF token.
#pragma once

#include <functional>

#include "core/text/pattern.h"
#include "hub/admin/admin_password.h"
#include "hub/review/approve.h"
#include "hub/review/proposed_head.h"
#include "tests/hub/api_fixture.h"

namespace gongkai::hub::testing {

inline constexpr const char* kPassword = "镇政务公开办-2026";

// Every table the hub keeps, review tables included.
inline Hash32 WebStateDigest(const std::string& db_path) {
  return ::gongkai::testing::TablesDigest(
      db_path, {"meta", "log_entries", "admins", "stations", "changesets", "known_rows", "versions",
                "approved_rows", "decisions", "resolutions", "row_changes"});
}

// The value of the page's first hidden input `name` ("" when it has none).
inline std::string HiddenValue(const std::string& html, const std::string& name) {
  PatternGroups m;
  return Pattern("name=\"" + name + "\" value=\"([^\"]*)\"").Search(html, &m) ? m[1] : "";
}

inline std::string Header(const HttpResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

class WebFixture : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    StartApi();
    if (HasFatalFailure()) return;
    PasswdRequest req;
    req.admin = "zhang";
    req.new_password = kPassword;
    req.params.log2_n = 10;
    Result<PasswdOutcome> out = SetAdminPassword(*db_, paths_, req);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    hongqi2_ = Enroll("hongqi-02", "红旗村", 0x43);
  }

  // A new HubApi over the same database file, as after a restart of the
  // hub, with the fixture's clock and `adjust`'s options.
  void StartApi(const std::function<void(ApiOptions&)>& adjust = {}) {
    api_.reset();
    ApiOptions opts;
    opts.web.now = [this] { return now_; };
    if (adjust) adjust(opts);
    auto api = HubApi::Create(db_path(), ingest_.get(), opts);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(api).value();
  }

  HttpResponse Request(const std::string& method, const std::string& target,
                       const std::string& cookie = "", const std::string& body = "",
                       const std::string& remote = "10.0.0.7:40000") {
    HttpRequest req;
    req.method = method;
    req.target = target;
    req.cookie = cookie;
    req.body = body;
    req.remote = remote;
    if (method == "POST") req.content_type = "application/x-www-form-urlencoded";
    return api_->HandleSync(req);
  }
  HttpResponse GetPage(const std::string& target, const std::string& cookie = "") {
    return Request("GET", target, cookie);
  }

  // "NAME=VALUE" of a Set-Cookie header.
  static std::string CookiePair(const HttpResponse& r) {
    std::string c = Header(r, "Set-Cookie");
    return c.substr(0, c.find(';'));
  }
  static std::string CsrfIn(const std::string& html) { return HiddenValue(html, "csrf"); }

  // Posts the sign-in form as a browser would; returns the response.
  HttpResponse TrySignIn(const std::string& admin, const std::string& password,
                         const std::string& remote = "10.0.0.7:40000") {
    HttpResponse form = GetPage("/admin/login");
    return Request("POST", "/admin/login", CookiePair(form),
                   "admin=" + admin + "&password=" + password + "&csrf=" + CsrfIn(form.body),
                   remote);
  }
  // The same with a device cookie ("__Host-gk_device=…") from an earlier sign-in.
  HttpResponse TrySignInWith(const std::string& device, const std::string& admin,
                             const std::string& password, const std::string& remote) {
    HttpResponse form = GetPage("/admin/login");
    return Request("POST", "/admin/login", CookiePair(form) + "; " + device,
                   "admin=" + admin + "&password=" + password + "&csrf=" + CsrfIn(form.body),
                   remote);
  }
  // "__Host-gk_device=…" of a successful sign-in.
  static std::string DeviceCookie(const HttpResponse& r) {
    for (const auto& [name, value] : r.headers) {
      if (name == "Set-Cookie" && value.rfind("__Host-gk_device=", 0) == 0) {
        return value.substr(0, value.find(';'));
      }
    }
    return "";
  }
  // Signs in; sets cookie_ and csrf_.
  void SignIn() {
    HttpResponse r = TrySignIn("zhang", kPassword);
    ASSERT_EQ(r.status, 303) << r.error_code;
    cookie_ = CookiePair(r);
    HttpResponse page = GetPage("/admin", cookie_);
    ASSERT_EQ(page.status, 200);
    csrf_ = CsrfIn(page.body);
    ASSERT_EQ(csrf_.size(), 128u);  // masked (hub/web/csrf_token.h)
  }
  // The approve form's hidden fields (the proposed result hash and the ids
  // listed) as /admin shows them now: "&expect=…&changesets=…".
  std::string ReviewedFields() {
    std::string html = GetPage("/admin", cookie_).body;
    return "&expect=" + HiddenValue(html, "expect") +
           "&changesets=" + HiddenValue(html, "changesets");
  }
  HttpResponse PostForm(const std::string& target, const std::string& body) {
    return Request("POST", target, cookie_, body);
  }

  // Version 1: row RowId(10) of 红旗村 with 咨询电话 0375-1111111.
  void ApproveFirstRow(const std::string& content = "") {
    Row row = VillageRow(RowId(10), "红旗村");
    row.Set(Field::kContact, "0375-1111111");
    if (!content.empty()) row.Set(Field::kContent, content);
    ASSERT_EQ(PostNext(hongqi_, {CreateOp{row}}).status, 200);
    ApproveRequest req;
    req.all = true;
    req.now = 1700000300;
    ASSERT_TRUE(hub::Approve(*db_, *admin_, req).ok());
  }
  // Two offices of 红旗村 change 咨询电话 from the same base: one conflict.
  std::string MakeConflict(const std::string& a = "0375-2222222",
                           const std::string& b = "0375-3333333") {
    EXPECT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-1111111", a)}).status, 200);
    EXPECT_EQ(PostNext(hongqi2_, {SetContact(RowId(10), "0375-1111111", b)}).status, 200);
    Result<ProposedHead> head = BuildProposedHead(*db_);
    EXPECT_TRUE(head.ok());
    return head.ok() && !head->conflicts.empty() ? head->conflicts[0].conflict.conflict_id : "";
  }

  int64_t now_ = 1800000000;
  std::string cookie_;
  std::string csrf_;
  TestStation hongqi2_{"", "", KeyFromByte(1)};
};

}  // namespace gongkai::hub::testing
