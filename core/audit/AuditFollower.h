#pragma once

#include "core/audit/AuditEvent.h"
#include "core/domain/Result.h"

#include <QList>
#include <QString>

class Database;

// Reads the audit events that follow the last one seen, oldest first, each with its user's name
// and email: what `xpadmin-cli watch` prints and the live window adds as changes arrive. seq has
// no gaps and follows the commit order (the log's lock is held until commit), so reading after
// the last seq seen misses nothing and shows nothing twice.
class AuditFollower final
{
public:
    // Follows the events after afterSeq (0: from the first).
    explicit AuditFollower(Database &db, qint64 afterSeq = 0) : m_db(db), m_lastSeq(afterSeq) { }

    // Only this user's events (empty: everyone's).
    void setUserId(const QString &userId) { m_userId = userId.trimmed(); }
    QString userId() const { return m_userId; }
    // The last event read; the next read starts after it.
    qint64 lastSeq() const { return m_lastSeq; }
    void setLastSeq(qint64 seq) { m_lastSeq = seq; }

    // The seq of the newest event in the log (0 when empty): where "from now on" starts.
    static Result<qint64> latestSeq(Database &db);

    // Up to limit events after lastSeq(), oldest first; moves lastSeq() to the last one. Fewer
    // than limit: there are no more for now.
    Result<QList<AuditEvent>> next(int limit = 500);

private:
    Database &m_db;
    qint64 m_lastSeq = 0;
    QString m_userId;
};
