// gongkai-hub catalog [--version N] [--json | --csv | --xlsx FILE]: an
// approved catalog version; older versions are rebuilt by replaying the
// log's approvals. --csv writes CSV to stdout (with the formula marker,
// docs/formats/csv.md); --xlsx writes an .xlsx workbook to FILE
// (docs/formats/xlsx.md).
#include <filesystem>
#include <iostream>

#include "core/base/hex.h"
#include "core/csv/catalog_csv.h"
#include "core/store/atomic_file.h"
#include "core/xlsx/catalog_xlsx_writer.h"
#include "hub/cli/commands.h"
#include "hub/cli/review_cli.h"
#include "hub/review/catalog_history.h"

namespace gongkai::hub {

int RunCatalog(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "version", "xlsx"}, {"json", "csv", "force"}});
  if (!flags.ok()) return ReportError(flags.status());
  if (Status s = CheckReportOutputFlags(*flags); !s.ok()) return ReportError(s);
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Status begin = hub->db.db().Exec("BEGIN");
  if (!begin.ok()) return ReportError(begin);
  Result<VersionedCatalog> cat = [&]() -> Result<VersionedCatalog> {
    if (!flags->Has("version")) return LatestCatalog(hub->db);
    GK_ASSIGN_OR_RETURN(uint64_t v, flags->GetUint("version", 0, 0, uint64_t{1} << 62));
    return CatalogAtVersion(hub->db, v);
  }();
  (void)hub->db.db().Exec("ROLLBACK");
  if (!cat.ok()) return ReportError(cat.status());
  if (flags->Has("xlsx")) {
    std::vector<Row> rows;
    for (const auto& [id, row] : cat->catalog.rows()) rows.push_back(row);
    Result<std::string> bytes = CatalogToXlsx(rows);
    if (!bytes.ok()) return ReportError(bytes.status());
    const std::string path = *flags->Get("xlsx");
    Status written = WriteFileAtomic(path, *bytes, 0644);
    if (!written.ok()) return ReportError(written);
    std::cout << "已把目录第 " << cat->version << " 版（" << rows.size() << " 条）写入 " << path
              << " (exported)\n";
    return 0;
  }
  if (flags->Has("csv")) {
    std::vector<Row> rows;
    for (const auto& [id, row] : cat->catalog.rows()) rows.push_back(row);
    std::cout << CatalogToCsv(rows);
    return 0;
  }
  if (flags->Has("json")) {
    boost::json::array rows;
    for (const auto& [id, row] : cat->catalog.rows()) rows.push_back(RowJsonObject(row));
    std::cout << boost::json::serialize(boost::json::object{{"version", cat->version},
                                                            {"hash", HexEncode(cat->hash)},
                                                            {"rows", std::move(rows)}})
              << "\n";
    return 0;
  }
  std::cout << "目录第 " << cat->version << " 版，共 " << cat->catalog.size() << " 条，哈希 "
            << HexEncode(cat->hash) << "\n";
  for (const auto& [id, row] : cat->catalog.rows()) {
    std::cout << id.substr(0, 8) << "  " << row.unit << "  " << row.Get(Field::kArea) << " / "
              << row.Get(Field::kItemL1) << " / " << row.Get(Field::kItemL2)
              << (row.retired ? "  (已撤销)" : "") << "\n";
  }
  return 0;
}

}  // namespace gongkai::hub
