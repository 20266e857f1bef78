#include "core/import/DemoGenerator.h"

#include "core/audit/AuditLog.h"
#include "core/capture/LoggedRollups.h"
#include "core/db/BulkInsert.h"
#include "core/db/Database.h"
#include "core/db/DeferredRollups.h"
#include "core/domain/Cuid.h"
#include "core/domain/Timestamp.h"
#include "core/domain/XpEnums.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/TransactionRows.h"
#include "core/periods/PeriodGuard.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

const char *const FirstNames[]
    = {"Ada",    "Alan",  "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken",   "Katherine", "Edsger", "Frances",
       "Donald", "Radia", "Tim",   "Hedy",  "John",     "Sophie", "Yuki",    "Amara", "Mateo",     "Priya",  "Lars",
       "Fatima", "Chen",  "Ines",  "Omar",  "Elena",    "Kwame",  "Noor",    "Pablo", "Aiko",      "Jonas"};
const char *const LastNames[] = {"Lovelace", "Turing",  "Hopper",   "Torvalds", "Hamilton", "Ritchie", "Liskov",
                                 "Thompson", "Johnson", "Dijkstra", "Allen",    "Knuth",    "Perlman", "Berners-Lee",
                                 "Lamarr",   "Backus",  "Wilson",   "Tanaka",   "Okafor",   "Garcia",  "Sharma",
                                 "Nilsson",  "Haddad",  "Wei",      "Moreau",   "Farouk",   "Petrova", "Mensah"};
const char *const Difficulties[] = {"easy", "medium", "hard"};
const char *const Achievements[]
    = {"First Steps", "Problem Solver", "Night Owl", "Perfect Week", "Century", "Speed Runner", "Explorer", "Mentor"};
const char *const AdjustReasons[]
    = {"Compensation for the outage on the practice server", "Correction: a duplicate award was counted twice",
       "Bonus for reporting a bug in problem statements", "Goodwill credit after a support ticket",
       "Contest prize: weekly challenge"};

template<typename T, std::size_t N>
const T &pick(QRandomGenerator &random, const T (&items)[N])
{
    return items[random.bounded(static_cast<quint32>(N))];
}

QString latin1(const char *text)
{
    return QString::fromLatin1(text);
}

} // namespace

Status DemoGenerator::check(const DemoOptions &options)
{
    if (options.users < 1 || options.users > 10'000'000)
        return Error::input(tr("--users %1 is out of range: give 1 to 10000000").arg(options.users));
    if (options.transactions < 0 || options.transactions > 1'000'000'000)
        return Error::input(tr("--transactions %1 is out of range: give 0 to 1000000000").arg(options.transactions));
    if (options.days < 1 || options.days > 3650)
        return Error::input(tr("--days %1 is out of range: give 1 to 3650").arg(options.days));
    return {};
}

Result<DemoSummary> DemoGenerator::generate(const DemoOptions &options, const Progress &progress)
{
    if (const Status s = check(options); !s)
        return s.error();
    const Dialect &d = m_db.dialect();
    DemoSummary summary;
    const Status status = m_db.writeTransaction([&]() -> Status {
        summary = {};
        QRandomGenerator random(options.seed);

        // Users, each with an activity weight: a long tail of occasional learners.
        std::vector<QString> userIds;
        std::vector<double> cumulative;
        userIds.reserve(options.users);
        cumulative.reserve(options.users);
        const QString batchTag = Cuid::generate().right(6);
        BulkInsert users(m_db, QStringLiteral("\"User\""),
                         {QStringLiteral("\"id\""), QStringLiteral("\"email\""), QStringLiteral("\"name\"")},
                         {QStringLiteral("?"), QStringLiteral("?"), QStringLiteral("?")}, 1000);
        double weightSum = 0;
        for (int i = 0; i < options.users; ++i) {
            const QString first = latin1(pick(random, FirstNames));
            const QString last = latin1(pick(random, LastNames));
            const QString id = Cuid::generate();
            const QString email = QStringLiteral("%1.%2.%3%4@example.com")
                                      .arg(first.toLower(), last.toLower().remove(QLatin1Char('-')))
                                      .arg(i + 1)
                                      .arg(batchTag);
            if (const Status s = users.add({id, email, QString(first + QLatin1Char(' ') + last)}); !s)
                return s;
            weightSum += std::pow(1.0 - random.generateDouble() * 0.99, -1.2);
            userIds.push_back(id);
            cumulative.push_back(weightSum);
        }
        if (const Status s = users.finish(); !s)
            return s;

        BulkInsert rows(m_db, QStringLiteral("\"UserXP\""), TransactionRows::columnNames(),
                        TransactionRows::valueExpressions(d));
        const qint64 spanMs = qint64(options.days) * 24 * 3600 * 1000;
        const qint64 endMs = QDateTime::currentMSecsSinceEpoch();
        if (const Status s = PeriodGuard(m_db).allowDatedFrom(QDateTime::fromMSecsSinceEpoch(endMs - spanMs, Qt::UTC),
                                                              tr("add demo data"));
            !s)
            return s;
        // The rollups take the rows' sums once at the end, not an upsert a row.
        auto rollups = DeferredRollups::defer(m_db, options.transactions);
        if (!rollups)
            return rollups.error();
        const qint64 progressStep = std::max<qint64>(1000, options.transactions / 200);
        for (qint64 i = 0; i < options.transactions; ++i) {
            const double target = random.generateDouble() * weightSum;
            const auto userIndex
                = std::distance(cumulative.begin(), std::lower_bound(cumulative.begin(), cumulative.end(), target));
            const QString &userId = userIds.at(std::min<std::size_t>(userIndex, userIds.size() - 1));
            // Later days are a little busier; daytime more than night.
            const double dayFraction = std::sqrt(random.generateDouble());
            qint64 at = endMs - spanMs + qint64(dayFraction * double(spanMs));
            const int hour = int(8 + std::fabs(random.generateDouble() * 8 + random.generateDouble() * 6 - 7));
            at = at - (at % (24 * 3600 * 1000)) + qint64(std::min(hour, 23)) * 3600 * 1000
                + random.bounded(3600 * 1000);
            if (at > endMs) // today, later than now: move it back into the hours already past
                at = endMs - random.bounded(6 * 3600 * 1000);
            const QString createdAt = Timestamp::toSql(QDateTime::fromMSecsSinceEpoch(at, Qt::UTC));

            const quint32 kind = random.bounded(100u);
            qint32 amount = 0;
            SourceType type;
            Category category;
            QString sourceId;
            QString description;
            if (kind < 78) {
                const int problem = int(random.bounded(5000u)) + 1;
                const char *difficulty = pick(random, Difficulties);
                type = SourceType::UserProblemAttempt;
                category = Category::CorrectAnswer;
                amount = qint32(10 * (1 + random.bounded(3u)) * (difficulty[0] == 'h' ? 2 : 1));
                sourceId = QStringLiteral("attempt_%1").arg(QString::number(i + 1, 36));
                description = QStringLiteral("Correct answer: problem #%1 (%2)").arg(problem).arg(latin1(difficulty));
            } else if (kind < 92) {
                const int streak = int(random.bounded(30u)) + 2;
                type = SourceType::DailyStreak;
                category = Category::StreakBonus;
                amount = qint32(std::min(5 * streak, 100));
                sourceId = QStringLiteral("streak_%1_%2").arg(userId.right(8), createdAt.left(10));
                description = QStringLiteral("%1-day streak bonus").arg(streak);
            } else if (kind < 97) {
                const char *name = pick(random, Achievements);
                static const qint32 Rewards[] = {100, 250, 500, 1000};
                type = SourceType::SpecialAchievement;
                category = Category::Achievement;
                amount = pick(random, Rewards);
                sourceId
                    = QStringLiteral("achievement_%1_%2")
                          .arg(latin1(name).toLower().replace(QLatin1Char(' '), QLatin1Char('_')), userId.right(8));
                description = QStringLiteral("Achievement unlocked: %1").arg(latin1(name));
            } else {
                type = SourceType::ManualAdjustment;
                category = Category::Manual;
                amount = qint32(random.bounded(20u) + 1) * 10 * (random.bounded(5u) == 0 ? -1 : 1);
                sourceId = QStringLiteral("adjust-demo-%1").arg(QString::number(i + 1, 36));
                description = latin1(pick(random, AdjustReasons));
            }
            if (const Status s = rows.add({Cuid::generate(), userId, amount, XpEnums::name(type), sourceId, description,
                                           XpEnums::name(category), createdAt, createdAt});
                !s)
                return s;
            summary.totalXP += amount;
            if (progress && (i + 1) % progressStep == 0 && !progress(i + 1, options.transactions))
                return Error::cancelled(tr("Demo data generation cancelled; nothing was kept"));
        }
        if (const Status s = rows.finish(); !s)
            return s;
        if (const Status s = rollups->restore(); !s)
            return s;
        // PostgreSQL's rollups follow the log, which holds no demo row: built again with them.
        auto logged = LoggedRollups::isKept(m_db);
        if (!logged)
            return logged.error();
        if (const Status s = *logged ? LoggedRollups::build(m_db) : Status(); !s)
            return s;
        summary.users = options.users;
        summary.transactions = rows.rowsWritten();

        auto recalculated = Ledger(m_db).recalculateAll(QStringLiteral("demo"), Ledger::AuditEach::Nothing);
        if (!recalculated)
            return recalculated.error();
        AuditEvent event;
        event.action = QStringLiteral("demo");
        event.operationId = Cuid::generate();
        event.amount = summary.totalXP;
        event.reason = tr("demo data: %1 users, %2 transactions over %3 days (seed %4)")
                           .arg(options.users)
                           .arg(options.transactions)
                           .arg(options.days)
                           .arg(options.seed);
        event.snapshot = QString::fromUtf8(
            QJsonDocument(QJsonObject{
                              {QStringLiteral("users"), options.users},
                              {QStringLiteral("transactions"), QString::number(summary.transactions)},
                              {QStringLiteral("days"), options.days},
                              {QStringLiteral("seed"), qint64(options.seed)},
                              {QStringLiteral("totalXP"), QString::number(summary.totalXP)},
                          })
                .toJson(QJsonDocument::Compact));
        if (progress && !progress(options.transactions, options.transactions))
            return Error::cancelled(tr("Demo data generation cancelled; nothing was kept"));
        return AuditLog(m_db).append({event});
    });
    if (!status)
        return status.error();
    return summary;
}
