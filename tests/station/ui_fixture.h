// Helpers of the station page tests (tests/station/ui_*_test.cc): an
// initialized station store and a UiApp over it with fixed secrets, and
// requests shaped as the clerk's browser sends them — Host and Origin of
// the page, the session cookie, the CSRF token — each of which a test can
// take away.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "station/ui/html.h"
#include "station/ui/ui_app.h"
#include "tests/station/station_fixture.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::station::testing {

inline constexpr uint16_t kUiPort = 8600;
inline const std::string kSessionKey(64, 'a');
inline const std::string kCsrf(64, 'c');

inline std::string HeaderOf(const ui::UiResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

// A form body: name=value pairs, urlencoded.
inline std::string Encode(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [n, v] : pairs) {
    if (!out.empty()) out += "&";
    out += ui::UrlEncode(n) + "=" + ui::UrlEncode(v);
  }
  return out;
}

// The fields of a valid new village row, as the form posts them.
inline std::vector<std::pair<std::string, std::string>> ValidRowForm() {
  return {{"area", "村务公开"},
          {"item_l1", "村级财务"},
          {"item_l2", "财务收支"},
          {"content", "收支明细；集体资产；债权债务"},
          {"basis", "《村民委员会组织法》第三十条"},
          {"time_limit", "每季度"},
          {"subject", "红旗村民委员会"},
          {"channels", "便民服务站"},
          {"channels", "政府网站"},
          {"channels_other", ""},
          {"audience", "特定群体"},
          {"mode", "主动"},
          {"levels", "村级"},
          {"contact", ""},
          {"notes", ""}};
}

class UiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path() + "/station";
    InitStore(dir_);
    MakeApp();
  }

  void MakeApp(ui::SyncFn sync = nullptr) {
    ui::UiOptions opts;
    opts.dir = dir_;
    opts.port = kUiPort;
    opts.secrets = secrets_;
    opts.clock = [] { return kNow; };
    if (sync) {
      opts.sync = std::move(sync);
    } else {
      opts.sync = [this](const std::string&, int64_t) -> Result<ui::SyncSummary> {
        ++syncs_;
        ui::SyncSummary s;
        s.sent = 1;
        s.accepted = 1;
        return s;
      };
    }
    app_.reset();
    app_ = std::make_unique<ui::UiApp>(std::move(opts));
  }

  ui::UiRequest Request(const std::string& method, const std::string& target) {
    ui::UiRequest r;
    r.method = method;
    r.target = target;
    r.host = "127.0.0.1:" + std::to_string(kUiPort);
    r.cookie = "other=1; gk_station_" + std::to_string(kUiPort) + "=" + kSessionKey;
    r.remote = "127.0.0.1";
    if (method == "POST") r.origin = "http://127.0.0.1:" + std::to_string(kUiPort);
    return r;
  }

  ui::UiResponse Get(const std::string& target) { return app_->Handle(Request("GET", target)); }
  // A launch's secrets; tests of the secret path and the one-time launch key
  // set launch_key and path_token and call MakeApp() again.
  ui::UiSecrets secrets_ = {kSessionKey, kCsrf, "", ""};

  // A form post with the CSRF token.
  ui::UiResponse Post(const std::string& target,
                      std::vector<std::pair<std::string, std::string>> fields) {
    fields.insert(fields.begin(), {"csrf", kCsrf});
    ui::UiRequest r = Request("POST", target);
    r.content_type = "application/x-www-form-urlencoded";
    r.body = Encode(fields);
    return app_->Handle(r);
  }

  // An upload as a browser's multipart form with the CSRF token.
  ui::UiResponse Upload(const std::string& file_name, const std::string& bytes,
                        bool with_csrf = true, bool check_only = false) {
    const std::string b = "----WebKitFormBoundaryGk7x";
    std::string body;
    if (with_csrf) {
      body +=
          "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + kCsrf + "\r\n";
    }
    if (check_only) {
      body += "--" + b + "\r\nContent-Disposition: form-data; name=\"check\"\r\n\r\n1\r\n";
    }
    body += "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
            file_name + "\"\r\nContent-Type: text/csv\r\n\r\n" + bytes + "\r\n--" + b + "--\r\n";
    ui::UiRequest r = Request("POST", "/import");
    r.content_type = "multipart/form-data; boundary=" + b;
    r.body = body;
    return app_->Handle(r);
  }

  WorkingView View() {
    auto store = StationStore::Open(dir_);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    auto view = store->LoadView();
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    return std::move(view).value();
  }

  // The id of the row a "303 /row/ID?msg=…" answer names.
  static std::string RedirectedRowId(const ui::UiResponse& r) {
    std::string loc = HeaderOf(r, "Location");
    if (loc.rfind("/row/", 0) != 0) return "";
    return loc.substr(5, 36);
  }

  TempDir tmp_;
  std::string dir_;
  std::atomic<int> syncs_{0};
  std::unique_ptr<ui::UiApp> app_;
};

}  // namespace gongkai::station::testing
