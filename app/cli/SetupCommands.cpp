#include "app/cli/SetupCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "core/db/Database.h"
#include "core/db/LedgerDdl.h"
#include "core/db/PoolerCheck.h"
#include "core/db/Schema.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

QString backendName(const ConnectionSpec &spec)
{
    return spec.backend == ConnectionSpec::Backend::Postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

// The Prisma @@index lines for the missing work indexes.
QStringList prismaLinesFor(const QStringList &missingIndexes)
{
    QStringList lines;
    for (const QString &name : missingIndexes)
        lines << LedgerDdl::prismaIndexLine(name);
    return lines;
}

QJsonArray toJson(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

int SetupCommands::init(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("init"), QString(),
                         tr("Creates the XP ledger in the database, or migrates XP Admin's own tables forward, and "
                            "says what it found. The tables of a database XP Admin did not create (Prisma's) are "
                            "never changed."));
    parser.addOption(QStringLiteral("into-existing"), QString(),
                     tr("Also add the ledger to a database that holds another application's tables (init names "
                        "them and refuses without this)."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;

    m_context.setIntoExisting(parser.isSet(QStringLiteral("into-existing")));
    auto db = m_context.open(CliContext::Access::Create);
    if (!db)
        return out.fail(db.error());
    Database &database = **db;
    const auto before = Schema::inspect(database);
    if (!before)
        return out.fail(before.error());
    const auto after = Schema::ensure(database);
    if (!after)
        return out.fail(after.error());

    const bool created = !before->ledgerExists;
    if (out.json()) {
        out.printJson(QJsonObject{{QStringLiteral("database"), database.spec().displayName()},
                                  {QStringLiteral("backend"), backendName(database.spec())},
                                  {QStringLiteral("serverVersion"), database.serverVersion()},
                                  {QStringLiteral("ledgerCreated"), created},
                                  {QStringLiteral("ownsLedger"), after->ownsLedger},
                                  {QStringLiteral("schemaVersion"), after->version},
                                  {QStringLiteral("previousSchemaVersion"), before->version},
                                  {QStringLiteral("missingIndexes"), toJson(after->missingIndexes)}});
        return ExitCode::Ok;
    }
    QList<QStringList> rows;
    rows << QStringList{tr("Database:"), database.spec().displayName()};
    rows << QStringList{tr("Server:"), database.serverVersion()};
    rows << QStringList{tr("Ledger tables:"),
                        created                 ? tr("created now")
                            : after->ownsLedger ? tr("present, created by XP Admin")
                                                : tr("present, created by another application (Prisma): XP Admin "
                                                     "leaves them as they are")};
    rows << QStringList{tr("Schema version:"),
                        before->version == after->version ? tr("%1 (up to date)").arg(after->version)
                            : before->version == 0
                            ? tr("%1 (XP Admin's own tables created now)").arg(after->version)
                            : tr("%1 (migrated from %2)").arg(after->version).arg(before->version)};
    rows << QStringList{tr("Work indexes:"),
                        after->missingIndexes.isEmpty() ? tr("all present")
                                                        : tr("missing %1 (xpadmin-cli doctor tells how to add them)")
                                                              .arg(after->missingIndexes.join(QStringLiteral(", ")))};
    out.write(CliFormat::table(rows, {false, false}));
    return ExitCode::Ok;
}

int SetupCommands::doctor(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(
        QStringLiteral("doctor"), QString(),
        tr("Checks the installation and the database without changing anything: drivers, "
           "connection, server version, schema version, who created the ledger, and the indexes "
           "the work needs. Exit status 1 when something needs attention, 2 when there is no ledger."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;

    QList<QStringList> rows;
    QStringList problems;
    QJsonObject json;
    rows << QStringList{
        tr("XP Admin:"),
        QStringLiteral("xpadmin-cli %1 (Qt %2)").arg(QStringLiteral(XPADMIN_VERSION), QString::fromLatin1(qVersion()))};
    const QStringList drivers = Database::availableDrivers();
    rows << QStringList{tr("Qt SQL drivers:"),
                        drivers.isEmpty() ? tr("none found") : drivers.join(QStringLiteral(", "))};
    json.insert(QStringLiteral("drivers"), toJson(drivers));

    const auto spec = m_context.spec();
    if (!spec)
        return out.fail(spec.error());
    rows << QStringList{tr("Database:"), spec->displayName()};
    json.insert(QStringLiteral("database"), spec->displayName());
    json.insert(QStringLiteral("backend"), backendName(*spec));

    QStringList advice;
    const auto finish = [&]() {
        json.insert(QStringLiteral("problems"), toJson(problems));
        json.insert(QStringLiteral("ok"), problems.isEmpty());
        if (out.json()) {
            out.printJson(json);
            return;
        }
        rows << QStringList{tr("Result:"), problems.isEmpty() ? tr("OK") : tr("needs attention")};
        out.write(CliFormat::table(rows, {false, false}));
        for (const QString &problem : std::as_const(problems))
            out.print(QStringLiteral("  - ") + CliOutput::oneLine(problem));
        for (const QString &line : std::as_const(advice))
            out.print(QStringLiteral("      ") + line);
    };
    // The database cannot be looked at: report what is known, then fail as any command would.
    const auto failed = [&](const Error &error) {
        problems << error.message;
        finish();
        return out.fail(error);
    };

    auto db = m_context.open(CliContext::Access::Inspect);
    if (!db) {
        rows << QStringList{tr("Connection:"), tr("failed")};
        json.insert(QStringLiteral("connected"), false);
        return failed(db.error());
    }
    Database &database = **db;
    rows << QStringList{tr("Connection:"), tr("OK, as %1").arg(database.actor())};
    rows << QStringList{tr("Server:"), database.serverVersion()};
    if (const QString pooler = PoolerCheck::limits(database); !pooler.isEmpty())
        rows << QStringList{tr("Pooler:"), pooler};
    else if (const QString hint = PoolerCheck::hint(database); !hint.isEmpty())
        advice << hint;
    json.insert(QStringLiteral("pooler"), database.spec().pooler);
    if (!database.readOnlyReason().isEmpty())
        rows << QStringList{tr("Changes:"), tr("not possible here: %1").arg(database.readOnlyReason())};
    json.insert(QStringLiteral("readOnly"), !database.readOnlyReason().isEmpty());
    json.insert(QStringLiteral("connected"), true);
    json.insert(QStringLiteral("actor"), database.actor());
    json.insert(QStringLiteral("serverVersion"), database.serverVersion());

    const auto state = Schema::inspect(database);
    if (!state)
        return failed(state.error());
    json.insert(QStringLiteral("ledgerExists"), state->ledgerExists);
    json.insert(QStringLiteral("ownsLedger"), state->ownsLedger);
    json.insert(QStringLiteral("schemaVersion"), state->version);
    json.insert(QStringLiteral("missingIndexes"), toJson(state->missingIndexes));

    if (!state->ledgerExists) {
        rows << QStringList{tr("Ledger tables:"), tr("missing")};
        if (!state->otherTables.isEmpty())
            rows << QStringList{tr("Other tables:"), Schema::describeTables(state->otherTables)};
        json.insert(QStringLiteral("otherTables"), toJson(state->otherTables));
        return failed(Error::input(Schema::noLedgerMessage(database.spec())));
    }
    rows << QStringList{tr("Ledger tables:"),
                        state->ownsLedger ? tr("present, created by XP Admin")
                                          : tr("present, created by another application (Prisma)")};
    if (state->version == 0) {
        rows << QStringList{tr("Schema version:"), tr("none: XP Admin's own tables are missing")};
        problems << tr("XP Admin's own tables (audit log) are missing: run xpadmin-cli init");
    } else if (state->version < Schema::CurrentVersion) {
        rows << QStringList{tr("Schema version:"),
                            tr("%1, older than %2").arg(state->version).arg(Schema::CurrentVersion)};
        problems << tr("XP Admin's own tables are at version %1: run xpadmin-cli init to migrate them to %2")
                        .arg(state->version)
                        .arg(Schema::CurrentVersion);
    } else if (state->version > Schema::CurrentVersion) {
        rows << QStringList{tr("Schema version:"),
                            tr("%1, newer than this XP Admin (%2)").arg(state->version).arg(Schema::CurrentVersion)};
        problems << tr("The database was set up by a newer XP Admin: update XP Admin");
    } else {
        rows << QStringList{tr("Schema version:"), tr("%1 (current)").arg(state->version)};
    }
    if (state->missingIndexes.isEmpty()) {
        rows << QStringList{tr("Work indexes:"), tr("all present")};
    } else {
        rows << QStringList{tr("Work indexes:"),
                            tr("missing %1").arg(state->missingIndexes.join(QStringLiteral(", ")))};
        const QStringList lines = prismaLinesFor(state->missingIndexes);
        json.insert(QStringLiteral("prismaIndexLines"), toJson(lines));
        if (state->ownsLedger) {
            problems << tr("Indexes the ledger's queries need are missing: %1")
                            .arg(state->missingIndexes.join(QStringLiteral(", ")));
        } else {
            problems << tr("Indexes the ledger's queries need are missing. Add these lines to model UserXP in "
                           "schema.prisma, then run prisma migrate:");
            advice = lines;
        }
    }
    finish();
    return problems.isEmpty() ? ExitCode::Ok : ExitCode::Problems;
}
