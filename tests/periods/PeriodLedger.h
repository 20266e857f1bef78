#pragma once

#include "core/db/Database.h"

#include <QDate>
#include <QDateTime>
#include <QString>

// A small ledger with history, for the closed-period tests. The web app's older rows are written by
// plain SQL with their dates (XP Admin dates its own rows now):
//   alice  100  10 days ago   aliceOld
//   alice   50   5 days ago   aliceMid (source SPECIAL_ACHIEVEMENT contest-5)
//   bob     30  10 days ago   bobOld
//   carol   40   6 days ago   carolOld, rolled back by XP Admin (so it may be restored)
//   bob     -5   2 days ago   bobOpen
//   alice    7   now          aliceNew (an award)
//   carol   20   now          carolNew (an award)
// and every total set from the sums. closeDay() is 3 days ago: closed, alice has 150 and bob 30.
class PeriodLedger final
{
public:
    // Empty on success, else what failed.
    QString setUp(Database &db);

    static QDate closeDay() { return QDate::currentDate().addDays(-3); }
    // Noon of that many days ago in the desk's time zone.
    static QDateTime daysAgo(int days);
    // A row written as the web app writes it; false (with a warning) when the insert failed.
    static bool insertRow(Database &db, const QString &id, const QString &userId, int amount, const QString &type,
                          const QString &sourceId, const QDateTime &createdAt);
    // SUM("amount") per user of the rows created up to the end of day, by plain SQL: "alice=150;bob=30".
    static QString sumsUpTo(Database &db, const QDate &day);

    QString aliceOld = QStringLiteral("xp-alice-old");
    QString aliceMid = QStringLiteral("xp-alice-mid");
    QString bobOld = QStringLiteral("xp-bob-old");
    QString carolOld = QStringLiteral("xp-carol-old");
    QString bobOpen = QStringLiteral("xp-bob-open");
    QString aliceNew;
    QString carolNew;
};
