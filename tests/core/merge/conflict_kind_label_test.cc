#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/merge/merge.h"

namespace gongkai {
namespace {

TEST(ConflictKindLabel, EveryKindHasItsOwnChineseLabel) {
  std::set<std::string> labels;
  for (ConflictKind k : {ConflictKind::kField, ConflictKind::kRetireEdited, ConflictKind::kSetRetired,
                         ConflictKind::kMissingRow, ConflictKind::kCreateExists,
                         ConflictKind::kEmptiedRequired}) {
    std::string label = ConflictKindLabel(k);
    EXPECT_FALSE(label.empty()) << ConflictKindName(k);
    labels.insert(label);
  }
  EXPECT_EQ(labels.size(), 6u);
  EXPECT_STREQ(ConflictKindLabel(ConflictKind::kField), "同一栏目改成了不同的值");
}

}  // namespace
}  // namespace gongkai
