// gongkai-witness: the county's witness of town hub logs (docs/witness.md).
#include "hub/cli/subcommands.h"
#include "hub/county_witness/witness_commands.h"

namespace {

constexpr gongkai::hub::Subcommand kCommands[] = {
    {"init", gongkai::witness::RunInit,
     "init --dir W --name NAME [--tls-san NAME]... [--json]\n"
     "      新建见证者：见证公钥 (cosignature/v1)、TLS 证书；显示公钥和证书指纹"},
    {"info", gongkai::witness::RunInfo,
     "info --dir W [--json]\n      再次显示见证者公钥和证书指纹"},
    {"add-log", gongkai::witness::RunAddLog,
     "add-log --dir W --key HUB_VKEY [--json]\n"
     "      开始见证一个集镇中心的日志（日志公钥见 gongkai-hub info）"},
    {"list", gongkai::witness::RunList,
     "list --dir W [--json]\n      见证的日志、最近联署的大小、保存的可疑提交"},
    {"serve", gongkai::witness::RunServe,
     "serve --dir W [--listen 127.0.0.1:8444] [--threads 2] [--port-file F]\n"
     "      运行 HTTPS 服务 (C2SP tlog-witness: POST /add-checkpoint)"},
};

}  // namespace

int main(int argc, char** argv) {
  return gongkai::hub::RunSubcommands(argc, argv, kCommands, "gongkai-witness",
                                      "政务公开目录 县级见证者（为集镇中心的日志联署检查点）");
}
