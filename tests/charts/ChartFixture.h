#pragma once

#include "core/domain/XpEnums.h"
#include "tests/support/TestBackend.h"

#include <QDate>
#include <QString>

// A small ledger with known XP on known local days, relative to today, so the range presets
// find them. Over the last 7 days (day 0 = today):
//   alice  Correct answer  100 and 50 on day -2, 30 on day 0; Streak bonus 20 on day -1
//   bob    Correct answer  40 on day 0            (and Achievement 500 on day -20)
//   carol  Correct answer  10 on day -3; Manual adjustment -120 on day -1
//   dave   Correct answer  5 on day -200          (only in "Last year" and "All")
class ChartFixture final
{
public:
    static QDate day(int offset) { return QDate::currentDate().addDays(offset); }
    // Fills db; false (with a warning) when something could not be stored.
    static bool fill(Database &db);
    // An award on a given local day (at noon), made with the core ledger.
    static bool award(Database &db, const QString &userId, qint64 amount, SourceType type, Category category,
                      int dayOffset);
    // The --db argument of this database for a separate process.
    static QString location(const ConnectionSpec &spec);
};
