#include "core/record/certificate.h"

#include "core/catalog/validate.h"
#include "core/codec/wire.h"
#include "core/record/genesis.h"

namespace gongkai {

Status ValidateCertificateAnnouncement(const CertificateAnnouncement& c) {
  GK_RETURN_IF_ERROR(ValidateOrigin(c.origin));
  if (c.not_after <= c.not_before) {
    return InvalidArgument("bad_validity", "证书公告的有效期不对：截止时间 " +
                                               std::to_string(c.not_after) + " 不晚于起始时间 " +
                                               std::to_string(c.not_before) +
                                               " (not_after must be later than not_before)");
  }
  if (c.reason.empty()) {
    return InvalidArgument("empty_reason", "请写明更换证书的原因 (reason is empty)", "reason");
  }
  return ValidateText(c.reason, kMaxCertificateReasonChars, false, "reason");
}

Bytes EncodeCertificateAnnouncement(const CertificateAnnouncement& c) {
  return WireBytes(kCertificateFormat, c.origin, c.cert_sha256, c.spki_sha256, c.not_before,
                   c.not_after, c.reason, c.announced_at);
}

Result<CertificateAnnouncement> DecodeCertificateAnnouncement(const Bytes& body) {
  return DecodeRecord<CertificateAnnouncement>(
      body, kCertificateFormat, "不支持的证书公告格式版本 ",
      [](WireReader& r, CertificateAnnouncement& v) {
        r.Str(&v.origin, kMaxOriginLen, "origin") && r.Fixed(&v.cert_sha256) &&
            r.Fixed(&v.spki_sha256) && r.I64(&v.not_before) && r.I64(&v.not_after) &&
            r.Str(&v.reason, kMaxCertificateReasonChars * 4, "reason") && r.I64(&v.announced_at);
      },
      ValidateCertificateAnnouncement);
}

}  // namespace gongkai
