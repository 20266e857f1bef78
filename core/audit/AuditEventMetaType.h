#pragma once

#include "core/audit/AuditEvent.h"

#include <QMetaType>

// An AuditEvent carried in a QVariant (AuditModel::EventRole).
Q_DECLARE_METATYPE(AuditEvent)
