// The administrator's pages for selective approval, the reject
// confirmation and the roster (docs/hub-web.md): each action through the
// same hub/review and hub/admin functions as the command line, and each
// bad input refused with its own code while nothing is written (every hub
// table, and no key file).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "hub/admin/admin_key_file.h"
#include "hub/admin/admin_roster.h"
#include "hub/review/catalog_history.h"
#include "hub/review/review_store.h"
#include "tests/hub/web_fixture.h"

namespace gongkai::hub::testing {
namespace {

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

class WebAdminPagesTest : public WebFixture {
 protected:
  // Version 1 with row 10; then a pending change set A creating row 11 and
  // B editing row 11 (it needs A), and C editing row 10 (independent).
  void ThreePending() {
    ApproveFirstRow();
    Row row = VillageRow(RowId(11), "红旗村");
    row.Set(Field::kContact, "0375-5555555");
    ASSERT_EQ(PostNext(hongqi_, {CreateOp{row}}).status, 200);
    ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(11), "0375-5555555", "0375-6666666")}).status,
              200);
    ASSERT_EQ(PostNext(hongqi2_, {SetContact(RowId(10), "0375-1111111", "0375-7777777")}).status,
              200);
    Result<std::vector<LoggedChangeSet>> undecided = ListUndecided(*db_);
    ASSERT_TRUE(undecided.ok());
    ASSERT_EQ(undecided->size(), 3u);
    a_ = HexEncode((*undecided)[0].meta.id);
    b_ = HexEncode((*undecided)[1].meta.id);
    c_ = HexEncode((*undecided)[2].meta.id);
  }
  // The pending page with `picks` chosen for approval, signed in.
  HttpResponse PickedPage(const std::vector<std::string>& picks) {
    std::string target = "/admin?select=1";
    for (const std::string& id : picks) target += "&pick=" + id;
    return GetPage(target, cookie_);
  }
  // The approve form of a page, as a browser would post it.
  std::string ApproveForm(const std::string& html) {
    return "csrf=" + CsrfIn(html) + "&expect=" + HiddenValue(html, "expect") +
           "&changesets=" + HiddenValue(html, "changesets") +
           "&pending=" + HiddenValue(html, "pending");
  }
  // Posting `form` to /admin/approve is refused with `status` and `code`,
  // and nothing is signed or written.
  void ExpectApproveRefused(const std::string& form, int status, const std::string& code) {
    Hash32 before = WebStateDigest(db_path());
    HttpResponse r = PostForm("/admin/approve", form);
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.error_code, code);
    EXPECT_EQ(WebStateDigest(db_path()), before);
  }
  size_t UndecidedCount() {
    Result<std::vector<LoggedChangeSet>> u = ListUndecided(*db_);
    return u.ok() ? u->size() : 999;
  }
  std::string a_, b_, c_;
};

TEST_F(WebAdminPagesTest, ThePendingPageOffersEveryChangeSetToPick) {
  ThreePending();
  SignIn();
  HttpResponse page = GetPage("/admin", cookie_);
  ASSERT_EQ(page.status, 200);
  for (const std::string& id : {a_, b_, c_}) {
    EXPECT_NE(page.body.find("name=\"pick\" value=\"" + id + "\" checked"), std::string::npos);
  }
  EXPECT_NE(page.body.find("批准全部 3 个变更集"), std::string::npos);
  EXPECT_EQ(HiddenValue(page.body, "pending"), a_ + "," + b_ + "," + c_);
}

TEST_F(WebAdminPagesTest, LeavingOutWhatAPickedChangeSetNeedsShowsTheConflictAndSignsNothing) {
  ThreePending();
  SignIn();
  HttpResponse page = PickedPage({b_, c_});
  ASSERT_EQ(page.status, 200) << page.error_code;
  EXPECT_NE(page.body.find("class=\"msg err dependency\""), std::string::npos);
  EXPECT_NE(page.body.find("没有选的 hongqi-01 第 2 批"), std::string::npos);
  EXPECT_NE(page.body.find("批准所选的 2 个变更集"), std::string::npos);
  EXPECT_EQ(HiddenValue(page.body, "changesets"), b_ + "," + c_);
  EXPECT_EQ(page.body.find("name=\"pick\" value=\"" + a_ + "\" checked"), std::string::npos);
  ExpectApproveRefused(ApproveForm(page.body), 409, "unresolved_conflict");
}

TEST_F(WebAdminPagesTest, APickedSubsetIsApprovedExactlyAndTheRestStaysPending) {
  ThreePending();
  SignIn();
  HttpResponse page = PickedPage({a_, c_});
  ASSERT_EQ(page.status, 200) << page.error_code;
  EXPECT_EQ(page.body.find("dependency"), std::string::npos);
  HttpResponse r = PostForm("/admin/approve", ApproveForm(page.body));
  ASSERT_EQ(r.status, 303) << r.error_code;
  EXPECT_EQ(Header(r, "Location"), "/admin?done=approved&version=2");
  Result<std::vector<LoggedChangeSet>> left = ListUndecided(*db_);
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ(HexEncode((*left)[0].meta.id), b_);
  Result<std::vector<VersionRecord>> v2 = ListVersions(*db_, 2, 2);
  ASSERT_TRUE(v2.ok() && v2->size() == 1u);
  Result<LoggedApproval> approval = ReadLoggedApproval(*db_, (*v2)[0].log_index);
  ASSERT_TRUE(approval.ok()) << approval.status().ToString();
  ASSERT_EQ(approval->approval.changesets.size(), 2u);
  EXPECT_EQ(HexEncode(approval->approval.changesets[0]), a_);
  EXPECT_EQ(HexEncode(approval->approval.changesets[1]), c_);
  EXPECT_EQ(approval->approval.admin, "zhang");
  ExpectLogValid();
}

TEST_F(WebAdminPagesTest, AStalePickedFormIsRefusedAndSignsNothing) {
  ThreePending();
  SignIn();
  HttpResponse page = PickedPage({a_});
  ASSERT_EQ(page.status, 200);
  // Another change set arrives while the page is open: the pending set changed.
  ASSERT_EQ(PostNext(hongqi2_, {SetContact(RowId(10), "0375-7777777", "0375-8888888")}).status,
            200);
  Hash32 before = WebStateDigest(db_path());
  HttpResponse r = PostForm("/admin/approve", ApproveForm(page.body));
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(Header(r, "Location"), "/admin?done=stale_review");
  EXPECT_EQ(WebStateDigest(db_path()), before);
  EXPECT_EQ(UndecidedCount(), 4u);
}

TEST_F(WebAdminPagesTest, UnknownOrMalformedPicksAreRefused) {
  ThreePending();
  SignIn();
  const std::string unknown(64, 'e');
  HttpResponse r = PickedPage({unknown});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_code, "unknown_changeset");
  r = PickedPage({"zz"});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_code, "bad_query");
  r = PickedPage({});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code, "nothing_to_approve");
  r = PickedPage({a_, a_});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_code, "listed_twice");

  // A posted form naming an id that is not pending (the pending set as it is).
  HttpResponse page = GetPage("/admin", cookie_);
  ExpectApproveRefused("csrf=" + CsrfIn(page.body) + "&expect=" + HiddenValue(page.body, "expect") +
                           "&changesets=" + unknown + "&pending=" + a_ + "," + b_ + "," + c_,
                       404, "unknown_changeset");
}

TEST_F(WebAdminPagesTest, RejectAsksForConfirmationAndRefusesBadInput) {
  ThreePending();
  SignIn();
  Hash32 before = WebStateDigest(db_path());
  const std::string reason = "&reason=%E9%87%8D%E5%A4%8D";  // 重复
  HttpResponse confirm = PostForm("/admin/reject", "csrf=" + csrf_ + "&changeset=" + c_ + reason);
  ASSERT_EQ(confirm.status, 200) << confirm.error_code;
  EXPECT_NE(confirm.body.find("确认退回并签名"), std::string::npos);
  EXPECT_NE(confirm.body.find("hongqi-02 第 1 批"), std::string::npos);
  EXPECT_EQ(WebStateDigest(db_path()), before);
  for (const std::string& confirmed : {std::string(), std::string("&confirmed=1")}) {
    HttpResponse r =
        PostForm("/admin/reject",
                 "csrf=" + csrf_ + "&changeset=" + std::string(64, 'e') + reason + confirmed);
    EXPECT_EQ(r.status, 404) << confirmed;
    EXPECT_EQ(r.error_code, "unknown_changeset") << confirmed;
    r = PostForm("/admin/reject", "csrf=" + csrf_ + "&changeset=" + c_ + "&reason=" + confirmed);
    EXPECT_EQ(r.status, 400) << confirmed;
    EXPECT_EQ(r.error_code, "empty_reason") << confirmed;
  }
  EXPECT_EQ(WebStateDigest(db_path()), before);
  HttpResponse r = PostForm("/admin/reject", "csrf=" + CsrfIn(confirm.body) + "&changeset=" + c_ +
                                                 reason + "&confirmed=1");
  ASSERT_EQ(r.status, 303) << r.error_code;
  EXPECT_EQ(UndecidedCount(), 2u);
  ExpectLogValid();
}

class WebRosterPageTest : public WebAdminPagesTest {
 protected:
  std::string Mine() { return "&my_password=" + std::string(kPassword); }
  HttpResponse AddLi(const std::string& password = "li-mima-2024-long") {
    return PostForm("/admin/roster/add", "csrf=" + csrf_ + "&name=li&password=" + password +
                                             "&password_again=" + password + Mine());
  }
  std::string LiKeyFile() { return AdminEncryptedKeyPath(paths_, "li"); }
};

TEST_F(WebRosterPageTest, ThePageListsTheRosterWithWhoSignedWhat) {
  SignIn();
  HttpResponse page = GetPage("/admin/roster", cookie_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("zhang（您）"), std::string::npos);
  EXPECT_NE(page.body.find("创世记录"), std::string::npos);
  EXPECT_NE(page.body.find("唯一在任的管理员，不能撤销"), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/admin/roster/add\""), std::string::npos);
}

TEST_F(WebRosterPageTest, AddRekeyAndRevokeAreSignedByTheSignedInAdministrator) {
  SignIn();
  HttpResponse r = AddLi();
  ASSERT_EQ(r.status, 303) << r.error_code;
  EXPECT_EQ(Header(r, "Location"), "/admin/roster?done=added");
  EXPECT_TRUE(FileExists(LiKeyFile()));
  Result<std::vector<AdminListing>> roster = ListAdminRoster(*db_);
  ASSERT_TRUE(roster.ok());
  ASSERT_EQ(roster->size(), 2u);
  const AdminListing& li = (*roster)[0].admin.name == "li" ? (*roster)[0] : (*roster)[1];
  EXPECT_EQ(li.admin.name, "li");
  EXPECT_TRUE(li.admin.active());
  EXPECT_EQ(li.added_by, "zhang");
  HttpResponse page = GetPage("/admin/roster", cookie_);
  EXPECT_NE(page.body.find("由 zhang 签名"), std::string::npos);
  EXPECT_EQ(TrySignIn("li", "li-mima-2024-long").status, 303);

  // li forgot the password: zhang sets a new one (a new key under the same name).
  r = PostForm("/admin/roster/rekey", "csrf=" + csrf_ +
                                          "&name=li&password=li-xin-mima-2025&password_again=li-"
                                          "xin-mima-2025" +
                                          Mine());
  ASSERT_EQ(r.status, 303) << r.error_code;
  EXPECT_EQ(TrySignIn("li", "li-mima-2024-long").status, 401);
  EXPECT_EQ(TrySignIn("li", "li-xin-mima-2025").status, 303);

  r = PostForm("/admin/roster/revoke", "csrf=" + csrf_ + "&name=li" + Mine());
  ASSERT_EQ(r.status, 303) << r.error_code;
  EXPECT_EQ(Header(r, "Location"), "/admin/roster?done=revoked");
  Result<std::vector<std::string>> active = ActiveAdminNames(*db_);
  ASSERT_TRUE(active.ok());
  EXPECT_EQ(*active, std::vector<std::string>{"zhang"});
  EXPECT_NE(TrySignIn("li", "li-xin-mima-2025").status, 303);
  ExpectLogValid();
}

TEST_F(WebRosterPageTest, BadRosterFormsAreRefusedWithTheirCodeAndWriteNothing) {
  SignIn();
  Hash32 before = WebStateDigest(db_path());
  struct Case {
    std::string path, body, code;
    int status;
  };
  const std::string pw = "&password=li-mima-2024-long&password_again=li-mima-2024-long";
  std::vector<Case> cases = {
      {"/admin/roster/revoke", "&name=zhang&self=1" + Mine(), "last_admin", 409},
      {"/admin/roster/add", "&name=li" + pw + "&my_password=wrong-password", "wrong_password", 401},
      {"/admin/roster/add", "&name=li" + pw, "wrong_password", 401},
      {"/admin/roster/add",
       "&name=li&password=li-mima-2024-long&password_again=li-mima-2024-lonG" + Mine(),
       "password_mismatch", 400},
      {"/admin/roster/add", "&name=" + pw + Mine(), "empty_required", 400},
      {"/admin/roster/add", "&name=zhang" + pw + Mine(), "admin_exists", 409},
      {"/admin/roster/revoke", "&name=wang" + Mine(), "unknown_admin", 404},
      {"/admin/roster/rekey", "&name=zhang" + pw + Mine(), "rekey_self", 400},
      {"/admin/roster/nothing", "&name=li" + Mine(), "not_found", 404},
  };
  for (const Case& c : cases) {
    HttpResponse r = PostForm(c.path, "csrf=" + csrf_ + c.body);
    EXPECT_EQ(r.error_code, c.code) << c.path << c.body;
    EXPECT_EQ(r.status, c.status) << c.path << c.body;
  }
  EXPECT_EQ(WebStateDigest(db_path()), before);
  EXPECT_FALSE(FileExists(LiKeyFile()));
}

TEST_F(WebRosterPageTest, RevokingYourselfNeedsConfirmationThenSignsYouOut) {
  SignIn();
  ASSERT_EQ(AddLi().status, 303);
  Hash32 before = WebStateDigest(db_path());
  HttpResponse r = PostForm("/admin/roster/revoke", "csrf=" + csrf_ + "&name=zhang" + Mine());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_code, "confirm_self_revoke");
  EXPECT_EQ(WebStateDigest(db_path()), before);
  r = PostForm("/admin/roster/revoke", "csrf=" + csrf_ + "&name=zhang&self=1" + Mine());
  ASSERT_EQ(r.status, 303) << r.error_code;
  EXPECT_EQ(Header(r, "Location"), "/admin/login");
  EXPECT_EQ(GetPage("/admin", cookie_).status, 303);  // signed out
  EXPECT_NE(TrySignIn("zhang", kPassword).status, 303);
}

}  // namespace
}  // namespace gongkai::hub::testing
