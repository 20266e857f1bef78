#include "core/db/Schema.h"

#include "core/db/AdvisoryLocks.h"
#include "core/db/Database.h"
#include "core/db/LedgerDdl.h"
#include "core/db/OwnTableGrants.h"
#include "core/db/RollupDdl.h"
#include "core/domain/Timestamp.h"

#include <QCoreApplication>
#include <QDir>

namespace {

const QStringList &ledgerTables()
{
    static const QStringList names{QStringLiteral("User"), QStringLiteral("UserProfile"), QStringLiteral("UserXP")};
    return names;
}

// Which of the named relations (tables or indexes) exist.
Result<QStringList> existing(Database &db, const QStringList &names, bool own)
{
    QStringList found;
    for (const QString &name : names) {
        auto rows = db.dialect().isPostgres()
            ? db.run(QStringLiteral("SELECT to_regclass(:name) IS NOT NULL"),
                     {{QStringLiteral(":name"),
                       own ? QStringLiteral("xpadmin.") + name : db.dialect().tables().qualified(name)}})
            : db.run(QStringLiteral("SELECT count(*) > 0 FROM sqlite_master WHERE name = :name"),
                     {{QStringLiteral(":name"), own ? QStringLiteral("xpadmin_") + name : name}});
        if (!rows)
            return rows.error();
        if (rows->next() && rows->value(0).toBool())
            found << name;
    }
    return found;
}

// Tables and views of other applications: neither the ledger's nor XP Admin's own.
Result<QStringList> otherTables(Database &db)
{
    auto rows = db.dialect().isPostgres()
        ? db.run(QStringLiteral(
                     "SELECT CASE WHEN n.nspname = 'public' THEN c.relname::text ELSE n.nspname || '.' || c.relname "
                     "END FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', "
                     "'information_schema', 'xpadmin') AND n.nspname NOT LIKE 'pg\\_%' ESCAPE '\\' "
                     "AND NOT (n.nspname = :schema AND c.relname IN ('User', 'UserProfile', 'UserXP')) ORDER BY 1"),
                 {{QStringLiteral(":schema"), db.dialect().tables().schema()}})
        : db.run(QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                                "AND name NOT LIKE 'xpadmin\\_%' ESCAPE '\\' "
                                "AND name NOT IN ('User', 'UserProfile', 'UserXP') ORDER BY 1"));
    if (!rows)
        return rows.error();
    QStringList names;
    while (rows->next())
        names << rows->text(0);
    return names;
}

// XP Admin's own tables, one list of statements per version step.
QStringList ownTablesVersion1(const Dialect &d)
{
    const bool pg = d.isPostgres();
    const QString timestamp = pg ? QStringLiteral("TIMESTAMP(3)") : QStringLiteral("TEXT");
    const QString bigint = pg ? QStringLiteral("BIGINT") : QStringLiteral("INTEGER");
    const QString indexPrefix = pg ? QString() : QStringLiteral("xpadmin_");
    QStringList statements;
    if (pg)
        statements << QStringLiteral("CREATE SCHEMA IF NOT EXISTS xpadmin");
    statements << QStringLiteral("CREATE TABLE %1 (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                      .arg(d.ownTable(QStringLiteral("meta")))
               << QStringLiteral(R"(CREATE TABLE %1 (
    seq %2 PRIMARY KEY,
    at %3 NOT NULL,
    actor TEXT NOT NULL,
    operator TEXT NOT NULL,
    action TEXT NOT NULL,
    operation_id TEXT NOT NULL,
    user_id TEXT,
    xp_id TEXT,
    amount %2,
    reason TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
))")
                      .arg(d.ownTable(QStringLiteral("audit_event")), bigint, timestamp)
               << QStringLiteral("CREATE INDEX %1audit_event_user_idx ON %2 (user_id, seq)")
                      .arg(indexPrefix, d.ownTable(QStringLiteral("audit_event")))
               << QStringLiteral("CREATE INDEX %1audit_event_xp_idx ON %2 (xp_id, seq)")
                      .arg(indexPrefix, d.ownTable(QStringLiteral("audit_event")))
               << QStringLiteral("CREATE INDEX %1audit_event_operation_idx ON %2 (operation_id)")
                      .arg(indexPrefix, d.ownTable(QStringLiteral("audit_event")));
    return statements;
}

Status runAll(Database &db, const QStringList &statements)
{
    for (const QString &sql : statements) {
        if (const Status status = db.execute(sql); !status)
            return status;
    }
    return {};
}

Status setMeta(Database &db, const QString &key, const QString &value)
{
    const QString table = db.dialect().ownTable(QStringLiteral("meta"));
    auto rows = db.run(QStringLiteral("INSERT INTO %1 (key, value) VALUES (:key, :value) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                           .arg(table),
                       {{QStringLiteral(":key"), key}, {QStringLiteral(":value"), value}});
    if (!rows)
        return rows.error();
    return {};
}

} // namespace

Result<Schema::State> Schema::inspect(Database &db)
{
    State state;
    auto tables = existing(db, ledgerTables(), false);
    if (!tables)
        return tables.error();
    if (!tables->isEmpty() && tables->size() != ledgerTables().size())
        return Error::database(tr("The database has some of the ledger's tables (%1) but not all of %2: it is not "
                                  "a database XP Admin can work on")
                                   .arg(tables->join(QStringLiteral(", ")), ledgerTables().join(QStringLiteral(", "))));
    state.ledgerExists = !tables->isEmpty();
    auto others = otherTables(db);
    if (!others)
        return others.error();
    state.otherTables = *others;

    auto own = existing(db, {QStringLiteral("meta")}, true);
    if (!own)
        return own.error();
    if (!own->isEmpty()) {
        auto rows
            = db.run(QStringLiteral("SELECT key, value FROM %1").arg(db.dialect().ownTable(QStringLiteral("meta"))));
        if (!rows)
            return rows.error();
        while (rows->next()) {
            if (rows->text(0) == QLatin1String("schema_version"))
                state.version = rows->text(1).toInt();
            else if (rows->text(0) == QLatin1String("owns_ledger"))
                state.ownsLedger = rows->text(1) == QLatin1String("1");
        }
    }
    if (state.ledgerExists) {
        const QStringList indexNames = LedgerDdl::workIndexNames();
        auto indexes = existing(db, indexNames, false);
        if (!indexes)
            return indexes.error();
        for (const QString &name : indexNames) {
            if (!indexes->contains(name))
                state.missingIndexes << name;
        }
    }
    return state;
}

Status Schema::requireReady(Database &db)
{
    auto state = inspect(db);
    if (!state)
        return state.error();
    if (!state->ledgerExists)
        return Error::input(noLedgerMessage(db.spec()));
    if (state->version == 0)
        return Error::input(tr("%1 (the database has the web app's tables, but not XP Admin's audit log; init adds "
                               "it and leaves those tables as they are)")
                                .arg(noLedgerMessage(db.spec())));
    if (state->version > CurrentVersion)
        return Error::database(tr("The database was set up by a newer XP Admin (schema version %1; this one knows "
                                  "%2): update XP Admin")
                                   .arg(state->version)
                                   .arg(CurrentVersion));
    db.noteOlderSchema(state->version < CurrentVersion ? state->version : 0);
    return {};
}

QString Schema::noLedgerMessage(const ConnectionSpec &spec)
{
    return tr("no ledger at %1; create one with `xpadmin-cli init`")
        .arg(spec.backend == ConnectionSpec::Backend::Sqlite ? QDir::toNativeSeparators(spec.path)
                                                             : spec.displayName());
}

QString Schema::describeTables(const QStringList &tables)
{
    constexpr qsizetype Shown = 5;
    const QString first = tables.mid(0, Shown).join(QStringLiteral(", "));
    if (tables.size() <= Shown)
        return first;
    return QCoreApplication::translate("Schema", "%1 and %n more", nullptr, static_cast<int>(tables.size() - Shown))
        .arg(first);
}

Result<Schema::State> Schema::ensure(Database &db)
{
    auto before = inspect(db);
    if (!before)
        return before.error();
    // Current, unless a ledger XP Admin made lacks a work index (one dropped, or added later).
    if (before->ledgerExists && before->version == CurrentVersion
        && (before->missingIndexes.isEmpty() || !before->ownsLedger))
        return before;
    if (before->version > CurrentVersion)
        return Error::database(tr("The database was set up by a newer XP Admin (schema version %1; this one knows "
                                  "%2): update XP Admin")
                                   .arg(before->version)
                                   .arg(CurrentVersion));
    if (const Status writable = db.requireWritable(); !writable)
        return writable.error();
    const Status status = db.writeTransaction([&db]() -> Status {
        if (db.dialect().isPostgres()) {
            // Two XP Admins starting on one new database: the second waits, then finds it done.
            auto lock = db.run(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(AdvisoryLocks::Schema));
            if (!lock)
                return lock.error();
        }
        return create(db);
    });
    if (!status)
        return status.error();
    if (const Status wal = db.useWriteAheadLog(); !wal)
        return wal.error();
    return inspect(db);
}

Status Schema::create(Database &db)
{
    auto state = inspect(db);
    if (!state)
        return state.error();
    if (!state->ledgerExists) {
        const Dialect &d = db.dialect();
        const QStringList ddl = d.isPostgres() ? LedgerDdl::postgres(d.tables().quotedSchema()) : LedgerDdl::sqlite();
        if (const Status status = runAll(db, ddl); !status)
            return status;
        if (const Status status = runAll(db, LedgerDdl::workIndexes()); !status)
            return status;
    }
    if (const Status status = migrateOwnTables(db, state->version); !status)
        return status;
    if (state->ledgerExists && state->ownsLedger && !state->missingIndexes.isEmpty()) {
        // A ledger XP Admin created gets the work indexes a newer version added.
        const QStringList names = LedgerDdl::workIndexNames();
        QStringList missing;
        for (const QString &name : std::as_const(state->missingIndexes))
            missing << LedgerDdl::workIndexes().at(names.indexOf(name));
        if (const Status status = runAll(db, missing); !status)
            return status;
        // Indexes a newer one covers go, so that every write keeps one index fewer up to date.
        QStringList drops;
        for (const QString &name : LedgerDdl::supersededIndexNames())
            drops << QStringLiteral("DROP INDEX IF EXISTS %1").arg(db.dialect().tables().qualified(name));
        if (const Status status = runAll(db, drops); !status)
            return status;
    }
    if (!state->ledgerExists) {
        if (const Status status = setMeta(db, QStringLiteral("owns_ledger"), QStringLiteral("1")); !status)
            return status;
    }
    if (state->version == 0) {
        if (const Status status = setMeta(db, QStringLiteral("created_at"), Timestamp::toIso(Timestamp::now()));
            !status)
            return status;
    }
    return setMeta(db, QStringLiteral("schema_version"), QString::number(CurrentVersion));
}

Status Schema::migrateOwnTables(Database &db, int fromVersion)
{
    if (fromVersion < 1) {
        if (const Status status = runAll(db, ownTablesVersion1(db.dialect())); !status)
            return status;
    }
    if (fromVersion < 2) {
        // Auditors filter by action and by date; without these a rare action scans the log.
        const Dialect &d = db.dialect();
        const QString prefix = d.isPostgres() ? QString() : QStringLiteral("xpadmin_");
        const QString table = d.ownTable(QStringLiteral("audit_event"));
        const QStringList statements{
            QStringLiteral("CREATE INDEX %1audit_event_action_idx ON %2 (action, seq)").arg(prefix, table),
            QStringLiteral("CREATE INDEX %1audit_event_at_idx ON %2 (at)").arg(prefix, table)};
        if (const Status status = runAll(db, statements); !status)
            return status;
    }
    if (fromVersion < 3) {
        // Import batches: a file's SHA-256 is recorded once, so the same file is never applied twice.
        const Dialect &d = db.dialect();
        const bool pg = d.isPostgres();
        const QString statement = QStringLiteral(R"(CREATE TABLE %1 (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT UNIQUE,
    rows_written %2 NOT NULL,
    users %2 NOT NULL,
    total_before %2 NOT NULL,
    total_after %2 NOT NULL,
    actor TEXT NOT NULL,
    operator TEXT NOT NULL,
    at %3 NOT NULL
))")
                                      .arg(d.ownTable(QStringLiteral("import_batch")),
                                           pg ? QStringLiteral("BIGINT") : QStringLiteral("INTEGER"),
                                           pg ? QStringLiteral("TIMESTAMP(3)") : QStringLiteral("TEXT"));
        if (const Status status = runAll(db, {statement}); !status)
            return status;
    }
    if (fromVersion < 4) {
        // Maker-checker: adjustments above the approval threshold wait here for a second person.
        const Dialect &d = db.dialect();
        const bool pg = d.isPostgres();
        const QString table = d.ownTable(QStringLiteral("pending_adjustment"));
        const QString timestamp = pg ? QStringLiteral("TIMESTAMP(3)") : QStringLiteral("TEXT");
        const QStringList statements{
            QStringLiteral(R"(CREATE TABLE IF NOT EXISTS %1 (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    amount %2 NOT NULL,
    source_type TEXT NOT NULL,
    source_id TEXT NOT NULL,
    category TEXT NOT NULL,
    description TEXT NOT NULL,
    reason TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_operator TEXT NOT NULL,
    requested_at %3 NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_by TEXT,
    decided_operator TEXT,
    decided_at %3,
    decision_reason TEXT,
    xp_id TEXT,
    CHECK ((state = 'pending') = (decided_at IS NULL))
))")
                .arg(table, pg ? QStringLiteral("BIGINT") : QStringLiteral("INTEGER"), timestamp),
            QStringLiteral("CREATE INDEX IF NOT EXISTS %1pending_adjustment_state_idx ON %2 (state, requested_at)")
                .arg(pg ? QString() : QStringLiteral("xpadmin_"), table)};
        if (const Status status = runAll(db, statements); !status)
            return status;
    }
    if (fromVersion < 5) {
        // Reason codes and ticket links (core/reasons): the codes an admin keeps (never deleted,
        // retired instead), the ticket link pattern, and each manual change's code and ticket by
        // its "UserXP" id (no foreign key to it: they stay when the row is rolled back, for a
        // restore). Pending adjustments carry them until they are decided. Safe to run again.
        const Dialect &d = db.dialect();
        const bool pg = d.isPostgres();
        const QString codes = d.ownTable(QStringLiteral("reason_code"));
        const QString pending = d.ownTable(QStringLiteral("pending_adjustment"));
        QStringList statements{
            QStringLiteral(R"(CREATE TABLE IF NOT EXISTS %1 (
    code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 32),
    label TEXT NOT NULL,
    ticket_required INTEGER NOT NULL DEFAULT 0 CHECK (ticket_required IN (0, 1)),
    created_at %2 NOT NULL,
    created_by TEXT NOT NULL,
    retired_at %2
))")
                .arg(codes, pg ? QStringLiteral("TIMESTAMP(3)") : QStringLiteral("TEXT")),
            QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                .arg(d.ownTable(QStringLiteral("reason_setting"))),
            QStringLiteral(R"(CREATE TABLE IF NOT EXISTS %1 (
    xp_id TEXT PRIMARY KEY,
    reason_code TEXT REFERENCES %2 (code),
    ticket TEXT,
    CHECK (reason_code IS NOT NULL OR ticket IS NOT NULL)
))")
                .arg(d.ownTable(QStringLiteral("xp_reason")), codes),
            QStringLiteral("CREATE INDEX IF NOT EXISTS %1xp_reason_code_idx ON %2 (reason_code)")
                .arg(pg ? QString() : QStringLiteral("xpadmin_"), d.ownTable(QStringLiteral("xp_reason")))};
        for (const QString &column : {QStringLiteral("reason_code"), QStringLiteral("ticket")}) {
            // SQLite has no ADD COLUMN IF NOT EXISTS.
            auto present = db.run(
                pg ? QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'xpadmin' "
                                    "AND table_name = 'pending_adjustment' AND column_name = :column")
                   : QStringLiteral("SELECT count(*) FROM pragma_table_info('xpadmin_pending_adjustment') WHERE "
                                    "name = :column"),
                {{QStringLiteral(":column"), column}});
            if (!present)
                return present.error();
            if (!present->next() || present->integer(0) == 0)
                statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 TEXT").arg(pending, column);
        }
        if (const Status status = runAll(db, statements); !status)
            return status;
    }
    if (fromVersion < 6) {
        // Closed periods (core/periods): each close or reopen, and every user's total at its boundary.
        const Dialect &d = db.dialect();
        const bool pg = d.isPostgres();
        const QString bigint = pg ? QStringLiteral("BIGINT") : QStringLiteral("INTEGER");
        QStringList statements{
            QStringLiteral(R"(CREATE TABLE IF NOT EXISTS %1 (
    id %2 PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('close', 'reopen')),
    until_day TEXT NOT NULL,
    boundary %3 NOT NULL,
    actor TEXT NOT NULL,
    operator TEXT NOT NULL,
    at %3 NOT NULL,
    reason TEXT NOT NULL,
    users %2 NOT NULL,
    total_sum %2 NOT NULL,
    digest TEXT NOT NULL,
    audit_seq %2 NOT NULL
))")
                .arg(d.ownTable(QStringLiteral("period")), bigint,
                     pg ? QStringLiteral("TIMESTAMP(3)") : QStringLiteral("TEXT")),
            // Byte order of the ids on both backends, so the digest's sorted list needs no sort.
            QStringLiteral(
                "CREATE TABLE IF NOT EXISTS %1 (period_id %2 NOT NULL, user_id TEXT%3 NOT NULL, total %2 NOT NULL, "
                "PRIMARY KEY (period_id, user_id))")
                .arg(d.ownTable(QStringLiteral("period_total")), bigint,
                     pg ? QStringLiteral(" COLLATE \"C\"") : QString())};
        if (const Status status = runAll(db, statements); !status)
            return status;
    }
    if (fromVersion < 7) {
        // Limits (core/limits): how much one person may move per adjustment and per day, by role or
        // by person; a request held for approval records which rule held it.
        const Dialect &d = db.dialect();
        const bool pg = d.isPostgres();
        const QString bigint = pg ? QStringLiteral("BIGINT") : QStringLiteral("INTEGER");
        const QString pending = d.ownTable(QStringLiteral("pending_adjustment"));
        const QStringList statements{
            QStringLiteral(R"(CREATE TABLE IF NOT EXISTS %1 (
    scope TEXT NOT NULL CHECK (scope IN ('role', 'person')),
    subject TEXT NOT NULL,
    per_change %2 CHECK (per_change >= 0),
    per_day %2 CHECK (per_day >= 0),
    set_by TEXT NOT NULL,
    set_operator TEXT NOT NULL,
    set_at %3 NOT NULL,
    PRIMARY KEY (scope, subject)
))")
                .arg(d.ownTable(QStringLiteral("adjust_limit")), bigint,
                     pg ? QStringLiteral("TIMESTAMP(3)") : QStringLiteral("TEXT")),
            // The day's count leaves out the adjustments that approvals applied (they are the maker's).
            QStringLiteral("CREATE INDEX IF NOT EXISTS %1pending_adjustment_xp_idx ON %2 (xp_id)")
                .arg(pg ? QString() : QStringLiteral("xpadmin_"), pending),
            QStringLiteral("CREATE INDEX IF NOT EXISTS %1pending_adjustment_requested_idx ON %2 (requested_at)")
                .arg(pg ? QString() : QStringLiteral("xpadmin_"), pending)};
        if (const Status status = runAll(db, statements); !status)
            return status;
        // Why a request waits; those held before this step were held by the threshold.
        auto column = pg ? db.run(QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                                                 "'xpadmin' AND table_name = 'pending_adjustment' AND column_name = "
                                                 "'held_for'"))
                         : db.run(QStringLiteral("SELECT count(*) FROM pragma_table_info('xpadmin_pending_adjustment') "
                                                 "WHERE name = 'held_for'"));
        if (!column)
            return column.error();
        if (!column->next() || column->integer(0) == 0) {
            const Status added
                = db.execute(QStringLiteral("ALTER TABLE %1 ADD COLUMN held_for TEXT NOT NULL DEFAULT 'threshold' "
                                            "CHECK (held_for IN ('threshold', 'limit-per-change', 'limit-per-day'))")
                                 .arg(pending));
            if (!added)
                return added;
        }
    }
    // Later versions add their steps here, each guarded by `fromVersion < N`; 8: the charts'
    // rollups; 9: the monthly rollup.
    if (const Status status = fromVersion < 9 ? RollupDdl::migrate(db, fromVersion) : Status(); !status)
        return status;
    // Roles installed before these steps: the new tables' grants at once (OwnTableGrants).
    if (db.dialect().isPostgres())
        return runAll(db, OwnTableGrants::statements(fromVersion));
    return {};
}
