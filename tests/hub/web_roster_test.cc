// The web pages and the roster: an administrator revoked while signed in
// can neither resolve nor approve with the open session (403
// admin_revoked, nothing written), cannot sign in again, and the
// administrator who revoked them can.
#include <gtest/gtest.h>

#include "hub/admin/admin_password.h"
#include "hub/admin/admin_roster.h"
#include "hub/store/sign_in_table.h"
#include "tests/hub/web_fixture.h"

namespace gongkai::hub::testing {
namespace {

class WebRosterTest : public WebFixture {};

TEST_F(WebRosterTest, ASessionOfARevokedAdministratorSignsNothing) {
  ApproveFirstRow();
  std::string conflict = MakeConflict();
  SignIn();  // zhang

  NewAdminKey li;
  li.name = "li";
  li.password = "li-mima-2024-long";
  li.params.log2_n = 10;
  ASSERT_TRUE(AddAdmin(*db_, paths_, *admin_, li, 1700000400).ok());
  Result<AdminSigner> li_signer = UnlockAdminWithPassword(*db_, paths_, "li", li.password);
  ASSERT_TRUE(li_signer.ok()) << li_signer.status().ToString();
  ASSERT_TRUE(RevokeAdmin(*db_, *li_signer, "zhang", 1700000401).ok());

  Hash32 before = WebStateDigest(db_path());
  HttpResponse resolve = PostForm("/admin/resolve", "csrf=" + csrf_ + "&conflict=" + conflict +
                                                        "&action=value&value=0375-4444444");
  EXPECT_EQ(resolve.status, 403);
  EXPECT_EQ(resolve.error_code, "admin_revoked");
  HttpResponse approve = PostForm("/admin/approve", "csrf=" + csrf_ + ReviewedFields());
  EXPECT_EQ(approve.status, 403);
  EXPECT_EQ(approve.error_code, "admin_revoked");
  EXPECT_EQ(WebStateDigest(db_path()), before);

  // zhang's right password: refused by the roster (403, not a 500), and
  // the attempt is in the sign-in trail.
  HttpResponse again = TrySignIn("zhang", kPassword);
  EXPECT_EQ(again.status, 403);
  EXPECT_EQ(again.error_code, "admin_revoked");
  Result<std::vector<SignInRecord>> trail = ListSignIns(*db_, 0, 10);
  ASSERT_TRUE(trail.ok()) << trail.status().ToString();
  ASSERT_FALSE(trail->empty());
  EXPECT_EQ(trail->front().admin, "zhang");
  EXPECT_EQ(trail->front().outcome, "admin_revoked");
  HttpResponse li_in = TrySignIn("li", li.password);
  ASSERT_EQ(li_in.status, 303);
  // li's trail says what happened: a right password the roster refused,
  // not a lock-out that never checked it.
  HttpResponse page = GetPage("/admin/signins", CookiePair(li_in));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("密码正确，但该管理员已被撤销"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("次数太多"), std::string::npos) << page.body;
}

}  // namespace
}  // namespace gongkai::hub::testing
