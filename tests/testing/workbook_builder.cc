#include "tests/testing/workbook_builder.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "core/text/html.h"
#include "core/xlsx/zip_archive.h"

namespace gongkai::testing {
namespace {

std::string TempPath() {
  const char* dir = std::getenv("TMPDIR");
  std::string t = std::string(dir && *dir ? dir : "/tmp") + "/gk-test-zip-XXXXXX";
  int fd = ::mkstemp(t.data());
  if (fd < 0) throw std::runtime_error("mkstemp");
  ::close(fd);
  return t;
}

std::string ReadAndRemove(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  ::unlink(path.c_str());
  return ss.str();
}

// A zip source producing an entry from a generator.
struct Generated {
  std::function<std::string()> next;
  std::string piece;
  size_t offset = 0;
  bool done = false;
};

zip_int64_t GeneratedCallback(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* g = static_cast<Generated*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      return 0;
    case ZIP_SOURCE_READ: {
      zip_uint64_t written = 0;
      auto* out = static_cast<char*>(data);
      while (written < len && !g->done) {
        if (g->offset == g->piece.size()) {
          g->piece = g->next();
          g->offset = 0;
          if (g->piece.empty()) {
            g->done = true;
            break;
          }
        }
        size_t n = std::min<size_t>(len - written, g->piece.size() - g->offset);
        std::copy_n(g->piece.data() + g->offset, n, out + written);
        g->offset += n;
        written += n;
      }
      return static_cast<zip_int64_t>(written);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      return sizeof(*st);
    }
    case ZIP_SOURCE_ERROR:
      return 2 * sizeof(int);
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

std::string Zip(const std::vector<std::pair<std::string, std::string>>& entries,
                const std::string& generated_name, Generated* generated) {
  std::string path = TempPath();
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (z == nullptr) throw std::runtime_error("zip_open");
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    if (s == nullptr || zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      throw std::runtime_error("zip_file_add " + name);
    }
  }
  if (generated != nullptr) {
    zip_source_t* s = zip_source_function(z, GeneratedCallback, generated);
    if (s == nullptr || zip_file_add(z, generated_name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      throw std::runtime_error("zip_file_add " + generated_name);
    }
  }
  if (zip_close(z) != 0) throw std::runtime_error(std::string("zip_close: ") + zip_strerror(z));
  return ReadAndRemove(path);
}

constexpr char kMain[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRel[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

}  // namespace

std::string ColumnRef(size_t index) {
  std::string s;
  for (size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return s;
}

std::vector<std::pair<std::string, std::string>> WorkbookFrame() {
  return {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"xl/workbook.xml",
       std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"") + kMain +
           "\" xmlns:r=\"" + kRel +
           "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" "
           "r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
       "worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
  };
}

std::string BuildWorkbook(const std::vector<TestSheet>& sheets, const WorkbookExtras& extras) {
  std::vector<std::pair<std::string, std::string>> parts;
  std::vector<std::string> shared;
  std::map<std::string, size_t> shared_index;
  std::string book_sheets, rels;
  for (size_t s = 0; s < sheets.size(); ++s) {
    const TestSheet& sheet = sheets[s];
    std::string p = sheet.prefixed ? "x:" : "";
    std::string id = "rId" + std::to_string(s + 1);
    std::string part = "worksheets/sheet" + std::to_string(s + 1) + ".xml";
    book_sheets += "<sheet name=\"" + HtmlEscape(sheet.name) + "\" sheetId=\"" +
                   std::to_string(s + 1) + "\" r:id=\"" + id + "\"/>";
    rels += "<Relationship Id=\"" + id +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "worksheet\" Target=\"" +
            part + "\"/>";
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><" + p +
                      "worksheet xmlns" + (sheet.prefixed ? ":x" : "") + "=\"" + kMain + "\"><" +
                      p + "sheetData>";
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      std::string rn = std::to_string(r + 1);
      xml += "<" + p + "row r=\"" + rn + "\">";
      for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const std::string& v = sheet.rows[r][c];
        if (v.empty()) continue;
        std::string ref = ColumnRef(c) + rn;
        if (v.starts_with("#n:")) {
          xml += "<" + p + "c r=\"" + ref + "\"><" + p + "v>" + v.substr(3) + "</" + p + "v></" +
                 p + "c>";
        } else if (v.starts_with("#f:")) {
          xml += "<" + p + "c r=\"" + ref + "\"><" + p + "f>" + HtmlEscape(v.substr(3)) + "</" + p +
                 "f><" + p + "v>0</" + p + "v></" + p + "c>";
        } else if (sheet.inline_strings) {
          xml += "<" + p + "c r=\"" + ref + "\" t=\"inlineStr\"><" + p + "is><" + p +
                 "t xml:space=\"preserve\">" + HtmlEscape(v) + "</" + p + "t></" + p + "is></" + p +
                 "c>";
        } else {
          auto [it, added] = shared_index.emplace(v, shared.size());
          if (added) shared.push_back(v);
          xml += "<" + p + "c r=\"" + ref + "\" t=\"s\"><" + p + "v>" + std::to_string(it->second) +
                 "</" + p + "v></" + p + "c>";
        }
      }
      xml += "</" + p + "row>";
    }
    xml += "</" + p + "sheetData></" + p + "worksheet>";
    parts.emplace_back("xl/" + part, xml);
  }
  if (extras.external_link) {
    rels +=
        "<Relationship Id=\"rIdX\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
        "2006/relationships/externalLink\" Target=\"externalLinks/externalLink1.xml\"/>";
    parts.emplace_back("xl/externalLinks/externalLink1.xml",
                       std::string("<externalLink xmlns=\"") + kMain + "\"/>");
  }
  std::string sst = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"") + kMain +
                    "\" count=\"" + std::to_string(shared.size()) + "\">";
  for (const std::string& s : shared)
    sst += "<si><t xml:space=\"preserve\">" + HtmlEscape(s) + "</t></si>";
  sst += "</sst>";
  std::vector<std::pair<std::string, std::string>> all = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"xl/workbook.xml",
       std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"") + kMain +
           "\" xmlns:r=\"" + kRel + "\"><sheets>" + book_sheets + "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
           rels + "</Relationships>"},
      {"xl/sharedStrings.xml", sst}};
  for (auto& p : parts) all.push_back(std::move(p));
  return Zip(all, "", nullptr);
}

std::string BuildZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  return Zip(entries, "", nullptr);
}

std::string BuildStreamedZip(const std::vector<std::pair<std::string, std::string>>& entries,
                             const std::string& name, std::function<std::string()> next) {
  Generated g;
  g.next = std::move(next);
  return Zip(entries, name, &g);
}

std::string ZipPart(const std::string& zip_bytes, const std::string& name) {
  Result<ZipArchive> zip = ZipArchive::Open(zip_bytes);
  EXPECT_TRUE(zip.ok()) << zip.status().ToString();
  if (!zip.ok()) return "";
  Result<std::string> part = zip->Read(name);
  EXPECT_TRUE(part.ok()) << part.status().ToString();
  return part.ok() ? *part : "";
}

}  // namespace gongkai::testing
