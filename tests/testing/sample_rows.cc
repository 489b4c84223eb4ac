#include "tests/testing/sample_rows.h"

#include <array>

namespace gongkai {

namespace {

struct Sample {
  const char* id;
  const char* unit;
  // In catalog column order (core/catalog/fields.h: 领域, 一级事项, 二级事项,
  // 公开内容, 公开依据, 公开时限, 公开主体, 公开渠道, 其他渠道, 公开对象,
  // 公开方式, 公开层级, 五公开), as a line of the catalog's CSV gives them;
  // the columns not written are empty.
  std::array<const char*, 13> values;
};

constexpr Sample kSamples[] = {
    {"00000000-0000-4000-8000-000000000001",
     "宝丰镇",
     {"财政预决算", "财政预决算", "部门预算", "收支总体情况表；财政拨款收支表；“三公”经费表",
      "《预算法》《政府信息公开条例》", "批复后20日内", "宝丰镇人民政府", "政府网站", "", "全社会",
      "主动", "乡级"}},
    {"00000000-0000-4000-8000-000000000002",
     "红旗村",
     {"村务公开", "村级财务", "财务收支", "收支明细；集体资产；债权债务",
      "《村民委员会组织法》第三十条", "每季度首月20日前；财务往来多的每月", "红旗村民委员会",
      "社区/企事业单位/村公示栏（电子屏）", "", "特定群体", "主动", "村级", "管理、结果"}},
};

Row FromSample(const Sample& s) {
  Row r;
  r.id = s.id;
  r.unit = s.unit;
  for (size_t i = 0; i < s.values.size(); ++i) r.values[i] = s.values[i] ? s.values[i] : "";
  return r;
}

}  // namespace

Row SampleRow() { return FromSample(kSamples[0]); }

Row SampleVillageRow() { return FromSample(kSamples[1]); }

Row VillageRow(const std::string& id, const std::string& unit) {
  Row r = SampleVillageRow();
  r.id = id;
  r.unit = unit;
  return r;
}

}  // namespace gongkai
