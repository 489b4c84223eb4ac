#include "core/deadline/schedule.h"

#include <vector>

#include "core/base/utf8.h"
#include "core/deadline/numerals.h"
#include "core/text/pattern.h"

namespace gongkai::deadline {
namespace {

constexpr int kMaxSpan = 366;

// One clause of a time-limit text, understood.
struct Clause {
  bool display = false;  // a 公示 clause (sets Schedule::display)
  Schedule part;         // the deadline fields otherwise
};

std::vector<std::string> SplitClauses(const std::string& text) {
  static const char* const kSeparators[] = {"，", "；", "。", ",", ";"};
  std::vector<std::string> out;
  std::string current;
  size_t i = 0;
  while (i < text.size()) {
    bool split = false;
    for (const char* sep : kSeparators) {
      std::string_view s(sep);
      if (text.compare(i, s.size(), s) == 0) {
        out.push_back(current);
        current.clear();
        i += s.size();
        split = true;
        break;
      }
    }
    if (!split) current += text[i++];
  }
  out.push_back(current);
  return out;
}

bool StripPrefix(std::string& s, std::string_view p) {
  if (s.size() > p.size() && s.compare(0, p.size(), p) == 0) {
    s.erase(0, p.size());
    return true;
  }
  return false;
}

bool StripSuffix(std::string& s, std::string_view p) {
  if (s.size() > p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0) {
    s.erase(s.size() - p.size());
    return true;
  }
  return false;
}

// Drops the words around a rule that do not change it: 应于 … 予以公开一次.
std::string StripFiller(std::string s) {
  static const char* const kPrefixes[] = {"原则上", "应当", "应于", "应在", "须在", "在", "于"};
  static const char* const kSuffixes[] = {"1次",  "予以公开", "公开", "公布",
                                          "发布", "更新",     "至少"};
  for (bool changed = true; changed;) {
    changed = false;
    for (const char* p : kPrefixes) changed |= StripPrefix(s, p);
    for (const char* p : kSuffixes) changed |= StripSuffix(s, p);
  }
  return s;
}

std::optional<Cycle> CycleOf(const std::string& word) {
  if (word == "月") return Cycle::kMonth;
  if (word == "季度" || word == "季") return Cycle::kQuarter;
  if (word == "半年") return Cycle::kHalfYear;
  if (word == "年" || word == "年度") return Cycle::kYear;
  return std::nullopt;
}

int DaysInMonthAnyYear(int month) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1];
}

Span SpanOf(const std::string& count, const std::string& unit) {
  return Span{std::stoi(count), unit == "个工作日"};
}

// The clause as a rule, or nullopt (with *why set when a number is out of range).
std::optional<Clause> ParseClause(const std::string& raw, std::string* why) {
  static const Pattern kNone("^(长期|常年|实时|及时|随时|即时|动态)$");
  static const Pattern kFrequency("^(每|按)(月|季度|季|半年|年度|年)$");
  static const Pattern kPeriodEnd("^每(月|季度|季|半年|年度|年)(月底|月末|底|末)(前|之前|以前)?$");
  static const Pattern kMonthDay("^每月(\\d{1,3})(日|号)(前|之前|以前)?$");
  static const Pattern kQuarterDay(
      "^每(季度|季)(首月|第1个月|第1月)(\\d{1,3})(日|号)(前|之前|以前)?$");
  static const Pattern kAfterEnd(
      "^每(月|季度|季|半年|年度|年)(结束|终了)(后|之日起)(\\d{1,4})(个工作日|日|天)内$");
  static const Pattern kYearDate("^每年(\\d{1,3})月(\\d{1,3})(日|号)(前|之前|以前)?$");
  static const Pattern kYearMonthEnd("^每年(\\d{1,3})月(底|末|月底|月末)(前|之前|以前)?$");
  static const Pattern kYearQuarter("^每年(?:第)?(\\d)季度(内|末前|结束前)?$");
  static const Pattern kYearHalf("^每年(上|下)半年(内)?$");
  static const Pattern kEventUnnamed("^(\\d{1,4})(个工作日|日|天)内$");
  static const Pattern kEvent("^(自|从)?(.+?)(之日起|之日后|起|后)(\\d{1,4})(个工作日|日|天)内$");
  static const Pattern kDisplay(
      "^公示(期|时间|期限|期间)?(为|不少于|不得少于|不低于|至少)?(\\d{1,4})(个工作日|日|天)(以上)?"
      "$");

  std::string s = StripFiller(raw);
  PatternGroups m;
  Clause c;
  Schedule& p = c.part;
  auto out_of_range = [&](const std::string& what) {
    *why = "“" + raw + "”里的" + what + "超出范围";
    return std::nullopt;
  };
  if (kDisplay.Match(s, &m)) {
    c.display = true;
    p.span = SpanOf(m[3], m[4]);
    if (p.span.count < 1 || p.span.count > kMaxSpan) return out_of_range("天数");
    return c;
  }
  if (kNone.Match(s, &m)) {
    p.kind = DeadlineKind::kNone;
    p.no_deadline_word = raw;
    return c;
  }
  if (kFrequency.Match(s, &m)) {
    p.kind = DeadlineKind::kWithinPeriod;
    p.cycle = *CycleOf(m[2]);
    return c;
  }
  if (kPeriodEnd.Match(s, &m)) {
    p.kind = DeadlineKind::kWithinPeriod;
    p.cycle = *CycleOf(m[1]);
    return c;
  }
  if (kMonthDay.Match(s, &m)) {
    p.kind = DeadlineKind::kDayOfPeriod;
    p.cycle = Cycle::kMonth;
    p.day = std::stoi(m[1]);
    if (p.day < 1 || p.day > 31) return out_of_range("日期");
    return c;
  }
  if (kQuarterDay.Match(s, &m)) {
    p.kind = DeadlineKind::kDayOfPeriod;
    p.cycle = Cycle::kQuarter;
    p.day = std::stoi(m[3]);
    if (p.day < 1 || p.day > 31) return out_of_range("日期");
    return c;
  }
  if (kAfterEnd.Match(s, &m)) {
    p.kind = DeadlineKind::kAfterPeriodEnd;
    p.cycle = *CycleOf(m[1]);
    p.span = SpanOf(m[4], m[5]);
    if (p.span.count < 1 || p.span.count > kMaxSpan) return out_of_range("天数");
    return c;
  }
  if (kYearDate.Match(s, &m) || kYearMonthEnd.Match(s, &m)) {
    p.kind = DeadlineKind::kDayOfPeriod;
    p.cycle = Cycle::kYear;
    p.month_in_period = std::stoi(m[1]);
    if (p.month_in_period < 1 || p.month_in_period > 12) return out_of_range("月份");
    bool month_end = m[2] == "底" || m[2] == "末" || m[2] == "月底" || m[2] == "月末";
    p.day = month_end ? 0 : std::stoi(m[2]);
    if (!month_end && (p.day < 1 || p.day > DaysInMonthAnyYear(p.month_in_period))) {
      return out_of_range("日期");
    }
    return c;
  }
  if (kYearQuarter.Match(s, &m)) {
    int q = std::stoi(m[1]);
    if (q < 1 || q > 4) return out_of_range("季度");
    p.kind = DeadlineKind::kDayOfPeriod;
    p.cycle = Cycle::kYear;
    p.month_in_period = q * 3;
    p.day = 0;
    return c;
  }
  if (kYearHalf.Match(s, &m)) {
    p.kind = DeadlineKind::kDayOfPeriod;
    p.cycle = Cycle::kYear;
    p.month_in_period = m[1] == "上" ? 6 : 12;
    p.day = 0;
    return c;
  }
  if (kEventUnnamed.Match(s, &m)) {
    p.kind = DeadlineKind::kAfterEvent;
    p.span = SpanOf(m[1], m[2]);
    if (p.span.count < 1 || p.span.count > kMaxSpan) return out_of_range("天数");
    return c;
  }
  if (kEvent.Match(s, &m)) {
    std::string event = m[2];
    StripPrefix(event, "该");
    // An event is a plain description: no numbers, no cycle word.
    if (event.find_first_of("0123456789") != std::string::npos ||
        event.find("每") != std::string::npos) {
      return std::nullopt;
    }
    p.kind = DeadlineKind::kAfterEvent;
    p.event = event;
    p.span = SpanOf(m[4], m[5]);
    if (p.span.count < 1 || p.span.count > kMaxSpan) return out_of_range("天数");
    return c;
  }
  return std::nullopt;
}

Schedule Unparsed(std::string text, std::string why) {
  Schedule s;
  s.text = std::move(text);
  s.parsed = false;
  s.unparsed_reason = std::move(why);
  return s;
}

// How specific a periodic rule is: a bare frequency yields to a day.
bool Refines(const Schedule& general, const Schedule& specific) {
  return general.kind == DeadlineKind::kWithinPeriod && specific.periodic() &&
         general.cycle == specific.cycle;
}

}  // namespace

Schedule ParseTimeLimit(std::string_view text) {
  std::string original(text);
  if (!IsValidUtf8(text)) return Unparsed(original, "不是有效的 UTF-8 文字");
  std::string normal = NormalizeNumerals(text);
  std::optional<Schedule> deadline;
  std::string deadline_clause;
  std::optional<Span> display;
  for (const std::string& clause : SplitClauses(normal)) {
    if (clause.empty()) continue;
    std::string why;
    std::optional<Clause> c = ParseClause(clause, &why);
    if (!c) return Unparsed(original, why.empty() ? "看不懂“" + clause + "”" : why);
    if (c->display) {
      if (display) return Unparsed(original, "公示期写了两次");
      display = c->part.span;
      continue;
    }
    if (!deadline || Refines(*deadline, c->part)) {
      deadline = c->part;
      deadline_clause = clause;
    } else if (!Refines(c->part, *deadline) &&
               !(deadline->kind == DeadlineKind::kNone && c->part.kind == DeadlineKind::kNone)) {
      return Unparsed(original, "时限有两种说法：“" + deadline_clause + "”和“" + clause + "”");
    }
  }
  if (!deadline && !display) return Unparsed(original, "没有写时限");
  Schedule s = deadline ? *deadline : Schedule{};
  s.text = original;
  s.parsed = true;
  s.display = display;
  return s;
}

const char* DeadlineKindName(DeadlineKind kind) {
  switch (kind) {
    case DeadlineKind::kNone:
      return "none";
    case DeadlineKind::kWithinPeriod:
      return "within_period";
    case DeadlineKind::kDayOfPeriod:
      return "day_of_period";
    case DeadlineKind::kAfterPeriodEnd:
      return "after_period_end";
    case DeadlineKind::kAfterEvent:
      return "after_event";
  }
  return "none";
}

const char* CycleName(Cycle cycle) {
  switch (cycle) {
    case Cycle::kMonth:
      return "month";
    case Cycle::kQuarter:
      return "quarter";
    case Cycle::kHalfYear:
      return "half_year";
    case Cycle::kYear:
      return "year";
  }
  return "month";
}

namespace {

std::string CycleWord(Cycle c) {
  switch (c) {
    case Cycle::kMonth:
      return "月";
    case Cycle::kQuarter:
      return "季度";
    case Cycle::kHalfYear:
      return "半年";
    case Cycle::kYear:
      return "年";
  }
  return "月";
}

std::string SpanWords(const Span& s) {
  return std::to_string(s.count) + (s.working_days ? "个工作日" : "日");
}

std::string DayWords(int day) { return day == 0 ? "月底前" : std::to_string(day) + "日前"; }

}  // namespace

std::string DescribeSchedule(const Schedule& s) {
  if (!s.parsed) return std::string(kUnparsedLabel);
  std::string out;
  switch (s.kind) {
    case DeadlineKind::kNone:
      out = s.no_deadline_word.empty() ? "无固定时限" : s.no_deadline_word + "（无固定时限）";
      break;
    case DeadlineKind::kWithinPeriod: {
      static const char* const kEnds[] = {"当月底前", "当季末前", "当半年末前", "当年底前"};
      out = "每" + CycleWord(s.cycle) + "（" + kEnds[static_cast<int>(s.cycle)] + "）";
      break;
    }
    case DeadlineKind::kDayOfPeriod:
      if (s.cycle == Cycle::kMonth) {
        out = "每月" + DayWords(s.day);
      } else if (s.cycle == Cycle::kQuarter) {
        out = "每季度首月" + DayWords(s.day);
      } else {
        out = "每年" + std::to_string(s.month_in_period) + "月" +
              (s.day == 0 ? "底前" : DayWords(s.day));
      }
      break;
    case DeadlineKind::kAfterPeriodEnd:
      out = "每" + CycleWord(s.cycle) + "结束后" + SpanWords(s.span) + "内";
      break;
    case DeadlineKind::kAfterEvent:
      out = (s.event.empty() ? "" : "自" + s.event + "之日起") + SpanWords(s.span) + "内";
      break;
  }
  if (s.display) out += "；公示" + SpanWords(*s.display);
  return out;
}

}  // namespace gongkai::deadline
