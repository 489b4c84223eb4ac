#include "core/log/witness_policy.h"

#include "core/log/note.h"

namespace gongkai {

Result<std::vector<Cosignature>> CheckWitnessed(std::string_view note, const WitnessPolicy& policy,
                                                int64_t now) {
  GK_ASSIGN_OR_RETURN(ParsedNote parsed, ParseNote(note));
  Result<std::vector<Cosignature>> all = VerifyCosignatures(parsed, policy.witnesses);
  if (!all.ok()) {
    return DataLoss(all.status().reason(), all.status().message());
  }
  std::vector<Cosignature> timely;
  std::string late;
  for (const Cosignature& c : *all) {
    const int64_t t = static_cast<int64_t>(c.timestamp);
    if (t > now + policy.max_future_seconds) {
      late += "；" + c.witness.name + " 的联署时间在未来 (" + std::to_string(t - now) + " 秒)";
      continue;
    }
    if (policy.max_age_seconds > 0 && now - t > policy.max_age_seconds) {
      late += "；" + c.witness.name + " 的联署已过期 (" + std::to_string(now - t) + " 秒前)";
      continue;
    }
    timely.push_back(c);
  }
  if (timely.size() < policy.quorum) {
    return DataLoss("checkpoint_not_witnessed",
                    "检查点没有足够的见证者联署：需要 " + std::to_string(policy.quorum) +
                        " 个，有效且及时的只有 " + std::to_string(timely.size()) + " 个" + late +
                        " (checkpoint lacks the required witness cosignatures)");
  }
  return timely;
}

}  // namespace gongkai
