#include "tests/benchmarks/AsOfFigures.h"

#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/history/TotalsQuery.h"
#include "core/ledger/Ledger.h"
#include "core/statement/StatementQuery.h"
#include "core/users/Users.h"
#include "tests/benchmarks/BenchText.h"
#include "tests/benchmarks/RawEngine.h"
#include "tests/benchmarks/SideBySide.h"

using BenchText::number;
using SideBySide::compare;
using SideBySide::timed;

namespace {

const QString StatementUser = DataSet::statementUser();
constexpr int Removed = 1000; // of the statement user's rows, rolled back by XP Admin
constexpr int Restored = 500; // of those, restored

} // namespace

Result<QString> AsOfFigures::statementUser()
{
    Database &db = m_context.db;
    const qint64 wanted = m_context.options.statementRows;
    auto count = db.run(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = :user"),
                        {{QStringLiteral(":user"), StatementUser}});
    if (!count)
        return count.error();
    if (count->next() && count->integer(0) >= wanted - Removed)
        return StatementUser;
    auto user = Users(db).add(StatementUser, QStringLiteral("statement@bench.invalid"), QStringLiteral("Statement"));
    if (!user)
        return user.error();
    const Dialect &d = db.dialect();
    // One second apart, up to now: the web app's rows of a very busy user.
    const QString sql = d.isPostgres()
        ? QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                         "\"description\", \"category\", \"createdAt\", \"updatedAt\") SELECT 'bst' || g, :user, "
                         "1 + g % 50, %1, 'bst-' || g, 'Statement row ' || g, %2, LOCALTIMESTAMP - g * interval "
                         "'1 second', LOCALTIMESTAMP - g * interval '1 second' FROM generate_series(1, :rows) g")
              .arg(d.sourceTypeParam(QStringLiteral("'USER_PROBLEM_ATTEMPT'")),
                   d.categoryParam(QStringLiteral("'CORRECT_ANSWER'")))
        : QStringLiteral("WITH RECURSIVE c(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM c WHERE g < :rows) "
                         "INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                         "\"description\", \"category\", \"createdAt\", \"updatedAt\") SELECT 'bst' || g, :user, "
                         "1 + g % 50, 'USER_PROBLEM_ATTEMPT', 'bst-' || g, 'Statement row ' || g, 'CORRECT_ANSWER', "
                         "strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || g || ' seconds'), "
                         "strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || g || ' seconds') FROM c");
    const Status written = db.writeTransaction([&]() -> Status {
        auto rows = db.run(sql, {{QStringLiteral(":user"), StatementUser}, {QStringLiteral(":rows"), wanted}});
        return rows ? Status() : Status(rows.error());
    });
    if (!written)
        return written.error();
    Ledger ledger(db);
    if (auto total = ledger.recalculate(StatementUser); !total)
        return total.error();
    QStringList ids;
    for (int i = 1; i <= Removed; ++i)
        ids << QStringLiteral("bst%1").arg(i * (wanted / Removed));
    if (auto done = ledger.rollback(ids, QStringLiteral("bench: rolled back")); !done)
        return done.error();
    if (auto done = ledger.restore(ids.mid(0, Restored), QStringLiteral("bench: restored")); !done)
        return done.error();
    return StatementUser;
}

Status AsOfFigures::statement()
{
    if (!m_context.options.wants(QStringLiteral("10a")))
        return {};
    auto user = statementUser();
    if (!user)
        return user.error();
    qint64 entries = 0;
    qint64 rawRows = 0;
    std::optional<Statement> read;
    Samples x, r;
    const Status status = compare(m_context.options.repeat, timed([&]() -> Status {
                                      auto s = StatementQuery(m_context.db).read(*user, {}, {});
                                      if (!s)
                                          return s.error();
                                      entries = s->entries.size();
                                      read = std::move(*s);
                                      return {};
                                  }),
                                  timed([&]() -> Status {
                                      auto rows = m_context.raw.statementOf(user->toUtf8());
                                      if (!rows)
                                          return rows.error();
                                      rawRows = *rows;
                                      return {};
                                  }),
                                  x, r);
    if (!status)
        return status;
    if (!read->reconciles())
        return Error::database(QStringLiteral("the statement of %1 does not reconcile: closing %2, cached %3")
                                   .arg(*user)
                                   .arg(read->closing)
                                   .arg(read->cachedTotal.value_or(-1)));
    m_context.add({QStringLiteral("10a"),
                   QStringLiteral("statement of a user, %1 transactions").arg(number(double(rawRows))),
                   x.median(),
                   r.median(),
                   QStringLiteral("%1 lines; raw: window SUM, no log").arg(number(double(entries))),
                   {{QStringLiteral("lines"), entries},
                    {QStringLiteral("rows"), rawRows},
                    {QStringLiteral("runs"), int(x.size())}}});
    return {};
}

Status AsOfFigures::leaderboards()
{
    // A moment an hour back: the log's row events since then are what the rebuilt ledger undoes.
    HistoryFilter past;
    past.asOf = Timestamp::now().addSecs(-3600);
    for (const bool asOf : {true, false}) {
        const QString id = asOf ? QStringLiteral("10b") : QStringLiteral("10c");
        if (!m_context.options.wants(id))
            continue;
        QList<TotalsRow> xTop;
        QList<RawTotal> rTop;
        Samples x, r;
        const Status status = compare(m_context.options.repeat, timed([&]() -> Status {
                                          auto rows
                                              = TotalsQuery(m_context.db)
                                                    .totals(TotalsQuery::GroupBy::User, asOf ? past : HistoryFilter(),
                                                            RawEngine::LeaderboardTop);
                                          if (!rows)
                                              return rows.error();
                                          xTop = *rows;
                                          return {};
                                      }),
                                      timed([&]() -> Status {
                                          auto rows = m_context.raw.leaderboard(RawEngine::LeaderboardTop);
                                          if (!rows)
                                              return rows.error();
                                          rTop = *rows;
                                          return {};
                                      }),
                                      x, r);
        if (!status)
            return status;
        if (!asOf && (xTop.size() != rTop.size() || xTop.value(0).total != rTop.value(0).total))
            return Error::database(QStringLiteral("the leaderboards differ"));
        m_context.add({id,
                       asOf ? QStringLiteral("leaderboard as of an hour ago, top %1").arg(RawEngine::LeaderboardTop)
                            : QStringLiteral("leaderboard now, top %1").arg(RawEngine::LeaderboardTop),
                       x.median(),
                       r.median(),
                       QStringLiteral("raw: the current leaderboard"),
                       {{QStringLiteral("runs"), int(x.size())}}});
    }
    return {};
}
