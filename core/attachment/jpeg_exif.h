// The EXIF rule for JPEG photos (decision 0022, docs/formats/attachment.md):
// the GPS block (the IFD that EXIF tag 0x8825 points to) is blanked —
// every GPS entry and the values it points to are overwritten with zeros
// and its entry count set to 0 — while everything else, in particular the
// time the photo was taken (DateTimeOriginal), stays. The file keeps its
// length and every other offset, so it stays a valid JPEG.
//
// Why: a photo of the notice board proves when it was taken; where the
// clerk's phone was (often at home) is not the public's business.
//
// Pure: bytes in, bytes changed in place. A JPEG with no EXIF, or EXIF
// with no GPS block, is left as it is. A GPS pointer or entry that points
// outside its segment is refused (bad_exif, InvalidArgument): we cannot
// promise the location is gone.
#pragma once

#include <string>

#include "core/base/status.h"

namespace gongkai {

// True if a GPS block was blanked. `jpeg` must start with FF D8.
Result<bool> StripJpegGps(std::string& jpeg);

}  // namespace gongkai
