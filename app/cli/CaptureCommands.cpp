#include "app/cli/CaptureCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/Subcommands.h"
#include "core/capture/CaptureInstaller.h"
#include "core/capture/LoggedRollups.h"
#include "core/db/Database.h"
#include "core/db/Dialect.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <limits>

QString CaptureCommands::usage()
{
    return tr("Usage: xpadmin-cli [global options] capture install [--print-sql]\n"
              "       xpadmin-cli [global options] capture remove\n"
              "       xpadmin-cli [global options] capture status [--json]\n"
              "\n"
              "Capture of changes made outside XP Admin (PostgreSQL): install puts triggers on the web app's "
              "\"UserXP\" and \"UserProfile\" that record every insert, update and delete XP Admin did not make, "
              "with the database role, application_name, client address and time, into xpadmin.captured_change; "
              "XP Admin seals them into the audit log's hash chain at once while a window or watch is open with a "
              "role that may (support or admin), else with its next write, and verify seals them first. The tables' "
              "columns, indexes and constraints stay as Prisma made them. remove seals what "
              "is waiting, then drops the triggers, the function and the table. Run install and remove as the "
              "owner of the web app's tables.\n");
}

int CaptureCommands::run(const QStringList &arguments)
{
    return Subcommands::run(m_context.out(), QStringLiteral("capture"), arguments,
                            {{QStringLiteral("install"), [this](const QStringList &a) { return install(a); }},
                             {QStringLiteral("remove"), [this](const QStringList &a) { return remove(a); }},
                             {QStringLiteral("status"), [this](const QStringList &a) { return status(a); }}},
                            usage());
}

std::optional<int> CaptureCommands::refuseSqlite()
{
    const auto spec = m_context.spec();
    if (!spec)
        return m_context.out().fail(spec.error());
    if (spec->backend != ConnectionSpec::Backend::Postgres)
        return m_context.out().fail(
            Error::input(tr("capture needs a PostgreSQL database: an SQLite ledger is a file only XP Admin writes, "
                            "so there is nothing outside it to capture")));
    return std::nullopt;
}

int CaptureCommands::install(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("capture install"), QStringLiteral("[--print-sql]"),
                         tr("Starts capturing changes made outside XP Admin to \"UserXP\" and \"UserProfile\" "
                            "(PostgreSQL; run as the owner of the web app's tables)."));
    parser.addOption(QStringLiteral("print-sql"), QString(),
                     tr("Print the statements instead of running them, for a database administrator."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    if (parser.isSet(QStringLiteral("print-sql"))) {
        const auto spec = m_context.spec();
        const TableNames tables(ConnectionSpec::Backend::Postgres, spec ? spec->appSchema : QString());
        const Dialect dialect(ConnectionSpec::Backend::Postgres, spec ? spec->appSchema : QString());
        out.write(CaptureInstaller::installStatements(tables).join(QStringLiteral(";\n\n"))
                  + QStringLiteral(";\n\n-- %1\nBEGIN;\n\n")
                        .arg(tr("Then, in a transaction of its own, the charts' rollups built from the rows:"))
                  + LoggedRollups::buildStatements(dialect).join(QStringLiteral(";\n\n"))
                  + QStringLiteral(";\n\nCOMMIT;\n"));
        return ExitCode::Ok;
    }
    if (const auto refused = refuseSqlite())
        return *refused;
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    if (!out.json())
        out.note(tr("Installing capture, then building the charts' rollups from every transaction (a few minutes "
                    "for ten million; the web app's writes are not held up meanwhile)..."));
    bool rollupsOnly = false;
    bool pagesGivenBack = false;
    if (const Status s = CaptureInstaller(**db).install(&rollupsOnly, &pagesGivenBack); !s)
        return out.fail(s.error());
    if (out.json()) {
        out.printJson(QJsonObject{
            {QStringLiteral("installed"), true},
            {QStringLiteral("rollupsOnly"), rollupsOnly},
            {QStringLiteral("pagesGivenBack"), pagesGivenBack},
            {QStringLiteral("tables"), QJsonArray{QStringLiteral("UserXP"), QStringLiteral("UserProfile")}}});
        return ExitCode::Ok;
    }
    if (rollupsOnly)
        out.print(tr("Capture was installed on %1 already, by an XP Admin that kept no rollups for the charts or "
                     "kept them without the index and the gains the top users read: they are built now, and the "
                     "charts of everyone read them.")
                      .arg((*db)->spec().displayName()));
    if (pagesGivenBack)
        out.print(tr("Capture was installed on %1 already, by an XP Admin whose table of records kept the pages a "
                     "seal empties: from now on vacuum gives them back, so that a burst of the web app's writes no "
                     "longer slows every later seal (to give back the pages kept so far at once, the table's owner "
                     "can run VACUUM FULL xpadmin.captured_change).")
                      .arg((*db)->spec().displayName()));
    if (!rollupsOnly && !pagesGivenBack)
        out.print(tr("Capture installed on %1: changes made outside XP Admin to \"UserXP\" and \"UserProfile\" are "
                     "recorded from now on and sealed into the audit log with XP Admin's next write; the charts of "
                     "everyone read rollups kept from the audit log.")
                      .arg((*db)->spec().displayName()));
    return ExitCode::Ok;
}

int CaptureCommands::remove(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("capture remove"), QString(),
                         tr("Seals the changes waiting, then removes capture's triggers, function and table."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    if (const auto refused = refuseSqlite())
        return *refused;
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    if (const Status s = CaptureInstaller(**db).remove(); !s)
        return out.fail(s.error());
    if (out.json())
        out.printJson(QJsonObject{{QStringLiteral("installed"), false}});
    else
        out.print(tr("Capture removed from %1: what it recorded is sealed in the audit log; nothing else of it is "
                     "left.")
                      .arg((*db)->spec().displayName()));
    return ExitCode::Ok;
}

int CaptureCommands::status(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("capture status"), QString(),
                         tr("Whether capture is installed, since when, and how many changes wait to be sealed."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    if (const auto refused = refuseSqlite())
        return *refused;
    auto db = m_context.open(CliContext::Access::Read);
    if (!db)
        return out.fail(db.error());
    const auto status = CaptureInstaller(**db).status();
    if (!status)
        return out.fail(status.error());
    if (out.json()) {
        out.printJson(QJsonObject{
            {QStringLiteral("installed"), status->installed},
            {QStringLiteral("since"),
             status->since.isValid() ? QJsonValue(Timestamp::toIso(status->since)) : QJsonValue()},
            {QStringLiteral("installedBy"),
             status->installedBy.isEmpty() ? QJsonValue() : QJsonValue(status->installedBy)},
            {QStringLiteral("tables"), QJsonArray::fromStringList(status->tables)},
            {QStringLiteral("pending"), status->pending ? QJsonValue(*status->pending) : QJsonValue()},
            {QStringLiteral("maySeal"), status->maySeal},
            {QStringLiteral("rollupsBuilt"),
             status->rollupsBuilt.isValid() ? QJsonValue(Timestamp::toIso(status->rollupsBuilt)) : QJsonValue()},
            {QStringLiteral("rollupsBehind"), status->rollupsBehind},
            {QStringLiteral("rollupsComplete"), status->rollupsComplete},
            {QStringLiteral("keepsEmptyPages"), status->keepsEmptyPages}});
        return ExitCode::Ok;
    }
    QList<QStringList> rows;
    if (!status->installed) {
        rows << QStringList{tr("Capture:"), tr("not installed (xpadmin-cli capture install, as the tables' owner)")};
    } else {
        rows << QStringList{
            tr("Capture:"),
            status->since.isValid()
                ? tr("installed since %1 by %2").arg(Timestamp::toIso(status->since), status->installedBy)
                : tr("installed")};
        rows << QStringList{tr("Tables:"),
                            status->tables.isEmpty() ? tr("none: the triggers are missing")
                                                     : status->tables.join(QStringLiteral(", "))};
        rows << QStringList{tr("Waiting to be sealed:"),
                            status->pending ? tr("%n change(s)", nullptr, int(*status->pending))
                                            : tr("unknown: this role may not read them")};
        rows << QStringList{tr("This role:"),
                            status->maySeal ? tr("seals them with its writes and verify") : tr("may not seal them")};
        rows << QStringList{tr("Charts' rollups:"),
                            status->rollupsBuilt.isValid()
                                ? tr("built %1; %n event(s) of the log not folded in yet (a chart adds them)", nullptr,
                                     int(std::min<qint64>(status->rollupsBehind, std::numeric_limits<int>::max())))
                                      .arg(Timestamp::toIso(status->rollupsBuilt))
                                : tr("not built: the charts sum the rows")};
        if (status->rollupsBuilt.isValid() && !status->rollupsComplete)
            rows << QStringList{QString(),
                                tr("built by an earlier XP Admin, without the index and the gains the top "
                                   "users of a range read: run xpadmin-cli capture install again")};
        if (status->keepsEmptyPages)
            rows << QStringList{tr("Records' table:"),
                                tr("keeps the pages a seal empties, and every seal reads them (installed by an "
                                   "earlier XP Admin): run xpadmin-cli capture install again")};
    }
    out.write(CliFormat::table(rows, {false, false}));
    return ExitCode::Ok;
}
