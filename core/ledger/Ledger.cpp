#include "core/ledger/Ledger.h"

#include "core/audit/AuditLog.h"
#include "core/db/AdvisoryLocks.h"
#include "core/db/Database.h"
#include "core/db/IdBatches.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/AwardWriter.h"
#include "core/ledger/RowEvents.h"
#include "core/ledger/TotalWriter.h"
#include "core/ledger/TotalsScan.h"
#include "core/ledger/TransactionRows.h"
#include "core/periods/PeriodGuard.h"
#include "core/reasons/ReasonCodes.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <limits>

namespace {

const QString P_USER = QStringLiteral(":user");

QString totalsSnapshot(qint64 before, qint64 after)
{
    return JsonText::compact(QJsonObject{{QStringLiteral("totalXP_before"), QString::number(before)},
                                         {QStringLiteral("totalXP_after"), QString::number(after)}});
}

Status checkUserId(const QString &userId)
{
    return Validation::requiredText(QCoreApplication::translate("Ledger", "user"), userId, Validation::MaxIdLength);
}

Status checkReason(const QString &reason)
{
    return Validation::requiredText(QCoreApplication::translate("Ledger", "reason"), reason,
                                    Validation::MaxReasonLength);
}

Result<QStringList> checkIds(const QStringList &ids)
{
    QStringList unique;
    QSet<QString> seen;
    for (const QString &id : ids) {
        if (const Status status = Validation::requiredText(QCoreApplication::translate("Ledger", "transaction id"), id,
                                                           Validation::MaxIdLength);
            !status)
            return status.error();
        const QString trimmed = id.trimmed();
        if (!seen.contains(trimmed)) {
            seen.insert(trimmed);
            unique << trimmed;
        }
    }
    if (unique.isEmpty())
        return Error::input(QCoreApplication::translate("Ledger", "Name at least one transaction id"));
    return unique;
}

// Totals are written by TotalWriter (core/ledger/TotalWriter.cpp).
using TotalWriter::writeTotal;
using TotalWriter::writeTotals;

} // namespace

Status Ledger::lockUsers(QStringList userIds, UsersAre users)
{
    // Sorted, so two operations that touch the same users never wait on each other in a cycle.
    std::sort(userIds.begin(), userIds.end());
    userIds.erase(std::unique(userIds.begin(), userIds.end()), userIds.end());
    const Dialect &d = m_db.dialect();
    // PostgreSQL: userLock()'s lock of each, in one statement that takes them in the array's
    // order (a function scan yields its elements in order, each row's lock taken as it is made).
    // SQLite: BEGIN IMMEDIATE holds the write lock already.
    if (d.isPostgres() && !userIds.isEmpty()) {
        auto locked = m_db.run(QStringLiteral("SELECT pg_advisory_xact_lock(%1, hashtext(u)) FROM "
                                              "unnest(CAST(:users AS TEXT[])) AS t(u)")
                                   .arg(AdvisoryLocks::UserTotal),
                               {{QStringLiteral(":users"), IdBatches::arrayLiteral(userIds)}});
        if (!locked)
            return locked.error();
    }
    if (users == UsersAre::ReferencedByRows)
        return {};
    QSet<QString> known;
    const Status read = IdBatches::forEach(
        d, QStringLiteral("\"id\""), userIds, [&](const QString &condition, const Bindings &bindings) -> Status {
            auto rows = m_db.run(QStringLiteral("SELECT \"id\" FROM \"User\" WHERE ") + condition, bindings);
            if (!rows)
                return rows.error();
            while (rows->next())
                known.insert(rows->text(0));
            return {};
        });
    if (!read)
        return read;
    for (const QString &userId : std::as_const(userIds)) {
        if (!known.contains(userId))
            return Error::input(tr("Unknown user %1: no such id in \"User\"").arg(Validation::quoted(userId)));
    }
    return {};
}

BoundStatement Ledger::userLock(const QString &userId)
{
    // A transaction-scoped advisory lock on the user id rather than a lock on the "User" row,
    // which would need the UPDATE privilege on "User" that the support and admin roles do not
    // have (core/roles).
    return {
        QStringLiteral("SELECT pg_advisory_xact_lock(%1, hashtext(CAST(:user AS TEXT)))").arg(AdvisoryLocks::UserTotal),
        {{P_USER, userId}}};
}

Result<QHash<QString, XpTransaction>> Ledger::findRows(const QStringList &ids)
{
    QHash<QString, XpTransaction> found;
    const Dialect &d = m_db.dialect();
    const Status read = IdBatches::forEach(
        d, QStringLiteral("\"id\""), ids, [&](const QString &condition, const Bindings &bindings) -> Status {
            auto rows = m_db.run(
                QStringLiteral("SELECT %1 FROM \"UserXP\" WHERE %2").arg(TransactionRows::columns(), condition),
                bindings);
            if (!rows)
                return rows.error();
            while (rows->next()) {
                XpTransaction row = TransactionRows::read(*rows, d);
                found.insert(row.id, row);
            }
            return {};
        });
    if (!read)
        return read.error();
    return found;
}

Result<LedgerChange> Ledger::award(const AwardRequest &request)
{
    // A manual adjustment is one however it is asked for: above the threshold it waits too.
    if (request.sourceType == SourceType::ManualAdjustment)
        return holdOrApply(request, request.description);
    return apply(request);
}

Result<LedgerChange> Ledger::holdOrApply(AwardRequest request, const QString &reason)
{
    if (const Status s = ReasonCodes(m_db).checkAdjustment(request.reasonTag); !s)
        return s.error();
    // Maker-checker: above the approval threshold or a limit of the person, a second person
    // must approve it first.
    return ApprovalGate(m_db).holdOrApply(request, reason, [&] { return apply(request); });
}

Result<LedgerChange> Ledger::apply(const AwardRequest &request)
{
    if (const Status s = checkUserId(request.userId); !s)
        return s.error();
    if (const Status s = Validation::amount(tr("amount"), request.amount); !s)
        return s.error();
    if (const Status s = Validation::requiredText(tr("source id"), request.sourceId, Validation::MaxIdLength); !s)
        return s.error();
    if (const Status s
        = Validation::requiredText(tr("description"), request.description, Validation::MaxDescriptionLength);
        !s)
        return s.error();

    const bool manual = request.sourceType == SourceType::ManualAdjustment;
    LedgerChange change;
    change.operationId = Cuid::generate();
    const Status status = m_db.writeTransaction([&]() -> Status {
        change.rows.clear();
        change.totals.clear();
        XpTransaction row;
        row.id = Cuid::generate();
        row.userId = request.userId;
        row.amount = static_cast<qint32>(request.amount);
        row.sourceType = request.sourceType;
        row.sourceId = request.sourceId;
        row.description = request.description;
        row.category = request.category;
        row.createdAt = Timestamp::now();
        row.updatedAt = row.createdAt;
        // The user's lock, the row, the total and the event, BEGIN and COMMIT in two round trips
        // (AwardWriter).
        auto total = AwardWriter(m_db).add(row, manual ? QStringLiteral("adjust") : QStringLiteral("award"),
                                           change.operationId, request.reasonTag, manual);
        if (!total)
            return total.error();
        change.totals.insert(row.userId, total->after);
        change.rows << row;
        return {};
    });
    if (!status)
        return status.error();
    return change;
}

Result<LedgerChange> Ledger::adjust(const QString &userId, qint64 amount, const QString &reason, Category category,
                                    const ReasonTag &tag)
{
    if (const Status s = checkReason(reason); !s)
        return s.error();
    AwardRequest request;
    request.userId = userId;
    request.amount = amount;
    request.sourceType = SourceType::ManualAdjustment;
    // Each adjustment is its own source, so delete-source of it removes exactly it.
    request.sourceId = QStringLiteral("adjust-") + Cuid::generate();
    request.description = reason;
    request.category = category;
    request.reasonTag = tag;
    return holdOrApply(request, reason);
}

Result<LedgerChange> Ledger::removeRows(const QString &action, const QString &reason,
                                        const std::function<Result<QList<XpTransaction>>()> &select)
{
    if (const Status s = checkReason(reason); !s)
        return s.error();
    LedgerChange change;
    change.operationId = Cuid::generate();
    const Status status = m_db.writeTransaction([&]() -> Status {
        change.rows.clear();
        change.totals.clear();
        // Find the rows, lock their users, then read them again under the locks: another desk
        // may have changed them in between. Repeat until the set of users is stable.
        QSet<QString> locked;
        QList<XpTransaction> rows;
        for (;;) {
            auto selected = select();
            if (!selected)
                return selected.error();
            rows = *selected;
            QStringList toLock;
            for (const XpTransaction &row : std::as_const(rows)) {
                if (!locked.contains(row.userId))
                    toLock << row.userId;
            }
            if (toLock.isEmpty())
                break;
            // The rows name their users: no read of "User" (at thousands of users, cold pages
            // the raw DELETE never touches).
            if (const Status s = lockUsers(toLock, UsersAre::ReferencedByRows); !s)
                return s;
            for (const QString &userId : std::as_const(toLock))
                locked.insert(userId);
            // SQLite's write transaction has held the whole database since it began: the rows
            // read are the rows under the locks.
            if (!m_db.dialect().isPostgres())
                break;
        }
        if (const Status s = PeriodGuard(m_db).allowRows(
                rows, action == QLatin1String("rollback") ? tr("roll back") : tr("delete the source"));
            !s)
            return s;
        QStringList ids;
        ids.reserve(rows.size());
        for (const XpTransaction &row : std::as_const(rows))
            ids << row.id;
        if (const Status s = IdBatches::forEach(
                m_db.dialect(), QStringLiteral("\"id\""), ids,
                [&](const QString &condition, const Bindings &bindings) -> Status {
                    auto deleted = m_db.run(QStringLiteral("DELETE FROM \"UserXP\" WHERE ") + condition, bindings);
                    return deleted ? Status() : Status(deleted.error());
                });
            !s)
            return s;
        QStringList users(locked.begin(), locked.end());
        auto totals = writeTotals(m_db, users, change);
        if (!totals)
            return totals.error();
        change.rows = rows;
        return AuditLog(m_db).append(
            RowEvents::make(action, change.operationId, rows, RowEvents::Effect::Removed, reason, *totals));
    });
    if (!status)
        return status.error();
    return change;
}

Result<LedgerChange> Ledger::rollback(const QStringList &rawIds, const QString &reason)
{
    auto ids = checkIds(rawIds);
    if (!ids)
        return ids.error();
    return removeRows(QStringLiteral("rollback"), reason, [&]() -> Result<QList<XpTransaction>> {
        auto found = findRows(*ids);
        if (!found)
            return found.error();
        QList<XpTransaction> rows;
        rows.reserve(ids->size());
        for (const QString &id : std::as_const(*ids)) {
            const auto row = found->constFind(id);
            if (row == found->cend())
                return Error::input(
                    tr("Transaction %1 does not exist: nothing to roll back").arg(Validation::quoted(id)));
            rows << *row;
        }
        return rows;
    });
}

Result<LedgerChange> Ledger::deleteSource(SourceType type, const QString &sourceId, const QString &reason)
{
    if (const Status s = Validation::requiredText(tr("source id"), sourceId, Validation::MaxIdLength); !s)
        return s.error();
    return removeRows(QStringLiteral("delete-source"), reason, [&]() -> Result<QList<XpTransaction>> {
        const Dialect &d = m_db.dialect();
        auto rows = m_db.run(
            QStringLiteral("SELECT %1 FROM \"UserXP\" WHERE \"sourceType\" = %2 AND \"sourceId\" = "
                           ":source_id ORDER BY \"userId\", \"createdAt\", \"id\"")
                .arg(TransactionRows::columns(), d.sourceTypeParam(QStringLiteral(":source_type"))),
            {{QStringLiteral(":source_type"), XpEnums::name(type)}, {QStringLiteral(":source_id"), sourceId}});
        if (!rows)
            return rows.error();
        QList<XpTransaction> found;
        while (rows->next())
            found << TransactionRows::read(*rows, d);
        if (found.isEmpty())
            return Error::input(tr("No transactions have source %1 %2: nothing to delete")
                                    .arg(XpEnums::name(type), Validation::quoted(sourceId)));
        return found;
    });
}

Result<LedgerChange> Ledger::restore(const QStringList &rawIds, const QString &reason)
{
    auto ids = checkIds(rawIds);
    if (!ids)
        return ids.error();
    if (const Status s = checkReason(reason); !s)
        return s.error();
    LedgerChange change;
    change.operationId = Cuid::generate();
    const Status status = m_db.writeTransaction([&]() -> Status {
        change.rows.clear();
        change.totals.clear();
        AuditLog log(m_db);
        QList<XpTransaction> rows;
        QStringList users;
        auto removals = log.lastRemovalsOf(*ids);
        if (!removals)
            return removals.error();
        for (const QString &id : std::as_const(*ids)) {
            const auto removal = removals->constFind(id);
            if (removal == removals->cend())
                return Error::input(tr("Transaction %1 was never rolled back: there is nothing to restore")
                                        .arg(Validation::quoted(id)));
            const auto row = XpTransaction::fromJson(QJsonDocument::fromJson(removal->snapshot.toUtf8()).object());
            if (!row)
                return Error::database(tr("The audit snapshot of transaction %1 (event %2) cannot be read")
                                           .arg(Validation::quoted(id), QString::number(removal->seq)));
            rows << *row;
            users << row->userId;
        }
        if (const Status s = lockUsers(users); !s)
            return s;
        if (const Status s = PeriodGuard(m_db).allowRows(rows, tr("restore")); !s)
            return s;
        auto present = findRows(*ids);
        if (!present)
            return present.error();
        const QDateTime now = Timestamp::now();
        for (XpTransaction &row : rows) {
            if (present->contains(row.id))
                return Error::conflict(tr("Transaction %1 is already in the ledger: it was restored before")
                                           .arg(Validation::quoted(row.id)));
            row.updatedAt = now;
        }
        if (const Status s = TransactionRows::insertAll(m_db, rows); !s)
            return s;
        auto totals = writeTotals(m_db, users, change);
        if (!totals)
            return totals.error();
        change.rows = rows;
        return log.append(RowEvents::make(QStringLiteral("restore"), change.operationId, rows, RowEvents::Effect::Added,
                                          reason, *totals));
    });
    if (!status)
        return status.error();
    return change;
}

Result<qint64> Ledger::recalculate(const QString &userId)
{
    if (const Status s = checkUserId(userId); !s)
        return s.error();
    qint64 after = 0;
    const Status status = m_db.writeTransaction([&]() -> Status {
        if (const Status s = lockUsers({userId}); !s)
            return s;
        auto total = writeTotal(m_db, userId);
        if (!total)
            return total.error();
        after = total->after;
        if (total->before == after)
            return {};
        // Written above, undone with the transaction when the closed period refuses it.
        if (const Status s = PeriodGuard(m_db).allowRecalc({userId}, tr("recalculate")); !s)
            return s;
        AuditEvent event;
        event.action = QStringLiteral("recalc");
        event.operationId = Cuid::generate();
        event.userId = userId;
        event.amount = after - total->before;
        event.reason = tr("total recalculated from the sum of the user's transactions");
        event.snapshot = totalsSnapshot(total->before, after);
        return AuditLog(m_db).append({event});
    });
    if (!status)
        return status.error();
    return after;
}

Result<QList<Drift>> Ledger::findDrift()
{
    auto scan = TotalsScan(m_db).scan();
    if (!scan)
        return scan.error();
    return scan->fixed;
}

Result<RecalcSummary> Ledger::recalculateAll(const QString &action, AuditEach audit)
{
    RecalcSummary summary;
    const Status status = m_db.writeTransaction([&]() -> Status {
        if (m_db.dialect().isPostgres()) {
            // A close waits for this (and this for a close), before "UserXP" is locked.
            if (const Status s = PeriodGuard(m_db).holdOffCloses(); !s)
                return s;
            // Hold every writer of "UserXP" off while the sums are taken and stored, so no award
            // commits between the SUM and the UPDATE.
            if (const Status s = m_db.execute(QStringLiteral("LOCK TABLE \"UserXP\" IN SHARE MODE")); !s)
                return s;
        }
        TotalsScan totals(m_db);
        auto scan = totals.scan();
        if (!scan)
            return scan.error();
        summary = *scan;
        for (const Drift &drift : std::as_const(summary.fixed)) {
            // A cached total fits 32 bits, so a sum past them is always among the drifted.
            if (!Validation::fitsTotal(drift.sum))
                return Error::input(tr("Refused: the sum of user %1's transactions is %2, past the limit of the "
                                       "32-bit totalXP column. Nothing was changed.")
                                        .arg(Validation::quoted(drift.userId), QString::number(drift.sum)));
        }
        QStringList changing;
        changing.reserve(summary.fixed.size());
        for (const Drift &drift : std::as_const(summary.fixed))
            changing << drift.userId;
        if (const Status s = PeriodGuard(m_db).allowRecalc(
                changing, action == QLatin1String("repair") ? tr("repair") : tr("recalculate"));
            !s)
            return s;
        if (const Status s = totals.store(summary.fixed); !s)
            return s;
        if (audit == AuditEach::Nothing || summary.fixed.isEmpty())
            return {};
        const QString operationId = Cuid::generate();
        QList<AuditEvent> events;
        events.reserve(summary.fixed.size());
        for (const Drift &drift : std::as_const(summary.fixed)) {
            AuditEvent event;
            event.action = action;
            event.operationId = operationId;
            event.userId = drift.userId;
            event.amount = drift.sum - drift.cached;
            event.reason = tr("cached total %1 differed from the sum %2 of the user's transactions")
                               .arg(drift.cached)
                               .arg(drift.sum);
            event.snapshot = totalsSnapshot(drift.cached, drift.sum);
            events << event;
        }
        return AuditLog(m_db).append(events);
    });
    if (!status)
        return status.error();
    return summary;
}
