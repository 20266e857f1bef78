#include "app/cli/DemoCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliProgress.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/InterruptGuard.h"
#include "core/db/Database.h"
#include "core/db/Schema.h"
#include "core/import/DemoGenerator.h"

#include <QElapsedTimer>
#include <QJsonObject>

#include <limits>

namespace {

QString perSecond(qint64 rows, qint64 ms)
{
    return QString::number(ms > 0 ? rows * 1000 / ms : rows);
}

} // namespace

int DemoCommand::run(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    const DemoOptions defaults;
    CommandParser parser(QStringLiteral("demo"), QStringLiteral("[--users N] [--transactions M] [--days D] [--seed S]"),
                         tr("Adds realistic sample data: users, and XP transactions spread over the last days. "
                            "Ctrl+C cancels, and then nothing is kept."));
    parser.addOption(QStringLiteral("users"), QStringLiteral("N"),
                     tr("Users to add (default %1).").arg(defaults.users));
    parser.addOption(QStringLiteral("transactions"), QStringLiteral("M"),
                     tr("Transactions to add (default %1).").arg(defaults.transactions));
    parser.addOption(QStringLiteral("days"), QStringLiteral("D"),
                     tr("Spread over the last D days (default %1).").arg(defaults.days));
    parser.addOption(QStringLiteral("seed"), QStringLiteral("S"),
                     tr("Random seed: the same seed gives the same data (default %1).").arg(defaults.seed));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;

    constexpr qint64 IntMax = std::numeric_limits<int>::max();
    const auto users = parser.integer(QStringLiteral("users"), defaults.users, 0, IntMax);
    if (!users)
        return out.fail(users.error());
    const auto transactions
        = parser.integer(QStringLiteral("transactions"), defaults.transactions, 0, std::numeric_limits<qint64>::max());
    if (!transactions)
        return out.fail(transactions.error());
    const auto days = parser.integer(QStringLiteral("days"), defaults.days, 0, IntMax);
    if (!days)
        return out.fail(days.error());
    const auto seed = parser.integer(QStringLiteral("seed"), defaults.seed, 0, std::numeric_limits<quint32>::max());
    if (!seed)
        return out.fail(seed.error());
    DemoOptions options;
    options.users = static_cast<int>(*users);
    options.transactions = *transactions;
    options.days = static_cast<int>(*days);
    options.seed = static_cast<quint32>(*seed);
    if (const Status status = DemoGenerator::check(options); !status)
        return out.fail(status.error());

    auto db = m_context.open(CliContext::Access::Create);
    if (!db)
        return out.fail(db.error());
    const auto before = Schema::inspect(**db);
    if (!before)
        return out.fail(before.error());
    if (const auto ready = Schema::ensure(**db); !ready)
        return out.fail(ready.error());
    if (!before->ledgerExists)
        out.note(tr("Created a new XP ledger in %1").arg((*db)->spec().displayName()));

    const InterruptGuard guard;
    CliProgress shown(out);
    const auto progress = [&](qint64 done, qint64 total) {
        return shown.update([&]() -> QString {
            return tr("Demo data: %1/%n transaction(s), %2 rows/s", nullptr, int(total))
                .arg(done)
                .arg(shown.perSecond(done));
        });
    };
    const auto summary = DemoGenerator(**db).generate(options, progress);
    out.endProgress();
    if (!summary)
        return out.fail(summary.error());
    const qint64 ms = shown.elapsedMs();
    if (InterruptGuard::interrupted())
        out.note(tr("Ctrl+C came while the finished data was being saved: it has been kept."));

    if (out.json()) {
        out.printJson(
            QJsonObject{{QStringLiteral("users"), summary->users},
                        {QStringLiteral("transactions"), summary->transactions},
                        {QStringLiteral("totalXP"), summary->totalXP},
                        {QStringLiteral("seconds"), static_cast<double>(ms) / 1000.0},
                        {QStringLiteral("rowsPerSecond"), perSecond(summary->transactions, ms).toLongLong()}});
        return ExitCode::Ok;
    }
    const QList<QStringList> rows{
        {tr("Users added:"), QString::number(summary->users)},
        {tr("Transactions added:"), QString::number(summary->transactions)},
        {tr("Total XP:"), QString::number(summary->totalXP)},
        {tr("Elapsed:"), tr("%1 s").arg(QString::number(static_cast<double>(ms) / 1000.0, 'f', 2))},
        {tr("Rows per second:"), perSecond(summary->transactions, ms)},
    };
    out.write(CliFormat::table(rows, {false, true}));
    return ExitCode::Ok;
}
