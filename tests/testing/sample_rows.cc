#include "tests/testing/sample_rows.h"

namespace gongkai {

Row SampleRow() {
  Row r;
  r.id = "00000000-0000-4000-8000-000000000001";
  r.unit = "宝丰镇";
  r.Set(Field::kArea, "财政预决算");
  r.Set(Field::kItemL1, "财政预决算");
  r.Set(Field::kItemL2, "部门预算");
  r.Set(Field::kContent, "收支总体情况表；财政拨款收支表；“三公”经费表");
  r.Set(Field::kBasis, "《预算法》《政府信息公开条例》");
  r.Set(Field::kTimeLimit, "批复后20日内");
  r.Set(Field::kSubject, "宝丰镇人民政府");
  r.Set(Field::kChannels, "政府网站");
  r.Set(Field::kAudience, "全社会");
  r.Set(Field::kMode, "主动");
  r.Set(Field::kLevels, "乡级");
  return r;
}

Row SampleVillageRow() {
  Row r;
  r.id = "00000000-0000-4000-8000-000000000002";
  r.unit = "红旗村";
  r.Set(Field::kArea, "村务公开");
  r.Set(Field::kItemL1, "村级财务");
  r.Set(Field::kItemL2, "财务收支");
  r.Set(Field::kContent, "收支明细；集体资产；债权债务");
  r.Set(Field::kBasis, "《村民委员会组织法》第三十条");
  r.Set(Field::kTimeLimit, "每季度首月20日前；财务往来多的每月");
  r.Set(Field::kSubject, "红旗村民委员会");
  r.Set(Field::kChannels, "社区/企事业单位/村公示栏（电子屏）");
  r.Set(Field::kAudience, "特定群体");
  r.Set(Field::kMode, "主动");
  r.Set(Field::kLevels, "村级");
  r.Set(Field::kStages, "管理、结果");
  return r;
}

Row VillageRow(const std::string& id, const std::string& unit) {
  Row r = SampleVillageRow();
  r.id = id;
  r.unit = unit;
  return r;
}

}  // namespace gongkai
