#include "ImportWriter.h"

#include "approval/ApprovalGate.h"
#include "audit/AuditLog.h"
#include "db/BulkInsert.h"
#include "db/Database.h"
#include "domain/Cuid.h"
#include "domain/JsonText.h"
#include "domain/Timestamp.h"
#include "domain/XpTransaction.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ImportWriter", text);
}

// A user created by a legacy import, as its audit snapshot keeps it.
QString userJson(const ImportEntry &entry)
{
    JsonText json;
    json.add(QLatin1StringView("id"), entry.userId).add(QLatin1StringView("email"), entry.email);
    if (entry.name.isEmpty())
        json.addNull(QLatin1StringView("name"));
    else
        json.add(QLatin1StringView("name"), entry.name);
    return json.text();
}

} // namespace

Status ImportWriter::flushEvents(QList<AuditEvent> &events, bool all)
{
    // Appended a slice at a time: memory stays flat however big the batch.
    if (events.isEmpty() || (!all && events.size() < 5000))
        return {};
    const Status status = AuditLog(m_db).append(std::move(events));
    events.clear();
    return status;
}

Status ImportWriter::apply(ImportReport &report, const std::vector<ImportEntry> &entries,
                           const std::vector<bool> &create, const QList<PendingAdjustment> &held,
                           const BatchImporter::Progress &progress)
{
    const Dialect &d = m_db.dialect();
    const QString now = Timestamp::toSql(Timestamp::now());
    const QString batchTable = d.ownTable(QStringLiteral("import_batch"));
    const qint64 expectedAfter = report.totalAfter;
    {
        auto inserted = m_db.run(
            QStringLiteral("INSERT INTO %1 (id, kind, file_name, file_sha256, rows_written, users, total_before, "
                           "total_after, actor, operator, at) VALUES (:id, :kind, :file, :sha, 0, 0, 0, 0, :actor, "
                           ":operator, %2)")
                .arg(batchTable, d.timestampParam(QStringLiteral(":at"))),
            {{QStringLiteral(":id"), report.batchId},
             {QStringLiteral(":kind"), ImportReport::kindName(report.kind)},
             {QStringLiteral(":file"), report.fileName},
             {QStringLiteral(":sha"), report.sha256.isEmpty() ? QVariant() : QVariant(report.sha256)},
             {QStringLiteral(":actor"), m_db.actor()},
             {QStringLiteral(":operator"), m_db.operatorName()},
             {QStringLiteral(":at"), now}});
        if (!inserted)
            return inserted.error();
    }

    const QString p = QStringLiteral("?");
    QList<AuditEvent> events;
    // Progress counts the users created, then the transactions written.
    const qint64 steps = report.usersCreated + report.transactions;
    qint64 written = 0;
    const auto step = [&]() -> Status {
        if (progress && ++written % BatchImporter::ProgressStep == 0
            && !progress(BatchImporter::Phase::Writing, written, steps))
            return Error::cancelled(tr("Import cancelled; nothing was changed"));
        return {};
    };
    const QString userAddedText = tr("user added by import %1, line %2");
    const auto userAdded = [&](const ImportEntry &entry) { return userAddedText.arg(report.batchId).arg(entry.line); };
    if (report.usersCreated > 0) {
        BulkInsert users(m_db, QStringLiteral("\"User\""),
                         {QStringLiteral("\"id\""), QStringLiteral("\"email\""), QStringLiteral("\"name\"")}, {p, p, p},
                         1000);
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!create[i])
                continue;
            const ImportEntry &entry = entries[i];
            if (const Status s
                = users.add({entry.userId, entry.email, entry.name.isEmpty() ? QVariant() : QVariant(entry.name)});
                !s)
                return s;
            if (entry.amount == 0) {
                // No transaction to carry the new user in its event: one of its own.
                AuditEvent event;
                event.action = QStringLiteral("user-add");
                event.operationId = report.batchId;
                event.userId = entry.userId;
                event.reason = userAdded(entry);
                event.snapshot = userJson(entry);
                events << event;
                if (const Status s = flushEvents(events, false); !s)
                    return s;
            }
            if (const Status s = step(); !s)
                return s;
        }
        if (const Status s = users.finish(); !s)
            return s;
        if (const Status s = flushEvents(events, true); !s)
            return s;
    }

    const QStringList columns{
        QStringLiteral("\"id\""),         QStringLiteral("\"userId\""),    QStringLiteral("\"amount\""),
        QStringLiteral("\"sourceType\""), QStringLiteral("\"sourceId\""),  QStringLiteral("\"description\""),
        QStringLiteral("\"category\""),   QStringLiteral("\"createdAt\""), QStringLiteral("\"updatedAt\"")};
    BulkInsert rows(
        m_db, QStringLiteral("\"UserXP\""), columns,
        {p, p, p, d.sourceTypeParam(p), p, p, d.categoryParam(p), d.timestampParam(p), d.timestampParam(p)});
    const bool legacy = report.kind != ImportKind::Adjust;
    const QDateTime createdAt = Timestamp::fromSql(now);
    const QString legacyDescription = tr("Migrated from the legacy total (batch %1)").arg(report.batchId);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ImportEntry &entry = entries[i];
        if (entry.amount == 0 || (!legacy && ApprovalGate::isAbove(entry.amount, report.threshold)))
            continue;
        // Rows with problems never get here: apply() runs only for a batch without any.
        XpTransaction row;
        row.id = Cuid::generate();
        row.userId = entry.userId;
        row.amount = static_cast<qint32>(entry.amount);
        row.sourceType = legacy ? SourceType::ManualAdjustment : entry.sourceType;
        row.sourceId = entry.sourceId.isEmpty() ? report.batchId : entry.sourceId;
        row.description = legacy ? legacyDescription : entry.description;
        row.category = legacy ? Category::Manual : entry.category;
        row.createdAt = createdAt;
        row.updatedAt = createdAt;
        if (const Status s = rows.add({row.id, row.userId, row.amount, XpEnums::name(row.sourceType), row.sourceId,
                                       row.description, XpEnums::name(row.category), now, now});
            !s)
            return s;
        QString reason = legacy ? legacyDescription
                                : entry.reason + tr(" (import %1, line %2)").arg(report.batchId).arg(entry.line);
        JsonText snapshot = row.toJsonText();
        if (create[i]) {
            // The user this import created, in the same event as its first transaction: one event
            // a migrated user, with both snapshots, instead of two.
            snapshot.addJson(QLatin1StringView("createdUser"), userJson(entry));
            reason += QStringLiteral("; ") + userAdded(entry);
        }
        events << AuditEvent::forRow(legacy ? QStringLiteral("import-legacy") : QStringLiteral("adjust"),
                                     report.batchId, row, reason, snapshot.text());
        if (const Status s = flushEvents(events, false); !s)
            return s;
        if (const Status s = step(); !s)
            return s;
    }
    if (const Status s = rows.finish(); !s)
        return s;
    if (const Status s = flushEvents(events, true); !s)
        return s;
    if (const Status s = ApprovalGate(m_db).store(held); !s)
        return s;

    // The totals of the batch's users whose XP changed, from SUM, in one statement.
    auto totals = m_db.run(
        QStringLiteral(
            "INSERT INTO \"UserProfile\" (\"id\", \"userId\", \"totalXP\", \"updatedAt\") "
            "SELECT %1, s.user_id, s.total, %2 FROM (SELECT b.user_id, COALESCE(SUM(x.\"amount\"), 0) AS "
            "total FROM (SELECT DISTINCT user_id FROM xpadmin_import WHERE held = 0) b LEFT JOIN \"UserXP\" x ON "
            "x.\"userId\" = b.user_id GROUP BY b.user_id) s WHERE true "
            "ON CONFLICT (\"userId\") DO UPDATE SET \"totalXP\" = excluded.\"totalXP\", "
            "\"updatedAt\" = excluded.\"updatedAt\"")
            .arg(d.generatedIdExpression(QStringLiteral("s.user_id")), d.timestampParam(QStringLiteral(":now"))),
        {{QStringLiteral(":now"), now}});
    if (!totals)
        return totals.error();
    auto after
        = m_db.run(QStringLiteral("SELECT COALESCE(SUM(\"totalXP\"), 0) FROM \"UserProfile\" WHERE \"userId\" IN "
                                  "(SELECT user_id FROM xpadmin_import WHERE held = 0)"));
    if (!after)
        return after.error();
    report.totalAfter = after->next() ? after->integer(0) : 0;
    if (report.totalAfter != expectedAfter)
        return Error::conflict(tr("Refused: the users' grand total after the import would be %1, not the %2 expected; "
                                  "nothing was changed")
                                   .arg(report.totalAfter)
                                   .arg(expectedAfter));
    auto updated
        = m_db.run(QStringLiteral("UPDATE %1 SET rows_written = :rows, users = :users, total_before = :before, "
                                  "total_after = :after WHERE id = :id")
                       .arg(batchTable),
                   {{QStringLiteral(":rows"), report.transactions},
                    {QStringLiteral(":users"), report.users},
                    {QStringLiteral(":before"), report.totalBefore},
                    {QStringLiteral(":after"), report.totalAfter},
                    {QStringLiteral(":id"), report.batchId}});
    if (!updated)
        return updated.error();
    if (progress)
        progress(BatchImporter::Phase::Writing, written, steps);
    return {};
}
