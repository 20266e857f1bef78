#include "tests/models/HistoryModelTest.h"

#include "tests/support/TestBackend.h"
#include "tests/support/TestSession.h"

#include "core/import/DemoGenerator.h"
#include "models/HistoryModel.h"

#include <QElapsedTimer>
#include <QTest>

void HistoryModelTest::openLedger(int users, qint64 transactions)
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QElapsedTimer timer;
    timer.start();
    auto summary = DemoGenerator(*m_db).generate({users, transactions, 90, 5});
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
    QCOMPARE(summary->transactions, transactions);
    qInfo("demo data: %lld transactions in %lld ms", transactions, timer.elapsed());
    QString why;
    m_session = openTestSession(spec, this, &why);
    QVERIFY2(m_session, qPrintable(why));
}

void HistoryModelTest::closeLedger()
{
    m_session.reset();
    m_db.reset();
}

QStringList HistoryModelTest::ids(const HistoryModel &model)
{
    QStringList result;
    result.reserve(model.rowCount());
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row, HistoryModel::Id).data(HistoryModel::RawValueRole).toString();
    return result;
}

QStringList HistoryModelTest::idsBySql(const QString &where, const QString &order, const Bindings &bindings)
{
    QStringList result;
    auto rows = m_db->run(QStringLiteral("SELECT \"id\" FROM \"UserXP\" %1 ORDER BY \"createdAt\" %2, \"id\" %2")
                              .arg(where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where, order),
                          bindings);
    if (!rows)
        qWarning("%s", qPrintable(rows.error().message));
    while (rows && rows->next())
        result << rows->text(0);
    return result;
}

QString HistoryModelTest::busiestUser()
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT \"userId\" FROM \"UserXP\" GROUP BY \"userId\" ORDER BY "
                                              "count(*) DESC, \"userId\" LIMIT 1"))
        .toString();
}

void HistoryModelTest::change(const std::function<Result<LedgerChange>(Ledger &)> &operation)
{
    bool done = false;
    m_session->mutate(this, operation, [&](const Result<LedgerChange> &r) {
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        done = true;
    });
    QTRY_VERIFY(done);
}
