// gongkai-hub: the town hub. Subcommands are listed in kCommands; see
// docs/hub.md for the whole story.
#include "hub/cli/bundle_command.h"
#include "hub/cli/commands.h"
#include "hub/cli/log_command.h"
#include "hub/cli/subcommands.h"

namespace {

constexpr gongkai::hub::Subcommand kCommands[] = {
    {"init", gongkai::hub::RunInit,
     "init --dir D --origin NAME --admin NAME [--tls-cert F --tls-key F] [--tls-san NAME]... "
     "[--json]\n      新建集镇中心：密钥、TLS 证书、创世记录；显示公钥和证书指纹",
     "gongkai-hub init --dir /srv/gongkai-hub --origin baofeng.example.cn/gongkai --admin zhang"},
    {"info", gongkai::hub::RunInfo, "info --dir D [--json]\n      再次显示日志公钥和证书指纹",
     "gongkai-hub info --dir /srv/gongkai-hub --json"},
    {"serve", gongkai::hub::RunServe,
     "serve --dir D [--config F] [--print-config] [--listen 127.0.0.1:8443] [--threads 2] "
     "[--max-body-bytes N]\n"
     "      [--max-header-bytes N] [--max-connections N] [--max-connections-per-address 64]\n"
     "      [--requests-per-second-per-address 100] [--request-burst-per-address 1000]\n"
     "      [--max-changesets N] [--max-ops-per-changeset N] [--max-ops-per-request N]\n"
     "      [--handshake-timeout S] [--read-timeout S] [--write-timeout S] [--drain-timeout S]\n"
     "      [--port-file F] [--auto-approve STATION,... [--as NAME] [--auto-approve-interval S]]\n"
     "      [--no-self-check] [--witness-interval S] [--witness-refresh S]\n"
     "      运行 HTTPS 服务；--auto-approve: 这些站点没有冲突的变更集自动批准（默认关闭）\n"
     "      --config: 从 hub.conf 读取默认值，命令行参数优先；配置文件有误时退出状态为 2\n"
     "      --print-config: 只显示生效的设置（配置文件＋参数）然后退出\n"
     "      同一地址：连接超过上限即关闭；请求过快答 429 too_many_requests\n"
     "      （带 Retry-After）；每秒请求数 0 为不限\n"
     "      启动前快速检查数据库与签名日志是否一致，损坏时不启动（退出状态 7）\n"
     "      --witness-interval: 多久看一次有没有新检查点要送见证者联署（默认 1 秒）；\n"
     "      --witness-refresh: 检查点不变时多久重新请求联署（默认 600 秒）",
     "gongkai-hub serve --dir /srv/gongkai-hub --listen 0.0.0.0:8443"},
    {"station", gongkai::hub::RunStation,
     "station add --dir D --id ID --unit UNIT --key VKEY [--as NAME]\n"
     "  station add --dir D --id ID --from-attempt [--unit UNIT] [--as NAME]\n"
     "  station revoke --dir D --id ID --reason TEXT [--as NAME]\n"
     "  station list --dir D [--json]\n"
     "      登记（已撤销的站点可重新登记）、撤销、列出站点；list 显示各站被拒收的上传和\n"
     "      未登记的站点尝试上传；--from-attempt "
     "用尝试上传时附上的公钥和单位登记（先打电话核对公钥）",
     "gongkai-hub station add --dir /srv/gongkai-hub --id hongqi-01 --unit 红旗村 --key "
     "'hongqi-01+…' --as zhang"},
    {"pending", gongkai::hub::RunPending,
     "pending --dir D [--json]\n      待审的变更集（逐项对比）和冲突",
     "gongkai-hub pending --dir /srv/gongkai-hub"},
    {"resolve", gongkai::hub::RunResolve,
     "resolve --dir D CONFLICT --value V | --take CHANGESET | --keep [--as NAME]\n"
     "      处理一个冲突：给出取值、采用一方、或保留现状",
     "gongkai-hub resolve --dir /srv/gongkai-hub c-3f2a1b2c --keep --as zhang"},
    {"approve", gongkai::hub::RunApprove,
     "approve --dir D --all | CHANGESET... [--note TEXT] [--as NAME] [--json]\n"
     "      批准，生成新版目录（由管理员签名，记入日志）",
     "gongkai-hub approve --dir /srv/gongkai-hub --all --note 第三季度 --as zhang"},
    {"reject", gongkai::hub::RunReject,
     "reject --dir D CHANGESET --reason TEXT [--as NAME] [--json]\n      退回一个变更集并说明理由",
     "gongkai-hub reject --dir /srv/gongkai-hub 3f2a1b2c --reason 联系电话有误 --as zhang"},
    {"catalog", gongkai::hub::RunCatalog,
     "catalog --dir D [--version N] [--json | --csv | --xlsx 文件.xlsx]\n      "
     "显示已批准的目录（任一版本）；--csv 输出表格，--xlsx 写 Excel 工作簿",
     "gongkai-hub catalog --dir /srv/gongkai-hub --csv > 目录.csv"},
    {"compliance", gongkai::hub::RunCompliance,
     "compliance --dir D --period 期间 [--today 日期] [--holidays 文件] [--json | --csv | --xlsx "
     "文件.xlsx [--force]]\n      "
     "各村各领域某一期的公开情况：按时、逾期、缺失（公开记录与日志收到时间）",
     "gongkai-hub compliance --dir /srv/gongkai-hub --period 2026年第四季度 --csv > 公开情况.csv"},
    {"admin", gongkai::hub::RunAdmin,
     "admin passwd --dir D [--admin NAME] [--password-file F | --password-stdin]\n"
     "  admin add --dir D --name NAME [--as SIGNER] [--password-file F | --password-stdin]\n"
     "  admin revoke --dir D --name NAME [--as SIGNER]\n"
     "  admin rekey --dir D --name NAME [--as SIGNER] [--password-file F | --password-stdin]\n"
     "  admin list --dir D [--json]\n"
     "  admin policy --dir D [--approvals 1|2 --as SIGNER] [--json]\n"
     "      设置管理员密码（网页登录用）；增加、撤销管理员，为忘记密码的管理员重新生成密钥\n"
     "      "
     "（由在任管理员签名，记入日志）；最后一位在任管理员不能撤销；密码用于网页登录，私钥用密码加密"
     "保存\n"
     "      policy: 审批规则——每版 1 位管理员签名，或 2 位不同管理员（先审查、再批准）",
     "gongkai-hub admin add --dir /srv/gongkai-hub --name li --as zhang"},
    {"witness", gongkai::hub::RunWitness,
     "witness add --dir D --url URL --key VKEY --cert-sha256 HEX\n"
     "  witness remove --dir D --name NAME | --key VKEY\n"
     "  witness list --dir D [--json]\n"
     "  witness send --dir D\n"
     "      县里的见证者：serve 把每个新检查点发给它联署（失败自动重试，不影响接收）；\n"
     "      /v1/checkpoint 和导出的日志带上联署；send 立即发送一次",
     "gongkai-hub witness add --dir /srv/gongkai-hub --url https://county.example.cn:8444 --key "
     "'county.example.cn/witness+…' --cert-sha256 9f86d0…"},
    {"tls", gongkai::hub::RunTls,
     "tls renew --dir D --reason TEXT [--tls-cert F --tls-key F] [--tls-san NAME]... [--days N] "
     "[--json]\n"
     "  tls switch --dir D [--json]\n"
     "  tls status --dir D [--json]\n"
     "      更换 TLS 证书而不用跑村：renew 生成（或导入）新证书，放在 tls-next.*，并用日志密钥\n"
     "      签一条证书公告记入日志；各村站同步时学到它。switch 启用新证书（重启 serve 后生效），\n"
     "      村站见到公告过的证书就自动改用它；没有公告的证书一律拒绝",
     "gongkai-hub tls renew --dir /srv/gongkai-hub --reason 证书到期更换 --days 3650"},
    {"check", gongkai::hub::RunCheck,
     "check --dir D [--full] [--json] [--rebuild-row-history]\n"
     "      检查数据库是否仍与签过名的日志一致（损坏时退出状态 7，指出第一条有问题的记录）；\n"
     "      --full 也核对条目的修改历史；--rebuild-row-history 先从日志重建修改历史",
     "gongkai-hub check --dir /srv/gongkai-hub --full"},
    {"log", gongkai::hub::RunLog,
     "log export --dir D [--json] FILE\n      导出签名检查点和全部日志记录，供 gongkai-audit "
     "verify --file 离线核验",
     "gongkai-hub log export --dir /srv/gongkai-hub town.log"},
    {"bundle", gongkai::hub::RunBundle,
     "bundle import --dir D [--json] FILE | bundle export --dir D [--station ID] [--since V] "
     "[--cosigned] [--json] FILE\n      U盘同步：导入村站的变更集文件；导出给村站带回的目录文件\n"
     "      --cosigned: 检查点带上县见证者的联署（给设了 --witness-key 的村站）",
     "gongkai-hub bundle export --dir /srv/gongkai-hub --station hongqi-01 town-to-hongqi-01.gkb"},
};

}  // namespace

int main(int argc, char** argv) {
  return gongkai::hub::RunSubcommands(argc, argv, kCommands, "gongkai-hub", "政务公开目录 集镇中心");
}
