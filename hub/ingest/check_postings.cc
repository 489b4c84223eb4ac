#include "hub/ingest/check_postings.h"

#include <initializer_list>
#include <string_view>

#include "core/base/hex.h"
#include "core/catalog/set_value.h"
#include "core/deadline/date.h"
#include "hub/review/review_store.h"
#include "hub/store/known_rows_table.h"
#include "hub/store/posting_table.h"

namespace gongkai::hub {
namespace {

// How far past the hub's own date a posted date may be: a village's clock
// and the hub's may straddle midnight.
constexpr int kFutureToleranceDays = 1;

std::string Msg(size_t i, std::initializer_list<std::string_view> parts) {
  std::string m = "第 " + std::to_string(i + 1) + " 项（公开记录）: ";
  for (std::string_view p : parts) m += p;
  return m;
}

bool ChannelInRow(const Row& row, const std::string& channel) {
  for (const std::string& c : SplitSetValue(row.Get(Field::kChannels))) {
    if (c == channel) return true;
  }
  return !row.Get(Field::kChannelsOther).empty() && row.Get(Field::kChannelsOther) == channel;
}

// One posting; a database failure is returned as itself with *db_failed.
Status CheckOne(HubDb& db, size_t i, const PostingOp& p, const std::string& unit,
                const std::string& latest_day, bool* db_failed) {
  auto fail = [&](const Status& s) {
    *db_failed = true;
    return s;
  };
  Result<std::optional<Row>> row = FindApprovedRow(db, p.row_id);
  if (!row.ok()) return fail(row.status());
  if (!*row) {
    Result<std::optional<std::string>> owner = FindRowUnit(db, p.row_id);
    if (!owner.ok()) return fail(owner.status());
    if (*owner && **owner != unit) {
      return PermissionDenied("outside_unit",
                              Msg(i, {"条目 ", p.row_id, " 属于 ", **owner, "，不是本单位的"}));
    }
    return NotFound("unknown_row", Msg(i, {"镇里已批准的目录中没有这个条目: ", p.row_id,
                                           "（新建的条目要等批准后才能登记公开记录）"}));
  }
  const Row& r = **row;
  if (r.unit != unit) {
    return PermissionDenied("outside_unit", Msg(i, {"条目 ", p.row_id, " 属于 ", r.unit,
                                                    "，本站点只能登记 ", unit, " 的公开记录"}));
  }
  if (r.retired) {
    return FailedPrecondition("row_retired",
                              Msg(i, {"条目 ", p.row_id, " 已撤销，不能再登记公开记录"}));
  }
  for (const std::string& c : p.channels) {
    if (!ChannelInRow(r, c)) {
      return InvalidArgument("channel_not_in_row", Msg(i, {"“", c, "”不是这个条目的公开渠道（",
                                                           r.Get(Field::kChannels), "）"}));
    }
  }
  if (p.posted > latest_day) {  // ISO dates order as text
    return InvalidArgument("posted_in_future",
                           Msg(i, {"公开日期 ", p.posted, " 晚于集镇中心的日期 ", latest_day,
                                   "，请核对电脑日期和公开日期"}));
  }
  if (!p.display_from.empty() && p.display_from > latest_day) {
    return InvalidArgument("display_in_future",
                           Msg(i, {"公示期开始日期 ", p.display_from, " 还没到"}));
  }
  if (p.supersedes) {
    Result<std::optional<StoredPosting>> old = FindPosting(db, *p.supersedes);
    if (!old.ok()) return fail(old.status());
    std::string id = HexEncode(*p.supersedes);
    if (!*old) {
      return NotFound("unknown_supersedes",
                      Msg(i, {"要更正的公开记录 ", id.substr(0, 16), " 集镇中心没有收到过"}));
    }
    if ((*old)->unit != unit) {
      return PermissionDenied(
          "supersedes_outside_unit",
          Msg(i, {"要更正的公开记录 ", id.substr(0, 16), " 属于 ", (*old)->unit}));
    }
    if ((*old)->op.row_id != p.row_id) {
      return InvalidArgument("supersedes_other_row",
                             Msg(i, {"要更正的公开记录 ", id.substr(0, 16), " 是另一个条目的"}));
    }
    if ((*old)->superseded_by) {
      return Status(Code::kFailedPrecondition, "already_superseded",
                    Msg(i, {"公开记录 ", id.substr(0, 16), " 已被更正过，请更正最新的那一条"}));
    }
  }
  if (!p.attachments.empty()) {
    Result<bool> present = AttachmentsPresent(db, p.attachments);
    if (!present.ok()) return fail(present.status());
    if (!*present) {
      return FailedPrecondition("attachments_unavailable",
                                Msg(i, {"集镇中心还没有收到这条记录的附件，请先上传附件再同步"}));
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckPostings(HubDb& db, const ChangeSet& cs, const std::string& unit, int64_t now,
                     Status* db_error, std::vector<size_t>* bad_ops) {
  const std::string latest_day =
      deadline::FormatIsoDate(deadline::AddDays(deadline::DateInChina(now), kFutureToleranceDays));
  Status first;
  for (size_t j = 0; j < cs.postings.size(); ++j) {
    bool db_failed = false;
    size_t i = cs.ops.size() + j;
    Status s = CheckOne(db, i, cs.postings[j], unit, latest_day, &db_failed);
    if (db_failed) {
      *db_error = s;
      return s;
    }
    if (s.ok()) continue;
    if (first.ok()) first = s;
    bad_ops->push_back(i);
  }
  return first;
}

Result<bool> AttachmentsPresent(HubDb& db, const std::vector<AttachmentRef>& refs) {
  // The hub's attachment table (migration 14, hub/attachments/): a file is
  // there only once whole, its hash and its type checked from its bytes.
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT 1 FROM attachments WHERE sha256 = ? AND "
                                          "size = ? AND media_type = ?"));
  for (const AttachmentRef& r : refs) {
    GK_RETURN_IF_ERROR(st->Reset());
    st->BindAll(r.sha256, static_cast<int64_t>(r.size), r.media_type);
    GK_ASSIGN_OR_RETURN(bool found, st->Step());
    if (!found) return false;
  }
  return true;
}

}  // namespace gongkai::hub
