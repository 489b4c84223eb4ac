#include "web/form_data.h"

#include <gtest/gtest.h>

#include "hub/web/form.h"
#include "station/ui/form_data.h"

namespace gongkai {
namespace {

TEST(WebFormData, RepeatedNamesFirstValueWinsAndAllAreKeptInOrder) {
  FormData f = FormData::Parse("id=b&area=%E6%89%B6%E8%B4%AB&id=a&id=c");
  EXPECT_EQ(f.Get("id"), "b");
  EXPECT_EQ(f.GetAll("id"), (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(f.Value("area"), "扶贫");
  EXPECT_EQ(f.Get("missing"), std::nullopt);
  EXPECT_EQ(f.Value("missing"), "");
  EXPECT_TRUE(f.GetAll("missing").empty());
}

TEST(WebFormData, HubAndStationReadRepeatedNamesByTheSameRule) {
  const std::string body = "note=first&note=second";
  EXPECT_EQ(hub::web::FormValue(hub::web::ParseForm(body), "note"), "first");
  EXPECT_EQ(station::ui::FormData::Parse(body).Value("note"), "first");
  EXPECT_EQ(FormData::Parse(body).Value("note"), "first");
}

TEST(WebFormData, DecodesPlusAndEscapesKeepsBadEscapesAndSkipsEmptyPairs) {
  FormData f = FormData::Parse("a=x+y%21&&b=%zz&flag&=v&c=");
  EXPECT_EQ(f.Value("a"), "x y!");
  EXPECT_EQ(f.Value("b"), "%zz");
  EXPECT_EQ(f.Get("flag"), "");
  EXPECT_EQ(f.Get(""), "v");
  EXPECT_EQ(f.Get("c"), "");
  EXPECT_EQ(f.pairs().size(), 5u);
  EXPECT_TRUE(FormData::Parse("").pairs().empty());
}

TEST(WebFormData, SplitTarget) {
  EXPECT_EQ(SplitTarget("/rows?area=x&y=1"),
            (std::pair<std::string, std::string>{"/rows", "area=x&y=1"}));
  EXPECT_EQ(SplitTarget("/"), (std::pair<std::string, std::string>{"/", ""}));
  EXPECT_EQ(SplitTarget("/a?"), (std::pair<std::string, std::string>{"/a", ""}));
}

TEST(WebCookie, FindsTheNamedCookieTrimmingSpacesAndTabs) {
  EXPECT_EQ(CookieValue("a=1; gk_station_8600=xyz; b=2", "gk_station_8600"), "xyz");
  EXPECT_EQ(CookieValue("a=1;\t__Host-gk_session = abc ;b=2", "__Host-gk_session"), "abc");
  EXPECT_EQ(CookieValue("s=first; s=second", "s"), "first");
  EXPECT_EQ(CookieValue("gk_station_86001=xyz", "gk_station_8600"), std::nullopt);
  EXPECT_EQ(CookieValue("novalue; other=1", "novalue"), std::nullopt);
  EXPECT_EQ(CookieValue("", "s"), std::nullopt);
  EXPECT_EQ(CookieValue("s=", "s"), "");
}

}  // namespace
}  // namespace gongkai
