#include "core/catalog/fields.h"

namespace gongkai {
namespace {

constexpr const char* kChannels[] = {
    "政府网站", "政府公报",   "两微一端",   "发布会/听证会", "广播电视",
    "纸质媒体", "公开查阅点", "政务服务中心", "便民服务站",    "入户/现场",
    "社区/企事业单位/村公示栏（电子屏）", "精准推送"};
constexpr const char* kAudience[] = {"全社会", "特定群体"};
constexpr const char* kMode[] = {"主动", "依申请"};
constexpr const char* kLevels[] = {"县级", "乡级", "村级"};
constexpr const char* kStages[] = {"决策", "执行", "管理", "服务", "结果"};

constexpr const char* kAreas[] = {
    "重大建设项目", "公共资源交易", "税收管理",   "财政预决算",   "安全生产",
    "救灾",         "生态环境",     "公共文化服务", "公共法律服务", "扶贫",
    "社会救助",     "养老服务",     "户籍管理",   "涉农补贴",     "义务教育",
    "卫生健康",     "城乡规划",     "国有土地上房屋征收与补偿", "农村集体土地征收",
    "农村危房改造", "市政服务",     "就业",       "社会保险",     "食品药品监管",
    "城市综合执法", "保障性住房"};

constexpr size_t kShort = 200;
constexpr size_t kLong = 4000;

const std::array<FieldSpec, kFieldCount> kFields = {{
    {Field::kArea, "area", "领域", false, true, kShort, {}},
    {Field::kItemL1, "item_l1", "一级事项", false, true, kShort, {}},
    {Field::kItemL2, "item_l2", "二级事项", false, true, kShort, {}},
    {Field::kContent, "content", "公开内容（要素）", false, true, kLong, {}},
    {Field::kBasis, "basis", "公开依据", false, true, kLong, {}},
    {Field::kTimeLimit, "time_limit", "公开时限", false, true, kShort, {}},
    {Field::kSubject, "subject", "公开主体", false, true, kShort, {}},
    {Field::kChannels, "channels", "公开渠道和载体", true, false, kLong, kChannels},
    {Field::kChannelsOther, "channels_other", "其他渠道", false, false, kLong, {}},
    {Field::kAudience, "audience", "公开对象", true, true, kShort, kAudience},
    {Field::kMode, "mode", "公开方式", true, true, kShort, kMode},
    {Field::kLevels, "levels", "公开层级", true, true, kShort, kLevels},
    {Field::kStages, "stages", "五公开", true, false, kShort, kStages},
    {Field::kContact, "contact", "咨询电话", false, false, kShort, {}},
    {Field::kNotes, "notes", "备注", false, false, kLong, {}},
}};

}  // namespace

const std::array<FieldSpec, kFieldCount>& AllFields() { return kFields; }
const FieldSpec& Spec(Field f) { return kFields[Index(f)]; }

std::optional<Field> FieldByKey(std::string_view key) {
  for (const auto& s : kFields) {
    if (key == s.key) return s.field;
  }
  return std::nullopt;
}

std::optional<Field> FieldByKeyOrLabel(std::string_view name) {
  for (const auto& s : kFields) {
    if (name == s.key || name == s.label) return s.field;
  }
  if (name == "公开事项·一级事项") return Field::kItemL1;
  if (name == "公开事项·二级事项") return Field::kItemL2;
  return std::nullopt;
}

std::span<const char* const> StandardAreas() { return kAreas; }

}  // namespace gongkai
