#include "core/capture/CaptureSealer.h"

#include "core/audit/AuditLog.h"
#include "core/audit/CapturedChanges.h"
#include "core/capture/LoggedRollups.h"
#include "core/db/Database.h"

Result<qint64> CaptureSealer::seal(bool *mayNotSeal)
{
    if (mayNotSeal)
        *mayNotSeal = false;
    if (!m_db.dialect().isPostgres())
        return qint64(0);
    auto state = m_db.run(QStringLiteral("SELECT %1").arg(CapturedChanges::stateExpression()));
    if (!state)
        return state.error();
    const qint64 can = state->next() ? state->integer(0) : 0;
    if (can != 2) {
        if (mayNotSeal)
            *mayNotSeal = can == 1;
        return qint64(0);
    }
    if (m_db.isReadOnly()) {
        if (mayNotSeal)
            *mayNotSeal = true;
        return qint64(0);
    }
    qint64 sealed = 0;
    const Status status = m_db.writeTransaction([&]() -> Status {
        auto tail = AuditLog(m_db).tail();
        if (!tail)
            return tail.error();
        sealed = tail->captured;
        // The charts' rollups follow the log: folded in here once far enough behind.
        return LoggedRollups::fold(m_db);
    });
    if (!status)
        return status.error();
    return sealed;
}

Result<qint64> CaptureSealer::waiting()
{
    if (!m_db.dialect().isPostgres())
        return qint64(0);
    qint64 count = 0;
    const Status status = m_db.readTransaction([&]() -> Status {
        auto state = m_db.run(QStringLiteral("SELECT %1").arg(CapturedChanges::stateExpression()));
        if (!state)
            return state.error();
        if (!state->next() || state->integer(0) != 2)
            return {};
        auto rows = m_db.run(QStringLiteral("SELECT count(*) FROM %1").arg(CapturedChanges::table()));
        if (!rows)
            return rows.error();
        count = rows->next() ? rows->integer(0) : 0;
        return {};
    });
    if (!status)
        return status.error();
    return count;
}

Result<qint64> CaptureSealer::sealWaiting()
{
    auto count = waiting();
    if (!count)
        return count;
    if (*count == 0) {
        // Nothing to seal, but XP Admin's own events may have taken the log far past the rollups.
        auto rollups = LoggedRollups::state(m_db);
        if (!rollups)
            return rollups.error();
        if (!rollups->behindBy(LoggedRollups::FoldAfter))
            return count;
    }
    return seal();
}
