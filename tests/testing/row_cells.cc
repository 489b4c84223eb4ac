#include "tests/testing/row_cells.h"

#include <gtest/gtest.h>

namespace gongkai {

Row WithCells(Row row, const Cells& cells) {
  for (const auto& [field, text] : cells) row.Set(field, text);
  return row;
}

void ExpectCells(const Row& row, const Cells& cells) {
  for (const auto& [field, text] : cells) {
    EXPECT_EQ(row.Get(field), text) << "in " << Spec(field).key;
  }
}

}  // namespace gongkai
