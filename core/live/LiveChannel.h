#pragma once

#include <QString>

// The PostgreSQL notification channel on which every change of the ledger is announced (NOTIFY),
// by XP Admin's writers and by capture's triggers. The payload is empty or short text; receivers
// must not depend on it.
namespace LiveChannel {

inline QString name()
{
    return QStringLiteral("xpadmin_ledger");
}

} // namespace LiveChannel
