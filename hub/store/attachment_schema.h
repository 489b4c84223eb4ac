#pragma once

namespace gongkai::hub {

// Migration 14 (hub/store/schema.cc): the attachments table
// (hub/attachments/attachment_store.h, docs/hub.md).
extern const char* const kAttachmentSchemaMigration;

}  // namespace gongkai::hub
