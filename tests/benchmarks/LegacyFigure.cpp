#include "tests/benchmarks/LegacyFigure.h"

#include "core/db/Database.h"
#include "core/db/RollupDdl.h"
#include "core/db/Schema.h"
#include "core/domain/Timestamp.h"
#include "core/import/BatchImporter.h"
#include "tests/benchmarks/BenchText.h"
#include "tests/benchmarks/LegacyRows.h"
#include "tests/benchmarks/RawEngine.h"
#include "tests/benchmarks/Samples.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <array>
#include <functional>

namespace {

// A fresh, empty ledger beside the data set's database, named after it with suffix. The raw
// engine's (plain) is without the triggers that keep XP Admin's chart rollups on SQLite: XP
// Admin's import adds its rows' sums to them, the raw load does not.
enum class Tables { Ledger, Plain };
Result<ConnectionSpec> freshLedger(Database &db, const QString &suffix, Tables tables = Tables::Ledger)
{
    ConnectionSpec spec = db.spec();
    if (db.dialect().isPostgres()) {
        spec.database = db.spec().database + QLatin1Char('_') + suffix;
        // CREATE and DROP DATABASE take no parameters; the name is the bench's own.
        if (const Status s = db.execute(QStringLiteral("DROP DATABASE IF EXISTS \"%1\"").arg(spec.database)); !s)
            return s.error();
        if (const Status s = db.execute(QStringLiteral("CREATE DATABASE \"%1\"").arg(spec.database)); !s)
            return s.error();
    } else {
        spec.path = db.spec().path + QLatin1Char('.') + suffix;
        for (const QString &end : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(spec.path + end);
    }
    auto ledger = Database::open(spec, QStringLiteral("xpadmin-bench"));
    if (!ledger)
        return ledger.error();
    if (auto state = Schema::ensure(**ledger); !state)
        return state.error();
    if (tables == Tables::Plain) {
        if (const Status s = RollupDdl::removeTriggers(**ledger); !s)
            return s.error();
    }
    return spec;
}

Status dropLedger(Database &db, const ConnectionSpec &spec)
{
    if (db.dialect().isPostgres())
        return db.execute(QStringLiteral("DROP DATABASE IF EXISTS \"%1\"").arg(spec.database));
    for (const QString &end : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(spec.path + end);
    return {};
}

} // namespace

Result<QList<FigureResult>> LegacyFigure::run()
{
    const LegacyRows rows = LegacyRows::generate(m_options.legacyUsers, 9);
    QTemporaryDir folder;
    const QString file = folder.filePath(QStringLiteral("legacy.csv"));
    if (const Status s = rows.writeCsv(file); !s)
        return s.error();

    // XP Admin: the file, as `xpadmin-cli import-legacy FILE` reads, checks and writes it.
    const auto xpadminImport = [&]() -> Result<double> {
        auto xpSpec = freshLedger(m_db, QStringLiteral("legacy_xpadmin"));
        if (!xpSpec)
            return xpSpec.error();
        double ms = 0;
        {
            auto ledger = Database::open(*xpSpec, QStringLiteral("xpadmin-bench"));
            if (!ledger)
                return ledger.error();
            QElapsedTimer timer;
            timer.start();
            auto report = BatchImporter(**ledger).importFile(ImportKind::Legacy, file, false);
            ms = double(timer.nsecsElapsed()) / 1e6;
            if (!report)
                return report.error();
            if (report->users != rows.size() || report->totalAfter != rows.grandTotal())
                return Error::database(QStringLiteral("the import wrote %1 users and %2 XP, not %3 and %4")
                                           .arg(report->users)
                                           .arg(report->totalAfter)
                                           .arg(rows.size())
                                           .arg(rows.grandTotal()));
        }
        if (const Status s = dropLedger(m_db, *xpSpec); !s)
            return s.error();
        return ms;
    };

    // The raw engine: the same rows, loaded through its own C API into an empty ledger; and
    // again with an audit row a user, which is what XP Admin's import writes.
    const auto rawLoad = [&](bool withAudit) -> Result<double> {
        auto rawSpec = freshLedger(m_db, withAudit ? QStringLiteral("legacy_raw_audit") : QStringLiteral("legacy_raw"),
                                   Tables::Plain);
        if (!rawSpec)
            return rawSpec.error();
        double ms = 0;
        {
            auto raw = RawEngine::open(*rawSpec);
            if (!raw)
                return raw.error();
            QElapsedTimer timer;
            timer.start();
            if (const Status s = (*raw)->legacyLoad(rows, Timestamp::toSql(Timestamp::now()).toUtf8(), withAudit); !s)
                return s.error();
            ms = double(timer.nsecsElapsed()) / 1e6;
        }
        if (const Status s = dropLedger(m_db, *rawSpec); !s)
            return s.error();
        return ms;
    };

    // --repeat runs of each side, the median reported; each run a different side goes first, as
    // the file and the disk's cache favour whichever runs later.
    const std::array<std::function<Result<double>()>, 3> sides{xpadminImport, [&] { return rawLoad(false); },
                                                               [&] { return rawLoad(true); }};
    std::array<Samples, 3> samples;
    for (int run = 0; run < m_options.repeat; ++run) {
        for (std::size_t turn = 0; turn < sides.size(); ++turn) {
            const std::size_t side = (turn + std::size_t(run)) % sides.size();
            auto ms = sides.at(side)();
            if (!ms)
                return ms.error();
            samples.at(side).add(*ms);
        }
    }
    const double xpadminMs = samples[0].median();
    const double rawMs = samples[1].median();
    const double rawAuditMs = samples[2].median();

    const double xRate = rows.size() / (xpadminMs / 1000);
    const auto rate = [&](double ms) { return BenchText::number(rows.size() / (ms / 1000)); };
    const QString users = BenchText::number(rows.size());
    const QJsonObject common{{QStringLiteral("users"), rows.size()},
                             {QStringLiteral("xpadmin_users_per_s"), xRate},
                             {QStringLiteral("runs"), m_options.repeat}};
    QJsonObject plain = common;
    plain.insert(QStringLiteral("raw_users_per_s"), rows.size() / (rawMs / 1000));
    QJsonObject audited = common;
    audited.insert(QStringLiteral("raw_users_per_s"), rows.size() / (rawAuditMs / 1000));
    // 9a: the raw side writes the user, the transaction and the total. 9b: also the audit row
    // each user gets, which XP Admin's import writes too: every row the import leaves behind.
    return QList<FigureResult>{
        {QStringLiteral("9a"), QStringLiteral("legacy import, %1 users; raw without audit").arg(users), xpadminMs,
         rawMs,
         QStringLiteral("%1 vs %2 users/s; raw: user, transaction, total").arg(BenchText::number(xRate), rate(rawMs)),
         plain},
        {QStringLiteral("9b"), QStringLiteral("legacy import, %1 users; raw with audit").arg(users), xpadminMs,
         rawAuditMs,
         QStringLiteral("%1 vs %2 users/s; raw: the same and an audit row, as the import")
             .arg(BenchText::number(xRate), rate(rawAuditMs)),
         audited}};
}
