#include "station/commands/posting_entry.h"

#include <algorithm>

#include "core/catalog/set_value.h"
#include "core/deadline/period.h"
#include "core/deadline/schedule.h"
#include "station/edits/edit_plan.h"

namespace gongkai::station {
namespace {

// How far past the date in China a posted date may be: the hub's tolerance
// (hub/ingest/check_postings.cc), so the station refuses what the hub would.
constexpr int kFutureToleranceDays = 1;

Status CheckNotFuture(const PostingOp& op, int64_t now) {
  const std::string latest =
      deadline::FormatIsoDate(deadline::AddDays(deadline::DateInChina(now), kFutureToleranceDays));
  if (op.posted > latest) {  // ISO dates order as text
    return InvalidArgument("posted_in_future",
                           "公开日期 " + op.posted + " 还没到（今天是 " +
                               deadline::FormatIsoDate(deadline::DateInChina(now)) +
                               "），请核对公开日期和电脑日期",
                           "posted");
  }
  if (!op.display_from.empty() && op.display_from > latest) {
    return InvalidArgument("display_in_future",
                           "公示期开始日期 " + op.display_from + " 还没到，请公示开始后再登记",
                           "from");
  }
  return Status::Ok();
}

// A row with a cycle (每月…, 每季度…) is posted for one of its periods.
Status CheckPeriodOfRow(const Row& row, const std::string& period, int64_t now) {
  deadline::Schedule s = deadline::ParseTimeLimit(row.Get(Field::kTimeLimit));
  if (!s.parsed || !s.periodic()) return Status::Ok();  // an event, or free text
  Result<deadline::Period> p = deadline::ParsePeriod(period);
  if (p.ok() && p->kind == deadline::PeriodKindOf(s.cycle)) return Status::Ok();
  const std::string example =
      deadline::FormatPeriod(deadline::PeriodContaining(s.cycle, deadline::DateInChina(now)));
  return InvalidArgument("bad_period",
                         "期间“" + period + "”不对：这个条目的公开时限是“" +
                             row.Get(Field::kTimeLimit) + "”，期间请写成 " + example + " 这样",
                         "period");
}

}  // namespace

std::vector<std::string> ChannelChoices(const Row& row) {
  std::vector<std::string> out = SplitSetValue(row.Get(Field::kChannels));
  const std::string& other = row.Get(Field::kChannelsOther);
  if (!other.empty() && std::find(out.begin(), out.end(), other) == out.end()) {
    out.push_back(other);
  }
  return out;
}

std::string CurrentPeriodOf(const Row& row, deadline::Date today) {
  deadline::Schedule s = deadline::ParseTimeLimit(row.Get(Field::kTimeLimit));
  if (!s.parsed || !s.periodic()) return "";
  return deadline::FormatPeriod(deadline::PeriodContaining(s.cycle, today));
}

Result<RecordedPosting> RecordPostingEntry(StationStore& store, const PostingEntry& entry,
                                           int64_t now) {
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  GK_ASSIGN_OR_RETURN(const ViewRow* vr, ResolveRow(view, entry.row));
  PostingOp op;
  op.row_id = vr->row.id;
  op.period = entry.period;
  op.posted = entry.posted;
  op.channels = entry.channels;
  op.display_from = entry.display_from;
  op.display_to = entry.display_to;
  op.note = entry.note;
  op.supersedes = entry.supersedes;
  if (op.channels.empty()) {
    // One channel in the row: that one. Several: the clerk says which.
    std::vector<std::string> choices = ChannelChoices(vr->row);
    if (choices.size() != 1) {
      return InvalidArgument("missing_flag",
                             "这个条目有几个公开渠道（" + vr->row.Get(Field::kChannels) +
                                 "），请写明在哪里公开的（命令行用 --channel，页面上勾选渠道）",
                             "channel");
    }
    op.channels = choices;
  }
  for (const PreparedAttachment& a : entry.attachments) {
    op.attachments.push_back(
        AttachmentRef{a.info.sha256, a.info.size, a.info.media_type, a.file_name});
  }
  GK_RETURN_IF_ERROR(store.CheckPosting(op));  // ValidatePosting, then the row and unit
  GK_RETURN_IF_ERROR(CheckNotFuture(op, now));
  GK_RETURN_IF_ERROR(CheckPeriodOfRow(vr->row, op.period, now));
  GK_ASSIGN_OR_RETURN(PrivateKey key, store.LoadKey());
  AttachmentStore files(store.dir());
  for (const PreparedAttachment& a : entry.attachments) GK_RETURN_IF_ERROR(files.Keep(a));
  GK_ASSIGN_OR_RETURN(StationPosting p, store.RecordPosting(key, op, now));
  return RecordedPosting{std::move(p), vr->row};
}

}  // namespace gongkai::station
