#include "app/gui/ChartExportCommand.h"

#include "app/cli/ExitCode.h"
#include "core/charts/ChartLoader.h"
#include "core/db/ConnectionSpec.h"
#include "core/db/Database.h"
#include "core/db/Schema.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "ui/charts/ChartExporter.h"
#include "ui/charts/ChartText.h"

#include <QDir>
#include <QFileInfo>

#include <cstdio>
#include <cstring>

namespace {

// A date or date-time typed by a person, as the local day it falls on.
std::optional<QDate> localDay(const QString &text)
{
    const QDateTime moment = Timestamp::parseUserInput(text);
    if (!moment.isValid())
        return std::nullopt;
    return moment.toLocalTime().date();
}

QtMessageHandler qtHandler = nullptr;

void quietHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    if (qtHandler)
        qtHandler(type, context, message);
}

} // namespace

bool ChartExportCommand::prepare(int argc, char *argv[])
{
    bool exporting = false;
    for (int i = 1; i < argc && !exporting; ++i)
        exporting = std::strcmp(argv[i], "--export-chart") == 0 || std::strncmp(argv[i], "--export-chart=", 15) == 0;
    if (!exporting)
        return false;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qtHandler = qInstallMessageHandler(quietHandler);
    return true;
}

int ChartExportCommand::fail(int code, const QString &message)
{
    std::fprintf(stderr, "xpadmin: %s\n", qPrintable(message));
    return code;
}

int ChartExportCommand::run(const Arguments &arguments)
{
    const auto kind = ChartKinds::fromName(arguments.kind);
    if (!kind)
        return fail(ExitCode::Usage,
                    tr("--export-chart %1 is not a chart: use one of %2")
                        .arg(Validation::quoted(arguments.kind), ChartKinds::names().join(QStringLiteral(", "))));
    if (!arguments.out || arguments.out->trimmed().isEmpty())
        return fail(ExitCode::Usage, tr("--out is missing: name the file to write, ending in .png, .svg or .pdf"));
    const QString out = *arguments.out;
    if (!ChartExporter::formatFor(out))
        return fail(ExitCode::Usage,
                    tr("--out %1 is not a PNG, SVG or PDF file name: end it with .png, .svg or .pdf")
                        .arg(Validation::quoted(out)));

    ChartRequest request;
    request.userId = arguments.userId.trimmed();
    // The top users only for their chart: over a long range they are the slow part of a load.
    if (*kind != ChartKind::TopUsers)
        request.topUsers = 0;
    const QString dateHint = tr("write it as 2026-11-01, \"2026-11-01 13:00\" or 2026-11-01T13:00:00Z");
    if (arguments.since) {
        const auto day = localDay(*arguments.since);
        if (!day)
            return fail(ExitCode::Usage,
                        tr("--since %1 is not a date: %2").arg(Validation::quoted(*arguments.since), dateHint));
        request.first = *day;
    }
    if (arguments.until) {
        const auto day = localDay(*arguments.until);
        if (!day)
            return fail(ExitCode::Usage,
                        tr("--until %1 is not a date: %2").arg(Validation::quoted(*arguments.until), dateHint));
        request.last = *day;
    }
    if (request.first.isValid() && request.last.isValid() && request.last < request.first)
        return fail(ExitCode::Usage,
                    tr("--until %1 is before --since %2")
                        .arg(Validation::quoted(*arguments.until), Validation::quoted(*arguments.since)));

    const QString location = arguments.database.isEmpty() ? qEnvironmentVariable("XPADMIN_DB") : arguments.database;
    const auto spec = ConnectionSpec::parse(location);
    if (!spec)
        return fail(ExitCode::Usage, tr("--db %1: %2").arg(Validation::quoted(location), spec.error().message));
    // Read-only: a chart never creates or changes the database it reads.
    if (spec->backend == ConnectionSpec::Backend::Sqlite && !QFileInfo::exists(spec->path))
        return fail(ExitCode::Usage, Schema::noLedgerMessage(*spec));
    auto db = Database::open(*spec, arguments.operatorName, Database::OpenMode::ReadOnly);
    if (!db)
        return fail(ExitCode::of(db.error().kind), db.error().message);
    if (const Status ready = Schema::requireReady(**db); !ready)
        return fail(ExitCode::of(ready.error().kind), ready.error().message);

    const auto figures = ChartLoader::load(**db, request);
    if (!figures) {
        if (figures.error().kind == Error::Kind::Input)
            return fail(ExitCode::Usage,
                        tr("--user %1 is not a user of this ledger").arg(Validation::quoted(request.userId)));
        return fail(ExitCode::Database, figures.error().message);
    }
    const Status written = ChartExporter::write(*kind, figures->data, figures->scope, out);
    if (!written)
        return fail(ExitCode::Usage, tr("--out %1: %2").arg(Validation::quoted(out), written.error().message));
    const qint64 transactions = *kind == ChartKind::TopUsers
        ? [&] {
              qint64 sum = 0;
              for (const TopUser &user : figures->data.topUsers)
                  sum += user.transactions;
              return sum;
          }()
        : figures->data.byCategory.totalTransactions();
    std::printf("%s\n",
                qPrintable(tr("Wrote %1 (%2, %3)")
                               .arg(QDir::toNativeSeparators(out), ChartKinds::name(*kind),
                                    ChartText::transactions(transactions))));
    return ExitCode::Ok;
}
