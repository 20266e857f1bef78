#include "tests/benchmarks/RollbackFigure.h"

#include "core/db/Database.h"
#include "core/db/RowView.h"
#include "core/ledger/Ledger.h"
#include "tests/benchmarks/BenchText.h"
#include "tests/benchmarks/LoadRows.h"
#include "tests/benchmarks/RawRollback.h"
#include "tests/benchmarks/SideBySide.h"

#include <QSet>

using BenchText::number;
using BenchText::sqlNow;
using SideBySide::timed;

namespace {

// Times action, adding its milliseconds to samples.
Status timeInto(Samples &samples, std::function<Status()> action)
{
    auto ms = timed(std::move(action))();
    if (!ms)
        return ms.error();
    samples.add(*ms);
    return {};
}

} // namespace

Result<LoadRows> RollbackFigure::sample(int count)
{
    LoadRows rows;
    const Status status = m_context.db.scan(
        QStringLiteral("SELECT \"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", \"description\", "
                       "\"category\", \"createdAt\" FROM \"UserXP\" ORDER BY random() LIMIT :count"),
        {{QStringLiteral(":count"), count}}, [&](const RowView &row) {
            std::array<QString, LoadRows::TextCount> text;
            const int columns[] = {0, 1, 3, 4, 5, 6, 7}; // in LoadRows::Text order, "amount" aside
            for (int column = 0; column < LoadRows::TextCount; ++column)
                text[column] = QString::fromUtf8(row.text(columns[column]));
            rows.append(std::move(text), static_cast<qint32>(row.integer(2)));
        });
    if (!status)
        return status.error();
    return rows;
}

Status RollbackFigure::run()
{
    auto rows = sample(m_context.options.rollbackRows);
    if (!rows)
        return rows.error();
    QStringList ids;
    QSet<QString> users;
    for (int row = 0; row < rows->size(); ++row) {
        ids << QString::fromUtf8(rows->utf8(row, LoadRows::Id));
        users.insert(QString::fromUtf8(rows->utf8(row, LoadRows::UserId)));
    }
    Ledger ledger(m_context.db);
    RawRollback raw(m_context.raw, m_context.db.dialect().isPostgres());
    const auto change = [](const Result<LedgerChange> &done) { return done ? Status() : Status(done.error()); };
    const auto xpadmin = [&](Samples &rollback, Samples &restore) -> Status {
        if (const Status s
            = timeInto(rollback, [&] { return change(ledger.rollback(ids, QStringLiteral("Benchmark rollback"))); });
            !s)
            return s;
        return timeInto(restore, [&] { return change(ledger.restore(ids, QStringLiteral("Benchmark restore"))); });
    };
    const auto engine = [&](Samples &rollback, Samples &restore) -> Status {
        if (const Status s = timeInto(rollback, [&] { return raw.remove(*rows, sqlNow()); }); !s)
            return s;
        if (const Status s = timeInto(restore, [&] { return raw.restore(*rows, sqlNow()); }); !s)
            return s;
        return SideBySide::sealOthersWrites(m_context.db);
    };
    Samples xRollback, xRestore, rRollback, rRestore;
    // One untimed round of the raw side first, so that both sides find the rows' pages in the cache.
    Samples warmRollback, warmRestore;
    if (const Status s = engine(warmRollback, warmRestore); !s)
        return s;
    // The two sides take turns going first, as SideBySide::compare has them.
    for (int run = 0; run < m_context.options.repeat; ++run) {
        const bool rawFirst = run % 2 == 1;
        if (const Status s = rawFirst ? engine(rRollback, rRestore) : xpadmin(xRollback, xRestore); !s)
            return s;
        if (const Status s = rawFirst ? xpadmin(xRollback, xRestore) : engine(rRollback, rRestore); !s)
            return s;
    }
    const QString what = QStringLiteral("%1 random transactions of %2 users")
                             .arg(number(double(rows->size())), number(double(users.size())));
    const QJsonObject extra{{QStringLiteral("rows"), rows->size()},
                            {QStringLiteral("users"), int(users.size())},
                            {QStringLiteral("runs"), int(xRollback.size())}};
    m_context.add(
        {QStringLiteral("13a"),
         QStringLiteral("rollback, %1 transactions; raw: DELETE and totals").arg(number(double(rows->size()))),
         xRollback.median(), rRollback.median(),
         what + QStringLiteral("; one transaction, audited (a full snapshot a row)"), extra});
    m_context.add({QStringLiteral("13b"),
                   QStringLiteral("restore, %1 transactions; raw: INSERT and totals").arg(number(double(rows->size()))),
                   xRestore.median(), rRestore.median(),
                   what + QStringLiteral("; the rows read back from the audit log's snapshots"), extra});
    return {};
}
