#include "tests/periods/PeriodLedger.h"

#include "core/domain/Timestamp.h"
#include "core/ledger/Ledger.h"
#include "core/periods/Periods.h"
#include "core/users/Users.h"
#include "tests/support/TestBackend.h"

QDateTime PeriodLedger::daysAgo(int days)
{
    return QDateTime(QDate::currentDate().addDays(-days), QTime(12, 0)).toUTC();
}

bool PeriodLedger::insertRow(Database &db, const QString &id, const QString &userId, int amount, const QString &type,
                             const QString &sourceId, const QDateTime &createdAt)
{
    const Dialect &d = db.dialect();
    auto rows = db.run(QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", "
                                      "\"sourceId\", \"description\", \"category\", \"createdAt\", \"updatedAt\") "
                                      "VALUES (:id, :user, :amount, %1, :source, 'from the web app', %2, %3, %3)")
                           .arg(d.sourceTypeParam(QStringLiteral(":type")),
                                d.categoryParam(QStringLiteral(":category")), d.timestampParam(QStringLiteral(":at"))),
                       {{QStringLiteral(":id"), id},
                        {QStringLiteral(":user"), userId},
                        {QStringLiteral(":amount"), amount},
                        {QStringLiteral(":type"), type},
                        {QStringLiteral(":source"), sourceId},
                        {QStringLiteral(":category"), QStringLiteral("ACHIEVEMENT")},
                        {QStringLiteral(":at"), Timestamp::toSql(createdAt)}});
    if (!rows)
        qWarning("insert of %s failed: %s", qPrintable(id), qPrintable(rows.error().message));
    return bool(rows);
}

QString PeriodLedger::sumsUpTo(Database &db, const QDate &day)
{
    auto rows = db.run(QStringLiteral("SELECT \"userId\", SUM(\"amount\") FROM \"UserXP\" WHERE \"createdAt\" <= %1 "
                                      "GROUP BY \"userId\" ORDER BY \"userId\"")
                           .arg(db.dialect().timestampParam(QStringLiteral(":end"))),
                       {{QStringLiteral(":end"), Timestamp::toSql(Periods::boundaryOf(day))}});
    if (!rows)
        return rows.error().message;
    QStringList sums;
    while (rows->next())
        sums << rows->text(0) + QLatin1Char('=') + QString::number(rows->integer(1));
    return sums.join(QLatin1Char(';'));
}

QString PeriodLedger::setUp(Database &db)
{
    Users users(db);
    for (const QString &id : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}) {
        if (auto added = users.add(id, id + QStringLiteral("@example.com"), id); !added)
            return added.error().message;
    }
    const QString attempt = QStringLiteral("USER_PROBLEM_ATTEMPT");
    if (!insertRow(db, aliceOld, QStringLiteral("alice"), 100, attempt, QStringLiteral("attempt-1"), daysAgo(10))
        || !insertRow(db, aliceMid, QStringLiteral("alice"), 50, QStringLiteral("SPECIAL_ACHIEVEMENT"),
                      QStringLiteral("contest-5"), daysAgo(5))
        || !insertRow(db, bobOld, QStringLiteral("bob"), 30, attempt, QStringLiteral("attempt-2"), daysAgo(10))
        || !insertRow(db, carolOld, QStringLiteral("carol"), 40, attempt, QStringLiteral("attempt-3"), daysAgo(6))
        || !insertRow(db, bobOpen, QStringLiteral("bob"), -5, attempt, QStringLiteral("attempt-4"), daysAgo(2)))
        return QStringLiteral("the web app's rows could not be written");
    Ledger ledger(db);
    if (auto recalc = ledger.recalculateAll(); !recalc)
        return recalc.error().message;
    if (auto rolledBack = ledger.rollback({carolOld}, QStringLiteral("duplicate attempt")); !rolledBack)
        return rolledBack.error().message;
    aliceNew = TestBackend::award(db, QStringLiteral("alice"), 7, QStringLiteral("quiz-7"));
    carolNew = TestBackend::award(db, QStringLiteral("carol"), 20, QStringLiteral("quiz-8"));
    if (aliceNew.isEmpty() || carolNew.isEmpty())
        return QStringLiteral("the awards failed");
    return {};
}
