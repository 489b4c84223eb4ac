#include "station/sync/refusal_report.h"

namespace gongkai::station {

boost::json::array ReturnedJson(const std::vector<ReturnedReport>& returned) {
  boost::json::array list;
  for (const ReturnedReport& b : returned) {
    boost::json::array rows, resealed;
    for (const std::string& row : b.held_rows) rows.push_back(boost::json::string(row));
    for (uint64_t seq : b.resealed) resealed.push_back(seq);
    list.push_back(boost::json::object{{"seq", b.seq},
                                       {"code", b.code},
                                       {"message", b.message},
                                       {"held_rows", std::move(rows)},
                                       {"returned_edits", b.returned_edits},
                                       {"resealed", std::move(resealed)}});
  }
  return list;
}

boost::json::array HeldJson(const std::vector<HeldRow>& held) {
  boost::json::array list;
  for (const HeldRow& h : held) {
    list.push_back(boost::json::object{{"row_id", h.row_id},
                                       {"code", h.code},
                                       {"reason", h.reason},
                                       {"refused_seq", h.refused_seq}});
  }
  return list;
}

void PrintReturned(std::ostream& out, const std::vector<ReturnedReport>& returned,
                   const char* resealed_tail) {
  for (const ReturnedReport& b : returned) {
    out << "  变更集 " << b.seq << " 中 ";
    if (b.held_rows.empty() && b.refused_postings > 0) {
      out << b.refused_postings << " 条公开记录被拒收（gongkai-station records 可查看理由）";
    } else {
      out << b.held_rows.size() << " 个条目的修改已退回本站，等待修改";
    }
    if (!b.resealed.empty()) {
      out << "；其余的修改已重新封存为变更集 " << b.resealed.front();
      if (b.resealed.size() > 1) out << "–" << b.resealed.back();
      out << resealed_tail;
    }
    out << "。\n";
  }
}

void PrintHeld(std::ostream& out, const std::vector<HeldRow>& held) {
  for (const HeldRow& h : held) {
    out << "  等待修改: 条目 " << h.row_id.substr(0, 8) << " — " << h.reason << " [" << h.code
        << "]\n";
  }
}

}  // namespace gongkai::station
