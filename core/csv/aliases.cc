#include "core/csv/aliases.h"

#include "core/csv/cell_text.h"

namespace gongkai {
namespace {

constexpr std::string_view kPublicBoard = "社区/企事业单位/村公示栏（电子屏）";

std::vector<ValueAlias> MakeTable() {
  return {
      {Field::kAudience, "特定群众", "特定群体"},
      {Field::kAudience, "特定对象", "特定群体"},
      {Field::kAudience, "社会公众", "全社会"},
      {Field::kMode, "主动公开", "主动"},
      {Field::kMode, "依申请公开", "依申请"},
      {Field::kLevels, "县（市、区）级", "县级"},
      {Field::kLevels, "县（市区）级", "县级"},
      {Field::kLevels, "县区级", "县级"},
      {Field::kLevels, "镇级", "乡级"},
      {Field::kLevels, "乡镇级", "乡级"},
      {Field::kLevels, "乡（镇）级", "乡级"},
      {Field::kLevels, "乡镇（街道）级", "乡级"},
      {Field::kLevels, "街道级", "乡级"},
      {Field::kStages, "决策公开", "决策"},
      {Field::kStages, "执行公开", "执行"},
      {Field::kStages, "管理公开", "管理"},
      {Field::kStages, "服务公开", "服务"},
      {Field::kStages, "结果公开", "结果"},
      {Field::kChannels, "政府门户网站", "政府网站"},
      {Field::kChannels, "政务新媒体", "两微一端"},
      {Field::kChannels, "微信公众号", "两微一端"},
      {Field::kChannels, "新闻发布会", "发布会/听证会"},
      {Field::kChannels, "听证会", "发布会/听证会"},
      {Field::kChannels, "广播", "广播电视"},
      {Field::kChannels, "电视", "广播电视"},
      {Field::kChannels, "报刊", "纸质媒体"},
      {Field::kChannels, "政府信息公开查阅点", "公开查阅点"},
      {Field::kChannels, "政务服务大厅", "政务服务中心"},
      {Field::kChannels, "便民服务中心", "便民服务站"},
      {Field::kChannels, "入户", "入户/现场"},
      {Field::kChannels, "现场", "入户/现场"},
      {Field::kChannels, "村务公开栏", kPublicBoard.data()},
      {Field::kChannels, "村公示栏", kPublicBoard.data()},
      {Field::kChannels, "公示栏", kPublicBoard.data()},
      {Field::kChannels, "公开栏", kPublicBoard.data()},
      {Field::kChannels, "电子屏", kPublicBoard.data()},
  };
}

bool StartsWithSeparator(std::string_view s, size_t* len) {
  static constexpr std::string_view kSeps[] = {"、", "，", "；", ",", ";"};
  for (std::string_view sep : kSeps) {
    if (s.starts_with(sep)) {
      *len = sep.size();
      return true;
    }
  }
  return false;
}

// The aliases whose text holds a separator (县（市、区）级): SplitSetCell
// keeps them whole. Every other alias splits like any text.
using WholeAlias = std::pair<Field, std::string_view>;
const std::vector<WholeAlias>& AliasesWithSeparators();

}  // namespace

const std::vector<ValueAlias>& ValueAliases() {
  static const std::vector<ValueAlias> table = MakeTable();
  return table;
}

std::string NormalizeElement(std::string_view element) {
  // Blanks dropped: ASCII, U+3000 and U+00A0 (from text copied off web
  // pages); ( ) made full-width, full-width ／ made ASCII.
  static constexpr TextRewrite kRules[] = {{" ", ""},   {"\t", ""},           {"\r", ""},
                                           {"\n", ""},  {"\xE3\x80\x80", ""}, {"\xC2\xA0", ""},
                                           {"(", "（"}, {")", "）"},          {"／", "/"}};
  return RewriteText(element, kRules);
}

std::optional<std::string> CanonicalElement(Field f, std::string_view element, bool* aliased) {
  *aliased = false;
  std::string norm = NormalizeElement(element);
  for (const char* allowed : Spec(f).allowed) {
    if (norm == allowed) return norm;
  }
  for (const ValueAlias& a : ValueAliases()) {
    if (a.field == f && norm == a.from) {
      *aliased = true;
      return std::string(a.to);
    }
  }
  return std::nullopt;
}

namespace {
const std::vector<WholeAlias>& AliasesWithSeparators() {
  static const std::vector<WholeAlias> table = [] {
    std::vector<WholeAlias> out;
    for (const ValueAlias& a : ValueAliases()) {
      std::string_view from = a.from;
      for (size_t i = 0, len = 0; i < from.size(); ++i) {
        if (StartsWithSeparator(from.substr(i), &len)) {
          out.emplace_back(a.field, from);
          break;
        }
      }
    }
    return out;
  }();
  return table;
}
}  // namespace

std::vector<std::string> SplitSetCell(Field f, std::string_view cell) {
  // A line break separates elements like 、; NormalizeElement would remove
  // it (and join the elements on either side), so it becomes 、 first.
  std::string lines;
  lines.reserve(cell.size());
  for (char c : cell) {
    if (c == '\n' || c == '\r') {
      lines += kSetSeparator;
    } else {
      lines.push_back(c);
    }
  }
  std::string text = NormalizeElement(lines);
  std::vector<std::string> out;
  std::string current;
  size_t i = 0;
  auto flush = [&] {
    std::string_view t = TrimCell(current);
    if (!t.empty()) out.emplace_back(t);
    current.clear();
  };
  while (i < text.size()) {
    std::string_view rest = std::string_view(text).substr(i);
    bool whole = false;
    for (const auto& [field, from] : AliasesWithSeparators()) {  // 县（市、区）级
      if (field == f && current.empty() && rest.starts_with(from)) {
        size_t len = 0;
        std::string_view after = rest.substr(from.size());
        if (after.empty() || StartsWithSeparator(after, &len)) {
          out.emplace_back(from);
          i += from.size();
          whole = true;
          break;
        }
      }
    }
    if (whole) continue;
    size_t len = 0;
    if (StartsWithSeparator(rest, &len)) {
      flush();
      i += len;
    } else {
      current.push_back(text[i]);
      ++i;
    }
  }
  flush();
  return out;
}

}  // namespace gongkai
