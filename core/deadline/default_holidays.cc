// The embedded default holiday file (docs/formats/holidays.md). A town that
// has a newer or corrected arrangement puts its own file in place of this
// one; nothing here is more than a starting point.
//
// 2026: the State Council's arrangement (国务院办公厅关于2026年部分节假日安排
// 的通知, 国办发明电〔2025〕7号) as known when this was written — check it
// against the published notice.
// 2027: only the statutory holidays of 《全国年节及纪念日放假办法》 (2024
// revision) on their 2027 dates, without the 调休 the State Council will add;
// until the town updates the file, 2027 deadlines counted in working days can
// fall a day or two earlier than under the final arrangement, never later.
#include "core/deadline/work_calendar.h"

namespace gongkai::deadline {

std::string_view DefaultHolidaysText() {
  static constexpr std::string_view kText =
      "# 工作日历：法定节假日（休）与调休上班日（班）。格式见 docs/formats/holidays.md。\n"
      "# 这是软件自带的默认安排，镇里可以整份替换。\n"
      "\n"
      "年份 2026 国办发明电〔2025〕7号（请与正式通知核对）\n"
      "2026-01-01 至 2026-01-03 休 元旦\n"
      "2026-01-04 班 元旦调休上班\n"
      "2026-02-14 班 春节调休上班\n"
      "2026-02-15 至 2026-02-23 休 春节\n"
      "2026-02-28 班 春节调休上班\n"
      "2026-04-04 至 2026-04-06 休 清明节\n"
      "2026-05-01 至 2026-05-05 休 劳动节\n"
      "2026-05-09 班 劳动节调休上班\n"
      "2026-06-19 至 2026-06-21 休 端午节\n"
      "2026-09-20 班 国庆节调休上班\n"
      "2026-09-25 至 2026-09-27 休 中秋节\n"
      "2026-10-01 至 2026-10-07 休 国庆节\n"
      "2026-10-10 班 国庆节调休上班\n"
      "\n"
      "年份 2027 暂只列法定节日，未含调休；国务院公布2027年安排后请更新\n"
      "2027-01-01 休 元旦\n"
      "2027-02-05 至 2027-02-08 休 春节（除夕至正月初三）\n"
      "2027-04-05 休 清明节\n"
      "2027-05-01 至 2027-05-02 休 劳动节\n"
      "2027-06-09 休 端午节\n"
      "2027-09-15 休 中秋节\n"
      "2027-10-01 至 2027-10-03 休 国庆节\n";
  return kText;
}

}  // namespace gongkai::deadline
