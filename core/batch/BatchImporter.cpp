#include "BatchImporter.h"

#include "ImportFile.h"
#include "approval/ApprovalGate.h"
#include "audit/AuditLog.h"
#include "db/BulkInsert.h"
#include "db/Database.h"
#include "domain/Cuid.h"
#include "domain/Timestamp.h"
#include "domain/Validation.h"
#include "domain/XpTransaction.h"
#include "ledger/Ledger.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>

#include <limits>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BatchImporter", text);
}

bool fitsTotal(qint64 value)
{
    return value >= std::numeric_limits<qint32>::min() && value <= std::numeric_limits<qint32>::max();
}

constexpr qint64 ProgressStep = 2048;

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

struct BatchImporter::UserState
{
    bool exists = false;
    qint64 cached = 0; // "UserProfile"."totalXP", 0 without a profile
    qint64 sum = 0;
    qint64 transactions = 0;
    qsizetype effect = -1; // in plan(): the user's place in the effects, once a row of theirs is planned
};

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
        if (!result.dryRun && d.isPostgres()) {
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
        if (const Status s = plan(result, rows, create, held, progress); !s)
            return s;
        if (!result.dryRun && !result.hasProblems() && (result.transactions > 0 || result.held > 0)) {
            if (const Status s = apply(result, rows, create, held, progress); !s)
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

Status BatchImporter::plan(ImportReport &report, const std::vector<ImportEntry> &entries, std::vector<bool> &create,
                           QList<PendingAdjustment> &held, const Progress &progress)
{
    const Dialect &d = m_db.dialect();
    const bool pg = d.isPostgres();
    ApprovalGate gate(m_db);
    if (report.kind == ImportKind::Adjust) {
        auto threshold = gate.threshold();
        if (!threshold)
            return threshold.error();
        report.threshold = *threshold;
    }
    const auto isHeld = [&](const ImportEntry &entry) {
        return report.kind == ImportKind::Adjust && ApprovalGate::isAbove(entry.amount, report.threshold);
    };
    // The batch's users, in a temporary table that the checks join; held: a row waits for approval.
    const QStringList prepare = pg
        ? QStringList{QStringLiteral("CREATE TEMP TABLE xpadmin_import (line BIGINT, user_id TEXT NOT NULL, "
                                     "amount BIGINT NOT NULL, email TEXT, held INTEGER NOT NULL) ON COMMIT DROP")}
        : QStringList{QStringLiteral("DROP TABLE IF EXISTS temp.xpadmin_import"),
                      QStringLiteral("CREATE TEMP TABLE xpadmin_import (line INTEGER, user_id TEXT NOT NULL, "
                                     "amount INTEGER NOT NULL, email TEXT, held INTEGER NOT NULL)")};
    for (const QString &sql : prepare) {
        if (const Status s = m_db.execute(sql); !s)
            return s;
    }
    {
        const QString p = QStringLiteral("?");
        BulkInsert load(m_db, QStringLiteral("xpadmin_import"),
                        {QStringLiteral("line"), QStringLiteral("user_id"), QStringLiteral("amount"),
                         QStringLiteral("email"), QStringLiteral("held")},
                        {p, p, p, p, p}, 1000);
        qint64 done = 0;
        for (const ImportEntry &entry : entries) {
            if (const Status s
                = load.add({entry.line, entry.userId, entry.amount,
                            entry.email.isEmpty() ? QVariant() : QVariant(entry.email), isHeld(entry) ? 1 : 0});
                !s)
                return s;
            if (progress && ++done % ProgressStep == 0 && !progress(Phase::Checking, done, qint64(entries.size())))
                return Error::cancelled(tr("Import cancelled; nothing was changed"));
        }
        if (const Status s = load.finish(); !s)
            return s;
    }
    if (const Status s = m_db.execute(pg ? QStringLiteral("CREATE INDEX ON xpadmin_import (user_id)")
                                         : QStringLiteral("CREATE INDEX temp.xpadmin_import_user ON xpadmin_import "
                                                          "(user_id)"));
        !s)
        return s;
    if (pg) {
        if (const Status s = m_db.execute(QStringLiteral("ANALYZE xpadmin_import")); !s)
            return s;
    }

    // One entry a user of the batch, looked up once a row: a million-row file makes a million.
    QHash<QString, UserState> states;
    states.reserve(qsizetype(entries.size()));
    {
        auto rows = m_db.run(QStringLiteral(
            "SELECT b.user_id, CASE WHEN u.\"id\" IS NULL THEN 0 ELSE 1 END, COALESCE(p.\"totalXP\", 0), "
            "COALESCE(s.total, 0), COALESCE(s.n, 0) FROM (SELECT DISTINCT user_id FROM xpadmin_import) b "
            "LEFT JOIN \"User\" u ON u.\"id\" = b.user_id "
            "LEFT JOIN \"UserProfile\" p ON p.\"userId\" = b.user_id "
            "LEFT JOIN (SELECT x.\"userId\" AS user_id, SUM(x.\"amount\") AS total, count(*) AS n FROM \"UserXP\" x "
            "WHERE x.\"userId\" IN (SELECT user_id FROM xpadmin_import) GROUP BY x.\"userId\") s "
            "ON s.user_id = b.user_id"));
        if (!rows)
            return rows.error();
        while (rows->next())
            states.insert(rows->text(0),
                          UserState{rows->integer(1) != 0, rows->integer(2), rows->integer(3), rows->integer(4)});
    }
    QHash<qint64, QString> emailTaken; // line -> the user who has that email
    if (report.kind == ImportKind::Legacy) {
        auto rows
            = m_db.run(QStringLiteral("SELECT i.line, u.\"id\" FROM xpadmin_import i JOIN \"User\" u ON "
                                      "u.\"email\" = i.email WHERE i.email IS NOT NULL AND u.\"id\" <> i.user_id"));
        if (!rows)
            return rows.error();
        while (rows->next())
            emailTaken.insert(rows->integer(0), rows->text(1));
    }

    create.assign(entries.size(), false);
    QList<ImportUserEffect> effects;
    std::vector<qint64> lastLineOf; // of each effect's user
    QHash<QString, qint64> emailLine; // new users' emails in this file
    qint64 legacyTotal = 0;
    const bool legacy = report.kind != ImportKind::Adjust;
    effects.reserve(states.size());
    lastLineOf.reserve(std::size_t(states.size()));
    if (legacy)
        emailLine.reserve(qsizetype(entries.size()));
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ImportEntry &entry = entries[i];
        auto found = states.find(entry.userId);
        if (found == states.end()) // not so: the query above read every user of the batch
            found = states.insert(entry.userId, UserState{});
        UserState &state = *found;
        // Problems are rare: their words are made only for the rows that have one.
        const auto where = [&entry] { return entry.line > 0 ? tr("line %1: ").arg(entry.line) : QString(); };
        const auto user = [&entry] { return Validation::quoted(entry.userId); };
        if (!state.exists) {
            if (!legacy || entry.email.isEmpty()) {
                report.addProblem(entry.line,
                                  legacy ? tr("%1unknown user %2: no such id in \"User\"; add email and "
                                              "name columns to create missing users")
                                               .arg(where(), user())
                                         : tr("%1unknown user %2: no such id in \"User\"").arg(where(), user()));
                continue;
            }
            if (const auto taken = emailTaken.constFind(entry.line); taken != emailTaken.constEnd()) {
                report.addProblem(entry.line,
                                  tr("%1email %2 belongs to another user, %3")
                                      .arg(where(), Validation::quoted(entry.email), Validation::quoted(*taken)));
                continue;
            }
            const QString emailKey = entry.email.toLower();
            if (const auto seen = emailLine.constFind(emailKey); seen != emailLine.constEnd()) {
                report.addProblem(
                    entry.line,
                    tr("%1email %2 is also on line %3").arg(where(), Validation::quoted(entry.email)).arg(*seen));
                continue;
            }
            emailLine.insert(emailKey, entry.line);
        }
        if (legacy && state.transactions > 0) {
            report.addProblem(entry.line,
                              tr("%1user %2 already has %3 transaction(s) in the ledger; a legacy total "
                                 "is only for users who have none")
                                  .arg(where(), user())
                                  .arg(state.transactions));
            continue;
        }
        if (legacy && state.cached != 0 && state.cached != entry.amount) {
            report.addProblem(entry.line,
                              tr("%1user %2 has totalXP %3 in \"UserProfile\", but the file says %4")
                                  .arg(where(), user())
                                  .arg(state.cached)
                                  .arg(entry.amount));
            continue;
        }
        if (isHeld(entry)) {
            // Checked like any row, but it waits for a second person instead of being applied.
            AwardRequest request;
            request.userId = entry.userId;
            request.amount = entry.amount;
            request.sourceType = entry.sourceType;
            request.sourceId = entry.sourceId.isEmpty() ? report.batchId : entry.sourceId;
            request.category = entry.category;
            request.description = entry.description;
            auto pending = gate.makeRequest(
                request, entry.reason + tr(" (import %1, line %2)").arg(report.batchId).arg(entry.line));
            if (!pending) {
                report.addProblem(entry.line, where() + pending.error().message);
                continue;
            }
            ++report.held;
            if (report.holds.size() < ImportReport::MaxEffectsKept)
                report.holds << ImportHold{entry.line, entry.userId, entry.amount, pending->id};
            held << *pending;
            continue;
        }
        create[i] = !state.exists;
        if (create[i])
            ++report.usersCreated;
        if (entry.amount != 0)
            ++report.transactions;
        if (state.effect < 0) {
            state.effect = effects.size();
            // The total shown before (cached), and after: the sum of the transactions once written.
            effects << ImportUserEffect{entry.userId, state.cached, 0, state.sum, create[i]};
            lastLineOf.push_back(0);
        }
        ImportUserEffect &effect = effects[state.effect];
        effect.after += entry.amount;
        effect.change = effect.after - effect.before;
        if (legacy)
            legacyTotal += entry.amount;
        lastLineOf[std::size_t(state.effect)] = entry.line;
    }
    report.users = effects.size();
    for (qsizetype e = 0; e < effects.size(); ++e) {
        const ImportUserEffect &effect = effects.at(e);
        if (!fitsTotal(effect.after)) {
            const qint64 line = lastLineOf[std::size_t(e)];
            report.addProblem(
                line,
                tr("%1user %2's total would be %3, past the limit of the 32-bit totalXP column")
                    .arg(line > 0 ? tr("line %1: ").arg(line) : QString(), Validation::quoted(effect.userId))
                    .arg(effect.after));
        }
        report.totalBefore += effect.before;
        report.totalAfter += effect.after;
    }
    // For a migration, "before" is the legacy system's grand total, which the ledger must equal.
    if (legacy)
        report.totalBefore = legacyTotal;
    if (report.hasProblems())
        std::stable_sort(report.problems.begin(), report.problems.end(),
                         [](const CsvProblem &a, const CsvProblem &b) { return a.line < b.line; });
    report.effects = effects.mid(0, ImportReport::MaxEffectsKept);
    return {};
}

Status BatchImporter::flushEvents(QList<AuditEvent> &events, bool all)
{
    // Appended a slice at a time: memory stays flat however big the batch.
    if (events.isEmpty() || (!all && events.size() < 5000))
        return {};
    const Status status = AuditLog(m_db).append(std::move(events));
    events.clear();
    return status;
}

Status BatchImporter::apply(ImportReport &report, const std::vector<ImportEntry> &entries,
                            const std::vector<bool> &create, const QList<PendingAdjustment> &held,
                            const Progress &progress)
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
        if (progress && ++written % ProgressStep == 0 && !progress(Phase::Writing, written, steps))
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
        AuditEvent event;
        event.action = legacy ? QStringLiteral("import-legacy") : QStringLiteral("adjust");
        event.operationId = report.batchId;
        event.userId = row.userId;
        event.xpId = row.id;
        event.amount = row.amount;
        event.reason = legacy ? legacyDescription
                              : entry.reason + tr(" (import %1, line %2)").arg(report.batchId).arg(entry.line);
        JsonText snapshot = row.toJsonText();
        if (create[i]) {
            // The user this import created, in the same event as its first transaction: one event
            // a migrated user, with both snapshots, instead of two.
            snapshot.addJson(QLatin1StringView("createdUser"), userJson(entry));
            event.reason += QStringLiteral("; ") + userAdded(entry);
        }
        event.snapshot = snapshot.text();
        events << event;
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
        progress(Phase::Writing, written, steps);
    return {};
}
