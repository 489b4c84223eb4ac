// Fixed, realistic catalog rows for tests (from DOMAIN.md's examples).
#pragma once

#include <string>

#include "core/catalog/row.h"

namespace gongkai {

// 财政预决算 / 部门预算, unit 宝丰镇, id 00000000-0000-4000-8000-000000000001.
Row SampleRow();
// 村务公开 / 村级财务 / 财务收支 for 红旗村, id ...0002.
Row SampleVillageRow();
// SampleVillageRow() with another id and unit (the other columns as they are).
Row VillageRow(const std::string& id, const std::string& unit);

}  // namespace gongkai
