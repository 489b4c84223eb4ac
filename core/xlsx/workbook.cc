#include "core/xlsx/workbook.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>

#include "core/csv/cell_text.h"
#include "core/xlsx/xml_stream.h"
#include "core/xlsx/xstring.h"

namespace gongkai {
namespace {

constexpr size_t kMaxColumns = 16384;       // Excel's limit (XFD)
constexpr size_t kMaxFilledColumns = 1024;  // a cell with text beyond AMJ: too_many_columns
constexpr size_t kPiece = 64 * 1024;

Status CorruptPart(const std::string& part, const std::string& what) {
  return InvalidArgument("corrupt_workbook", "工作簿部件 " + part + " 有错（" + what +
                                                 "）；请在 Excel/WPS 里重新打开并另存为 .xlsx "
                                                 "后再导入 (corrupt workbook)");
}

Status ParsePart(const ZipArchive& zip, const std::string& part, XmlHandler* handler) {
  XmlStream xml(handler, part);
  GK_RETURN_IF_ERROR(
      zip.Stream(part, [&](std::string_view piece) { return xml.Feed(piece, false); }));
  return xml.Feed({}, true);
}

// xl/workbook.xml: <sheet name= r:id=>; <externalReference>.
struct WorkbookHandler : XmlHandler {
  struct Sheet {
    std::string name, rel;
  };
  std::vector<Sheet> sheets;
  bool external = false;
  void Start(std::string_view name, const char** attrs) override {
    if (name == "sheet") {
      const char* n = Attr(attrs, "name");
      const char* id = Attr(attrs, "id");
      sheets.push_back({n ? n : "", id ? id : ""});
    } else if (name == "externalReference") {
      external = true;
    }
  }
  void End(std::string_view) override {}
  void Text(std::string_view) override {}
};

// xl/_rels/workbook.xml.rels: <Relationship Id= Type= Target= TargetMode=>.
struct RelsHandler : XmlHandler {
  std::map<std::string, std::string> targets;
  bool external = false;
  void Start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* type = Attr(attrs, "Type");
    const char* target = Attr(attrs, "Target");
    if (type && std::string_view(type).ends_with("/externalLink")) external = true;
    if (id && target) targets[id] = target;
  }
  void End(std::string_view) override {}
  void Text(std::string_view) override {}
};

// xl/sharedStrings.xml: <si> of <t> or runs <r><t>; <rPh> (phonetic) left out.
struct SharedStringsHandler : XmlHandler {
  SharedStrings* out;
  std::string current;
  int in_t = 0, in_phonetic = 0;
  void Start(std::string_view name, const char**) override {
    if (name == "si") current.clear();
    if (name == "t") ++in_t;
    if (name == "rPh") ++in_phonetic;
  }
  void End(std::string_view name) override {
    if (name == "t") --in_t;
    if (name == "rPh") --in_phonetic;
    if (name == "si") out->Add(NormalizeCellText(current));
  }
  void Text(std::string_view text) override {
    if (in_t > 0 && in_phonetic == 0) current.append(text);
  }
};

// "xl/worksheets/sheet1.xml" from a relationship target.
std::string PartOf(const std::string& target) {
  if (target.starts_with("/")) return target.substr(1);
  std::string t = target;
  std::string base = "xl/";
  while (t.starts_with("../")) {
    t = t.substr(3);
    base = "";
  }
  return base + t;
}

// Column index of a reference like "AB12"; false if malformed.
bool ColumnOf(std::string_view ref, size_t* column) {
  size_t n = 0, i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    n = n * 26 + static_cast<size_t>(ref[i] - 'A' + 1);
    if (n > kMaxColumns) return false;
    ++i;
  }
  if (i == 0) return false;
  *column = n - 1;
  return true;
}

class SheetSource : public RecordSource, public XmlHandler {
 public:
  SheetSource(std::unique_ptr<ZipEntry> entry, const SheetInfo& sheet,
              const SharedStrings& shared)
      : entry_(std::move(entry)), sheet_(sheet), shared_(shared), xml_(this, sheet.part) {}

  bool Ragged() const override { return true; }
  // The sheet's <dimension>, believed only as far as the part's size
  // allows (a catalog row of 11 cells takes a few hundred bytes of XML), so
  // a lying dimension cannot make the import reserve much.
  size_t RowHint() const override { return std::min<uint64_t>(row_hint_, entry_->size() / 200); }

  Result<bool> Next(CsvRecord* record) override {
    while (ready_.empty() && !done_) {
      GK_RETURN_IF_ERROR(entry_->Read(kPiece, &piece_));
      if (piece_.empty()) done_ = true;
      GK_RETURN_IF_ERROR(xml_.Feed(piece_, done_));
    }
    if (ready_.empty()) return false;
    // Rows wait sparse (only their cells), so what waits is no larger than
    // the XML it came from; a row is made dense one at a time.
    SparseRow& next = ready_.front();
    record->line = next.line;
    record->fields.assign(next.width, std::string());
    for (auto& [column, text] : next.cells) record->fields[column] = std::move(text);
    ready_.pop_front();
    return true;
  }

  void Start(std::string_view name, const char** attrs) override {
    if (name == "dimension") {  // ref="A1:R20001": the last row
      const char* ref = Attr(attrs, "ref");
      std::string_view r = ref ? ref : "";
      size_t colon = r.find(':');
      std::string_view last = colon == std::string_view::npos ? r : r.substr(colon + 1);
      size_t digits = last.find_first_of("0123456789");
      if (digits != std::string_view::npos) {
        row_hint_ = std::strtoull(std::string(last.substr(digits)).c_str(), nullptr, 10);
      }
    } else if (name == "row") {
      in_row_ = true;
      row_ = SparseRow{};
      const char* r = Attr(attrs, "r");
      line_ = r ? std::strtoull(r, nullptr, 10) : line_ + 1;
      row_.line = line_;
      next_column_ = 0;
    } else if (name == "c" && in_row_) {
      in_cell_ = true;
      value_.clear();
      inline_.clear();
      const char* t = Attr(attrs, "t");
      type_ = t ? t : "n";
      const char* r = Attr(attrs, "r");
      column_ = next_column_;
      if (r && !ColumnOf(r, &column_)) {
        error = CorruptPart(sheet_.part, std::string("单元格引用 ") + r);
        return;
      }
      next_column_ = column_ + 1;
    } else if (name == "f" && in_cell_) {
      error = InvalidArgument("formula_cell",
                              "工作表 “" + sheet_.name + "” 第 " + std::to_string(line_) + " 行 " +
                                  ColumnLetters(column_) +
                                  " 列是公式；请选中表格，复制后“选择性粘贴 → 数值”，"
                                  "保存后再导入 (formula cell)");
    } else if (name == "v" && in_cell_) {
      in_v_ = true;
    } else if (name == "is" && in_cell_) {
      in_is_ = true;
    } else if (name == "t" && in_is_) {
      ++in_t_;
    } else if (name == "rPh") {
      ++in_phonetic_;
    }
  }

  void End(std::string_view name) override {
    if (name == "v") {
      in_v_ = false;
    } else if (name == "t") {
      if (in_t_ > 0) --in_t_;
    } else if (name == "rPh") {
      --in_phonetic_;
    } else if (name == "is") {
      in_is_ = false;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      std::string text;
      if (type_ == "s") {
        char* end = nullptr;
        unsigned long long index = std::strtoull(value_.c_str(), &end, 10);
        if (value_.empty() || *end != '\0' || index >= shared_.size()) {
          error = CorruptPart(sheet_.part, "共享字符串编号 " + value_);
          return;
        }
        text = std::string(shared_[index]);
      } else if (type_ == "inlineStr") {
        text = NormalizeCellText(inline_);
      } else if (type_ == "n") {
        text = NumberCellText(value_);
      } else {
        text = NormalizeCellText(value_);
      }
      if (text.empty()) return;
      if (column_ >= kMaxFilledColumns) {
        error = ResourceExhausted(
            "too_many_columns", "工作表 “" + sheet_.name + "” 第 " + std::to_string(line_) +
                                    " 行 " + ColumnLetters(column_) + " 列有内容，超出了 " +
                                    ColumnLetters(kMaxFilledColumns - 1) +
                                    " 列；请删去表格右边多余的内容后再导入 (too many columns)");
        return;
      }
      row_.width = std::max(row_.width, column_ + 1);
      row_.cells.emplace_back(column_, std::move(text));
    } else if (name == "row" && in_row_) {
      in_row_ = false;
      ready_.push_back(std::move(row_));
    }
  }

  void Text(std::string_view text) override {
    if (in_v_) value_.append(text);
    if (in_is_ && in_t_ > 0 && in_phonetic_ == 0) inline_.append(text);
  }

 private:
  std::unique_ptr<ZipEntry> entry_;
  SheetInfo sheet_;
  const SharedStrings& shared_;
  XmlStream xml_;
  std::string piece_;
  struct SparseRow {
    size_t line = 0;
    size_t width = 0;
    std::vector<std::pair<size_t, std::string>> cells;
  };
  std::deque<SparseRow> ready_;
  bool done_ = false;
  SparseRow row_;
  bool in_row_ = false, in_cell_ = false, in_v_ = false, in_is_ = false;
  int in_t_ = 0, in_phonetic_ = 0;
  size_t line_ = 0, column_ = 0, next_column_ = 0, row_hint_ = 0;
  std::string type_, value_, inline_;
};

}  // namespace

std::string NormalizeCellText(std::string_view text) {
  std::string decoded = DecodeXstring(text);
  if (decoded.find('\r') == std::string::npos) return decoded;
  std::string lf;
  lf.reserve(decoded.size());
  for (size_t i = 0; i < decoded.size(); ++i) {
    if (decoded[i] == '\r') {
      lf.push_back('\n');
      if (i + 1 < decoded.size() && decoded[i + 1] == '\n') ++i;
    } else {
      lf.push_back(decoded[i]);
    }
  }
  return lf;
}

std::string NumberCellText(std::string_view v) {
  if (v.find_first_of("eE") == std::string_view::npos) return std::string(v);
  std::string s(v);
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !std::isfinite(d)) return s;
  if (d == std::floor(d) && std::fabs(d) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", d);
    return buf;
  }
  return s;
}

Result<Workbook> Workbook::Open(std::string_view bytes, const ZipLimits& limits) {
  GK_ASSIGN_OR_RETURN(ZipArchive zip, ZipArchive::Open(bytes, limits));
  Workbook wb;
  wb.zip_ = std::make_unique<ZipArchive>(std::move(zip));
  const ZipArchive& z = *wb.zip_;
  if (!z.Has("xl/workbook.xml")) {
    std::string what = z.Has("content.xml")         ? "（像是 WPS/LibreOffice 的 .ods 表格）"
                       : z.Has("word/document.xml") ? "（像是 Word 文档）"
                       : z.Has("xl/workbook.bin")   ? "（是 .xlsb 二进制工作簿）"
                                                    : "";
    return InvalidArgument("not_a_workbook", "文件是 ZIP 压缩包，但不是 Excel 工作簿" + what +
                                                 "；请在 Excel/WPS 里另存为 Excel 工作簿(.xlsx) "
                                                 "后再导入 (not a workbook)");
  }
  for (const std::string& name : z.names()) {
    if (name.starts_with("xl/externalLinks/")) {
      return InvalidArgument("external_link",
                             "工作簿引用了其他工作簿的数据（外部链接）；请在 Excel 里“数据 → "
                             "编辑链接 → 断开链接”，保存后再导入 (external link)");
    }
  }
  WorkbookHandler book;
  GK_RETURN_IF_ERROR(ParsePart(z, "xl/workbook.xml", &book));
  RelsHandler rels;
  if (z.Has("xl/_rels/workbook.xml.rels")) {
    GK_RETURN_IF_ERROR(ParsePart(z, "xl/_rels/workbook.xml.rels", &rels));
  }
  if (book.external || rels.external) {
    return InvalidArgument("external_link",
                           "工作簿引用了其他工作簿的数据（外部链接）；请在 Excel 里“数据 → "
                           "编辑链接 → 断开链接”，保存后再导入 (external link)");
  }
  for (size_t i = 0; i < book.sheets.size(); ++i) {
    auto it = rels.targets.find(book.sheets[i].rel);
    std::string part = it != rels.targets.end()
                           ? PartOf(it->second)
                           : "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml";
    if (!z.Has(part)) continue;  // a chart sheet or a dialog sheet has no cells we read
    wb.sheets_.push_back({book.sheets[i].name, part});
  }
  if (wb.sheets_.empty()) {
    return CorruptPart("xl/workbook.xml", "没有工作表");
  }
  if (z.Has("xl/sharedStrings.xml")) {
    SharedStringsHandler strings;
    strings.out = &wb.shared_strings_;
    GK_RETURN_IF_ERROR(ParsePart(z, "xl/sharedStrings.xml", &strings));
  }
  return wb;
}

Result<std::unique_ptr<RecordSource>> Workbook::OpenSheet(const SheetInfo& sheet) const {
  GK_ASSIGN_OR_RETURN(std::unique_ptr<ZipEntry> entry, zip_->OpenEntry(sheet.part));
  return std::unique_ptr<RecordSource>(
      std::make_unique<SheetSource>(std::move(entry), sheet, shared_strings_));
}

}  // namespace gongkai
