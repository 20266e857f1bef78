#include "app/cli/AuditCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStandby.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/InterruptGuard.h"
#include "core/audit/AuditAnchor.h"
#include "core/audit/AuditReportCsv.h"
#include "core/audit/AuditReportPdf.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/periods/PeriodReport.h"
#include "core/reasons/ReasonCodes.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonObject>

#include <cstring>

namespace {

QtMessageHandler qtHandler = nullptr;

// QtGui's remark about a missing XDG_RUNTIME_DIR is no concern of a command that only draws a file.
void quietHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    if (qtHandler)
        qtHandler(type, context, message);
}

bool isPdf(const QString &fileName)
{
    return fileName.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
}

bool isCsv(const QString &fileName)
{
    return fileName.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
}

} // namespace

QString AuditCommands::usage()
{
    return tr("Usage: xpadmin-cli [global options] audit anchor --out FILE\n"
              "       xpadmin-cli [global options] audit report --user ID [--since DATE] [--until DATE] "
              "--out FILE.pdf|FILE.csv\n"
              "\n"
              "anchor writes the newest audit event and its hash to a small JSON file; keep it away from the "
              "database, and later `xpadmin-cli verify --anchor FILE` shows whether any event up to it was changed "
              "or removed, the newest ones included.\n"
              "report lists every audit event of one user in a period, with its hash, as PDF or CSV for an "
              "auditor to file.\n");
}

bool AuditCommands::needsGui(int argc, char *argv[])
{
    // Global options come first; the command is the first argument that is not one of them.
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        const bool takesValue = std::strcmp(argv[i], "--db") == 0 || std::strcmp(argv[i], "--actor") == 0
            || std::strcmp(argv[i], "--lang") == 0 || std::strcmp(argv[i], "--read-db") == 0;
        i += takesValue ? 2 : 1;
    }
    const bool report = i + 1 < argc && std::strcmp(argv[i], "audit") == 0 && std::strcmp(argv[i + 1], "report") == 0;
    // A statement's PDF: `statement ... --pdf FILE`; the controls report's: `report controls ... --pdf FILE`.
    const bool statement = i < argc
        && (std::strcmp(argv[i], "statement") == 0
            || (i + 1 < argc && std::strcmp(argv[i], "report") == 0 && std::strcmp(argv[i + 1], "controls") == 0));
    if (!report && !statement)
        return false;
    bool pdf = false;
    for (int j = i + 1; j < argc; ++j) {
        const QString argument = QString::fromLocal8Bit(argv[j]);
        if (statement)
            pdf = pdf || argument == QLatin1String("--pdf") || argument.startsWith(QLatin1String("--pdf="));
        else if (argument == QLatin1String("--out") && j + 1 < argc)
            pdf = isPdf(QString::fromLocal8Bit(argv[j + 1]));
        else if (argument.startsWith(QLatin1String("--out=")))
            pdf = isPdf(argument);
    }
    if (!pdf)
        return false;
    // A PDF is drawn, never shown: it must work on a server without a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qtHandler = qInstallMessageHandler(quietHandler);
    return true;
}

int AuditCommands::run(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("anchor"))
        return anchor(arguments.mid(1));
    if (sub == QLatin1String("report"))
        return report(arguments.mid(1));
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        out.write(usage());
        return ExitCode::Ok;
    }
    if (sub.isEmpty())
        return out.usage(tr("audit: give a subcommand, anchor or report (see xpadmin-cli audit --help)"));
    return out.usage(tr("audit: unknown subcommand %1; use anchor or report (see xpadmin-cli audit --help)")
                         .arg(Validation::quoted(sub)));
}

int AuditCommands::anchor(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("audit anchor"), QStringLiteral("--out FILE"),
                         tr("Writes the newest audit event's seq and hash, with the ledger's identity and the time, "
                            "to FILE (JSON). Keep the file where the database's users cannot change it; `xpadmin-cli "
                            "verify --anchor FILE` then also finds the newest events removed."));
    parser.addOption(QStringLiteral("out"), QStringLiteral("FILE"), tr("The anchor file to write."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const auto file = parser.text(QStringLiteral("out"), 4096);
    if (!file)
        return out.fail(file.error());

    auto db = m_context.open(CliContext::Access::Read);
    if (!db)
        return out.fail(db.error());
    const auto anchor = AuditAnchor::take(**db);
    if (!anchor)
        return out.fail(anchor.error());
    if (const Status saved = anchor->save(*file); !saved)
        return out.fail(saved.error());
    if (out.json()) {
        out.printJson(QJsonObject{{QStringLiteral("file"), *file},
                                  {QStringLiteral("seq"), anchor->seq},
                                  {QStringLiteral("hash"), anchor->hash},
                                  {QStringLiteral("takenAt"), Timestamp::toIso(anchor->takenAt)}});
    } else if (anchor->seq == 0) {
        out.print(tr("Anchored an empty audit log in %1").arg(*file));
    } else {
        out.print(tr("Anchored audit event %1 (hash %2) in %3").arg(QString::number(anchor->seq), anchor->hash, *file));
    }
    return ExitCode::Ok;
}

int AuditCommands::report(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(
        QStringLiteral("audit report"),
        QStringLiteral("--user ID [--since DATE] [--until DATE] --out FILE.pdf|FILE.csv [--separator SEP] [--bom]"),
        tr("Lists every audit event of one user in a period, oldest first, with seq, time, actor, "
           "operator, action, amount, reason and hash, under a header that names the user, the "
           "period, the database, when it was made and the newest hash of the whole log."));
    parser.addOption(QStringLiteral("user"), QStringLiteral("ID"), tr("The user the report is for."));
    parser.addOption(QStringLiteral("since"), QStringLiteral("DATE"),
                     tr("The first day (or moment) of the period; default: the first event."));
    parser.addOption(QStringLiteral("until"), QStringLiteral("DATE"),
                     tr("The last day of the period (a bare date includes that whole day); default: now."));
    parser.addOption(QStringLiteral("out"), QStringLiteral("FILE"),
                     tr("The report to write: a .pdf or a .csv file. It appears only when complete."));
    parser.addCsvFormatOptions();
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const auto format = parser.csvFormat();
    if (!format)
        return out.fail(format.error());
    const auto user = parser.text(QStringLiteral("user"), Validation::MaxIdLength);
    if (!user)
        return out.fail(user.error());
    const auto since = parser.date(QStringLiteral("since"), false);
    if (!since)
        return out.fail(since.error());
    const auto until = parser.date(QStringLiteral("until"), true);
    if (!until)
        return out.fail(until.error());
    const auto file = parser.text(QStringLiteral("out"), 4096);
    if (!file)
        return out.fail(file.error());
    if (!isPdf(*file) && !isCsv(*file))
        return out.fail(parser.usageError(tr("--out %1 is neither a PDF nor a CSV file name: end it with .pdf or .csv")
                                              .arg(Validation::quoted(*file))));
    if (isPdf(*file) && !qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return out.fail(Error::database(tr("Cannot draw a PDF here: the Qt GUI platform did not start")));

    auto db = m_context.open(CliContext::Access::ReadStandby);
    if (!db)
        return out.fail(db.error());
    std::unique_ptr<AuditReportWriter> writer;
    if (isPdf(*file))
        writer = std::make_unique<AuditReportPdf>(*file);
    else
        writer = std::make_unique<AuditReportCsv>(*file, *format);

    const InterruptGuard guard;
    QElapsedTimer timer;
    timer.start();
    const auto progress = [&](qint64 written, qint64 total) {
        if (timer.elapsed() > CliOutput::QuietMs)
            out.progress(tr("Writing the report: %1 of %n event(s)", nullptr, int(total)).arg(written));
        return !InterruptGuard::interrupted();
    };
    auto reasons = ReasonCodes(**db).catalog();
    if (!reasons)
        return out.fail(reasons.error());
    const AuditReportRequest request{user->trimmed(), *since, *until, *reasons};
    // A range in the closed period: the report says so and is the same whenever it is made.
    auto closure = PeriodReport::closureFor(**db, request);
    if (!closure)
        return out.fail(closure.error());
    AuditReport report(**db);
    report.setClosure(*closure);
    const auto written = report.write(request, *writer, progress);
    out.endProgress();
    if (!written)
        return out.fail(written.error());
    if (out.json()) {
        out.printJson(m_context.standby()
                          .wrap(QJsonObject{{QStringLiteral("file"), *file},
                                            {QStringLiteral("user"), request.userId},
                                            {QStringLiteral("events"), *written}})
                          .toObject());
    } else {
        m_context.standby().printAsOf();
        out.print(tr("Wrote %1 audit events of user %2 to %3").arg(QString::number(*written), request.userId, *file));
    }
    if (*written == 0)
        out.note(tr("No audit event of user %1 in this period: check the id and the dates").arg(request.userId));
    return ExitCode::Ok;
}
