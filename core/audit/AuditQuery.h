#pragma once

#include "core/audit/AuditEvent.h"
#include "core/db/Database.h"
#include "core/domain/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Which audit events to show. Every field narrows the result; an empty field does not.
struct AuditFilter
{
    QString userId; // exact user id
    QString action; // one of knownActions()
    QString actor; // part of the actor or the operator, case-insensitive
    QString operationId; // the events of one operation (one rollback, one import batch)
    QDateTime since; // inclusive, UTC; invalid: no lower bound
    QDateTime until; // exclusive, UTC; invalid: no upper bound
    std::optional<qint64> maxSeq; // at or before this event: a long log opened part way down

    bool isEmpty() const
    {
        return userId.isEmpty() && action.isEmpty() && actor.trimmed().isEmpty() && operationId.isEmpty()
            && !since.isValid() && !until.isValid() && !maxSeq;
    }
    bool operator==(const AuditFilter &other) const = default;
};

// Reads the audit log (xpadmin.audit_event / xpadmin_audit_event) newest first with keyset
// pagination on seq, which is the primary key: every page costs the same, first or last.
class AuditQuery final
{
public:
    explicit AuditQuery(Database &db) : m_db(db) { }

    // The actions the ledger records, in the order a person thinks of them.
    static QStringList knownActions();

    // Up to limit events newest first, with seq < beforeSeq and seq > afterSeq where given, each
    // with its user's name and email.
    Result<QList<AuditEvent>> page(const AuditFilter &filter, std::optional<qint64> beforeSeq,
                                   std::optional<qint64> afterSeq, int limit);
    // The events after afterSeq that the filter matches, oldest first, at most limit (a follower
    // of the log reads on from the last event it saw).
    Result<QList<AuditEvent>> pageAfter(const AuditFilter &filter, qint64 afterSeq, int limit);
    // The number of events the filter matches, with seq > afterSeq and seq < beforeSeq where given.
    Result<qint64> count(const AuditFilter &filter, std::optional<qint64> afterSeq = {},
                         std::optional<qint64> beforeSeq = {});
    // Whether the event with this seq exists and matches the filter.
    Result<bool> matches(const AuditFilter &filter, qint64 seq);
    // The actions, and the actors and operators, that occur in the log (for filter choices).
    Result<QStringList> distinctActions();
    Result<QStringList> distinctActors();

private:
    Result<QList<AuditEvent>> read(const AuditFilter &filter, std::optional<qint64> beforeSeq,
                                   std::optional<qint64> afterSeq, int limit, bool oldestFirst);

    QString whereClause(const AuditFilter &filter, std::optional<qint64> beforeSeq, std::optional<qint64> afterSeq,
                        Bindings &bindings) const;
    Result<QStringList> strings(const QString &sql);

    Database &m_db;
};
