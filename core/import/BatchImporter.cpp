#include "core/import/BatchImporter.h"

#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/import/ImportFile.h"
#include "core/import/ImportPlanner.h"
#include "core/import/ImportWriter.h"
#include "core/ledger/PendingAdjustment.h"
#include "core/limits/LimitCheck.h"
#include "core/periods/PeriodGuard.h"

#include <QElapsedTimer>

Result<ImportReport> BatchImporter::importFile(ImportKind kind, const QString &path, bool dryRun,
                                               const Progress &progress)
{
    QElapsedTimer timer;
    timer.start();
    ImportReport report;
    report.kind = kind;
    report.dryRun = dryRun;
    std::vector<ImportEntry> entries;
    const Status read = ImportFile::read(kind, path, report, entries, [&](qint64 done, qint64 total) {
        return !progress || progress(Phase::Reading, done, total);
    });
    if (!read)
        return read.error();
    report.batchId
        = (kind == ImportKind::Legacy ? QStringLiteral("legacy-") : QStringLiteral("bulk-")) + report.sha256.left(12);
    auto result = run(std::move(report), std::move(entries), progress);
    if (result)
        result->milliseconds = timer.elapsed();
    return result;
}

Result<ImportReport> BatchImporter::importProfiles(bool dryRun, const Progress &progress)
{
    QElapsedTimer timer;
    timer.start();
    ImportReport report;
    report.kind = ImportKind::Profiles;
    report.dryRun = dryRun;
    report.fileName = QStringLiteral("UserProfile");
    report.batchId = QStringLiteral("legacy-profiles-") + Timestamp::now().toString(QStringLiteral("yyyyMMddHHmmss"));
    auto result = run(std::move(report), {}, progress);
    if (result)
        result->milliseconds = timer.elapsed();
    return result;
}

Result<ImportReport> BatchImporter::run(ImportReport report, std::vector<ImportEntry> entries, const Progress &progress)
{
    const Dialect &d = m_db.dialect();
    ImportReport result;
    const Status status = m_db.writeTransaction([&]() -> Status {
        result = report; // from the start again when the transaction is retried
        // The person's day first, as an adjustment takes it (LimitCheck), then the table.
        if (result.kind == ImportKind::Adjust) {
            if (const Status s = LimitCheck(m_db).lockDay(LimitCheck::connectedPerson(m_db)); !s)
                return s;
        }
        if (!result.dryRun && d.isPostgres()) {
            // A close waits for the batch (and the batch for a close), before "UserXP" is locked.
            if (const Status s = PeriodGuard(m_db).holdOffCloses(); !s)
                return s;
            // Writers of "UserXP" wait until the batch is in; readers go on.
            if (const Status s = m_db.execute(QStringLiteral("LOCK TABLE \"UserXP\" IN SHARE ROW EXCLUSIVE MODE")); !s)
                return s;
        }
        if (!result.sha256.isEmpty()) {
            auto previous = previousBatch(result.sha256);
            if (!previous)
                return previous.error();
            if (!previous->isEmpty()) {
                result.alreadyImported = *previous;
                return {};
            }
        }
        std::vector<ImportEntry> fromProfiles;
        if (result.kind == ImportKind::Profiles) {
            auto found = profilesWithoutTransactions();
            if (!found)
                return found.error();
            fromProfiles = std::move(*found);
            result.rowsRead = qint64(fromProfiles.size());
        }
        const std::vector<ImportEntry> &rows = result.kind == ImportKind::Profiles ? fromProfiles : entries;
        std::vector<bool> create;
        QList<PendingAdjustment> held;
        if (const Status s = ImportPlanner(m_db).plan(result, rows, create, held, progress); !s)
            return s;
        if (!result.dryRun && !result.hasProblems() && (result.transactions > 0 || result.held > 0)) {
            if (const Status s = ImportWriter(m_db).apply(result, rows, create, held, progress); !s)
                return s;
            result.applied = true;
        }
        return d.isPostgres() ? Status() : m_db.execute(QStringLiteral("DROP TABLE IF EXISTS temp.xpadmin_import"));
    });
    if (!status)
        return status.error();
    return result;
}

Result<QString> BatchImporter::previousBatch(const QString &sha256)
{
    const Dialect &d = m_db.dialect();
    auto rows = m_db.run(QStringLiteral("SELECT id, at, operator FROM %1 WHERE file_sha256 = :sha")
                             .arg(d.ownTable(QStringLiteral("import_batch"))),
                         {{QStringLiteral(":sha"), sha256}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return QString();
    return tr("batch %1, on %2 UTC by %3")
        .arg(rows->text(0), Timestamp::toSql(d.readTimestamp(rows->value(1))), rows->text(2));
}

Result<std::vector<ImportEntry>> BatchImporter::profilesWithoutTransactions()
{
    auto rows = m_db.run(QStringLiteral("SELECT p.\"userId\", p.\"totalXP\" FROM \"UserProfile\" p "
                                        "WHERE p.\"totalXP\" <> 0 AND NOT EXISTS "
                                        "(SELECT 1 FROM \"UserXP\" x WHERE x.\"userId\" = p.\"userId\") "
                                        "ORDER BY p.\"userId\""));
    if (!rows)
        return rows.error();
    std::vector<ImportEntry> entries;
    while (rows->next()) {
        ImportEntry entry;
        entry.userId = rows->text(0);
        entry.amount = rows->integer(1);
        entries.push_back(std::move(entry));
    }
    return entries;
}
