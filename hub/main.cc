// gongkai-hub: the town hub. Subcommands are listed in kCommands; see
// docs/hub.md for the whole story.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "hub/bundle/bundle_command.h"
#include "hub/cli/commands.h"
#include "hub/log/log_export.h"

namespace {

struct Command {
  const char* name;
  int (*run)(const gongkai::hub::Args&);
  const char* usage;
};

constexpr Command kCommands[] = {
    {"init", gongkai::hub::RunInit,
     "init --dir D --origin NAME --admin NAME [--tls-cert F --tls-key F] [--tls-san NAME]... "
     "[--json]\n      新建集镇中心：密钥、TLS 证书、创世记录；显示公钥和证书指纹"},
    {"info", gongkai::hub::RunInfo, "info --dir D [--json]\n      再次显示日志公钥和证书指纹"},
    {"serve", gongkai::hub::RunServe,
     "serve --dir D [--config F] [--print-config] [--listen 127.0.0.1:8443] [--threads 2] [--max-body-bytes N]\n"
     "      [--max-header-bytes N] [--max-connections N] [--max-connections-per-address 64]\n"
     "      [--requests-per-second-per-address 100] [--request-burst-per-address 1000]\n"
     "      [--max-changesets N] [--max-ops-per-changeset N] [--max-ops-per-request N]\n"
     "      [--handshake-timeout S] [--read-timeout S] [--write-timeout S] [--drain-timeout S]\n"
     "      [--port-file F] [--auto-approve STATION,... [--admin NAME] [--auto-approve-interval S]]\n"
     "      [--no-self-check]\n"
     "      运行 HTTPS 服务；--auto-approve: 这些站点没有冲突的变更集自动批准（默认关闭）\n"
     "      --config: 从 hub.conf 读取默认值，命令行参数优先；配置文件有误时退出状态为 2\n"
     "      --print-config: 只显示生效的设置（配置文件＋参数）然后退出\n"
     "      同一地址：连接超过上限即关闭；请求过快答 429 too_many_requests\n"
     "      （带 Retry-After）；每秒请求数 0 为不限\n"
     "      启动前快速检查数据库与签名日志是否一致，损坏时不启动（退出状态 4）"},
    {"station", gongkai::hub::RunStation,
     "station add --dir D --id ID --unit UNIT --key VKEY [--admin NAME]\n"
     "  station add --dir D --id ID --from-attempt [--unit UNIT] [--admin NAME]\n"
     "  station revoke --dir D --id ID --reason TEXT [--admin NAME]\n"
     "  station list --dir D [--json]\n"
     "      登记（已撤销的站点可重新登记）、撤销、列出站点；list 显示各站被拒收的上传和\n"
     "      未登记的站点尝试上传；--from-attempt 用尝试上传时附上的公钥和单位登记（先打电话核对公钥）"},
    {"pending", gongkai::hub::RunPending,
     "pending --dir D [--json]\n      待审的变更集（逐项对比）和冲突"},
    {"resolve", gongkai::hub::RunResolve,
     "resolve --dir D CONFLICT --value V | --take CHANGESET | --keep [--admin NAME]\n"
     "      处理一个冲突：给出取值、采用一方、或保留现状"},
    {"approve", gongkai::hub::RunApprove,
     "approve --dir D --all | CHANGESET... [--note TEXT] [--admin NAME] [--json]\n"
     "      批准，生成新版目录（由管理员签名，记入日志）"},
    {"reject", gongkai::hub::RunReject,
     "reject --dir D CHANGESET --reason TEXT [--admin NAME] [--json]\n      退回一个变更集并说明理由"},
    {"catalog", gongkai::hub::RunCatalog,
     "catalog --dir D [--version N] [--json | --csv | --xlsx 文件.xlsx]\n      显示已批准的目录（任一版本）；--csv 输出表格，--xlsx 写 Excel 工作簿"},
    {"admin", gongkai::hub::RunAdmin, "admin passwd --dir D [--admin NAME] [--password-file F | --password-stdin]\n      设置管理员密码（网页登录用）；管理员私钥改为用密码加密保存"},
    {"check", gongkai::hub::RunCheck,
     "check --dir D [--full] [--json]\n      检查数据库是否仍与签过名的日志一致（损坏时退出状态 4，指出第一条有问题的记录）"},
    {"log", gongkai::hub::RunLog,
     "log export --dir D [--json] FILE\n      导出签名检查点和全部日志记录，供 gongkai-audit verify --file 离线核验"},
    {"bundle", gongkai::hub::RunBundle,
     "bundle import --dir D [--json] FILE | bundle export --dir D [--station ID] [--since V] [--json] FILE\n      U盘同步：导入村站的变更集文件；导出给村站带回的目录文件"},
};

void PrintUsage(std::ostream& out) {
  out << "gongkai-hub " << GONGKAI_VERSION << " — 政务公开目录 集镇中心\n用法:\n";
  for (const Command& c : kCommands) out << "  gongkai-hub " << c.usage << "\n";
  out << "--dir 可以省略，改用环境变量 GONGKAI_DIR。\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(std::cerr);
    return 2;
  }
  std::string name = argv[1];
  if (name == "help" || name == "--help" || name == "-h") {
    PrintUsage(std::cout);
    return 0;
  }
  if (name == "version" || name == "--version") {
    std::cout << "gongkai-hub " << GONGKAI_VERSION << "\n";
    return 0;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const Command& c : kCommands) {
    if (name == c.name) return c.run(args);
  }
  std::cerr << "错误: 不认识的命令 " << name << "（用 gongkai-hub help 查看用法） [usage]\n";
  return 2;
}
