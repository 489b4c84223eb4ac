#include "hub/ingest/receipt.h"

namespace gongkai::hub {

const char* ReceiptStatusName(ReceiptStatus s) {
  switch (s) {
    case ReceiptStatus::kAccepted:
      return "accepted";
    case ReceiptStatus::kDuplicate:
      return "duplicate";
    case ReceiptStatus::kRejected:
      return "rejected";
  }
  return "rejected";
}

}  // namespace gongkai::hub
