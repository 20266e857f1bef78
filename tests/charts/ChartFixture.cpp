#include "tests/charts/ChartFixture.h"

#include "core/db/Dialect.h"
#include "core/domain/Timestamp.h"
#include "core/ledger/Ledger.h"
#include "core/users/Users.h"

#include <QDateTime>

bool ChartFixture::award(Database &db, const QString &userId, qint64 amount, SourceType type, Category category,
                         int dayOffset)
{
    static int serial = 0;
    Result<LedgerChange> change = type == SourceType::ManualAdjustment
        ? Ledger(db).adjust(userId, amount, QStringLiteral("Chart test adjustment"), category)
        : Ledger(db).award({userId, amount, type, QStringLiteral("chart-source-%1").arg(++serial),
                            QStringLiteral("Chart test award"), category});
    if (!change) {
        qWarning("%s", qPrintable(change.error().message));
        return false;
    }
    const QDateTime noon(day(dayOffset), QTime(12, 0));
    auto moved = db.run(
        QStringLiteral("UPDATE \"UserXP\" SET \"createdAt\" = %1 WHERE \"id\" = :id")
            .arg(db.dialect().timestampParam(QStringLiteral(":at"))),
        {{QStringLiteral(":at"), Timestamp::toSql(noon.toUTC())}, {QStringLiteral(":id"), change->rows.first().id}});
    if (!moved) {
        qWarning("%s", qPrintable(moved.error().message));
        return false;
    }
    return true;
}

bool ChartFixture::fill(Database &db)
{
    const QList<std::pair<QString, QString>> users{{QStringLiteral("alice"), QStringLiteral("Alice Example")},
                                                   {QStringLiteral("bob"), QStringLiteral("Bob Builder")},
                                                   {QStringLiteral("carol"), QStringLiteral("Carol Counter")},
                                                   {QStringLiteral("dave"), QStringLiteral("Dave Distant")}};
    for (const auto &[id, name] : users) {
        if (auto added = Users(db).add(id, id + QStringLiteral("@example.com"), name); !added) {
            qWarning("%s", qPrintable(added.error().message));
            return false;
        }
    }
    const QString alice = QStringLiteral("alice");
    const QString bob = QStringLiteral("bob");
    const QString carol = QStringLiteral("carol");
    return award(db, alice, 100, SourceType::UserProblemAttempt, Category::CorrectAnswer, -2)
        && award(db, alice, 50, SourceType::UserProblemAttempt, Category::CorrectAnswer, -2)
        && award(db, alice, 30, SourceType::UserProblemAttempt, Category::CorrectAnswer, 0)
        && award(db, alice, 20, SourceType::DailyStreak, Category::StreakBonus, -1)
        && award(db, bob, 40, SourceType::UserProblemAttempt, Category::CorrectAnswer, 0)
        && award(db, bob, 500, SourceType::SpecialAchievement, Category::Achievement, -20)
        && award(db, carol, 10, SourceType::UserProblemAttempt, Category::CorrectAnswer, -3)
        && award(db, carol, -120, SourceType::ManualAdjustment, Category::Manual, -1)
        && award(db, QStringLiteral("dave"), 5, SourceType::UserProblemAttempt, Category::CorrectAnswer, -200);
}

QString ChartFixture::location(const ConnectionSpec &spec)
{
    return spec.backend == ConnectionSpec::Backend::Sqlite ? spec.path : spec.toUrl(true);
}
