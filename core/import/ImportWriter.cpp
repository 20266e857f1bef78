#include "core/import/ImportWriter.h"

#include "core/audit/AuditLog.h"
#include "core/db/BulkInsert.h"
#include "core/db/Database.h"
#include "core/db/DeferredIndexes.h"
#include "core/db/DeferredRollups.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/XpTransaction.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/TransactionRows.h"
#include "core/periods/PeriodGuard.h"

#include <algorithm>
#include <future>

namespace {

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

// What every row of a batch shares, made once on the writing thread (translations included).
struct RowSource
{
    const ImportReport &report;
    const std::vector<ImportEntry> &entries;
    const std::vector<bool> &create;
    const std::vector<std::size_t> &order; // the entries in the order they are written
    QString now; // createdAt and updatedAt, as the database keeps them
    QDateTime createdAt;
    QString legacyDescription;
    QString userAddedText; // "user added by import %1, line %2"
    QString importLineText; // " (import %1, line %2)"
    bool legacy = true;
    // Every user of the batch is new: none had a transaction before it, and a legacy file names
    // each once, so each total is its row's amount, written with the slice, with ids in time
    // order. Recalculated from SUM, they read every row back and inserted random ids, which took
    // noticeably longer.
    bool totalsFromRows = false;

    QString userAdded(const ImportEntry &entry) const { return userAddedText.arg(report.batchId).arg(entry.line); }
};

// One slice of the batch, ready to write: the column values of the users it creates, of its
// transactions and (for new users only) of their totals, and its audit events with their
// snapshots and hashes.
struct Slice
{
    std::size_t end = 0; // the first entry after the slice
    std::vector<QVariantList> users;
    std::vector<QVariantList> rows;
    std::vector<QVariantList> profiles;
    std::vector<QVariantList> reasons; // adjustments' reason codes and tickets (xpadmin.xp_reason)
    QList<AuditEvent> events;
};

constexpr std::size_t EntriesPerSlice = 5000;

// The entries by user id, the order rows are written in: each index on a user id ("User",
// "UserProfile", "UserXP", the audit log's) then takes its keys in order, on the pages written
// just before. In the file's order, a million users with random ids sent each insert to a random
// page of each index, past the page cache, and the import took much longer.
std::vector<std::size_t> writingOrder(const std::vector<ImportEntry> &entries)
{
    // Sorted as small keys beside each other, not as indexes that each compare reads two entries
    // through: a million ids sort much faster so.
    struct Key
    {
        QStringView userId;
        std::size_t index;
    };
    std::vector<Key> keys;
    keys.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i)
        keys.push_back({entries[i].userId, i});
    // Rows of one user keep the file's order.
    std::sort(keys.begin(), keys.end(), [](const Key &a, const Key &b) {
        const int order = a.userId.compare(b.userId);
        return order < 0 || (order == 0 && a.index < b.index);
    });
    std::vector<std::size_t> order;
    order.reserve(keys.size());
    for (const Key &key : keys)
        order.push_back(key.index);
    return order;
}

// Makes the slice that starts at entry from, sealing its events after tail. Touches no database:
// it runs on another thread while the slice before is written.
Slice makeSlice(const RowSource &source, std::size_t from, AuditLog::Tail &tail)
{
    Slice slice;
    slice.end = std::min(source.entries.size(), from + EntriesPerSlice);
    slice.rows.reserve(slice.end - from);
    slice.events.reserve(qsizetype(slice.end - from));
    const ImportReport &report = source.report;
    for (std::size_t at = from; at < slice.end; ++at) {
        const std::size_t i = source.order[at];
        const ImportEntry &entry = source.entries[i];
        if (source.create[i]) {
            slice.users.push_back(
                {entry.userId, entry.email, entry.name.isEmpty() ? QVariant() : QVariant(entry.name)});
            if (source.totalsFromRows)
                slice.profiles.push_back({Cuid::generate(), entry.userId, entry.amount, source.now});
            if (entry.amount == 0) {
                // No transaction to carry the new user in its event: one of its own.
                AuditEvent event;
                event.action = QStringLiteral("user-add");
                event.operationId = report.batchId;
                event.userId = entry.userId;
                event.reason = source.userAdded(entry);
                event.snapshot = userJson(entry);
                slice.events << event;
            }
        }
        if (entry.amount == 0 || (!source.legacy && report.heldFor[i]))
            continue;
        // Rows with problems never get here: apply() runs only for a batch without any.
        XpTransaction row;
        row.id = Cuid::generate();
        row.userId = entry.userId;
        row.amount = static_cast<qint32>(entry.amount);
        row.sourceType = source.legacy ? SourceType::ManualAdjustment : entry.sourceType;
        row.sourceId = entry.sourceId.isEmpty() ? report.batchId : entry.sourceId;
        row.description = source.legacy ? source.legacyDescription : entry.description;
        row.category = source.legacy ? Category::Manual : entry.category;
        row.createdAt = source.createdAt;
        row.updatedAt = source.createdAt;
        slice.rows.push_back({row.id, row.userId, row.amount, XpEnums::name(row.sourceType), row.sourceId,
                              row.description, XpEnums::name(row.category), source.now, source.now});
        QString reason = source.legacy ? source.legacyDescription
                                       : entry.reason + source.importLineText.arg(report.batchId).arg(entry.line);
        JsonText snapshot = row.toJsonText();
        if (!source.legacy && !entry.reasonTag.isEmpty()) {
            entry.reasonTag.addTo(snapshot);
            const ReasonTag &tag = entry.reasonTag;
            slice.reasons.push_back({row.id, tag.code.isEmpty() ? QVariant() : QVariant(tag.code),
                                     tag.ticket.isEmpty() ? QVariant() : QVariant(tag.ticket)});
        }
        if (source.create[i]) {
            // The user this import created, in the same event as its first transaction: one event
            // a migrated user, with both snapshots, instead of two.
            snapshot.addJson(QLatin1StringView("createdUser"), userJson(entry));
            reason += QStringLiteral("; ") + source.userAdded(entry);
        }
        slice.events << AuditEvent::forRow(source.legacy ? QStringLiteral("import-legacy") : QStringLiteral("adjust"),
                                           report.batchId, row, reason, snapshot.text());
    }
    AuditLog::seal(slice.events, tail);
    return slice;
}

} // namespace

Status ImportWriter::writeTotals(const QString &now)
{
    const Dialect &d = m_db.dialect();
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
    return totals ? Status() : Status(totals.error());
}

Status ImportWriter::apply(ImportReport &report, const std::vector<ImportEntry> &entries,
                           const std::vector<bool> &create, const QList<PendingAdjustment> &held,
                           const BatchImporter::Progress &progress)
{
    const Dialect &d = m_db.dialect();
    const QString now = Timestamp::toSql(Timestamp::now());
    const QString batchTable = d.ownTable(QStringLiteral("import_batch"));
    const qint64 expectedAfter = report.totalAfter;
    // Every row of the batch is dated now, which a close of a day not yet over would hold.
    if (const Status s = PeriodGuard(m_db).allowDatedFrom(Timestamp::fromSql(now), tr("import")); !s)
        return s;
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

    auto tail = AuditLog(m_db).tail();
    if (!tail)
        return tail.error();
    const QString p = QStringLiteral("?");
    // Progress counts the users created, then the transactions written.
    const qint64 steps = report.usersCreated + report.transactions;
    qint64 written = 0;
    const auto step = [&]() -> Status {
        if (progress && ++written % BatchImporter::ProgressStep == 0
            && !progress(BatchImporter::Phase::Writing, written, steps))
            return Error::cancelled(tr("Import cancelled; nothing was changed"));
        return {};
    };
    const bool legacy = report.kind != ImportKind::Adjust;
    const std::vector<std::size_t> order = writingOrder(entries);
    const RowSource source{report,
                           entries,
                           create,
                           order,
                           now,
                           Timestamp::fromSql(now),
                           tr("Migrated from the legacy total (batch %1)").arg(report.batchId),
                           tr("user added by import %1, line %2"),
                           tr(" (import %1, line %2)"),
                           legacy,
                           report.kind == ImportKind::Legacy && report.usersCreated == report.users};
    // A migration into a new ledger builds the indexes of "UserXP" after its rows.
    auto indexes = DeferredIndexes::defer(m_db, QStringLiteral("UserXP"), report.transactions);
    if (!indexes)
        return indexes.error();
    // And the rollups take the rows' sums once at the end, not an upsert a row.
    auto rollups = DeferredRollups::defer(m_db, report.transactions);
    if (!rollups)
        return rollups.error();
    BulkInsert users(m_db, QStringLiteral("\"User\""),
                     {QStringLiteral("\"id\""), QStringLiteral("\"email\""), QStringLiteral("\"name\"")}, {p, p, p},
                     1000);
    BulkInsert rows(m_db, QStringLiteral("\"UserXP\""), TransactionRows::columnNames(),
                    TransactionRows::valueExpressions(d));
    BulkInsert profiles(m_db, QStringLiteral("\"UserProfile\""),
                        {QStringLiteral("\"id\""), QStringLiteral("\"userId\""), QStringLiteral("\"totalXP\""),
                         QStringLiteral("\"updatedAt\"")},
                        {p, p, p, d.timestampParam(p)}, 1000);
    BulkInsert reasons(m_db, d.ownTable(QStringLiteral("xp_reason")),
                       {QStringLiteral("xp_id"), QStringLiteral("reason_code"), QStringLiteral("ticket")}, {p, p, p},
                       1000);
    // Writes one table's values of a slice; flushed at the end, so that on PostgreSQL (where
    // rows wait in a buffer) a slice's users are in before the rows that refer to them.
    const auto write = [&](BulkInsert &insert, const std::vector<QVariantList> &values, bool counted) -> Status {
        for (const QVariantList &row : values) {
            if (const Status s = insert.add(row); !s)
                return s;
            if (const Status s = counted ? step() : Status(); !s)
                return s;
        }
        return insert.finish();
    };
    // The next slice is made on another thread (ids, snapshots, hashes, every value: a good share
    // of the work) while this one writes the slice before; the future waits for it however this
    // loop ends.
    std::future<Slice> next
        = std::async(std::launch::async, makeSlice, std::cref(source), std::size_t(0), std::ref(*tail));
    for (bool more = true; more;) {
        Slice slice = next.get();
        more = slice.end < entries.size();
        if (more)
            next = std::async(std::launch::async, makeSlice, std::cref(source), slice.end, std::ref(*tail));
        if (const Status s = write(users, slice.users, true); !s)
            return s;
        if (const Status s = write(rows, slice.rows, true); !s)
            return s;
        if (const Status s = write(reasons, slice.reasons, false); !s)
            return s;
        if (const Status s = AuditLog(m_db).write(slice.events); !s)
            return s;
        if (const Status s = write(profiles, slice.profiles, false); !s)
            return s;
    }
    if (const Status s = indexes->restore(); !s)
        return s;
    if (const Status s = rollups->restore(); !s)
        return s;
    if (const Status s = ApprovalGate(m_db).store(held); !s)
        return s;
    if (!source.totalsFromRows) {
        if (const Status s = writeTotals(now); !s)
            return s;
    }
    // The proof that nothing changed for anyone: the batch's users' totals, and their rows in the
    // ledger, both come to the grand total the plan expected.
    auto after = m_db.run(QStringLiteral(
        "SELECT (SELECT COALESCE(SUM(\"totalXP\"), 0) FROM \"UserProfile\" WHERE \"userId\" IN (SELECT user_id "
        "FROM xpadmin_import WHERE held = 0)), (SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\" WHERE "
        "\"userId\" IN (SELECT user_id FROM xpadmin_import WHERE held = 0))"));
    if (!after)
        return after.error();
    const bool read = after->next();
    report.totalAfter = read ? after->integer(0) : 0;
    const qint64 ledgerAfter = read ? after->integer(1) : 0;
    if (report.totalAfter != expectedAfter || ledgerAfter != expectedAfter)
        return Error::conflict(tr("Refused: the users' grand total after the import would be %1 (%2 in their "
                                  "transactions), not the %3 expected; nothing was changed")
                                   .arg(report.totalAfter)
                                   .arg(ledgerAfter)
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
