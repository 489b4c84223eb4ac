#include "station/store/witness_settings.h"

namespace gongkai::station {

Result<WitnessPolicy> LoadWitnessPolicy(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("SELECT coalesce(witness_keys, ''), "
                                               "coalesce(witness_quorum, 0) FROM station"));
  GK_ASSIGN_OR_RETURN(bool row, st.Step());
  WitnessPolicy policy;
  if (!row) return policy;
  const std::string keys = st.ColumnText(0);
  for (size_t start = 0; start < keys.size();) {
    size_t eol = keys.find('\n', start);
    if (eol == std::string::npos) eol = keys.size();
    Result<VerifierKey> k =
        ParseVerifierKey(std::string_view(keys).substr(start, eol - start), kCosignatureV1KeyType);
    if (!k.ok()) {
      return DataLoss("db_corrupt", "本站保存的见证者公钥无法解析: " + k.status().message());
    }
    policy.witnesses.push_back(*k);
    start = eol + 1;
  }
  policy.quorum = policy.witnesses.empty() ? 0 : static_cast<size_t>(st.ColumnInt(1));
  return policy;
}

Status SaveWitnessPolicy(Database& db, const std::vector<std::string>& keys,
                         std::optional<size_t> quorum) {
  std::string joined;
  for (const std::string& key : keys) {
    Result<VerifierKey> k = ParseVerifierKey(key, kCosignatureV1KeyType);
    if (!k.ok()) {
      return InvalidArgument("bad_witness_key",
                             "--witness-key 不是有效的见证者公钥（县里 gongkai-witness init "
                             "显示的，类型 0x04）: " +
                                 k.status().message(),
                             "witness-key");
    }
    if (!joined.empty()) joined += '\n';
    joined += k->ToString();
  }
  const size_t q = quorum.value_or(keys.size());
  if (!keys.empty() && (q < 1 || q > keys.size())) {
    return InvalidArgument(
        "bad_witness_quorum",
        "--witness-quorum 应在 1 到见证者公钥的个数（" + std::to_string(keys.size()) + "）之间",
        "witness-quorum");
  }
  if (keys.empty() && quorum) {
    return InvalidArgument("bad_witness_quorum", "没有见证者公钥时不能设 --witness-quorum",
                           "witness-quorum");
  }
  Transaction tx(db);
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("UPDATE station SET witness_keys = ?, witness_quorum = ?"));
  if (keys.empty()) {
    st.BindNull(1).BindNull(2);
  } else {
    st.BindAll(joined, static_cast<int64_t>(q));
  }
  GK_RETURN_IF_ERROR(st.Run());
  return tx.Commit();
}

}  // namespace gongkai::station
